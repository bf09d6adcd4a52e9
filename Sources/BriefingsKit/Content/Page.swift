/// Where a page is in its publication life. `draft` pages are left out unless
/// the build asks for drafts; `consultation` pages carry a closing date.
public enum PageStatus: String, Sendable, Hashable, CaseIterable {
    case published
    case draft
    case consultation
}

/// One page of the site as its author wrote it, with the URL it will have.
///
/// A value, stored in a shared box that is copied only when a copy is changed:
/// pages are looked up and passed around tens of thousands of times a build,
/// and copying every field each time was a large share of its cost.
public struct Page: Sendable, Identifiable {
    private var storage: Storage

    /// The fields, in a box shared by copies until one of them changes.
    private final class Storage: @unchecked Sendable {
        var kind: PageKind { didSet { reference = Page.reference(kind, referenceID) } }
        var sourcePath: String
        var file: String
        var url: String
        var referenceID: String { didSet { reference = Page.reference(kind, referenceID) } }
        /// Kept, not made on each use: lookups and dependency names use it
        /// for every page many times a build.
        private(set) var reference: String
        var title: String
        var summary: String
        var subtitle: String?
        var label: String?
        var organisation: String?
        var place: String?
        var source: String?
        var audience: String?
        var template: String?
        var published: Day?
        var updated: Day?
        var closes: Day?
        var status: PageStatus
        /// The terms, unless they are still as saved in the build state.
        var termsMade: [String: [TermUse]]
        /// The terms as saved, read when first asked for: a build that lays
        /// out a page or two and lists nothing never reads the other pages'.
        var termsSaved: SavedTerms?
        var terms: [String: [TermUse]] {
            get { termsSaved?.terms ?? termsMade }
            set {
                termsMade = newValue
                termsSaved = nil
            }
        }
        var body: String
        var bodyFirstLine: Int
        var documentID: String?
        var chapterNumber: Int?
        var footnoteScopes: [Int] = []

        init(
            kind: PageKind,
            sourcePath: String,
            file: String,
            url: String,
            referenceID: String,
            title: String,
            summary: String,
            subtitle: String?,
            label: String?,
            organisation: String?,
            place: String?,
            source: String?,
            audience: String?,
            template: String?,
            published: Day?,
            updated: Day?,
            closes: Day?,
            status: PageStatus,
            terms: [String: [TermUse]],
            body: String,
            bodyFirstLine: Int,
            documentID: String?,
            chapterNumber: Int?
        ) {
            self.kind = kind
            self.sourcePath = sourcePath
            self.file = file
            self.url = url
            self.referenceID = referenceID
            reference = Page.reference(kind, referenceID)
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
            termsMade = terms
            self.body = body
            self.bodyFirstLine = bodyFirstLine
            self.documentID = documentID
            self.chapterNumber = chapterNumber
        }

        func copy() -> Storage {
            let copy = Storage(
                kind: kind,
                sourcePath: sourcePath,
                file: file,
                url: url,
                referenceID: referenceID,
                title: title,
                summary: summary,
                subtitle: subtitle,
                label: label,
                organisation: organisation,
                place: place,
                source: source,
                audience: audience,
                template: template,
                published: published,
                updated: updated,
                closes: closes,
                status: status,
                terms: termsMade,
                body: body,
                bodyFirstLine: bodyFirstLine,
                documentID: documentID,
                chapterNumber: chapterNumber)
            copy.footnoteScopes = footnoteScopes
            copy.termsSaved = termsSaved
            return copy
        }
    }

    /// The storage, made unique before a change.
    private var mutable: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    public var kind: PageKind {
        get { storage.kind }
        set { mutable.kind = newValue }
    }
    /// Relative to the content folder (`case-studies/kent.md`); empty for pages
    /// the build makes itself.
    public var sourcePath: String {
        get { storage.sourcePath }
        set { mutable.sourcePath = newValue }
    }
    /// As shown in messages (`Content/case-studies/kent.md`).
    public var file: String {
        get { storage.file }
        set { mutable.file = newValue }
    }
    /// The page's path on the site, always ending in `/`: `/case-studies/kent/`.
    public var url: String {
        get { storage.url }
        set { mutable.url = newValue }
    }
    /// The id other pages cross-reference it by, after the kind prefix:
    /// `kent` in `case-study:kent`, `routemap/information` for a chapter.
    public var referenceID: String {
        get { storage.referenceID }
        set { mutable.referenceID = newValue }
    }

