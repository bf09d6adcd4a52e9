@testable import BriefingsKit
import Foundation
import TestSupport
import Testing

/// Front matter read into pages, and every way it can be wrong, with the
/// file, line and column each error names.
@Suite struct ContentParserTests {
    static let taxonomies: Taxonomies = {
        let site = try! TemporarySite(files: ["taxonomies.yml": TemporarySite.taxonomies], copyTemplates: false)
        return Taxonomies.load(from: site.content.appendingPathComponent("taxonomies.yml"), display: DisplayPath(),
                               reservedFields: Set(ContentParser.commonFields)).0
    }()

    func parse(_ files: [String: String], drafts: Bool = false) -> (pages: [Page], diagnostics: [Diagnostic]) {
        let sources = files.sorted { $0.key < $1.key }.map { path, text in
            SourceFile(url: URL(fileURLWithPath: "/site/Content/" + path), relativePath: path, displayPath: "Content/" + path, text: text)
        }
        return ContentParser(taxonomies: Self.taxonomies, includeDrafts: drafts).parse(sources)
    }

    @Test func aStringWhereAListBelongsNamesLineColumnAndWhatWasGiven() {
        let text = "---\ntitle: Kent\nsummary: Savings.\norganisation: Kent County Council\nprinciples: innovate, redesign\ncapabilities: [governance]\nplace: Kent\nsource: Briefing\n---\nBody\n"
        let result = parse(["case-studies/kent.md": text])
        let error = try! #require(result.diagnostics.first { $0.severity == .error })
        #expect(DiagnosticFormatter().text(error).hasPrefix(
            "Content/case-studies/kent.md:5:13: error: 'principles' must be a list; got the string 'innovate, redesign'\n"))
        #expect(error.help == "write it as a list: principles: [innovate, redesign]")
        #expect(result.pages.isEmpty)
    }

    @Test func anUnknownTermIsAnErrorWithASuggestion() {
        let result = parse(["case-studies/leeds.md": caseStudy("Leeds", principles: "[innovate, colaborate]")])
        let error = try! #require(result.diagnostics.first { $0.code == "taxonomy.unknown-term" })
        #expect(error.message == "'colaborate' is not a principle; did you mean 'collaborate'?")
        #expect(error.line == 7)
        #expect(error.column == 24)
    }

    @Test func missingRequiredFieldsAndWrongTypesAreErrorsUnknownFieldsWarnings() {
        let text = "---\ntitle: Camden\nsummmary: typo\npublished: last year\norganisation: [a, b]\n---\nBody\n"
        let result = parse(["case-studies/camden.md": text])
        let messages = result.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.severity.rawValue) \($0.message)" }
        #expect(messages.contains("1:1 error 'summary' is required in a case study"))
        #expect(messages.contains("1:1 error 'place' is required in a case study"))
        #expect(messages.contains("1:1 error 'principles' is required in a case study"))
        #expect(messages.contains("4:12 error 'published' must be a date written YYYY-MM-DD; got the string 'last year'"))
        #expect(messages.contains("5:15 error 'organisation' must be text; got a list"))
        let unknown = try! #require(result.diagnostics.first { $0.code == "front-matter.unknown" })
        #expect(unknown.severity == .warning)
        #expect(unknown.line == 3)
        #expect(unknown.help == "did you mean 'summary'?")
    }

    @Test func anEmptyVocabularyListIsAWarningNotAnError() {
        let result = parse(["case-studies/a.md": caseStudy("A", capabilities: "[]")])
        #expect(result.pages.count == 1)
        let warning = try! #require(result.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message == "A case study with no capability")
    }

    @Test func kindsComeFromFoldersOrFrontMatterAndChaptersFromTheirDocument() {
        let result = parse([
            "briefings/b.md": "---\ntitle: B\nsummary: S\n---\n",
            "about.md": "---\ntitle: About\nsummary: S\n---\n",
            "strategy.md": "---\nkind: briefing\ntitle: Strategy\nsummary: S\n---\n",
            "routemap/index.md": "---\nkind: document\ntitle: Routemap\nsummary: S\n---\n",
            "routemap/02-information.md": "---\ntitle: Information\nsummary: S\n---\n",
            "routemap/01-capabilities.md": "---\ntitle: Capabilities\nsummary: S\n---\n",
        ])
        #expect(result.diagnostics.isEmpty)
        let byPath = Dictionary(uniqueKeysWithValues: result.pages.map { ($0.sourcePath, $0) })
        #expect(byPath["briefings/b.md"]?.kind == .briefing)
        #expect(byPath["briefings/b.md"]?.url == "/briefings/b/")
        #expect(byPath["about.md"]?.url == "/about/")
        #expect(byPath["strategy.md"]?.kind == .briefing)
        #expect(byPath["routemap/index.md"]?.url == "/routemap/")
        #expect(byPath["routemap/02-information.md"]?.kind == .chapter)
        #expect(byPath["routemap/02-information.md"]?.url == "/routemap/information/")
        #expect(byPath["routemap/02-information.md"]?.reference == "document:routemap/information")
        #expect(byPath["routemap/01-capabilities.md"]?.chapterNumber == 1)
        #expect(byPath["routemap/02-information.md"]?.chapterNumber == 2)
    }

    @Test func unsafeSlugsAndURLsAreRefused() {
        let result = parse([
            "a.md": "---\ntitle: A\nsummary: S\nslug: ../../etc\n---\n",
            "b.md": "---\ntitle: B\nsummary: S\nslug: /absolute\n---\n",
            "c.md": "---\ntitle: C\nsummary: S\nslug: Caf\u{E9} page\n---\n",
            "d.md": "---\ntitle: D\nsummary: S\nurl: /x/../../y/\n---\n",
            "e.md": "---\ntitle: E\nsummary: S\nurl: https://elsewhere.example/\n---\n",
            "f.md": "---\ntitle: F\nsummary: S\nurl: /has space/\n---\n",
        ])
        #expect(result.pages.isEmpty)
        let byFile = Dictionary(grouping: result.diagnostics, by: { $0.file ?? "" })
        #expect(byFile["Content/a.md"]?.first?.message.contains("'..'") == true)
        #expect(byFile["Content/b.md"]?.first?.message.contains("absolute path") == true)
        #expect(byFile["Content/c.md"]?.first?.message.contains("not URL-safe") == true)
        #expect(byFile["Content/d.md"]?.first?.message.contains("'..'") == true)
        #expect(byFile["Content/e.md"]?.first?.message.contains("absolute address") == true)
        #expect(byFile["Content/f.md"]?.first?.message.contains("not URL-safe") == true)
    }

    @Test func twoPagesWithOneURLAreBothReported() {
        let result = parse([
            "about.md": "---\ntitle: About\nsummary: S\n---\n",
            "other.md": "---\ntitle: Other\nsummary: S\nslug: about\n---\n",
        ])
        let conflicts = result.diagnostics.filter { $0.code == "url.conflict" }
        #expect(conflicts.map(\.file) == ["Content/about.md", "Content/other.md"])
        #expect(conflicts[0].message == "two pages claim the URL /about/: this one and Content/other.md")
    }

    @Test func draftsAreLeftOutUnlessAskedFor() {
        let files = ["a.md": "---\ntitle: A\nsummary: S\nstatus: draft\n---\n", "b.md": "---\ntitle: B\nsummary: S\ndraft: true\n---\n"]
        #expect(parse(files).pages.isEmpty)
        #expect(parse(files, drafts: true).pages.count == 2)
    }

    @Test func yamlThatIsNotAMappingOrNotYAMLIsNamed() {
        let result = parse([
            "a.md": "---\n- just\n- a list\n---\n",
            "b.md": "---\ntitle: [unclosed\n---\n",
            "c.md": "no front matter\n",
            "d.md": "---\ntitle: x\n",
        ])
        let codes = Dictionary(uniqueKeysWithValues: result.diagnostics.map { ($0.file ?? "", $0.code) })
        #expect(codes == ["Content/a.md": "front-matter.shape", "Content/b.md": "yaml.syntax",
                          "Content/c.md": "front-matter.none", "Content/d.md": "front-matter.unclosed"])
        let yaml = result.diagnostics.first { $0.code == "yaml.syntax" }
        #expect(yaml?.line == 3)
    }
}
