import Markdown
import Testing

/// Footnotes: `[^label]` references and `[^label]: text` definitions become
/// numbered notes at the end of the document, linked both ways.
@Suite struct FootnoteTests {
    private func render(_ text: String, firstLine: Int = 1, options: MarkdownOptions = MarkdownOptions(), hooks: MarkdownHooks = MarkdownHooks()) -> RenderedDocument {
        MarkdownDocument(text, options: options, firstLine: firstLine).render(hooks: hooks)
    }

    /// What plain cmark makes of the same text.
    private func plain(_ text: String) -> String {
        MarkdownDocument(text, options: MarkdownOptions(footnotes: false)).render().html
    }

    @Test func aReferenceAndItsNoteLinkToEachOther() {
        let rendered = render("Text[^1].\n\n[^1]: The note.\n")
        #expect(rendered.html == """
            <p>Text<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" role="doc-noteref" aria-describedby="footnotes-title">1</a></sup>.</p>
            <section class="footnotes" role="doc-endnotes" aria-labelledby="footnotes-title">
            <h2 id="footnotes-title">Notes</h2>
            <ol>
            <li id="fn-1">
            <p>The note. <a href="#fnref-1" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 1">↩</a></p>
            </li>
            </ol>
            </section>

            """)
        #expect(rendered.problems.isEmpty)
    }

    /// Text joined from documents that each number their own notes: a label in
    /// one scope is another note than the same label in the next, and notes
    /// are numbered on through the whole text.
    @Test func scopesKeepEachPartsLabelsApart() {
        let text = "Intro[^1].\n\n[^1]: Intro's note.\n\n## One\n\nFirst[^1].\n\n[^1]: One's note.\n\n## Two\n\nSecond[^1] and [^x].\n\n[^1]: Two's note.\n"
        var options = MarkdownOptions()
        options.footnoteScopes = [5, 11]
        let rendered = render(text, options: options)
        #expect(rendered.problems.map(\.message) == ["the footnote [^x] is never defined"])
        for (number, note) in ["Intro's note.", "One's note.", "Two's note."].enumerated() {
            #expect(rendered.html.contains("<li id=\"fn-\(number + 1)\">\n<p>\(note) <a"), "\(rendered.html)")
            #expect(rendered.html.contains("<a href=\"#fn-\(number + 1)\" id=\"fnref-\(number + 1)\""))
        }
        // Without scopes the same text is one set of labels: the later two are repeats.
        let unscoped = render(text)
        #expect(unscoped.problems.filter { $0.code == "footnote.duplicate" }.count == 2)
    }

    /// A site in another language words the heading and the links back its
    /// own way; the wording is text, escaped, never markup.
    @Test func theHeadingAndBackLinksTakeTheSitesWording() {
        var options = MarkdownOptions()
        options.footnotesHeading = "Nodiadau <&>"
        options.footnoteBackLabel = "Yn ôl i gyfeiriad {n} \"x\""
        let rendered = render("Un[^a], dau[^a].\n\n[^a]: Nodyn.\n", options: options)
        #expect(rendered.html.contains("<h2 id=\"footnotes-title\">Nodiadau &lt;&amp;&gt;</h2>"), "\(rendered.html)")
        #expect(rendered.html.contains("aria-label=\"Yn ôl i gyfeiriad 1 &quot;x&quot;\">↩</a>"), "\(rendered.html)")
        #expect(rendered.html.contains("aria-label=\"Yn ôl i gyfeiriad 1-2 &quot;x&quot;\">↩<sup>2</sup></a>"), "\(rendered.html)")
    }

    @Test func notesAreNumberedByFirstReferenceNotByDefinition() {
        let text = "First[^alpha], then[^b-2], then[^alpha] again.\n\n[^b-2]: Note B.\n[^alpha]: Note alpha.\n"
        let html = render(text).html
        let alpha = html.range(of: "<li id=\"fn-1\">\n<p>Note alpha.")
        let beta = html.range(of: "<li id=\"fn-2\">\n<p>Note B.")
        #expect(alpha != nil && beta != nil)
        #expect((alpha?.lowerBound).map { start in beta.map { start < $0.lowerBound } ?? false } == true)
        #expect(html.contains("First<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\""))
        #expect(html.contains("then<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\""))
        // The two definitions were written on consecutive lines: still two notes.
        #expect(!html.contains("[^"))
    }

    @Test func aNoteReferredToTwiceLinksBackToEachReference() {
        let html = render("One[^n] and two[^n].\n\n[^n]: Shared.\n").html
        #expect(html.contains("<a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\""))
        #expect(html.contains("<a href=\"#fn-1\" id=\"fnref-1-2\" role=\"doc-noteref\""))
        #expect(html.contains(
            "<p>Shared. <a href=\"#fnref-1\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"Back to reference 1\">↩</a> "
                + "<a href=\"#fnref-1-2\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"Back to reference 1-2\">↩<sup>2</sup></a></p>"))
        #expect(html.components(separatedBy: "<li id=").count == 2)
    }

    /// cmark alone reads these definitions as link reference definitions: they
    /// would vanish and `[^1]` would become a link.
    @Test func definitionsThatLookLikeLinkReferenceDefinitionsAreNotes() {
        let text = "A[^1] b[^2] c[^3].\n\n[^1]: https://example.org\n[^2]: Ibid.\n[^3]: <https://example.org/x> \"Title\"\n"
        let rendered = render(text)
        #expect(rendered.html.contains("<li id=\"fn-1\">\n<p>https://example.org <a href=\"#fnref-1\""))
        #expect(rendered.html.contains("<li id=\"fn-2\">\n<p>Ibid. <a href=\"#fnref-2\""))
        #expect(rendered.html.contains("<li id=\"fn-3\">\n<p><a href=\"https://example.org/x\">https://example.org/x</a> &quot;Title&quot; "))
        #expect(!rendered.html.contains("<a href=\"https://example.org\">"))
        #expect(rendered.problems.isEmpty)
        #expect(rendered.links.map(\.destination) == ["https://example.org/x"])
    }

    @Test func anUndefinedReferenceIsAnErrorAndStaysAsCmarkRendersIt() {
        let text = "Line one.\nSee é [^missing] here.\n"
        let rendered = render(text, firstLine: 5)
        #expect(rendered.html == plain(text))
        #expect(rendered.html == "<p>Line one.\nSee é [^missing] here.</p>\n")
        #expect(rendered.problems.count == 1)
        let problem = rendered.problems.first
        #expect(problem?.severity == .error)
        #expect(problem?.code == "footnote.undefined")
        #expect(problem?.position == SourcePosition(line: 6, column: 7))
        #expect(problem?.message == "the footnote [^missing] is never defined")
    }

    @Test func anUnusedDefinitionIsAWarningAndRendersAsCmarkRendersIt() {
        for text in ["Text.\n\n[^u]: An unused note.\n", "Text.\n\n[^u]: https://example.org\n\nA [link][^u].\n"] {
            let rendered = render(text, firstLine: 10)
            #expect(rendered.html == plain(text))
            #expect(rendered.problems.map(\.severity) == [.warning])
            #expect(rendered.problems.first?.code == "footnote.unused")
            #expect(rendered.problems.first?.position == SourcePosition(line: 12, column: 1))
        }
        // As in CommonMark, the unused definition still serves as a link reference definition.
        #expect(render("Text.\n\n[^u]: https://example.org\n\nA [link][^u].\n").html.contains("<a href=\"https://example.org\">link</a>"))
    }

    @Test func aSecondDefinitionOfALabelIsAWarningAndStaysAsText() {
        let rendered = render("Text[^d].\n\n[^d]: First.\n\n[^d]: Second.\n")
        #expect(rendered.html.contains("<li id=\"fn-1\">\n<p>First. "))
        #expect(rendered.html.contains("<p>[^d]: Second.</p>"))
        #expect(rendered.problems.map(\.code) == ["footnote.duplicate"])
        #expect(rendered.problems.first?.position == SourcePosition(line: 5, column: 1))
    }

    @Test func referencesAndDefinitionsInsideListsAndQuotes() {
        let text = "> Quoted[^q].\n\n- Listed[^l]\n- Other\n\n> [^q]: Quote note.\n\n- [^l]: List note.\n"
        let rendered = render(text)
        #expect(rendered.html.contains("<blockquote>\n<p>Quoted<sup class=\"footnote-ref\"><a href=\"#fn-1\""))
        #expect(rendered.html.contains("<li>Listed<sup class=\"footnote-ref\"><a href=\"#fn-2\""))
        #expect(rendered.html.contains("<li id=\"fn-1\">\n<p>Quote note. "))
        #expect(rendered.html.contains("<li id=\"fn-2\">\n<p>List note. "))
        // The quote and the list that held only a definition are gone, not left empty.
        #expect(rendered.html.components(separatedBy: "<blockquote>").count == 2)
        #expect(!rendered.html.contains("<li></li>"))
        #expect(rendered.problems.isEmpty)
    }

    @Test func noteIdsNeverTakeAHeadingsId() {
        let text = "## Fn 1\n\n## Fnref 1\n\n## Footnotes title\n\nText[^1].\n\n[^1]: Note.\n"
        let rendered = render(text)
        #expect(rendered.headings.map(\.id) == ["fn-1", "fnref-1", "footnotes-title"])
        #expect(rendered.html.contains("<a href=\"#fn-1-1\" id=\"fnref-1-1\" role=\"doc-noteref\" aria-describedby=\"footnotes-title-1\">"))
        #expect(rendered.html.contains("<li id=\"fn-1-1\">"))
        #expect(rendered.html.contains("<h2 id=\"footnotes-title-1\">Notes</h2>"))
        #expect(rendered.html.contains("aria-labelledby=\"footnotes-title-1\""))
        let reserved = render("Text[^1].\n\n[^1]: Note.\n", options: MarkdownOptions(reservedIDs: ["fn-1"]))
        #expect(reserved.html.contains("<li id=\"fn-1-1\">"))
    }

    @Test func codeLinksEscapesAndCodeBlocksAreNotReferences() {
        let text = "Text[^1] `[^1]` [see [^1]](x) \\[^1]\n\n```\n[^1]: in code\n```\n\n    [^1] indented\n\n[^1]: Note.\n"
        let rendered = render(text)
        #expect(rendered.html.components(separatedBy: "role=\"doc-noteref\"").count == 2)
        #expect(rendered.html.contains("<code>[^1]</code>"))
        #expect(rendered.html.contains("<a href=\"x\">see [^1]</a> [^1]</p>"))
        #expect(rendered.html.contains("<pre><code>[^1]: in code\n</code></pre>"))
        #expect(rendered.html.contains("<pre><code>[^1] indented\n</code></pre>"))
        #expect(rendered.problems.isEmpty)
    }

    @Test func linksInNotesGoThroughTheHookAndAreCollected() {
        var seen: [LinkReference] = []
        let hooks = MarkdownHooks(rewriteDestination: { reference in
            seen.append(reference)
            return reference.destination == "case-study:kent" ? "/case-studies/kent/" : nil
        })
        let rendered = render("See[^k].\n\n[^k]: As in [Kent](case-study:kent).\n", firstLine: 4, hooks: hooks)
        #expect(rendered.html.contains("<p>As in <a href=\"/case-studies/kent/\">Kent</a>. <a href=\"#fnref-1\""))
        #expect(rendered.links.map(\.destination) == ["case-study:kent"])
        #expect(rendered.links.first?.position == SourcePosition(line: 6, column: 13))
        #expect(seen.count == 1)
    }

    @Test func aReferenceInAHeadingIsNotPartOfItsTextOrId() {
        let rendered = render("## Savings[^s]\n\n[^s]: Audited.\n")
        #expect(rendered.headings.first?.text == "Savings")
        #expect(rendered.headings.first?.id == "savings")
        #expect(rendered.html.hasPrefix("<h2 id=\"savings\">Savings<sup class=\"footnote-ref\"><a href=\"#fn-1\""))
    }

    @Test func aNoteCanReferToAnotherNote() {
        let rendered = render("Text[^a].\n\n[^a]: See also[^b].\n[^b]: Deeper.\n")
        #expect(rendered.html.contains("<li id=\"fn-1\">\n<p>See also<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\""))
        #expect(rendered.html.contains("<li id=\"fn-2\">\n<p>Deeper. "))
        #expect(rendered.problems.isEmpty)
    }

    @Test func aNoteRunsOnToLazyContinuationLines() {
        let html = render("Text[^a].\n\n[^a]: Starts here\nand *goes on*.\n").html
        #expect(html.contains("<li id=\"fn-1\">\n<p>Starts here\nand <em>goes on</em>. <a href=\"#fnref-1\""))
    }

    @Test func labelsMatchWithoutRegardToCase() {
        let rendered = render("Text[^Note].\n\n[^note]: Matched.\n")
        #expect(rendered.html.contains("<p>Matched. "))
        #expect(rendered.problems.isEmpty)
    }

    @Test func withFootnotesOffTheTextIsPlainCommonMark() {
        let text = "Text[^1].\n\n[^1]: https://example.org\n"
        let rendered = render(text, options: MarkdownOptions(footnotes: false))
        #expect(rendered.html == "<p>Text<a href=\"https://example.org\">^1</a>.</p>\n")
        #expect(rendered.problems.isEmpty)
    }

    @Test func smartPunctuationStillAppliesInNotes() {
        let html = render("Text[^q].\n\n[^q]: \"Quoted\" -- yes.\n", options: MarkdownOptions(smartPunctuation: true)).html
        #expect(html.contains("<p>“Quoted” – yes. <a href=\"#fnref-1\""))
    }
}
