import Markdown
import TestSupport
import Testing

/// The renderer against the CommonMark 0.30 spec, in process. The same examples
/// also go through the `briefings render` binary in the end-to-end tests.
@Suite struct CommonMarkSpecTests {
    static let spec = (try? Fixtures.specExamples("spec-0.30.json")) ?? []
    static let smart = (try? Fixtures.specExamples("smart-punct-0.30.json")) ?? []

    @Test func carriesAllSpecExamples() {
        #expect(Self.spec.count == 652)
        #expect(Self.smart.count == 16)
    }

    @Test(arguments: spec)
    func specExample(_ example: SpecExample) {
        let document = MarkdownDocument(example.markdown, options: MarkdownOptions(unsafeHTML: true))
        let html = document.render().html
        #expect(HTMLNormaliser.normalise(html) == HTMLNormaliser.normalise(example.html))
    }

    @Test(arguments: smart)
    func smartPunctuationExample(_ example: SpecExample) {
        let document = MarkdownDocument(example.markdown, options: MarkdownOptions(unsafeHTML: true, smartPunctuation: true))
        #expect(HTMLNormaliser.normalise(document.render().html) == HTMLNormaliser.normalise(example.html))
    }
}

@Suite struct HTMLNormaliserTests {
    @Test func normalisesOnlyInsignificantDifferences() {
        #expect(HTMLNormaliser.normalise("<h2 id=\"x\">A</h2>\n<p>b</p>") == HTMLNormaliser.normalise("<h2>A</h2><p>b</p>"))
        #expect(HTMLNormaliser.normalise(#"<a title="t" href="u">x</a>"#) == HTMLNormaliser.normalise(#"<a href="u" title="t">x</a>"#))
        #expect(HTMLNormaliser.normalise("<p>a</p>") != HTMLNormaliser.normalise("<p>b</p>"))
        #expect(HTMLNormaliser.normalise("<pre><code>a  b</code></pre>") != HTMLNormaliser.normalise("<pre><code>a b</code></pre>"))
        #expect(HTMLNormaliser.normalise("<p><em>a</em></p>") != HTMLNormaliser.normalise("<p>a</p>"))
    }
}
