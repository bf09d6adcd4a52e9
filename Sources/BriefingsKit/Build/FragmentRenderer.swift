import Foundation
import Markdown

/// `briefings render`: one Markdown document to the HTML fragment the site
/// would put in its page, front matter stripped. Inside a site (a content folder
/// with site.yml) links and directives resolve against it through the same
/// `BodyRenderer` the build uses; elsewhere it is plain CommonMark plus heading ids.
public enum FragmentRenderer {
    public struct Settings: Sendable {
        public var unsafeHTML: Bool?
        public var smartPunctuation: Bool?
        public init(unsafeHTML: Bool? = nil, smartPunctuation: Bool? = nil) {
            self.unsafeHTML = unsafeHTML
            self.smartPunctuation = smartPunctuation
        }
    }

    public static func render(
        _ text: String, file: URL?, site options: BuildOptions?, settings: Settings
    ) -> (html: String, diagnostics: [Diagnostic]) {
        let display = file.map { DisplayPath()($0) } ?? "<stdin>"
        var body = text
        var firstLine = 1
        // Front matter is a YAML mapping between `---` lines. Anything else that
        // starts with `---` is Markdown (a thematic break, a setext heading), as
        // CommonMark says, so it is rendered rather than stripped.
        if case .found(let yaml, let rest, let line) = FrontMatter.split(text),
            case .success(let node?) = YAMLReader.parse(yaml, file: display, firstLine: 2), case .mapping = node.value {
            (body, firstLine) = (rest, line)
        }
        if let options, let loaded = loadSite(options) {
            var page = page(for: file, in: loaded.index, options: options)
                ?? Page(kind: .page, sourcePath: "", file: display, url: "/", referenceID: "", title: "", summary: "",
                        status: .published, terms: [:], body: "", bodyFirstLine: 1)
            page.body = body
            page.bodyFirstLine = firstLine
            page.file = display
            var renderer = BodyRenderer(site: loaded.index, templates: loaded.templates)
            renderer.override(unsafeHTML: settings.unsafeHTML, smartPunctuation: settings.smartPunctuation)
            let rendered = renderer.render(page)
            return (rendered.html, rendered.diagnostics)
        }
        let markdown = MarkdownOptions(unsafeHTML: settings.unsafeHTML ?? false, smartPunctuation: settings.smartPunctuation ?? false)
        let document = MarkdownDocument(body, options: markdown, firstLine: firstLine)
        let rendered = document.render()
        return (rendered.html, rendered.problems.map { problem in
            Diagnostic(problem.severity == .error ? .error : .warning, code: problem.code, problem.message,
                       file: display, line: problem.position.line, column: problem.position.column, help: problem.help)
        })
    }

    /// The site around the file, when there is one that loads. Problems in other
    /// pages are the build's business, not this command's.
    private static func loadSite(_ options: BuildOptions) -> LoadedSite? {
        guard FileManager.default.fileExists(atPath: options.contentFolder.appendingPathComponent(SiteConfig.fileName).path) else { return nil }
        var clock = PhaseClock()
        return SiteLoader.load(options, clock: &clock).0
    }

    private static func page(for file: URL?, in index: SiteIndex, options: BuildOptions) -> Page? {
        guard let file else { return nil }
        let root = options.contentFolder.standardizedFileURL.path + "/"
        let path = file.standardizedFileURL.path
        guard path.hasPrefix(root) else { return nil }
        return index.page(sourcePath: String(path.dropFirst(root.count)))
    }
}
