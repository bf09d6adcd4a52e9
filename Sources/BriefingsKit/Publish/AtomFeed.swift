/// `feed.xml`: an Atom feed (RFC 4287) of the site's publications and case
/// studies, newest first. Every date comes from front matter, so the feed is the
/// same bytes on every build; pages without a date are left out, because an
/// Atom entry must say when it was updated and the clock may not.
enum AtomFeed {
    static let fileName = "feed.xml"
    /// The kinds a reader subscribes to: what is published, not the site's own pages.
    static let kinds: [PageKind] = [.briefing, .document, .caseStudy]

    /// The newest entries, as many as `feed_entries` allows.
    static func entries(in site: SiteIndex) -> [Page] {
        // A stable sort of pages already in list order: the same dates stay in list order.
        let newest = site.inListOrder.filter { kinds.contains($0.kind) && $0.published != nil }
            .sorted { lhs, rhs in
                let left = lhs.updated ?? lhs.published, right = rhs.updated ?? rhs.published
                if left != right, let left, let right { return left > right }
                return false
            }
        let limit = site.config.feedEntries
        return limit > 0 ? Array(newest.prefix(limit)) : newest
    }

    static func xml(for site: SiteIndex) -> String {
        let config = site.config
        let pages = entries(in: site)
        let newest = pages.compactMap { $0.updated ?? $0.published }.max() ?? config.buildDate
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(config.language))">
              <title>\(escape(config.title))</title>

            """
        if let description = config.description { xml += "  <subtitle>\(escape(description))</subtitle>\n" }
        xml += """
              <link rel="self" type="application/atom+xml" href="\(escape(config.absoluteURL("/" + fileName)))"/>
              <link rel="alternate" type="text/html" href="\(escape(config.baseURL))"/>
              <id>\(escape(config.baseURL))</id>
              <updated>\(timestamp(newest))</updated>
              <author><name>\(escape(config.organisation ?? config.title))</name></author>
              <generator>Briefings</generator>

            """
        for page in pages {
            let url = escape(config.absoluteURL(page.url))
            xml += "  <entry>\n"
            xml += "    <title>\(escape(page.title))</title>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            xml += "    <id>\(url)</id>\n"
            xml += "    <published>\(timestamp(page.published))</published>\n"
            xml += "    <updated>\(timestamp(page.updated ?? page.published))</updated>\n"
            if page.kind != .caseStudy, let organisation = page.organisation {
                xml += "    <author><name>\(escape(organisation))</name></author>\n"
            }
            if !page.summary.isEmpty { xml += "    <summary>\(escape(page.summary))</summary>\n" }
            xml += "    <category term=\"\(escape(page.kind.rawValue))\" label=\"\(escape(page.displayLabel))\"/>\n"
            for vocabulary in site.taxonomies.vocabularies {
                for term in vocabulary.terms where page.termIDs(vocabulary.id).contains(term.id) {
                    let scheme = escape(config.absoluteURL("/\(vocabulary.id)/"))
                    xml += "    <category term=\"\(escape(term.id))\" label=\"\(escape(term.title))\" scheme=\"\(scheme)\"/>\n"
                }
            }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// Midnight UTC of a day, as RFC 3339 wants; the Unix epoch for a feed with
    /// no dated entries and no `SOURCE_DATE_EPOCH`.
    static func timestamp(_ day: Day?) -> String {
        (day?.iso ?? "1970-01-01") + "T00:00:00Z"
    }

    /// XML text and attribute escaping (HTML's escaping is also XML's).
    static func escape(_ text: String) -> String {
        HTML.escape(text)
    }
}
