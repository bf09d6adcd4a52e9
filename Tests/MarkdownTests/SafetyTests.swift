import Markdown
import Testing

/// Safe by default: what cmark does without CMARK_OPT_UNSAFE.
@Suite struct SafetyTests {
    let hostile = """
        <script>alert("x")</script>

        Click [here](javascript:alert(1)) or <a href="x" onclick="y">raw</a>.

        ![pic](data:text/html;base64,PHNjcmlwdD4=) [vb](VBScript:msgbox) [f](file:///etc/passwd)
        """

    @Test func safeModeDropsScriptsRawHTMLAndDangerousURLs() {
        let html = MarkdownDocument(hostile).render().html
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.lowercased().contains("vbscript:"))
        #expect(!html.contains("file:///"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(html.contains(#"<a href="">here</a>"#))
    }

    @Test func unsafeModeKeepsThemWhenASiteOptsIn() {
        let html = MarkdownDocument(hostile, options: MarkdownOptions(unsafeHTML: true)).render().html
        #expect(html.contains(#"<script>alert("x")</script>"#))
        #expect(html.contains("javascript:alert(1)"))
    }

    @Test func rewrittenDestinationsStillPassTheSafetyCheck() {
        let hooks = MarkdownHooks(rewriteDestination: { _ in "javascript:alert(2)" })
        let html = MarkdownDocument("[x](case-study:kent)").render(hooks: hooks).html
        #expect(!html.contains("javascript:"))
    }

    @Test func smartPunctuationIsAnOption() {
        #expect(MarkdownDocument("\"Quoted\" -- yes...").render().html == "<p>&quot;Quoted&quot; -- yes...</p>\n")
        let smart = MarkdownDocument("\"Quoted\" -- yes...", options: MarkdownOptions(smartPunctuation: true)).render().html
        #expect(smart == "<p>“Quoted” – yes…</p>\n")
    }
}
