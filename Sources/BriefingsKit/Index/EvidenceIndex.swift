import Foundation

/// The case studies indexed by every vocabulary term, and the matrix that
/// crosses two vocabularies: what answers "who has shown collaboration in
/// procurement?" and shows editors where evidence is thin. Built from front
/// matter alone; nothing about any vocabulary is in code.
public struct EvidenceIndex: Sendable {
    public struct Cell: Sendable {
        public var row: Vocabulary.Term
        public var column: Vocabulary.Term
        public var pages: [Page]
    }

    public struct Matrix: Sendable {
        public var rows: Vocabulary
        public var columns: Vocabulary
        /// Row-major: `cells[row][column]`.
        public var cells: [[Cell]]

        public var gaps: [Cell] { cells.flatMap { $0 }.filter { $0.pages.isEmpty } }
    }

    /// The pages the index covers (those the vocabularies apply to), in list order.
    public let pages: [Page]
    public let vocabularies: [Vocabulary]
    /// The matrix, noting that the page being rendered shows it.
    public var matrix: Matrix? {
        DependencyRecorder.key(DependencyName.matrix)
        return storedMatrix
    }
    let storedMatrix: Matrix?
    /// The kinds the vocabularies apply to (case studies, as shipped).
    public let kinds: Set<PageKind>
    /// "Related" pages by shared terms.
    let relatedIndex: RelatedIndex

    /// The pages related to one, noting that the page being rendered lists them.
    public func related(to page: Page) -> [Page] {
        DependencyRecorder.key(DependencyName.related(page.reference))
        return relatedIndex.related(to: page)
    }
    private let site: SiteIndex

    public init(site: SiteIndex) {
        self.site = site
        vocabularies = site.taxonomies.vocabularies
        let kinds = Set(vocabularies.flatMap(\.appliesTo))
        self.kinds = kinds
        pages = site.inListOrder.filter { kinds.contains($0.kind) }
        relatedIndex = RelatedIndex(pages: pages, vocabularies: vocabularies)
        if let crossing = site.taxonomies.matrix,
            let rows = site.taxonomies.vocabulary(crossing.rows), let columns = site.taxonomies.vocabulary(crossing.columns) {
            let cells = rows.terms.map { row in
                columns.terms.map { column in
                    Cell(row: row, column: column, pages: site.pages(matching: [(rows.id, row.id), (columns.id, column.id)])
                        .filter { rows.appliesTo.contains($0.kind) && columns.appliesTo.contains($0.kind) })
                }
            }
            storedMatrix = Matrix(rows: rows, columns: columns, cells: cells)
        } else {
            storedMatrix = nil
        }
    }

    public func pages(withTerm term: String, in vocabulary: String) -> [Page] {
        site.pages(withTerm: term, in: vocabulary)
    }

    /// Terms no page carries yet, by vocabulary.
    public var unusedTerms: [(vocabulary: Vocabulary, term: Vocabulary.Term)] {
        vocabularies.flatMap { vocabulary in
            vocabulary.terms.filter { pages(withTerm: $0.id, in: vocabulary.id).isEmpty }.map { (vocabulary, $0) }
        }
    }
}
