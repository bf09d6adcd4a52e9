/// Values for the search page: the filters its form offers, which must match
/// the `data-pagefind-filter` names and values the other templates write.
extension ViewModel {
    /// Kinds whose pages carry a `type` filter, in the order the form lists them.
    static let typedKinds: [PageKind] = [.briefing, .document, .chapter, .caseStudy]

    static func searchValues(_ site: SiteIndex) -> [String: Any] {
        var groups: [[String: Any]] = site.taxonomies.vocabularies.compactMap { vocabulary in
            // Only vocabularies something is tagged with: a filter that can only
            // empty the results helps nobody.
            let terms = vocabulary.terms.filter { site.pageCount(withTerm: $0.id, in: vocabulary.id).count > 0 }
            guard !terms.isEmpty else { return nil }
            return [
                "id": vocabulary.id, "key": vocabulary.singular, "title": vocabulary.title,
                "url": site.config.link("/\(vocabulary.id)/"),
                "items": terms.map { term -> [String: Any] in
                    ["id": "filter-\(vocabulary.id)-\(term.id)", "value": term.title, "title": term.title]
                },
            ]
        }
        var labels: [String] = []
        for kind in typedKinds {
            for page in site.pages(ofKind: kind) where !labels.contains(page.displayLabel) { labels.append(page.displayLabel) }
        }
        if !labels.isEmpty {
            groups.append([
                "id": "type", "key": "type", "title": "Type",
                "items": labels.enumerated().map { index, label -> [String: Any] in
                    ["id": "filter-type-\(index + 1)", "value": label, "title": label]
                },
            ])
        }
        var values: [String: Any] = ["bundleURL": site.config.link("/pagefind/")]
        values["filters"] = list(groups)
        return values
    }
}