    public var title: String {
        get { storage.title }
        set { mutable.title = newValue }
    }
    public var summary: String {
        get { storage.summary }
        set { mutable.summary = newValue }
    }
    public var subtitle: String? {
        get { storage.subtitle }
        set { mutable.subtitle = newValue }
    }
    /// The type label readers see ("Strategy"); the kind's own when nil.
    public var label: String? {
        get { storage.label }
        set { mutable.label = newValue }
    }
    public var organisation: String? {
        get { storage.organisation }
        set { mutable.organisation = newValue }
    }
    public var place: String? {
        get { storage.place }
        set { mutable.place = newValue }
    }
    public var source: String? {
        get { storage.source }
        set { mutable.source = newValue }
    }
    public var audience: String? {
        get { storage.audience }
        set { mutable.audience = newValue }
    }
    /// A template name that replaces the kind's own.
    public var template: String? {
        get { storage.template }
        set { mutable.template = newValue }
    }
    public var published: Day? {
        get { storage.published }
        set { mutable.published = newValue }
    }
    public var updated: Day? {
        get { storage.updated }
        set { mutable.updated = newValue }
    }
    /// When a consultation closes.
    public var closes: Day? {
        get { storage.closes }
        set { mutable.closes = newValue }
    }
    public var status: PageStatus {
        get { storage.status }
        set { mutable.status = newValue }
    }

    /// Term ids by vocabulary id, as written, with where each was written.
    public var terms: [String: [TermUse]] {
        get { storage.terms }
        set { mutable.terms = newValue }
    }

    public var body: String {
        get { storage.body }
        set { mutable.body = newValue }
    }
    /// The line of the file on which the Markdown body starts.
    public var bodyFirstLine: Int {
        get { storage.bodyFirstLine }
        set { mutable.bodyFirstLine = newValue }
    }

    /// For a chapter: its document's reference id and its place among the chapters.
    public var documentID: String? {
        get { storage.documentID }
        set { mutable.documentID = newValue }
    }
    public var chapterNumber: Int? {
        get { storage.chapterNumber }
        set { mutable.chapterNumber = newValue }
    }
    /// Lines of the body where a new set of footnote labels begins: the
    /// whole-document page joins chapters that each number their own notes.
    public var footnoteScopes: [Int] {
        get { storage.footnoteScopes }
        set { mutable.footnoteScopes = newValue }
    }

    public init(
        kind: PageKind, sourcePath: String, file: String, url: String, referenceID: String,
        title: String, summary: String, subtitle: String? = nil, label: String? = nil,
        organisation: String? = nil, place: String? = nil, source: String? = nil, audience: String? = nil,
        template: String? = nil, published: Day? = nil, updated: Day? = nil, closes: Day? = nil,
        status: PageStatus, terms: [String: [TermUse]], body: String, bodyFirstLine: Int,
        documentID: String? = nil, chapterNumber: Int? = nil
    ) {
        storage = Storage(
            kind: kind,
            sourcePath: sourcePath,
            file: file,
            url: url,
            referenceID: referenceID,
            title: title,
            summary: summary,
            subtitle: subtitle,
            label: label,
            organisation: organisation,
            place: place,
            source: source,
            audience: audience,
            template: template,
            published: published,
            updated: updated,
            closes: closes,
            status: status,
            terms: terms,
            body: body,
            bodyFirstLine: bodyFirstLine,
            documentID: documentID,
            chapterNumber: chapterNumber)
    }

    public var id: String { reference }

    /// `case-study:kent`
    public var reference: String { storage.reference }

    static func reference(_ kind: PageKind, _ referenceID: String) -> String { kind.referencePrefix + ":" + referenceID }

    public var displayLabel: String { label ?? kind.defaultLabel }

    public func termIDs(_ vocabulary: String) -> [String] { terms[vocabulary]?.map(\.id) ?? [] }

    /// Terms as saved in the build state, read when first asked for.
    mutating func useSavedTerms(_ saved: SavedTerms) {
        mutable.termsSaved = saved
    }
}

/// One term written on a page, remembering where, for error messages.
public struct TermUse: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation
}
