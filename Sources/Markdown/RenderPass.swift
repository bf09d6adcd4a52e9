import CCmark

/// One render of a document: collect what needs changing in a read-only walk,
/// then change it (cmark's iterator must not see nodes it has lost), then render.
struct RenderPass {
    let document: MarkdownDocument
    let hooks: MarkdownHooks
    private var headingNodes: [CmarkNode] = []
    private var linkNodes: [CmarkNode] = []
    private var fencedNodes: [CmarkNode] = []
    private var problems: [MarkdownProblem] = []
    /// Where links inside table cells were written: cmark only knows their place in the cell.
    private var linkPositions: [OpaquePointer: SourcePosition] = [:]

    init(document: MarkdownDocument, hooks: MarkdownHooks) {
        self.document = document
        self.hooks = hooks
    }

    mutating func run() -> RenderedDocument {
        // Footnotes and tables add nodes (notes, cells) that the later steps must
        // see: their links are rewritten and collected like any other.
        var footnotes = FootnotePass(setup: document.footnotes, root: document.rootNode)
        problems += document.footnotes.problems
        let tables = buildTables()
        collect()
        let links = rewriteLinks()
        replaceDirectives()
        // Headings take their ids first, so that a note or a table never changes
        // the id of a heading someone may link to.
        var registry = SlugRegistry(reserved: document.optionsReservedIDs)
        let headings = identifyHeadings(&registry)
        footnotes.assignIDs(&registry, heading: document.footnoteWording.heading, backLabel: document.footnoteWording.backLabel)
        for table in tables { table.assignID(&registry) }
        renderHeadings(headings)
        let html = document.rootNode.renderHTML(options: document.renderOptions)
        return RenderedDocument(
            html: html, headings: headings.map(\.heading), links: links,
            problems: problems.sorted { $0.position < $1.position })
    }

    private mutating func buildTables() -> [TableBlock] {
        guard document.tablesEnabled else { return [] }
        var blocks: [CmarkNode] = []
        guard let iterator = cmark_iter_new(document.rootNode.pointer) else { return [] }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let pointer = cmark_iter_get_node(iterator) else { continue }
            let node = CmarkNode(pointer)
            if node.type == CMARK_NODE_CODE_BLOCK, TableBlock.isTable(node.fenceInfo) { blocks.append(node) }
        }
        cmark_iter_free(iterator)
        var findings = TableBlock.Findings()
        let tables = blocks.compactMap { TableBlock.build(replacing: $0, in: document, findings: &findings) }
        problems += findings.problems
        linkPositions = findings.linkPositions
        return tables
    }

    private mutating func collect() {
        guard let iterator = cmark_iter_new(document.rootNode.pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let pointer = cmark_iter_get_node(iterator) else { continue }
            let node = CmarkNode(pointer)
            switch node.type {
            case CMARK_NODE_HEADING: headingNodes.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: linkNodes.append(node)
            // A table that could not be built stays a code block, and is not a directive.
            case CMARK_NODE_CODE_BLOCK where !node.fenceInfo.isEmpty && !(document.tablesEnabled && TableBlock.isTable(node.fenceInfo)):
                fencedNodes.append(node)
            default: break
            }
        }
    }

    private func rewriteLinks() -> [LinkReference] {
        linkNodes.map { node in
            let reference = LinkReference(
                kind: node.type == CMARK_NODE_IMAGE ? .image : .link,
                destination: node.url,
                text: node.plainText,
                position: linkPositions[node.pointer] ?? document.position(of: node))
            if let rewrite = hooks.rewriteDestination, let replacement = rewrite(reference) {
                cmark_node_set_url(node.pointer, replacement)
            }
            return reference
        }
    }

    private mutating func replaceDirectives() {
        guard let handler = hooks.directive else { return }
        for node in fencedNodes {
            let info = node.fenceInfo
            let position = document.position(of: node)
            let infoByteColumn = Self.infoByteColumn(in: document.sourceLine(node.startLine), fenceByteColumn: node.startColumn)
            let infoColumn = document.scalarColumn(line: node.startLine, byteColumn: infoByteColumn)
            let parsed = InfoStringParser.parse(info, line: position.line, column: infoColumn)
            let name: String
            let arguments: [FencedDirective.Argument]
            let status: Result<Void, InfoStringError>
            switch parsed {
            case .success(let (parsedName, parsedArguments)):
                (name, arguments, status) = (parsedName, parsedArguments, .success(()))
            case .failure(let error):
                name = String(info.prefix { !$0.isWhitespace })
                (arguments, status) = ([], .failure(error))
            }
            let directive = FencedDirective(
                name: name, arguments: arguments, body: node.literal,
                position: position, bodyFirstLine: position.line + 1)
            guard case .html(let html) = handler(directive, status) else { continue }
            replace(node, withHTML: html)
        }
    }

    /// Gives each heading a unique id.
    private func identifyHeadings(_ registry: inout SlugRegistry) -> [(heading: Heading, node: CmarkNode)] {
        headingNodes.map { node in
            let text = node.plainText
            let id = registry.unique(for: text)
            return (Heading(level: node.headingLevel, text: text, id: id, position: document.position(of: node)), node)
        }
    }

    /// Replaces each heading with a custom block holding cmark's own rendering of
    /// the heading, with the id added to its tag.
    private func renderHeadings(_ headings: [(heading: Heading, node: CmarkNode)]) {
        for (heading, node) in headings {
            var html = node.renderHTML(options: document.renderOptions)
            let openTag = "<h\(heading.level)>"
            if html.hasPrefix(openTag) {
                html = "<h\(heading.level) id=\"\(heading.id)\">" + html.dropFirst(openTag.count)
            }
            replace(node, withHTML: html)
        }
    }

    private func replace(_ node: CmarkNode, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, html)
        cmark_node_set_on_exit(block, "")
        // cmark refuses a replacement only for an unlinked node; then nothing
        // changed hands and the new block is ours to free.
        guard cmark_node_replace(node.pointer, block) != 0 else {
            cmark_node_free(block)
            return
        }
        cmark_node_free(node.pointer)
    }

    /// The byte column where a fence's info string starts: after the fence
    /// characters and any spaces. cmark gives the fence's own column.
    static func infoByteColumn(in line: ArraySlice<UInt8>, fenceByteColumn: Int) -> Int {
        var index = line.startIndex + max(0, fenceByteColumn - 1)
        guard index < line.endIndex else { return fenceByteColumn }
        while index < line.endIndex, line[index] == UInt8(ascii: " ") { index += 1 }
        guard index < line.endIndex else { return fenceByteColumn }
        let fence = line[index]
        while index < line.endIndex, line[index] == fence { index += 1 }
        while index < line.endIndex, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return index - line.startIndex + 1
    }
}
