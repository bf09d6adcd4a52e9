import Foundation

/// schema.org JSON-LD for `page.jsonLD`: `Report` for briefings, documents, their
/// chapters and whole-document pages, `Article` for case studies, `WebSite` for
/// the home page. Search engines and link previews read it; nothing else on the
/// page depends on it.
extension ViewModel {
    static func structuredData(for page: Page, site: SiteIndex) -> String? {
        let config = site.config
        let publisher: [String: Any] = ["@type": "Organization", "name": config.organisation ?? config.title, "url": config.baseURL]
        var values: [String: Any] = ["@context": "https://schema.org", "url": config.absoluteURL(page.url), "inLanguage": config.language]
        if !page.summary.isEmpty { values["description"] = page.summary }
        if page.url == "/" {
            values["@type"] = "WebSite"
            values["name"] = config.title
            values["publisher"] = publisher
            values["potentialAction"] = [
                "@type": "SearchAction", "target": config.absoluteURL(GeneratedPages.searchURL) + "?q={search_term_string}",
                "query-input": "required name=search_term_string",
            ]
            return serialise(values)
        }
        let document = page.documentID.flatMap { site.page(reference: "document:\($0)") }
        switch page.kind {
        case .briefing, .document, .chapter: values["@type"] = "Report"
        case .caseStudy: values["@type"] = "Article"
        case .page where WholeDocument.isWholeDocument(page): values["@type"] = "Report"
        default: return nil
        }
        values["headline"] = page.title
        values["name"] = page.title
        values["publisher"] = publisher
        // Case studies name the place they are about in `organisation`; the
        // author of every page is the organisation that publishes the site
        // unless a publication names its own.
        let author = page.kind == .caseStudy ? nil : page.organisation ?? document?.organisation
        values["author"] = author.map { ["@type": "Organization", "name": $0] } ?? publisher
        if let published = page.published ?? document?.published {
            values["datePublished"] = published.iso
            values["dateModified"] = (page.updated ?? document?.updated ?? published).iso
        }
        if let status = page.status == .published ? nil : page.status.rawValue { values["creativeWorkStatus"] = status }
        if page.kind == .caseStudy {
            if let place = page.place { values["contentLocation"] = ["@type": "Place", "name": place] }
            if let organisation = page.organisation { values["about"] = ["@type": "Organization", "name": organisation] }
            let keywords = termGroups(for: page, site: site).flatMap { ($0["items"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String } }
            if !keywords.isEmpty { values["keywords"] = keywords }
        }
        if page.kind == .chapter || WholeDocument.isWholeDocument(page), let document {
            values["isPartOf"] = ["@type": "Report", "name": document.title, "url": config.absoluteURL(document.url)]
            if let number = page.chapterNumber { values["position"] = number }
        }
        if page.kind == .document {
            let chapters = site.chapters(of: page.referenceID)
            if !chapters.isEmpty {
                values["hasPart"] = chapters.map { chapter -> [String: Any] in
                    ["@type": "Report", "name": chapter.title, "url": config.absoluteURL(chapter.url), "position": chapter.chapterNumber ?? 0]
                }
            }
        }
        return serialise(values)
    }

    /// JSON with sorted keys (the same bytes every build) that is safe inside
    /// `<script>`: `<`, `>` and `&` only occur in strings, where `\u003c` and
    /// friends mean the same, so no `</script>` can end the element early.
    /// Written by hand: Foundation's serialiser, sorting `AnyHashable` keys,
    /// cost more than laying out the rest of the page.
    static func serialise(_ values: [String: Any]) -> String? {
        var output = ""
        output.reserveCapacity(512)
        return write(values, into: &output) ? output : nil
    }

    private static func write(_ value: Any, into output: inout String) -> Bool {
        switch value {
        case let text as String:
            JSONString.quote(text, style: .script, into: &output)
        case let flag as Bool:
            output += flag ? "true" : "false"
        case let number as Int:
            output += String(number)
        case let object as [String: Any]:
            output += "{"
            for (position, key) in object.keys.sorted().enumerated() {
                if position > 0 { output += "," }
                JSONString.quote(key, style: .script, into: &output)
                output += ":"
                guard let member = object[key], write(member, into: &output) else { return false }
            }
            output += "}"
        case let array as [Any]:
            output += "["
            for (position, element) in array.enumerated() {
                if position > 0 { output += "," }
                guard write(element, into: &output) else { return false }
            }
            output += "]"
        default:
            return false
        }
        return true
    }
}
