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
    /// Errors mean the page cannot be trusted as written; warnings mean something
    /// was probably left behind by mistake but the page still reads correctly.
    public enum Severity: String, Sendable, Hashable {
        case warning
        case error
    }

    public var severity: Severity
    /// A stable name for the kind of problem, such as `footnote.undefined`.
    public var code: String
    public var message: String
    public var position: SourcePosition
    /// What to do about it, when the message alone does not say.
    public var help: String?

    public init(
        _ severity: Severity = .error, code: String = "markdown", message: String, position: SourcePosition,
        help: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.position = position
        self.help = help
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
