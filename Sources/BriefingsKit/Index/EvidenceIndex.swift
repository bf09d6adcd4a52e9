import Foundation

/// The case studies indexed by every vocabulary term, and the matrix that
/// crosses two vocabularies: what answers "who has shown collaboration in
/// procurement?" and shows editors where evidence is thin. Built from front
/// matter alone; nothing about any vocabulary is in code.
public final class EvidenceIndex: Sendable {
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

    /// The pages the index covers (those the vocabularies apply to), in list
    /// order: made when first asked for, like the site's list order.
    public var pages: [Page] { covered.value }
    private let covered: MadeOnce<[Page]>
    public let vocabularies: [Vocabulary]
    /// The matrix, noting that the page being rendered shows it.
    public var matrix: Matrix? {
        DependencyRecorder.key(DependencyName.matrix)
        return storedMatrix
    }
    var storedMatrix: Matrix? { madeMatrix.value?.matrix }
    /// The matrix's cells as indices into the site's pages, row-major.
    var cellIndices: [[[Int]]] { madeMatrix.value?.members ?? [] }
    /// Made when first asked for (by the evidence JSON, a template, or a
    /// digest of an earlier build's page that showed it), on that task's core.
    private let madeMatrix: MadeOnce<MatrixParts?>
    /// The kinds the vocabularies apply to (case studies, as shipped).
    public let kinds: Set<PageKind>
    /// "Related" pages by shared terms, made when a page first asks: a theme
    /// that shows none never makes them.
    private let relatedIndex: MadeOnce<RelatedIndex>

    /// The pages related to one, noting that the page being rendered lists them.
    public func related(to page: Page) -> [Page] {
        DependencyRecorder.key(DependencyName.related(page.reference))
        return relatedIndex.value.related(to: page)
    }
    private let site: SiteIndex

    public init(site: SiteIndex) {
        self.site = site
        vocabularies = site.taxonomies.vocabularies
        let kinds = Set(vocabularies.flatMap(\.appliesTo))
        self.kinds = kinds
        let covered = MadeOnce { site.inListOrder.filter { kinds.contains($0.kind) } }
        self.covered = covered
        let vocabularies = self.vocabularies
        relatedIndex = MadeOnce { RelatedIndex(pages: covered.value, vocabularies: vocabularies) }
        madeMatrix = MadeOnce { Self.matrix(site) }
    }

    private struct MatrixParts: Sendable {
        var matrix: Matrix
        var members: [[[Int]]]
    }

    /// The matrix, if the taxonomies cross two vocabularies, and its cells'
    /// pages as indices into the site's pages.
    private static func matrix(_ site: SiteIndex) -> MatrixParts? {
        if let crossing = site.taxonomies.matrix,
            let rows = site.taxonomies.vocabulary(crossing.rows), let columns = site.taxonomies.vocabulary(crossing.columns) {
            // Each page's cells worked out in the site's order (the order its
            // pages lie in memory) on every core, then one pass in list order
            // drops each page into them: cells keep list order, and no cell
            // filters the site. Reading every page's terms in list order
            // missed the cache at every page of a 100,000-page site.
            let rowNumbers = Dictionary(rows.terms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            let columnNumbers = Dictionary(columns.terms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            let columnCount = columns.terms.count
            let cellsOfPage = ConcurrentMap.map(Array(site.pages.indices), inRunsOf: 512) { index -> [Int] in
                let page = site.pages[index]
                guard rows.appliesTo.contains(page.kind), columns.appliesTo.contains(page.kind) else { return [] }
                let pageRows = Set(page.termIDs(rows.id).compactMap { rowNumbers[$0] })
                guard !pageRows.isEmpty else { return [] }
                let pageColumns = Set(page.termIDs(columns.id).compactMap { columnNumbers[$0] }).sorted()
                return pageRows.sorted().flatMap { row in pageColumns.map { row * columnCount + $0 } }
            }
            var members = [[[Int]]](repeating: [[Int]](repeating: [], count: columnCount), count: rows.terms.count)
            for index in site.listOrderIndices {
                for cell in cellsOfPage[index] { members[cell / columnCount][cell % columnCount].append(index) }
            }
            let cells = rows.terms.enumerated().map { row, rowTerm in
                columns.terms.enumerated().map { column, columnTerm in
                    Cell(row: rowTerm, column: columnTerm, pages: members[row][column].map { site.pages[$0] })
                }
            }
            return MatrixParts(matrix: Matrix(rows: rows, columns: columns, cells: cells), members: members)
        }
        return nil
    }

    public func pages(withTerm term: String, in vocabulary: String) -> [Page] {
        site.pages(withTerm: term, in: vocabulary)
    }

    /// Terms no page carries yet, by vocabulary.
    public var unusedTerms: [(vocabulary: Vocabulary, term: Vocabulary.Term)] {
        vocabularies.flatMap { vocabulary in
            vocabulary.terms.filter { site.pageCount(withTerm: $0.id, in: vocabulary.id).count == 0 }.map { (vocabulary, $0) }
        }
    }
}
