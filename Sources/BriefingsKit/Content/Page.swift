/// Where a page is in its publication life. `draft` pages are left out unless
/// the build asks for drafts; `consultation` pages carry a closing date.
public enum PageStatus: String, Sendable, Hashable, CaseIterable {
    case published
    case draft
    case consultation
}

/// One page of the site as its author wrote it, with the URL it will have.
public struct Page: Sendable, Identifiable {
    public var kind: PageKind
    /// Relative to the content folder (`case-studies/kent.md`); empty for pages
    /// the build makes itself.
    public var sourcePath: String
    /// As shown in messages (`Content/case-studies/kent.md`).
    public var file: String
    /// The page's path on the site, always ending in `/`: `/case-studies/kent/`.
    public var url: String
    /// The id other pages cross-reference it by, after the kind prefix:
    /// `kent` in `case-study:kent`, `routemap/information` for a chapter.
    public var referenceID: String

    public var title: String
    public var summary: String
    public var subtitle: String?
    /// The type label readers see ("Strategy"); the kind's own when nil.
    public var label: String?
    public var organisation: String?
    public var place: String?
    public var source: String?
    public var audience: String?
    /// A template name that replaces the kind's own.
    public var template: String?
    public var published: Day?
    public var updated: Day?
    /// When a consultation closes.
    public var closes: Day?
    public var status: PageStatus

    /// Term ids by vocabulary id, as written, with where each was written.
    public var terms: [String: [TermUse]]

    public var body: String
    /// The line of the file on which the Markdown body starts.
    public var bodyFirstLine: Int

    /// For a chapter: its document's reference id and its place among the chapters.
    public var documentID: String?
    public var chapterNumber: Int?

    public init(
        kind: PageKind, sourcePath: String, file: String, url: String, referenceID: String,
        title: String, summary: String, subtitle: String? = nil, label: String? = nil,
        organisation: String? = nil, place: String? = nil, source: String? = nil, audience: String? = nil,
        template: String? = nil, published: Day? = nil, updated: Day? = nil, closes: Day? = nil,
        status: PageStatus, terms: [String: [TermUse]], body: String, bodyFirstLine: Int,
        documentID: String? = nil, chapterNumber: Int? = nil
    ) {
        self.kind = kind
        self.sourcePath = sourcePath
        self.file = file
        self.url = url
        self.referenceID = referenceID
        self.title = title
        self.summary = summary
        self.subtitle = subtitle
        self.label = label
        self.organisation = organisation
        self.place = place
        self.source = source
        self.audience = audience
        self.template = template
        self.published = published
        self.updated = updated
        self.closes = closes
        self.status = status
        self.terms = terms
        self.body = body
        self.bodyFirstLine = bodyFirstLine
        self.documentID = documentID
        self.chapterNumber = chapterNumber
    }

    public var id: String { reference }

    /// `case-study:kent`
    public var reference: String { "\(kind.referencePrefix):\(referenceID)" }

    public var displayLabel: String { label ?? kind.defaultLabel }

    public func termIDs(_ vocabulary: String) -> [String] { terms[vocabulary]?.map(\.id) ?? [] }
}

/// One term written on a page, remembering where, for error messages.
public struct TermUse: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation
}
