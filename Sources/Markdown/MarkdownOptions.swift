/// How Markdown is parsed and rendered. Safe by default: raw HTML is omitted and
/// dangerous URLs (`javascript:`, `vbscript:`, `file:`, most `data:`) are dropped,
/// exactly as cmark does without `CMARK_OPT_UNSAFE`.
public struct MarkdownOptions: Sendable, Hashable {
    /// Pass raw HTML through and keep every URL. Only for sites that opt in.
    public var unsafeHTML: Bool
    /// Curly quotes, dashes and ellipses (cmark's `CMARK_OPT_SMART`).
    public var smartPunctuation: Bool
    /// Ids the page template already uses; heading ids never take one of these.
    public var reservedIDs: Set<String>
    /// `[^label]` references with `[^label]: text` definitions become numbered notes.
    public var footnotes: Bool
    /// Fenced blocks whose info string is `table` are read as CSV and become tables.
    public var tables: Bool
    /// 1-based lines of the text where a new set of footnote labels begins:
    /// `[^1]` before such a line and `[^1]` after it are different notes. For
    /// text joined from several documents, each with its own notes.
    public var footnoteScopes: [Int] = []
    /// The heading over the notes, in the site's language.
    public var footnotesHeading = "Notes"
    /// What a screen reader announces for a note's link back to its reference;
    /// `{n}` is the note's number.
    public var footnoteBackLabel = "Back to reference {n}"

    public init(
        unsafeHTML: Bool = false, smartPunctuation: Bool = false, reservedIDs: Set<String> = [],
        footnotes: Bool = true, tables: Bool = true
    ) {
        self.unsafeHTML = unsafeHTML
        self.smartPunctuation = smartPunctuation
        self.reservedIDs = reservedIDs
        self.footnotes = footnotes
        self.tables = tables
    }
}
