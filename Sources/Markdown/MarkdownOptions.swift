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

    public init(unsafeHTML: Bool = false, smartPunctuation: Bool = false, reservedIDs: Set<String> = []) {
        self.unsafeHTML = unsafeHTML
        self.smartPunctuation = smartPunctuation
        self.reservedIDs = reservedIDs
    }
}
