import Foundation
import Markdown
import Testing

@Suite struct LinkAndDirectiveTests {
    @Test func collectsEveryLinkAndImageWithItsPlaceInTheFile() {
        let text = "Intro [Kent](case-study:kent) and\n![a map](map.png \"Map\") <https://example.org>\n"
        let rendered = MarkdownDocument(text, firstLine: 5).render()
        #expect(rendered.links.map(\.destination) == ["case-study:kent", "map.png", "https://example.org"])
        #expect(rendered.links.map(\.kind) == [.link, .image, .link])
        #expect(rendered.links[1].text == "a map")
        #expect(rendered.links[0].position == SourcePosition(line: 5, column: 7))
        #expect(rendered.links[1].position == SourcePosition(line: 6, column: 1))
    }

    @Test func columnsCountCharactersNotBytes() {
        let rendered = MarkdownDocument("Café é [x](y)").render()
        #expect(rendered.links.first?.position.column == 8)
    }

    @Test func hooksRewriteDestinations() {
        let hooks = MarkdownHooks(rewriteDestination: { $0.destination == "case-study:kent" ? "/case-studies/kent/" : nil })
        let html = MarkdownDocument("[Kent](case-study:kent) [Other](https://x.org)").render(hooks: hooks).html
        #expect(html == #"<p><a href="/case-studies/kent/">Kent</a> <a href="https://x.org">Other</a></p>"# + "\n")
    }

    @Test func directivesReplaceFencedBlocksAndOthersStayCode() {
        var seen: [FencedDirective] = []
        let hooks = MarkdownHooks(directive: { directive, status in
            seen.append(directive)
            guard case .success = status, directive.name == "case-studies" else { return .notHandled }
            return .html("<ul class=\"list\"></ul>")
        })
        let text = "Before\n\n```case-studies principle=collaborate capability=\"managing and sharing\"\n```\n\n```swift\nlet x = 1\n```\n"
        let html = MarkdownDocument(text, firstLine: 3).render(hooks: hooks).html
        #expect(html.contains("<ul class=\"list\"></ul>"))
        #expect(!html.contains("case-studies"))
        #expect(html.contains("<pre><code class=\"language-swift\">let x = 1\n</code></pre>"))
        #expect(seen.count == 2)
        #expect(seen[0].arguments.map(\.key) == ["principle", "capability"])
        #expect(seen[0].value(for: "capability") == "managing and sharing")
        #expect(seen[0].position.line == 5)
        #expect(seen[0].arguments[0].position == SourcePosition(line: 5, column: 17))
    }

    @Test func anUnclosedQuoteInAnInfoStringIsReportedWithItsColumn() {
        var failure: InfoStringError?
        let hooks = MarkdownHooks(directive: { _, status in
            if case .failure(let error) = status { failure = error }
            return .notHandled
        })
        _ = MarkdownDocument("```case-studies caption=\"Open\n```\n").render(hooks: hooks)
        #expect(failure?.column == 17)
    }

    @Test func walkVisitsNodesInOrder() {
        var kinds: [MarkdownNode.Kind] = []
        MarkdownDocument("# A\n\nb *c*").walk { node in if node.entering { kinds.append(node.kind) } }
        #expect(kinds == [.document, .heading, .text, .paragraph, .text, .emphasis, .text])
    }

    @Test func deepNestingDoesNotOverflow() {
        let depth = 10_000
        let quotes = String(repeating: "> ", count: depth) + "deep\n"
        let lists = String(repeating: "- ", count: depth) + "item\n"
        #expect(MarkdownDocument(quotes).render().html.contains("deep"))
        let listHTML = MarkdownDocument(lists).render().html
        #expect(listHTML.contains("item"))
        #expect(listHTML.components(separatedBy: "<ul>").count - 1 == depth)
    }
}
