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
        let scored = pages.compactMap { candidate -> (Page, Int)? in
            guard candidate.reference != page.reference, candidate.kind == page.kind else { return nil }
            let value = score(page, candidate, vocabularies: vocabularies)
            return value > 0 ? (candidate, value) : nil
        }
        return scored.sorted { lhs, rhs in
            if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
            let left = lhs.0.title.lowercased(), right = rhs.0.title.lowercased()
            return left != right ? left < right : lhs.0.url < rhs.0.url
        }.prefix(maximum).map(\.0)
    }
}
