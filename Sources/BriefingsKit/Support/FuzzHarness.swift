import Foundation
import Markdown
import Mustache

/// One input through the front-matter and Markdown pipeline, as a fuzzer
/// drives it (`Fuzz/`, `scripts/fuzz`): text checks, front matter, YAML, the
/// page's fields, and the Markdown with every site hook, in safe and unsafe
/// modes. It must return for any bytes whatever: a crash here is a bug.
public enum FuzzHarness {
    static let site: SiteIndex = {
        let vocabulary = Vocabulary(
            id: "principles", title: "Principles", singular: "principle", description: nil, appliesTo: [.caseStudy], weight: 1,
            terms: [.init(id: "innovate", title: "Innovate", meaning: "")])
        let kent = Page(kind: .caseStudy, sourcePath: "case-studies/kent.md", file: "kent.md", url: "/case-studies/kent/",
                        referenceID: "kent", title: "Kent", summary: "S", status: .published,
                        terms: ["principles": [TermUse(id: "innovate", location: SourceLocation(file: "kent.md"))]], body: "", bodyFirstLine: 1)
        return SiteIndex(config: SiteConfig(title: "Fuzz"), taxonomies: Taxonomies(vocabularies: [vocabulary], matrix: nil), pages: [kent])
    }()

    static let templates: TemplateSet = {
        let list = (try? MustacheTemplate(string: "{{#items}}<li>{{title}}</li>{{/items}}")) ?? (try! MustacheTemplate(string: ""))
        return TemplateSet(folder: URL(fileURLWithPath: "/"), library: MustacheLibrary(templates: [ViewModel.pageListTemplate: list]),
                           files: [:], sources: [:], tags: [:])
    }()

    public static func process(_ data: Data) {
        guard TextCheck.problem(in: data) == nil else { return }
        let text = String(decoding: data, as: UTF8.self)
        let source = SourceFile(url: URL(fileURLWithPath: "/fuzz/case-studies/input.md"), relativePath: "case-studies/input.md",
                                displayPath: "input.md", text: text)
        let (pages, _) = ContentParser(taxonomies: site.taxonomies, includeDrafts: true).parse([source])
        var page = pages.first ?? Page(kind: .page, sourcePath: "input.md", file: "input.md", url: "/input/", referenceID: "input",
                                       title: "", summary: "", status: .published, terms: [:], body: text, bodyFirstLine: 1)
        if pages.isEmpty, case .found(_, let body, let line) = FrontMatter.split(text) {
            page.body = body
            page.bodyFirstLine = line
        }
        var renderer = BodyRenderer(site: site, templates: templates)
        _ = renderer.render(page)
        renderer.override(unsafeHTML: true, smartPunctuation: true)
        _ = renderer.render(page)
        _ = HTMLScanner.scan(text)
    }
}
