import CCmark

/// The content of a table cell or caption, parsed by cmark on its own: inline
/// Markdown (emphasis, code, links) when the text is one plain paragraph, the
/// text as it is otherwise, so that a cell reading `1. First` or `# 3` is not
/// turned into a list or a heading. Raw HTML is shown as text: a table holds data.
enum CellContent {
    struct Link {
        var node: CmarkNode
        /// 1-based line and column (in Unicode scalars) within the cell's text.
        var line: Int
        var column: Int
    }

    /// Appends the cell's content to `destination` and returns its plain text and
    /// its links (now in the destination's tree).
    static func fill(_ destination: CmarkNode, with text: String, options: Int32) -> (plainText: String, links: [Link]) {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return ("", []) }
        let root = CmarkNode(FootnoteParser.parseCmark(Array(trimmed.utf8), options: options))
        defer { root.remove() }
        guard let paragraph = root.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH, paragraph.next == nil else {
            if let node = CmarkNode.text(trimmed) { destination.append(node) }
            return (trimmed, [])
        }
        let source = SourceText(trimmed)
        var links: [Link] = []
        var rawHTML: [CmarkNode] = []
        visit(paragraph) { node in
            switch node.type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                links.append(Link(
                    node: node, line: node.startLine,
                    column: source.scalarColumn(line: node.startLine, byteColumn: node.startColumn)))
            case CMARK_NODE_HTML_INLINE:
                rawHTML.append(node)
            default:
                break
            }
        }
        for html in rawHTML {
            if let text = CmarkNode.text(html.literal) { html.insertAfter(text) }
            html.remove()
        }
        let plainText = paragraph.plainText
        while let child = paragraph.firstChild {
            guard destination.append(child) else { break }
        }
        return (plainText, links)
    }

    private static func visit(_ root: CmarkNode, _ body: (CmarkNode) -> Void) {
        guard let iterator = cmark_iter_new(root.pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let pointer = cmark_iter_get_node(iterator) else { continue }
            body(CmarkNode(pointer))
        }
    }
}
