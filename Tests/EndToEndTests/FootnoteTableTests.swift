import Foundation
import TestSupport
import Testing

/// Footnotes and CSV tables through the built binary: in the page, and in the
/// build's messages.
@Suite struct FootnoteTableTests {
    static let page = """
        ---
        title: Costs
        summary: What was spent.
        ---
        ## Spending

        Savings were shared with the county[^kent].

        ```table caption="Spending by year" row-headers
        Year,Spent
        2024,"£1,200"
        ```

        [^kent]: As in [Kent](case-study:kent).

        """

    @Test func aFootnoteWithACrossReferenceAndATableReachThePage() throws {
        let site = try TemporarySite(files: ["case-studies/kent.md": caseStudy("Kent"), "costs.md": Self.page])
        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardError.contains("Content/costs.md"))
        let html = try #require(site.built("costs/index.html"))
        #expect(html.contains(
            "county<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\" aria-describedby=\"footnotes-title\">1</a></sup>."))
        #expect(html.contains("<section class=\"footnotes\" role=\"doc-endnotes\" aria-labelledby=\"footnotes-title\">"))
        #expect(html.contains(
            "<li id=\"fn-1\">\n<p>As in <a href=\"/case-studies/kent/\">Kent</a>. <a href=\"#fnref-1\" class=\"footnote-backref\" role=\"doc-backlink\""))
        #expect(html.contains("<div class=\"table-wrapper\" role=\"region\" aria-labelledby=\"table-spending-by-year\" tabindex=\"0\">"))
        #expect(html.contains("<caption id=\"table-spending-by-year\">Spending by year</caption>"))
        #expect(html.contains("<th scope=\"row\">2024</th>\n<td>£1,200</td>"))
        // The note's link is a citation like any other.
        let kent = try #require(site.built("case-studies/kent/index.html"))
        #expect(kent.contains("href=\"/costs/\""))
    }

    /// Chapters that each number their own notes keep them apart on the
    /// whole-document page, numbered on through it, with no warning.
    @Test func chaptersNotesStayTheirOwnOnTheWholeDocumentPage() throws {
        let site = try TemporarySite(files: [
            "guide/index.md": "---\nkind: document\ntitle: Guide\nsummary: S\n---\nAbout the guide[^1].\n\n[^1]: The guide's note.\n",
            "guide/01-start.md": "---\ntitle: Start\nsummary: S\n---\nStarting[^1].\n\n[^1]: Start's note.\n",
            "guide/02-finish.md": "---\ntitle: Finish\nsummary: S\n---\n## Last steps\n\nFinishing[^1].\n\n[^1]: Finish's note.\n",
        ])
        let result = try briefings().run(["build", "--strict", "--no-search"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        let whole = try #require(site.built("guide/whole-document/index.html"))
        for (number, note) in ["The guide's note.", "Start's note.", "Finish's note."].enumerated() {
            #expect(whole.contains("<li id=\"fn-\(number + 1)\">\n<p>\(note) <a href=\"#fnref-\(number + 1)\""), "\(whole)")
        }
        // Each chapter's own page numbers its note 1.
        #expect(site.built("guide/finish/index.html")?.contains("<li id=\"fn-1\">\n<p>Finish's note.") == true)
    }

    /// The notes' wording comes from site.yml, for a site in another language.
    @Test func theNotesWordingComesFromSiteSettings() throws {
        let settings = TemporarySite.minimalSettings
            + "markdown:\n  footnotes_heading: Nodiadau\n  footnote_back_label: Yn ôl i gyfeiriad {n}\n"
        let site = try TemporarySite(files: [
            "site.yml": settings, "taxonomies.yml": TemporarySite.taxonomies, "case-studies/kent.md": caseStudy("Kent"), "costs.md": Self.page,
        ])
        let result = try briefings().run(["build", "--strict", "--no-search"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        let html = try #require(site.built("costs/index.html"))
        #expect(html.contains("<h2 id=\"footnotes-title\">Nodiadau</h2>"))
        #expect(html.contains("aria-label=\"Yn ôl i gyfeiriad 1\""))

        try site.write(settings.replacingOccurrences(of: " {n}", with: ""), to: "site.yml")
        let unnumbered = try briefings().run(["build", "--no-search"], in: site.root)
        #expect(unnumbered.standardError.contains("warning: 'footnote_back_label' has no {n}"), "\(unnumbered.standardError)")
    }

    @Test func malformedCSVFailsTheBuildAtItsLine() throws {
        let site = try TemporarySite(files: [
            "x.md": "---\ntitle: X\nsummary: S\n---\nIntro.\n\n```table\nA,B\n1,2\n3\n\"open,4\n```\n",
        ])
        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(result.standardError.contains("Content/x.md:10:1: error: this row has 1 cell but the header row has 2"))
        #expect(result.standardError.contains("Content/x.md:11:1: error: the quoted cell that starts here is never closed"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("x/index.html").path))
    }

    @Test func footnoteMistakesAreReportedWithTheirSeverity() throws {
        let site = try TemporarySite(files: [
            "x.md": "---\ntitle: X\nsummary: S\n---\nSee [^gone].\n\n[^spare]: Never used.\n",
        ])
        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(result.standardError.contains("Content/x.md:5:5: error: the footnote [^gone] is never defined"))
        #expect(result.standardError.contains("Content/x.md:7:1: warning: the footnote [^spare] is defined but never referred to"))
    }
}
