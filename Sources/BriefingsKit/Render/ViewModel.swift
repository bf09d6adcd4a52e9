import Foundation
import Markdown

/// Builds the values each template receives. Every key here is documented in
/// docs/templates.md, which is the contract with a team restyling the site.
/// Values are plain dictionaries and arrays (fast for Mustache, no reflection);
/// an absent value is left out rather than set to an empty string, so
/// `{{#page.subtitle}}…{{/page.subtitle}}` works as expected.
enum ViewModel {
    static let pageListTemplate = "partials/page-list"
    /// The one value that needs the whole site's link graph (see `RenderPlan`).
    static let citationsKey = "citedIn"

    struct Inputs {
        var page: Page
        var body: RenderedBody
        var site: SiteIndex
        var graph: LinkGraph
        var evidence: EvidenceIndex
    }

    /// The values a page's template receives. Each top-level value is worked
    /// out only when the template asks for it, so a theme pays for what it
    /// shows, and the dependency recorder sees only what the page really uses.
    static func context(_ inputs: Inputs) -> LazyValues {
        let page = inputs.page
        let site = inputs.site
        let values = LazyValues()
        values["site"] = { siteValues(site.config, current: page) }
        values["page"] = { pageValues(page, site: site) }
        values["content"] = { inputs.body.html }
        values["breadcrumbs"] = { list(breadcrumbs(for: page, site: site)) }
        values["contents"] = {
            let contents = contentsList(for: page, headings: inputs.body.headings, site: site)
            return contents.isEmpty ? nil : ["items": contents, "count": contents.count, "label": contentsLabel(contents.count)]
        }
        values["document"] = { documentValues(for: page, site: site) }
        values[citationsKey] = { list(citations(of: page, inputs: inputs).map { item($0, site: site) }) }
        switch page.kind {
        case .section:
            let folder = String(page.url.dropFirst().dropLast())
            values["listing"] = {
                guard var listing = list(site.pages(inFolder: folder).map { item($0, site: site) }) else { return nil }
                listing["title"] = "All " + page.title.lowercasedFirstWord
                return listing
            }
            values["matrix"] = {
                guard let matrix = inputs.evidence.matrix,
                    site.pages(inFolder: folder).contains(where: { $0.terms[matrix.rows.id] != nil }) else { return nil }
                return matrixValues(matrix, site: site)
            }
        case .caseStudy:
            values["related"] = { relatedValues(for: page, evidence: inputs.evidence, site: site) }
        case .vocabulary:
            values["vocabulary"] = { vocabularyValues(for: page, site: site) }
        case .term:
            values["vocabulary"] = { vocabularyValues(for: page, site: site) }
            values["listing"] = { termListing(for: page, site: site) }
        default:
            break
        }
        if (page.kind == .page && page.referenceID == "index") || page.kind == .notFound {
            values["collections"] = { collections(site) }
        }
        if page.template == GeneratedPages.searchTemplate { values["search"] = { searchValues(site) } }
        return values
    }

    /// The pages of other kinds whose Markdown links to this one, publications
    /// first (briefings, documents, chapters in order), then pages, each by title.
    static func citations(of page: Page, inputs: Inputs) -> [Page] {
        let rank: [PageKind: Int] = [.briefing: 0, .document: 1, .chapter: 2, .caseStudy: 3, .page: 4]
        let document = page.kind == .document ? page.referenceID : page.documentID
        return inputs.graph.citations(of: page.reference)
            .compactMap { inputs.site.page(reference: $0) }
            // Pages of the same kind, and a document's own chapters, link to
            // each other for navigation; that is not citing.
            .filter { ($0.kind != page.kind || page.kind == .page) && (document == nil || ($0.documentID ?? $0.referenceID) != document) }
            // A whole-document page repeats its chapters' text: the chapters
            // already cite what it cites.
            .filter { !WholeDocument.isWholeDocument($0) }
            .sorted { lhs, rhs in
                let left = (rank[lhs.kind] ?? 9, lhs.documentID ?? "", lhs.chapterNumber ?? 0, lhs.title.lowercased(), lhs.url)
                let right = (rank[rhs.kind] ?? 9, rhs.documentID ?? "", rhs.chapterNumber ?? 0, rhs.title.lowercased(), rhs.url)
                return left < right
            }
    }

    /// A list for templates: `{"items": […], "count": n}`, or nil when empty, so
    /// `{{#name}}<ul>{{#items}}…{{/items}}</ul>{{/name}}` shows nothing for none.
    static func list(_ items: [Any]) -> [String: Any]? {
        items.isEmpty ? nil : ["items": items, "count": items.count]
    }

