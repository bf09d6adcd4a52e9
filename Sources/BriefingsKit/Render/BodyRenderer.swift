import Foundation
import Markdown

/// A page's Markdown turned into HTML, with what the rest of the build needs to
/// know about it: its headings (contents lists, anchors) and its links (back-links,
/// checks).
public struct RenderedBody: Sendable {
    public var html: String
    public var headings: [Heading]
    public var links: [ResolvedLink]
    public var diagnostics: [Diagnostic]

    public static let empty = RenderedBody(html: "", headings: [], links: [], diagnostics: [])
}

/// Renders one page's Markdown through cmark with the site's extensions:
/// cross-references, list directives, heading ids. Footnotes and CSV tables are
/// the Markdown module's own; their links still resolve through this renderer.
struct BodyRenderer {
    let site: SiteIndex
    let templates: TemplateSet

    private(set) var markdownOptions: MarkdownOptions

    init(site: SiteIndex, templates: TemplateSet) {
        self.site = site
        self.templates = templates
        markdownOptions = MarkdownOptions(
            unsafeHTML: site.config.unsafeHTML, smartPunctuation: site.config.smartPunctuation, reservedIDs: templates.reservedIDs)
        markdownOptions.footnotesHeading = site.config.footnotesHeading
        markdownOptions.footnoteBackLabel = site.config.footnoteBackLabel
    }

    /// For `briefings render --unsafe/--smart`: the command line wins over site.yml.
    mutating func override(unsafeHTML: Bool?, smartPunctuation: Bool?) {
        if let unsafeHTML { markdownOptions.unsafeHTML = unsafeHTML }
        if let smartPunctuation { markdownOptions.smartPunctuation = smartPunctuation }
    }

    func render(_ page: Page) -> RenderedBody {
        guard !page.body.isEmpty else { return .empty }
        let resolver = LinkResolver(site: site, page: page)
        let lists = ListDirective(site: site)
        var links: [ResolvedLink] = []
        var diagnostics: [Diagnostic] = []
        let hooks = MarkdownHooks(
            rewriteDestination: { reference in
                let outcome = resolver.resolve(reference)
                links.append(outcome.link)
                if let diagnostic = outcome.diagnostic { diagnostics.append(diagnostic) }
                return outcome.href
            },
            directive: { directive, infoStatus in
                guard let (selection, found) = lists.select(directive, file: page.file) else { return .notHandled }
                if case .failure(let error) = infoStatus {
                    diagnostics.append(.error("directive.syntax", error.message,
                                              at: SourceLocation(file: page.file, line: directive.position.line, column: error.column)))
                    return .html("")
                }
                diagnostics += found
                guard let selection else { return .html("") }
                let context = ViewModel.pageList(selection, site: site)
                return .html(templates.render(ViewModel.pageListTemplate, context) ?? "")
            })
        var options = markdownOptions
        options.footnoteScopes = page.footnoteScopes
        let document = MarkdownDocument(page.body, options: options, firstLine: page.bodyFirstLine)
        let rendered = document.render(hooks: hooks)
        diagnostics += rendered.problems.map { problem in
            Diagnostic(
                problem.severity == .error ? .error : .warning, code: problem.code, problem.message,
                file: page.file, line: problem.position.line, column: problem.position.column, help: problem.help)
        }
        return RenderedBody(html: rendered.html, headings: rendered.headings, links: links, diagnostics: diagnostics)
    }
}
