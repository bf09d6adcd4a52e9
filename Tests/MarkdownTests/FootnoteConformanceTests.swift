import Foundation
import Markdown
import TestSupport
import Testing

/// Footnotes only act when a reference and its definition are both there: with
/// either missing, every CommonMark example renders exactly as cmark renders it.
@Suite struct FootnoteConformanceTests {
    static let spec = (try? Fixtures.specExamples("spec-0.30.json")) ?? []

    private func both(_ text: String) -> (withFootnotes: String, plain: String) {
        let on = MarkdownDocument(text, options: MarkdownOptions(unsafeHTML: true)).render().html
        let off = MarkdownDocument(text, options: MarkdownOptions(unsafeHTML: true, footnotes: false, tables: false)).render().html
        return (on, off)
    }

    /// Every `foo` followed by a reference to a note that does not exist.
    @Test(arguments: spec.filter { $0.markdown.contains("foo") })
    func undefinedReferencesLeaveExamplesUnchanged(_ example: SpecExample) {
        let (on, off) = both(example.markdown.replacingOccurrences(of: "foo", with: "foo[^zz]"))
        #expect(on == off)
    }

    /// A definition that nothing refers to, after the example and inside it.
    @Test(arguments: spec)
    func unusedDefinitionsLeaveExamplesUnchanged(_ example: SpecExample) {
        let (on, off) = both(example.markdown + "\n[^zz]: https://example.org\n")
        #expect(on == off)
        let inside = example.markdown.replacingOccurrences(of: "\n", with: "\n[^zz]: note\n")
        let (insideOn, insideOff) = both(inside)
        #expect(insideOn == insideOff)
    }
}
