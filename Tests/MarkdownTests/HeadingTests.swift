import Markdown
import Testing

@Suite struct HeadingTests {
    @Test func everyHeadingGetsAnIdFromItsText() {
        let rendered = MarkdownDocument("## What the briefing *is*\n\n### Cost savings & productivity\n").render()
        #expect(rendered.html.contains(#"<h2 id="what-the-briefing-is">What the briefing <em>is</em></h2>"#))
        #expect(rendered.html.contains(#"<h3 id="cost-savings-productivity">Cost savings &amp; productivity</h3>"#))
    }

    @Test func repeatedHeadingsGetUniqueIds() {
        let rendered = MarkdownDocument("## Summary\n\n## Summary\n\n## Summary\n").render()
        #expect(rendered.headings.map(\.id) == ["summary", "summary-1", "summary-2"])
        #expect(rendered.html.contains(#"<h2 id="summary-2">"#))
    }

    @Test func reservedIdsAreNeverTaken() {
        let options = MarkdownOptions(reservedIDs: ["contents", "main-content"])
        let rendered = MarkdownDocument("## Contents\n\n## Main content\n", options: options).render()
        #expect(rendered.headings.map(\.id) == ["contents-1", "main-content-1"])
    }

    @Test func outlineHoldsLevelTextAndLineInTheFile() {
        let rendered = MarkdownDocument("Intro\n\n## First\n\nText\n\nSecond\n------\n", firstLine: 10).render()
        #expect(rendered.headings.map(\.level) == [2, 2])
        #expect(rendered.headings.map(\.text) == ["First", "Second"])
        #expect(rendered.headings.map(\.position.line) == [12, 16])
    }

    @Test func slugsFoldAccentsAndDropPunctuation() {
        #expect(Slug.make(from: "What's new in Café culture?") == "whats-new-in-cafe-culture")
        #expect(Slug.make(from: "Digital: Vision to Value – embracing") == "digital-vision-to-value-embracing")
        #expect(Slug.make(from: "  --- ") == "")
        var registry = SlugRegistry()
        #expect(registry.unique(for: "!!!") == "section")
        #expect(registry.unique(for: "???") == "section-1")
    }

    @Test func headingsInsideContainersAndWithCodeAreIdentified() {
        let rendered = MarkdownDocument("> ## Quoted `code` heading\n\n- # In a list\n").render()
        #expect(rendered.headings.map(\.id) == ["quoted-code-heading", "in-a-list"])
        #expect(rendered.html.contains(#"<h2 id="quoted-code-heading">Quoted <code>code</code> heading</h2>"#))
        #expect(rendered.html.contains(#"<h1 id="in-a-list">In a list</h1>"#))
    }
}
