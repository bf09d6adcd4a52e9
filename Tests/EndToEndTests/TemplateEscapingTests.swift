import Foundation
import TestSupport
import Testing

/// Templates escape: what an author writes in front matter reaches the page
/// as text, never as markup, wherever the theme shows it (the page's own
/// heading and metadata, the lists that name it); only the Markdown body,
/// shown with `{{{content}}}`, is HTML, and its raw HTML is off by default.
@Suite struct TemplateEscapingTests {
    @Test func frontMatterTextIsEscapedWhereverTheThemeShowsIt() throws {
        let title = #"Kent <b>"Bold" & 'Co'</b>"#
        let escapedTitle = "Kent &lt;b&gt;&quot;Bold&quot; &amp; &#39;Co&#39;&lt;/b&gt;"
        let site = try TemporarySite(files: [
            "index.md": "---\ntitle: Home\nsummary: S\n---\n",
            "taxonomies.yml": TemporarySite.taxonomies,
            "case-studies/kent.md": """
                ---
                title: '\(title.replacingOccurrences(of: "'", with: "''"))'
                summary: "A summary with <script>alert(1)</script> in it"
                organisation: "Council <i>of</i> Kent"
                place: Kent
                source: "A & B's report"
                principles: [innovate]
                capabilities: [governance]
                ---

                Body with *emphasis* and <span>raw HTML</span>.

                """,
        ])
        let result = try briefings().run(["build", "--no-search"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        let page = try #require(site.built("case-studies/kent/index.html"))
        #expect(page.contains("<title>\(escapedTitle)"), "the <title>")
        #expect(page.contains(">\(escapedTitle)</h1>"), "the heading")
        #expect(page.contains("A summary with &lt;script&gt;alert(1)&lt;/script&gt; in it"))
        #expect(page.contains("Council &lt;i&gt;of&lt;/i&gt; Kent"))
        #expect(!page.contains("<b>\"Bold\""), "the title is never markup")
        #expect(!page.contains("<script>alert(1)"), "the summary is never markup")
        // The body is HTML (the Markdown's), its raw HTML left out by default.
        #expect(page.contains("<em>emphasis</em>"))
        #expect(!page.contains("<span>raw HTML</span>"))
        // Lists that name the page escape it too.
        for list in ["case-studies/index.html", "principles/innovate/index.html"] {
            let listed = try #require(site.built(list), "\(list)")
            #expect(listed.contains(escapedTitle), "\(list) names the page, escaped")
            #expect(!listed.contains("<b>\"Bold\""), "\(list)")
        }
    }
}