    static func siteValues(_ config: SiteConfig, current: Page) -> [String: Any] {
        var values: [String: Any] = [
            "title": config.title,
            "language": config.language,
            "baseURL": config.baseURL,
            "root": config.basePath,
        ]
        values["navigation"] = list(config.navigation.map { item -> [String: Any] in
            let isPage = item.url == current.url
            let isSection = !isPage && item.url != "/" && current.url.hasPrefix(item.url)
            return ["title": item.title, "url": item.url.hasPrefix("/") ? config.link(item.url) : item.url,
                    "isCurrentPage": isPage, "isCurrentSection": isSection]
        })
        if let description = config.description { values["description"] = description }
        if let organisation = config.organisation { values["organisation"] = organisation }
        if let day = config.buildDate { values["buildDate"] = ["iso": day.iso, "long": day.long] }
        if let origin = config.origin { values["origin"] = origin }
        values["locale"] = locale(config.language)
        return values
    }

    static func pageValues(_ page: Page, site: SiteIndex) -> LazyValues {
        var values: [String: Any] = [
            "title": page.title,
            "summary": page.summary,
            "kind": page.kind.rawValue,
            "label": page.displayLabel,
            "url": site.config.link(page.url),
            "canonicalURL": site.config.absoluteURL(page.url),
            "status": page.status.rawValue,
            "is" + kindFlag(page.kind): true,
        ]
        if page.url == "/" { values["isHome"] = true }
        if page.template == GeneratedPages.searchTemplate { values["isSearch"] = true }
        if WholeDocument.isWholeDocument(page) { values["isWholeDocument"] = true }
        if let number = page.chapterNumber { values["chapterNumber"] = number }
        if page.status == .draft { values["isDraft"] = true }
        if page.status == .consultation { values["isConsultation"] = true }
        values["statusLabel"] = statusLabel(page.status)
        let optional: [(String, String?)] = [
            ("subtitle", page.subtitle), ("organisation", page.organisation ?? site.config.organisation),
            ("place", page.place), ("source", page.source), ("audience", page.audience),
        ]
        // Empty text is left out like absent text: Mustache treats "" as present.
        for (key, value) in optional { if let value, !value.isEmpty { values[key] = value } }
        if page.summary.isEmpty { values["summary"] = nil }
        // A chapter is published with its document: without dates of its own it
        // shows the document's, so its metadata (and its first printed page) is
        // complete.
        let document = page.kind == .chapter ? page.documentID.flatMap { site.page(reference: "document:\($0)") } : nil
        let published = page.published ?? document?.published, updated = page.updated ?? document?.updated
        for (key, day) in [("published", published), ("updated", updated), ("closes", page.closes)] {
            if let day { values[key] = ["iso": day.iso, "long": day.long] }
        }
        // The dearer values are worked out only if the template shows them.
        let lazy = LazyValues(values)
        lazy["terms"] = {
            let terms = termGroups(for: page, site: site)
            return terms.isEmpty ? nil : terms
        }
        lazy["jsonLD"] = { structuredData(for: page, site: site) }
        return lazy
    }

    /// "Published", "Draft", "Consultation": the status as the metadata shows it.
    static func statusLabel(_ status: PageStatus) -> String {
        status.rawValue.capitalisedFirst
    }

