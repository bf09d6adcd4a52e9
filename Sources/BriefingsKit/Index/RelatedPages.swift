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

/// The same rule, fast enough for tens of thousands of pages. A score depends
/// only on the two pages' terms, so pages are grouped by their *signature* (the
/// set of terms they carry, one bit set per vocabulary): a site has far fewer
/// signatures than pages (at most 441 for 3 principles and 6 capabilities).
/// For each signature the best candidates are found once, by walking the other
/// signatures from the highest score down and merging their pages in title
/// order; every page with that signature shares the result, less itself.
public struct RelatedIndex: Sendable {
    private let pages: [Page]
    /// Signature number of each page of `pages`.
    private let signatureOfPage: [Int]
    /// Per signature, its best `maximum + 1` candidates (one spare, for the page itself).
    private let candidates: [[Int]]
    private let positions: [String: Int]

    public init(pages: [Page], vocabularies: [Vocabulary]) {
        self.pages = pages
        let termIndices = vocabularies.map { vocabulary in
            Dictionary(vocabulary.terms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        // Each page's signature: its term bits, vocabulary after vocabulary.
        var signatureNumbers: [[UInt64]: Int] = [:]
        var signatures: [[UInt64]] = []
        var signatureOfPage: [Int] = []
        var kindOfSignature: [PageKind] = []
        for page in pages {
            var words: [UInt64] = []
            for (number, vocabulary) in vocabularies.enumerated() {
                var vocabularyWords = [UInt64](repeating: 0, count: max(1, (vocabulary.terms.count + 63) / 64))
                for id in page.termIDs(vocabulary.id) {
                    if let bit = termIndices[number][id] { vocabularyWords[bit / 64] |= 1 << UInt64(bit % 64) }
                }
                words += vocabularyWords
            }
            // Pages are related only to pages of their own kind: the kind is part of the signature.
            words.append(UInt64(PageKind.allCases.firstIndex(of: page.kind) ?? 0))
            if let existing = signatureNumbers[words] {
                signatureOfPage.append(existing)
            } else {
                signatureNumbers[words] = signatures.count
                signatureOfPage.append(signatures.count)
                signatures.append(words)
                kindOfSignature.append(page.kind)
            }
        }
        self.signatureOfPage = signatureOfPage
        positions = Dictionary(pages.enumerated().map { ($1.reference, $0) }, uniquingKeysWith: { first, _ in first })

        // Pages of each signature in tie-break order: title, then URL.
        let sortKeys = pages.map { ($0.title.lowercased(), $0.url) }
        var members = [[Int]](repeating: [], count: signatures.count)
        for (page, signature) in signatureOfPage.enumerated() { members[signature].append(page) }
        for index in members.indices { members[index].sort { sortKeys[$0] < sortKeys[$1] } }

        let wordsPerVocabulary = vocabularies.map { max(1, ($0.terms.count + 63) / 64) }
        let weights = vocabularies.map(\.weight)
        func score(_ left: [UInt64], _ right: [UInt64]) -> Int {
            var total = 0
            var shared = 0
            var offset = 0
            for (vocabulary, count) in wordsPerVocabulary.enumerated() {
                var common = 0
                for word in offset..<offset + count { common += (left[word] & right[word]).nonzeroBitCount }
                offset += count
                guard common > 0 else { continue }
                total += common * weights[vocabulary]
                shared += 1
            }
            return total + max(0, shared - 1)
        }
        let wanted = RelatedPages.maximum + 1
        candidates = signatures.indices.map { signature in
            // Other signatures of the same kind with a score, best first.
            var scored: [(signature: Int, score: Int)] = []
            for other in signatures.indices where kindOfSignature[other] == kindOfSignature[signature] {
                let value = score(signatures[signature], signatures[other])
                if value > 0 { scored.append((other, value)) }
            }
            scored.sort { $0.score > $1.score }
            var chosen: [Int] = []
            var start = 0
            while start < scored.count, chosen.count < wanted {
                var end = start
                while end < scored.count, scored[end].score == scored[start].score { end += 1 }
                // Equal scores: merge their pages in tie-break order, taking only what is needed.
                let merged = scored[start..<end].flatMap { members[$0.signature].prefix(wanted) }
                    .sorted { sortKeys[$0] < sortKeys[$1] }
                chosen += merged.prefix(wanted - chosen.count)
                start = end
            }
            return chosen
        }
    }

    public func related(to page: Page) -> [Page] {
        guard let own = positions[page.reference] else { return [] }
        return candidates[signatureOfPage[own]].lazy.filter { $0 != own }.prefix(RelatedPages.maximum).map { pages[$0] }
    }
}
