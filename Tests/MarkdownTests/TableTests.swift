import Markdown
import Testing

/// CSV in a fenced block with the info string `table` becomes an accessible table.
@Suite struct TableTests {
    private func render(_ text: String, firstLine: Int = 1, options: MarkdownOptions = MarkdownOptions(), hooks: MarkdownHooks = MarkdownHooks()) -> RenderedDocument {
        MarkdownDocument(text, options: options, firstLine: firstLine).render(hooks: hooks)
    }

    @Test func aCaptionedTableIsALabelledScrollableRegion() {
        let rendered = render("```table caption=\"Spending by year\"\nYear,Spent\n2024,100\n```\n")
        #expect(rendered.html == """
            <div class="table-wrapper" role="region" aria-labelledby="table-spending-by-year" tabindex="0">
            <table>
            <caption id="table-spending-by-year">Spending by year</caption>
            <thead>
            <tr>
            <th scope="col">Year</th>
            <th scope="col">Spent</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>2024</td>
            <td>100</td>
            </tr>
            </tbody>
            </table>
            </div>

            """)
        #expect(rendered.problems.isEmpty)
    }

    @Test func quotedCellsHoldCommasQuotesAndLineBreaks() {
        let text = "```table\nName,Note\n\"Smith, J\",\"She said \"\"yes\"\"\"\n  spaced  , \"two\nlines\"\n```\n"
        let html = render(text).html
        #expect(html.contains("<td>Smith, J</td>\n<td>She said &quot;yes&quot;</td>"))
        #expect(html.contains("<td>spaced</td>\n<td>two\nlines</td>"))
        #expect(html.components(separatedBy: "<tr>").count == 4)
    }

    @Test func rowHeadersMakeTheFirstCellOfEachRowAHeader() {
        let html = render("```table row-headers caption=\"Costs\"\n,2024,2025\nStaff,1,2\n```\n").html
        // The empty corner cell has nothing to announce, so it is not a header.
        #expect(html.contains("<tr>\n<td></td>\n<th scope=\"col\">2024</th>\n<th scope=\"col\">2025</th>\n</tr>"))
        #expect(html.contains("<tr>\n<th scope=\"row\">Staff</th>\n<td>1</td>\n<td>2</td>\n</tr>"))
    }

    @Test func withoutACaptionTheRegionIsNamedAfterItsColumns() {
        let html = render("```table\nYear,\"Spent <£>\"\n2024,1\n```\n").html
        #expect(html.hasPrefix(
            "<div class=\"table-wrapper\" role=\"region\" aria-label=\"Table: Year, Spent &lt;£&gt;\" tabindex=\"0\">\n<table>\n<thead>"))
    }

    @Test func cellTextIsEscapedEvenWhenRawHTMLIsAllowed() {
        let text = "```table caption=\"<b>x</b>\"\nA,B\n<script>alert(1)</script>,x <img src=y onerror=z> & y\n```\n"
        for options in [MarkdownOptions(), MarkdownOptions(unsafeHTML: true)] {
            let html = render(text, options: options).html
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("<b>"))
            #expect(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
            #expect(html.contains("<td>x &lt;img src=y onerror=z&gt; &amp; y</td>"))
            #expect(html.contains("<caption id=\"table-bx-b\">&lt;b&gt;x&lt;/b&gt;</caption>"))
        }
    }

    @Test func cellsMayHoldInlineMarkdownAndTheirLinksGoThroughTheHook() {
        let hooks = MarkdownHooks(rewriteDestination: { $0.destination == "case-study:kent" ? "/case-studies/kent/" : nil })
        let text = "Intro\n\n```table\nPlace,Source\nKent,\"See *the* [study](case-study:kent), `code`\"\n```\n"
        let rendered = render(text, firstLine: 20, hooks: hooks)
        #expect(rendered.html.contains("<td>See <em>the</em> <a href=\"/case-studies/kent/\">study</a>, <code>code</code></td>"))
        #expect(rendered.links.map(\.destination) == ["case-study:kent"])
        #expect(rendered.links.first?.text == "study")
        #expect(rendered.links.first?.position == SourcePosition(line: 24, column: 17))
    }

    @Test func aCellThatIsNotAParagraphIsShownAsWritten() {
        let html = render("```table\nStep,Heading\n1. First,# Not a heading\n```\n").html
        #expect(html.contains("<td>1. First</td>\n<td># Not a heading</td>"))
    }

    @Test func anUnterminatedQuoteIsAnErrorAtTheQuote() {
        let rendered = render("Text\n\n```table\nA,B\n1,\"open\n2,3\n```\n", firstLine: 3)
        #expect(rendered.problems.count == 1)
        let problem = rendered.problems.first
        #expect(problem?.severity == .error)
        #expect(problem?.code == "table.csv")
        #expect(problem?.message == "the quoted cell that starts here is never closed")
        #expect(problem?.position == SourcePosition(line: 7, column: 3))
        // The block stays code, so nothing half-built reaches the page.
        #expect(rendered.html.contains("<pre><code class=\"language-table\">"))
    }

    @Test func aRowWithTheWrongNumberOfCellsIsAnErrorOnItsLine() {
        let rendered = render("```table\nA,B,C\n1,2,3\n4,5\n\n6,7,8,9\n```\n", firstLine: 10)
        #expect(rendered.problems.map(\.message) == [
            "this row has 2 cells but the header row has 3", "this row has 4 cells but the header row has 3",
        ])
        #expect(rendered.problems.map(\.position) == [SourcePosition(line: 13, column: 1), SourcePosition(line: 15, column: 1)])
        #expect(rendered.problems.allSatisfy { $0.severity == .error })
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        let rendered = render("```table\nA,B\n\"x\"y,2\n```\n")
        #expect(rendered.problems.first?.message == "unexpected text after the closing quote of a cell")
        #expect(rendered.problems.first?.position == SourcePosition(line: 3, column: 4))
    }

    @Test func anEmptyTableIsAnError() {
        let rendered = render("Text\n\n```table caption=\"Nothing\"\n\n```\n")
        #expect(rendered.problems.map(\.code) == ["table.empty"])
        #expect(rendered.problems.first?.position == SourcePosition(line: 3, column: 1))
        #expect(rendered.problems.first?.severity == .error)
    }

    @Test func aTableInAListItemReportsFileColumns() {
        let rendered = render("- Item\n\n  ```table\n  A,B\n  1\n  ```\n")
        #expect(rendered.problems.first?.position == SourcePosition(line: 5, column: 3))
    }

    @Test func unknownOptionsWarnAndBadInfoStringsAreErrors() {
        let unknown = render("```table captoin=\"x\"\nA\n1\n```\n")
        #expect(unknown.problems.map(\.severity) == [.warning])
        #expect(unknown.problems.first?.position == SourcePosition(line: 1, column: 10))
        #expect(unknown.html.contains("<table>"))
        let broken = render("```table caption=\"Open\nA\n1\n```\n")
        #expect(broken.problems.map(\.code) == ["table.syntax"])
        #expect(broken.problems.first?.position == SourcePosition(line: 1, column: 10))
    }

    @Test func aCaptionNeverTakesAHeadingsId() {
        let html = render("## Table costs\n\n```table caption=\"Costs\"\nA\n1\n```\n").html
        #expect(html.contains("<h2 id=\"table-costs\">"))
        #expect(html.contains("aria-labelledby=\"table-costs-1\""))
        #expect(html.contains("<caption id=\"table-costs-1\">Costs</caption>"))
    }

    @Test func tablesAreNotSiteDirectivesAndCanBeTurnedOff() {
        var seen: [String] = []
        let hooks = MarkdownHooks(directive: { directive, _ in
            seen.append(directive.name)
            return .notHandled
        })
        _ = render("```table\nA\n1\n```\n", hooks: hooks)
        #expect(seen.isEmpty)
        let off = render("```table\nA\n1\n```\n", options: MarkdownOptions(tables: false))
        #expect(off.html == "<pre><code class=\"language-table\">A\n1\n</code></pre>\n")
    }
}
