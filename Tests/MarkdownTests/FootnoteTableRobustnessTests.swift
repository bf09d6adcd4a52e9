import Markdown
import Testing

/// Random mixes of footnote, table and container syntax: no crash, no stand-in
/// character left in the output, and plain cmark output wherever neither
/// feature applied.
@Suite struct FootnoteTableRobustnessTests {
    /// SplitMix64, so every run sees the same documents.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "[^", "]", "]:", ":", "\n", "\n\n", "> ", "- ", "1. ", "  ", "    ", "```table\n", "```table caption=\"c\" row-headers\n",
        "```\n", "~~~\n", "\"", ",", "`", "*", "_", "\\", "[a](b)", "[x]: /u\n", "é", "\t", "a", "note", "[^1]", "[^1]: ",
        "[^a]: ", "[^a]", "# ", "===\n", "<b>", "&amp;", "\r\n", "!", "[", "^", "\u{1F}", "<https://x>", "'", "--",
    ]

    @Test func randomDocumentsRenderSafely() {
        var generator = Generator(state: 2024)
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &generator) { text += Self.pieces.randomElement(using: &generator) ?? "" }
            let smart = Bool.random(using: &generator)
            let hooks = MarkdownHooks(rewriteDestination: { _ in "/x" })
            let html = MarkdownDocument(text, options: MarkdownOptions(smartPunctuation: smart)).render(hooks: hooks).html
            #expect(!html.unicodeScalars.contains { (0x1C...0x1E).contains($0.value) }, "\(text.debugDescription)")
            guard !html.contains("footnote"), !text.contains("```table") else { continue }
            let plain = MarkdownDocument(text, options: MarkdownOptions(smartPunctuation: smart, footnotes: false, tables: false))
                .render(hooks: hooks).html
            #expect(html == plain, "\(text.debugDescription)")
        }
    }
}
