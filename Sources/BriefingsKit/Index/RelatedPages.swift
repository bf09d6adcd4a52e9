/// "Related case studies": the pages that share the most terms with a page.
///
/// The rule, documented in docs/indexing.md: each shared term scores its
/// vocabulary's `weight` (from taxonomies.yml, 1 when unset); sharing terms in
/// more than one vocabulary adds 1 for each vocabulary beyond the first, since
/// agreement across dimensions says more than agreement on one. With the shipped
/// weights (principles 3, capabilities 2) a shared principle and a shared
/// capability score 3 + 2 + 1 = 6, more than two shared capabilities (4).
/// Pages scoring 0 are never related; the page itself never is. Ties are broken
/// by title, then URL, so the list is the same on every build.
public enum RelatedPages {
    public static let maximum = 5

    public static func score(_ page: Page, _ candidate: Page, vocabularies: [Vocabulary]) -> Int {
        var score = 0
        var vocabulariesShared = 0
        for vocabulary in vocabularies {
            let shared = Set(page.termIDs(vocabulary.id)).intersection(candidate.termIDs(vocabulary.id)).count
            guard shared > 0 else { continue }
            score += shared * vocabulary.weight
            vocabulariesShared += 1
        }
        return score + max(0, vocabulariesShared - 1)
    }

    public static func related(to page: Page, among pages: [Page], vocabularies: [Vocabulary]) -> [Page] {
        RelatedIndex(pages: pages, vocabularies: vocabularies).related(to: page)
    }
}

/// The same rule, fast enough for tens of thousands of pages: each page's terms
/// become one bit set per vocabulary, so a score is a few AND and popcount
/// operations, and only the best `maximum` candidates are kept as we go.
public struct RelatedIndex: Sendable {
    private let pages: [Page]
    private let weights: [Int]
    /// `masks[page][vocabulary]`: bit `i` set when the page carries term `i`.
    private let masks: [[[UInt64]]]
    private let positions: [String: Int]
    /// Titles lowercased once, for tie-breaking.
    private let sortKeys: [String]

    public init(pages: [Page], vocabularies: [Vocabulary]) {
        self.pages = pages
        weights = vocabularies.map(\.weight)
        let termIndices = vocabularies.map { vocabulary in
            Dictionary(uniqueKeysWithValues: vocabulary.terms.enumerated().map { ($1.id, $0) })
        }
        masks = pages.map { page in
            vocabularies.enumerated().map { number, vocabulary in
                var words = [UInt64](repeating: 0, count: (vocabulary.terms.count + 63) / 64)
                for id in page.termIDs(vocabulary.id) {
                    if let bit = termIndices[number][id] { words[bit / 64] |= 1 << UInt64(bit % 64) }
                }
                return words
            }
        }
        positions = Dictionary(pages.enumerated().map { ($1.reference, $0) }, uniquingKeysWith: { first, _ in first })
        sortKeys = pages.map { $0.title.lowercased() }
    }

    public func related(to page: Page) -> [Page] {
        guard let own = positions[page.reference] else { return [] }
        var best: [(index: Int, score: Int)] = []
        for candidate in pages.indices where candidate != own && pages[candidate].kind == page.kind {
            let value = score(own, candidate)
            guard value > 0 else { continue }
            if best.count == RelatedPages.maximum, let last = best.last, !ranksBefore((candidate, value), last) { continue }
            let insertAt = best.firstIndex { !ranksBefore($0, (candidate, value)) } ?? best.count
            best.insert((candidate, value), at: insertAt)
            if best.count > RelatedPages.maximum { best.removeLast() }
        }
        return best.map { pages[$0.index] }
    }

    private func score(_ first: Int, _ second: Int) -> Int {
        var total = 0
        var vocabulariesShared = 0
        for vocabulary in weights.indices {
            var shared = 0
            for (left, right) in zip(masks[first][vocabulary], masks[second][vocabulary]) { shared += (left & right).nonzeroBitCount }
            guard shared > 0 else { continue }
            total += shared * weights[vocabulary]
            vocabulariesShared += 1
        }
        return total + max(0, vocabulariesShared - 1)
    }

    /// Higher score first; then title; then URL.
    private func ranksBefore(_ lhs: (index: Int, score: Int), _ rhs: (index: Int, score: Int)) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        if sortKeys[lhs.index] != sortKeys[rhs.index] { return sortKeys[lhs.index] < sortKeys[rhs.index] }
        return pages[lhs.index].url < pages[rhs.index].url
    }
}
