import CCmark

/// A parsed CommonMark document. It owns cmark's tree and frees it when released;
/// no cmark pointer escapes this module.
public final class MarkdownDocument {
    private let root: OpaquePointer
    private let source: SourceText
    private let options: MarkdownOptions
    /// Added to cmark's line numbers so positions are lines of the whole file
    /// (front matter included).
    private let lineOffset: Int
    private var rendered: RenderedDocument?
    /// cmark's parse options, for text parsed on its own (table cells).
    let parseOptions: Int32
    /// The footnotes parsing found, for the render pass to carry out.
    let footnotes: FootnoteSetup

    /// Parses `text`. `firstLine` is the line of the file where `text` begins.
    public init(_ text: String, options: MarkdownOptions = MarkdownOptions(), firstLine: Int = 1) {
        self.source = SourceText(text)
        self.options = options
        self.lineOffset = firstLine - 1
        var parseOptions = CMARK_OPT_VALIDATE_UTF8
        if options.smartPunctuation { parseOptions |= CMARK_OPT_SMART }
        self.parseOptions = parseOptions
        (root, footnotes) = FootnoteParser.parse(source, options: parseOptions, lineOffset: lineOffset, footnotes: options.footnotes,
                                                 scopes: options.footnoteScopes)
    }

    deinit {
        cmark_node_free(root)
    }

    var renderOptions: Int32 {
        options.unsafeHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
    }

    /// Renders the document to an HTML fragment, applying the hooks, giving every
    /// heading a unique id, making footnotes and `table` blocks, and collecting
    /// headings, links and problems. Rendering rewrites the tree, so a second call
    /// returns the first result.
    public func render(hooks: MarkdownHooks = MarkdownHooks()) -> RenderedDocument {
        if let rendered { return rendered }
        var pass = RenderPass(document: self, hooks: hooks)
        let result = pass.run()
        rendered = result
        return result
    }

    /// Visits every node in document order without changing anything.
    public func walk(_ visit: (MarkdownNode) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(MarkdownNode(node: CmarkNode(node), entering: event == CMARK_EVENT_ENTER, document: self))
        }
    }

    var rootNode: CmarkNode { CmarkNode(root) }

    func position(of node: CmarkNode) -> SourcePosition {
        let line = node.startLine
        return SourcePosition(
            line: line + lineOffset,
            column: source.scalarColumn(line: line, byteColumn: node.startColumn))
    }

    func sourceLine(_ line: Int) -> ArraySlice<UInt8> {
        source.line(line)
    }

    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        source.scalarColumn(line: line, byteColumn: byteColumn)
    }

    func fileLine(_ cmarkLine: Int) -> Int { cmarkLine + lineOffset }

    var optionsReservedIDs: Set<String> { options.reservedIDs }
    var footnoteWording: (heading: String, backLabel: String) { (options.footnotesHeading, options.footnoteBackLabel) }
    var tablesEnabled: Bool { options.tables }
}
