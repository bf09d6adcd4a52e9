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
            let count = site.pages(withTerm: term.id, in: vocabulary.id).count
            return ["id": term.id, "title": term.title, "meaning": term.meaning, "url": site.config.link("/\(vocabulary.id)/\(term.id)/"),
                    "count": count, "countLabel": countLabel(count, kind: .caseStudy), "isCurrent": page.referenceID == "\(vocabulary.id)/\(term.id)"]
        })
        return values
    }

    static func termListing(for page: Page, site: SiteIndex) -> [String: Any]? {
        let parts = page.referenceID.split(separator: "/").map(String.init)
        guard parts.count == 2 else { return nil }
        let pages = site.pages(withTerm: parts[1], in: parts[0])
        var values = list(pages.map { item($0, site: site) }) ?? ["count": 0]
        values["countLabel"] = countLabel(pages.count, kind: .caseStudy)
        if pages.isEmpty { values["isEmpty"] = true }
        return values
    }

    /// "1 case study", "3 case studies", "No case studies".
    static func countLabel(_ count: Int, kind: PageKind) -> String {
        let singular = kind.defaultLabel.lowercased()
        let plural = kind.pluralLabel.lowercased()
        switch count {
        case 0: return "No \(plural)"
        case 1: return "1 \(singular)"
        default: return "\(count) \(plural)"
        }
    }
}
