import Foundation
import TestSupport
import Testing
import Yams

/// The case-study index against the shipped content: every page, count and
/// JSON entry must agree with the front matter, read here independently with Yams.
@Suite struct IndexingTests {
    struct Study {
        var slug: String
        var terms: [String: [String]]
    }

    static func frontMatter(of folder: URL) throws -> [Study] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        return try files.map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let yaml = text.components(separatedBy: "\n---\n")[0].replacingOccurrences(of: "---\n", with: "")
            let fields = try #require(try Yams.load(yaml: yaml) as? [String: Any])
            return Study(slug: String(name.dropLast(3)), terms: [
                "principles": fields["principles"] as? [String] ?? [],
                "capabilities": fields["capabilities"] as? [String] ?? [],
            ])
        }
    }

    static let principles = ["innovate", "redesign", "collaborate"]
    static let capabilities = ["digital-leadership", "governance", "organisational-change", "procurement",
                               "managing-and-sharing-resources", "professionalism"]

    @Test func termPagesMatrixAndJSONAgreeWithTheFrontMatter() throws {
        let site = try copyOfShippedSite()
        #expect(try briefings().run(["build"], in: site.root).status == 0)
        let studies = try Self.frontMatter(of: site.content.appendingPathComponent("case-studies"))

        // Each case study is on exactly the term pages its front matter names.
        for (vocabulary, terms) in [("principles", Self.principles), ("capabilities", Self.capabilities)] {
            #expect(site.built("\(vocabulary)/index.html") != nil)
            for term in terms {
                let html = try #require(site.built("\(vocabulary)/\(term)/index.html"), "\(vocabulary)/\(term) missing")
                for study in studies {
                    let listed = html.contains("href=\"/case-studies/\(study.slug)/\"")
                    #expect(listed == study.terms[vocabulary]!.contains(term), "\(study.slug) on \(vocabulary)/\(term)")
                }
            }
        }

        // The matrix's counts equal a count made from the front matter.
        let matrixHTML = try #require(site.built("case-studies/index.html"))
        let table = try #require(matrixHTML.range(of: "<tbody>").flatMap { start in
            matrixHTML.range(of: "</tbody>").map { String(matrixHTML[start.upperBound..<$0.lowerBound]) }
        })
        let cells = table.components(separatedBy: "<td>").dropFirst().map { cell -> Int in
            if cell.contains("No case study yet") { return 0 }
            return cell.components(separatedBy: "<li>").count - 1
        }
        var expected: [Int] = []
        for principle in Self.principles {
            for capability in Self.capabilities {
                expected.append(studies.filter { $0.terms["principles"]!.contains(principle) && $0.terms["capabilities"]!.contains(capability) }.count)
            }
        }
        #expect(cells == expected)
        #expect(matrixHTML.contains("<th scope=\"col\">"))
        #expect(matrixHTML.contains("<th scope=\"row\">"))

        // The JSON index says the same.
        let json = try #require(site.built("case-studies/index.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let entries = try #require(document["case_studies"] as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["id"] as? String }) == Set(studies.map(\.slug)))
        for entry in entries {
            let study = try #require(studies.first { $0.slug == entry["id"] as? String })
            let terms = try #require(entry["terms"] as? [String: [String]])
            #expect(Set(terms["principles"] ?? []) == Set(study.terms["principles"]!))
            #expect(Set(terms["capabilities"] ?? []) == Set(study.terms["capabilities"]!))
        }
        let matrix = try #require(document["matrix"] as? [String: Any])
        let jsonCounts = try #require(matrix["cells"] as? [[String: Any]]).compactMap { $0["count"] as? Int }
        #expect(jsonCounts == expected)
    }

    @Test func indexGapsListsTheEmptyCellsOfTheShippedContent() throws {
        let site = try copyOfShippedSite()
        let result = try briefings().run(["index", "--gaps"], in: site.root)
        #expect(result.status == 0)
        let studies = try Self.frontMatter(of: site.content.appendingPathComponent("case-studies"))
        var empty: [String] = []
        for principle in Self.principles {
            for capability in Self.capabilities where !studies.contains(where: {
                $0.terms["principles"]!.contains(principle) && $0.terms["capabilities"]!.contains(capability)
            }) {
                empty.append("principle \(principle) × capability \(capability): no case study yet")
            }
        }
        let printed = result.standardOutput.split(separator: "\n").filter { $0.contains("×") }.map { String($0.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces) }
        #expect(printed == empty)
        #expect(!empty.isEmpty)
    }

    @Test func indexPrintsAnAlignedMatrixAndTheSameJSONAsTheSite() throws {
        let site = try copyOfShippedSite()
        let text = try briefings().run(["index"], in: site.root).standardOutput
        let lines = text.split(separator: "\n")
        #expect(lines[0].hasPrefix("Principles"))
        #expect(lines.count >= 5)
        // Every row ends at the same column as the header: counts are right-aligned.
        #expect(Set(lines[0...4].map(\.count)).count == 1)
        let json = try briefings().run(["index", "--format", "json"], in: site.root).standardOutput
        #expect(try briefings().run(["build"], in: site.root).status == 0)
        #expect(json == site.built("case-studies/index.json"))
    }

    @Test func aNewVocabularyIsADataChange() throws {
        let taxonomies = TemporarySite.taxonomies.replacingOccurrences(of: "matrix:", with: """
              - id: organisation-types
                title: Organisation types
                singular: organisation type
                terms:
                  - {id: county, title: County council, meaning: A county council.}
                  - {id: district, title: District council, meaning: A district council.}
            matrix:
            """)
        let site = try TemporarySite(files: [
            "taxonomies.yml": taxonomies,
            "case-studies/kent.md": caseStudy("Kent", extra: "organisation-types: [county]\n"),
            "case-studies/leeds.md": caseStudy("Leeds", extra: "organisation-types: [distrct]\n"),
        ])
        let failing = try briefings().run(["build"], in: site.root)
        #expect(failing.status == 1)
        #expect(failing.standardError.contains(
            "Content/case-studies/leeds.md:9:22: error: 'distrct' is not an organisation type; did you mean 'district'?"))

        try site.write(caseStudy("Leeds", extra: "organisation-types: [district]\n"), to: "case-studies/leeds.md")
        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        let county = try #require(site.built("organisation-types/county/index.html"))
        #expect(county.contains("/case-studies/kent/") && !county.contains("/case-studies/leeds/"))
        #expect(try #require(site.built("organisation-types/index.html")).contains("District council"))
        #expect(try #require(site.built("case-studies/kent/index.html")).contains("/organisation-types/county/"))
        #expect(try #require(site.built("case-studies/index.json")).contains("\"organisation-types\""))
    }

    @Test func crossReferencesResolveAndUnknownIdsAreErrorsWithFileAndLine() throws {
        let site = try TemporarySite(files: [
            "taxonomies.yml": TemporarySite.taxonomies,
            "case-studies/kent.md": caseStudy("Kent", body: "## Why\n\nBecause.\n"),
            "briefings/b.md": """
                ---
                title: B
                summary: S
                ---
                See [Kent](case-study:kent#why), [Innovate](term:principles/innovate), [About](page:about) and [the list](section:case-studies).

                ```case-studies principle=innovate
                ```
                """,
            "about.md": "---\ntitle: About\nsummary: S\n---\nBack to [B](briefing:b) and [B again](briefings/b.md).\n",
        ])
        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        let briefing = try #require(site.built("briefings/b/index.html"))
        #expect(briefing.contains(#"<a href="/case-studies/kent/#why">Kent</a>"#))
        #expect(briefing.contains(#"<a href="/principles/innovate/">Innovate</a>"#))
        #expect(briefing.contains(#"<a href="/about/">About</a>"#))
        #expect(briefing.contains(#"<a href="/case-studies/">the list</a>"#))
        #expect(briefing.contains(#"<ul class="page-list">"#) && briefing.contains("Why Kent is cited."))
        #expect(try #require(site.built("about/index.html")).contains(#"<a href="/briefings/b/">B again</a>"#))
        #expect(try #require(site.built("case-studies/kent/index.html")).contains("Cited in"))

        try site.write("---\ntitle: About\nsummary: S\n---\n\nSee [Kent](case-study:knet) and [x](term:principles/inovate).\n\n```case-studies principle=colaborate\n```\n", to: "about.md")
        let failing = try briefings().run(["build"], in: site.root)
        #expect(failing.status == 1)
        #expect(failing.standardError.contains("Content/about.md:6:5: error: 'knet' is not a case study of this site; did you mean 'case-study:kent'?"))
        #expect(failing.standardError.contains("Content/about.md:6:33: error: 'principles/inovate' is not a vocabulary term of this site; did you mean 'term:principles/innovate'?"))
        #expect(failing.standardError.contains("Content/about.md:8:17: error: 'colaborate' is not a principle; did you mean 'collaborate'?"))
    }
    /// Pages whose templates cannot show "Cited in" are laid out as soon as their
    /// Markdown is rendered, before the site's link graph exists; a theme that
    /// shows it anywhere (here: a page template, through its layout's partial,
    /// inside a section) still gets every citing page.
    @Test func citedInShowsWhereverAThemeReachesIt() throws {
        let site = try TemporarySite(files: [
            "taxonomies.yml": TemporarySite.taxonomies,
            "case-studies/kent.md": caseStudy("Kent"),
            "briefings/b.md": "---\ntitle: The Briefing\nsummary: S\n---\nRead [about us](page:about) and [Kent](case-study:kent).\n",
            "about.md": "---\ntitle: About\nsummary: S\n---\nAbout us.\n",
        ])
        try Data("""
            {{<layout}}{{$main}}{{> partials/about-extras}}{{{content}}}{{/main}}{{/layout}}
            """.utf8).write(to: site.templates.appendingPathComponent("page.mustache"))
        try Data("{{#page}}{{> partials/cited-in}}{{/page}}\n".utf8)
            .write(to: site.templates.appendingPathComponent("partials/about-extras.mustache"))
        for arguments in [["build"], ["build", "--clean"]] {
            let result = try briefings().run(arguments, in: site.root)
            #expect(result.status == 0, "\(result.standardError)")
            let about = try #require(site.built("about/index.html"))
            #expect(about.contains("Cited in") && about.contains(#"<a href="/briefings/b/">The Briefing</a>"#), "\(about)")
            #expect(try #require(site.built("case-studies/kent/index.html")).contains("The Briefing"))
            #expect(try #require(site.built("briefings/b/index.html")).contains(#"<a href="/about/">about us</a>"#))
        }
    }
}
