/// Values for the pages built from vocabularies: each vocabulary's index page
/// and each term's page.
extension ViewModel {
    static func vocabularyValues(for page: Page, site: SiteIndex) -> [String: Any]? {
        let vocabularyID = page.kind == .term ? String(page.referenceID.split(separator: "/").first ?? "") : page.referenceID
        guard let vocabulary = site.taxonomies.vocabulary(vocabularyID) else { return nil }
        var values: [String: Any] = [
            "id": vocabulary.id, "title": vocabulary.title, "singular": vocabulary.singular,
            "url": site.config.link("/\(vocabulary.id)/"),
        ]
        if let description = vocabulary.description { values["description"] = description }
        values["terms"] = list(vocabulary.terms.map { term -> [String: Any] in
            let (count, kinds) = site.pageCount(withTerm: term.id, in: vocabulary.id)
            return ["id": term.id, "title": term.title, "meaning": term.meaning, "url": site.config.link("/\(vocabulary.id)/\(term.id)/"),
                    "count": count, "countLabel": countLabel(count, kinds: kinds.union(vocabulary.appliesTo)),
                    "isCurrent": page.referenceID == "\(vocabulary.id)/\(term.id)"]
        })
        return values
    }

    static func termListing(for page: Page, site: SiteIndex) -> [String: Any]? {
        let parts = page.referenceID.split(separator: "/").map(String.init)
        guard parts.count == 2 else { return nil }
        let pages = site.pages(withTerm: parts[1], in: parts[0])
        var values = list(pages.map { item($0, site: site) }) ?? ["count": 0]
        let applies = site.taxonomies.vocabulary(parts[0])?.appliesTo ?? []
        values["countLabel"] = countLabel(pages.count, kinds: site.pageCount(withTerm: parts[1], in: parts[0]).kinds.union(applies))
        if pages.isEmpty { values["isEmpty"] = true }
        return values
    }

    /// "1 case study", "3 case studies", "No case studies"; "pages" when the
    /// pages are of several kinds.
    static func countLabel(_ count: Int, kinds: Set<PageKind>) -> String {
        let kind = kinds.count == 1 ? kinds.first : nil
        let singular = kind?.defaultLabel.lowercased() ?? "page"
        let plural = kind?.pluralLabel.lowercased() ?? "pages"
        switch count {
        case 0: return "No \(plural)"
        case 1: return "1 \(singular)"
        default: return "\(count) \(plural)"
        }
    }
}
