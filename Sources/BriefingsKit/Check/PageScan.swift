/// What the link checks keep of one rendered page: its ids, the URLs its HTML
/// refers to, and its Markdown links with their source positions. Kept instead
/// of the HTML, so checking a large site never holds the whole site in memory.
public struct PageScan: Sendable {
    public var reference: String
    public var url: String
    public var file: String
    public var templateName: String
    var ids: Set<String>
    var references: [HTMLScanner.Reference]
    var imagesWithoutAlt: [String]
    var markdownLinks: [ResolvedLink]
    /// The hrefs the Markdown produced, as they appear in the HTML, so that the
    /// HTML pass does not report them a second time.
    var markdownHrefs: Set<String>

    init(page: Page, templateName: String, html: String, body: RenderedBody) {
        let scan = HTMLScanner.scan(html)
        reference = page.reference
        url = page.url
        file = page.file
        self.templateName = templateName
        ids = scan.ids
        references = scan.references
        imagesWithoutAlt = scan.imagesWithoutAlt
        markdownLinks = body.links
        // cmark writes a link's URL as is when it has only these characters
        // (else it percent-encodes): then the URLs are known without reading
        // the body's HTML a second time.
        if body.links.allSatisfy({ $0.href.utf8.allSatisfy(Self.isWrittenAsIs) }) {
            markdownHrefs = Set(body.links.map(\.href))
        } else {
            markdownHrefs = Set(HTMLScanner.scan(body.html).references.map(\.value))
        }
    }

    static func isWrittenAsIs(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !"\"<>\\[]^`{|}".utf8.contains(byte)
    }
}
