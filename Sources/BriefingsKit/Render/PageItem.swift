import Mustache

/// A page as an entry in a list (a term's pages, related pages, "Cited in"…).
/// Each value is worked out only when a template asks for it: a list of
/// thousands of pages costs only what its template shows. The keys are those
/// of `page` documented in docs/templates.md: title, summary, url, label,
/// kind, organisation (when it differs from the title), place, published and terms.
/// A small struct (a page and the index, a reference each): Mustache casts
/// every object it looks a name up in, and the Swift runtime casts a small
/// struct held in `Any` faster than a class instance, while a large struct
/// would be copied by each cast.
struct PageItem: MustacheParent {
    let page: Page
    let site: SiteIndex

    func child(named name: String) -> Any? {
        switch name {
        case "title": return page.title
        case "summary": return page.summary.isEmpty ? nil : page.summary
        case "url": return site.config.link(page.url)
        case "label": return page.displayLabel
        case "kind": return page.kind.rawValue
        case "organisation": return page.organisation.flatMap { $0 == page.title ? nil : $0 }
        case "place": return page.place
        case "published": return page.published.map { ["iso": $0.iso, "long": $0.long] }
        case "terms":
            let groups = ViewModel.termGroups(for: page, site: site)
            return groups.isEmpty ? nil : groups
        default: return nil
        }
    }
}
