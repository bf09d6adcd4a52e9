import Foundation
import TestSupport
import Testing

/// `briefings new`: a complete skeleton, a slug from the title, never an overwrite.
@Suite struct NewCommandTests {
    @Test func writesACaseStudySkeletonListingTheVocabularies() throws {
        let site = try TemporarySite(files: ["taxonomies.yml": TemporarySite.taxonomies, "index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        let result = try briefings().run(["new", "case-study", "Leeds: Neighbourhood Networks"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "Content/case-studies/leeds-neighbourhood-networks.md\n")
        let text = try String(contentsOf: site.content.appendingPathComponent("case-studies/leeds-neighbourhood-networks.md"), encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: \"Leeds: Neighbourhood Networks\"\n"))
        for field in ["summary:", "organisation:", "place:", "source:", "published:", "principles: []", "capabilities: []"] {
            #expect(text.contains("\n" + field), "\(field) missing")
        }
        #expect(text.contains("#   collaborate - Collaborate to share."))
        #expect(text.contains("#   procurement - How things are bought."))

        // Until it is filled in, the build says exactly what is missing.
        let unfilled = try briefings().run(["build"], in: site.root)
        #expect(unfilled.status == 1)
        #expect(unfilled.standardError.contains("Content/case-studies/leeds-neighbourhood-networks.md:4:1: error: 'summary' is empty")
            || unfilled.standardError.contains("'summary' is required"))

        // Filled in, it builds.
        var filled = text
        for (field, value) in [("summary: ", "Why Leeds is cited."), ("organisation: ", "Leeds"), ("place: ", "Leeds"), ("source: ", "A briefing")] {
            filled = filled.replacingOccurrences(of: "\n" + field + "\n", with: "\n" + field + value + "\n")
        }
        filled = filled.replacingOccurrences(of: "principles: []", with: "principles: [collaborate]")
            .replacingOccurrences(of: "capabilities: []", with: "capabilities: [governance]")
        try site.write(filled, to: "case-studies/leeds-neighbourhood-networks.md")
        let built = try briefings().run(["build", "--strict"], in: site.root)
        #expect(built.status == 0, "\(built.standardError)")
    }

    @Test func refusesToOverwriteAndRejectsUnknownKinds() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        #expect(try briefings().run(["new", "briefing", "Vision to Value"], in: site.root).status == 0)
        let path = site.content.appendingPathComponent("briefings/vision-to-value.md")
        try Data("mine".utf8).write(to: path)
        let again = try briefings().run(["new", "briefing", "Vision to Value"], in: site.root)
        #expect(again.status == 1)
        #expect(again.standardError.contains("Content/briefings/vision-to-value.md: error: not written: it already exists"))
        #expect(try String(contentsOf: path, encoding: .utf8) == "mine")
        #expect(try briefings().run(["new", "pamphlet", "X"], in: site.root).status == 2)
        #expect(try briefings().run(["new", "page", "!!!"], in: site.root).status == 1)
        #expect(try briefings().run(["new", "page", "About us"], in: site.root).standardOutput == "Content/about-us.md\n")
    }
}
