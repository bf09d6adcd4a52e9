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
