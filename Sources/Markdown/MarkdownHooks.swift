/// What a site adds to plain CommonMark while a document is rendered. The
/// Markdown module knows nothing of pages or URLs; the site decides through these.
public struct MarkdownHooks {
    public enum DirectiveResult {
        /// Not a directive this site knows: leave the fenced code block as it is.
        case notHandled
        /// Replace the fenced code block with this HTML, verbatim.
        case html(String)
    }

    /// Called for every link and image destination, in document order. Return a
    /// new destination (a cross-reference resolved to a URL, say) or nil to keep it.
    public var rewriteDestination: ((LinkReference) -> String?)?
    /// Called for every fenced code block that has an info string.
    public var directive: ((FencedDirective, Result<Void, InfoStringError>) -> DirectiveResult)?

    public init(
        rewriteDestination: ((LinkReference) -> String?)? = nil,
        directive: ((FencedDirective, Result<Void, InfoStringError>) -> DirectiveResult)? = nil
    ) {
        self.rewriteDestination = rewriteDestination
        self.directive = directive
    }
}

/// A problem the Markdown pass found in the author's text.
public struct MarkdownProblem: Sendable, Hashable {
    public var message: String
    public var position: SourcePosition

    public init(message: String, position: SourcePosition) {
        self.message = message
        self.position = position
    }
}

/// The HTML fragment for a document and what was learnt while making it.
public struct RenderedDocument: Sendable {
    public var html: String
    /// Every heading, in order, with the id its element carries.
    public var headings: [Heading]
    /// Every link and image as the author wrote it, in order.
    public var links: [LinkReference]
    public var problems: [MarkdownProblem]
}