    /// `en_GB` from `en-GB`, the form Open Graph's `og:locale` takes.
    static func locale(_ language: String) -> String {
        String(decoding: language.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }

    /// `case-study` → `CaseStudy`, for `page.isCaseStudy`.
    static func kindFlag(_ kind: PageKind) -> String { kindFlags[kind] ?? kind.rawValue }

    private static let kindFlags: [PageKind: String] = Dictionary(uniqueKeysWithValues: PageKind.allCases.map { kind in
        switch kind {
        case .notFound: (kind, "NotFound")
        default: (kind, kind.rawValue.split(separator: "-").map { $0.capitalized }.joined())
        }
    })

    /// The page's terms grouped by vocabulary, in vocabulary order, each linking
    /// to its term page.
    static func termGroups(for page: Page, site: SiteIndex) -> [[String: Any]] {
        site.taxonomies.vocabularies.compactMap { vocabulary in
            let ids = page.termIDs(vocabulary.id)
            guard !ids.isEmpty else { return nil }
            let terms = vocabulary.terms.filter { ids.contains($0.id) }.map { term -> [String: Any] in
                ["id": term.id, "title": term.title, "meaning": term.meaning,
                 "url": site.config.link("/\(vocabulary.id)/\(term.id)/")]
            }
            return ["id": vocabulary.id, "title": vocabulary.title, "singular": vocabulary.singular, "items": terms]
        }
    }

    /// A page as an entry in a list.
    static func item(_ page: Page, site: SiteIndex) -> PageItem {
        PageItem(page: page, site: site)
    }

    /// Home, then each ancestor that is a page, ending with the page itself
    /// (which templates show as the current place, not a link).
    static func breadcrumbs(for page: Page, site: SiteIndex) -> [[String: Any]] {
        guard page.url != "/", page.kind != .notFound else { return [] }
        var trail: [[String: Any]] = []
        var path = "/"
        if let home = site.page(url: "/") { trail.append(["title": home.title == site.config.title ? "Home" : home.title, "url": site.config.link("/")]) }
        let segments = page.url.split(separator: "/")
        for segment in segments.dropLast() {
            path += segment + "/"
            if let ancestor = site.page(url: path) {
                trail.append(["title": ancestor.title, "url": site.config.link(ancestor.url)])
            }
        }
        trail.append(["title": page.title, "url": site.config.link(page.url), "isCurrent": true])
        return trail
    }

    /// Second-level headings, with their third-level headings nested.
    static func contentsList(for page: Page, headings: [Heading], site: SiteIndex) -> [[String: Any]] {
        var items: [[String: Any]] = []
        for heading in headings where heading.level == 2 || heading.level == 3 {
            let entry: [String: Any] = ["id": heading.id, "text": heading.text, "url": "#" + heading.id, "level": heading.level]
            if heading.level == 3, var last = items.popLast() {
                var children = (last["children"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
                children.append(entry)
                last["children"] = list(children)
                items.append(last)
            } else if heading.level == 2 {
                items.append(entry)
            }
        }
        return items
    }

    static func contentsLabel(_ count: Int) -> String {
        count == 1 ? "1 section" : "\(count) sections"
    }

    static func documentValues(for page: Page, site: SiteIndex) -> [String: Any]? {
        let documentID: String
        switch page.kind {
        case .document: documentID = page.referenceID
        case .chapter: documentID = page.documentID ?? ""
        case .page where WholeDocument.isWholeDocument(page): documentID = page.documentID ?? ""
        default: return nil
        }
        guard let document = site.page(reference: "document:\(documentID)") else { return nil }
        let chapters = site.chapters(of: documentID)
        var values: [String: Any] = [
            "title": document.title, "url": site.config.link(document.url), "chapterCount": chapters.count,
            "chapters": chapters.map { chapter -> [String: Any] in
                ["number": chapter.chapterNumber ?? 0, "title": chapter.title, "summary": chapter.summary,
                 "url": site.config.link(chapter.url), "isCurrent": chapter.url == page.url]
            },
        ]
        if let organisation = document.organisation ?? site.config.organisation { values["organisation"] = organisation }
        if let published = document.published { values["published"] = ["iso": published.iso, "long": published.long] }
        if let updated = document.updated { values["updated"] = ["iso": updated.iso, "long": updated.long] }
        if !document.summary.isEmpty { values["summary"] = document.summary }
        if let whole = site.page(reference: "page:\(document.referenceID)/\(WholeDocument.slug)"), WholeDocument.isWholeDocument(whole) {
            values["wholeDocument"] = ["title": whole.title, "url": site.config.link(whole.url), "isCurrent": whole.url == page.url]
        }
        let sequence = [document] + chapters
        if let position = sequence.firstIndex(where: { $0.url == page.url }) {
            if position > 0 {
                let previous = sequence[position - 1]
                values["previous"] = ["title": previous.title, "url": site.config.link(previous.url)]
            }
            if position + 1 < sequence.count {
                let next = sequence[position + 1]
                values["next"] = ["title": next.title, "url": site.config.link(next.url)]
            }
            values["hasPagination"] = sequence.count > 1
        }
        return values
    }

    static func collections(_ site: SiteIndex) -> [String: Any] {
        var values: [String: Any] = [:]
        for (key, kind) in [("briefings", PageKind.briefing), ("documents", .document), ("caseStudies", .caseStudy)] {
            values[key] = list(site.pages(ofKind: kind).map { item($0, site: site) })
        }
        return values
    }

    /// For the `partials/page-list` template of a list directive.
    static func pageList(_ selection: ListDirective.Selection, site: SiteIndex) -> [String: Any] {
        var values: [String: Any] = [
            "items": selection.pages.map { item($0, site: site) },
            "count": selection.pages.count,
            "kind": selection.kind.rawValue,
            "emptyText": "No \(selection.kind.defaultLabel.lowercased()) yet.",
        ]
        if selection.pages.isEmpty { values["isEmpty"] = true }
        return values
    }
}
