/// What a page is. The kind decides its required fields, its template and where
/// it is listed.
public enum PageKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case briefing
    /// A multi-part publication: a folder with an `index.md` and chapter files.
    case document
    /// One part of a document; never written in front matter, implied by the folder.
    case chapter
    case caseStudy = "case-study"
    case page
    /// A list page the build makes for a folder without an `index.md`.
    case section
    /// The build's page listing a vocabulary's terms (`/principles/`).
    case vocabulary
    /// The build's page listing what carries one term (`/principles/innovate/`).
    case term
    /// The build's "page not found" page.
    case notFound = "404"

    /// Kinds an author may write in `kind:`.
    public static let authorable: [PageKind] = [.briefing, .document, .caseStudy, .page]

    /// The prefix of cross-references to pages of this kind: `case-study:kent`.
    public var referencePrefix: String {
        switch self {
        case .chapter: PageKind.document.rawValue
        case .vocabulary, .term: "term"
        default: rawValue
        }
    }

    /// The label readers see above the title, unless the page sets its own.
    public var defaultLabel: String {
        switch self {
        case .briefing: "Briefing"
        case .document: "Document"
        case .chapter: "Chapter"
        case .caseStudy: "Case study"
        case .page: "Page"
        case .section: "Section"
        case .vocabulary: "Index"
        case .term: "Topic"
        case .notFound: "Not found"
        }
    }

    /// "Case studies": the label for many pages of this kind.
    public var pluralLabel: String {
        let singular = defaultLabel
        if singular.hasSuffix("y") { return String(singular.dropLast()) + "ies" }
        return singular + "s"
    }

    /// What a page of this kind is called when the build makes it.
    public var generatedName: String {
        switch self {
        case .section: "section list"
        case .vocabulary: "vocabulary index"
        case .term: "term page"
        case .notFound: "not-found page"
        default: "home page"
        }
    }

    /// "a case study", for messages.
    public var described: String {
        switch self {
        case .briefing: "a briefing"
        case .document: "a document"
        case .chapter: "a chapter"
        case .caseStudy: "a case study"
        case .page: "a page"
        case .section: "a section"
        case .vocabulary: "a vocabulary page"
        case .term: "a term page"
        case .notFound: "the not-found page"
        }
    }

    /// The kind a file has when its front matter does not say, from the folder
    /// it sits in.
    static func defaultKind(forFolder folder: String) -> PageKind {
        switch folder.split(separator: "/").first {
        case "briefings": .briefing
        case "case-studies": .caseStudy
        default: .page
        }
    }

    /// The template a page of this kind is rendered with, unless it names another.
    public var templateName: String { rawValue }

    public static func < (lhs: PageKind, rhs: PageKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
