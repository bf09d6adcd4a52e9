/// `sitemap.xml` (sitemaps.org 0.9): every page but the not-found page, by URL,
/// with its last change when the front matter gives one.
enum Sitemap {
    static let fileName = "sitemap.xml"

    static func xml(for site: SiteIndex) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in site.pages.filter({ $0.kind != .notFound }).sorted(by: { $0.url < $1.url }) {
            xml += "  <url>\n    <loc>\(HTML.escape(site.config.absoluteURL(page.url)))</loc>\n"
            if let day = page.updated ?? page.published { xml += "    <lastmod>\(day.iso)</lastmod>\n" }
            xml += "  </url>\n"
        }
        return xml + "</urlset>\n"
    }
}
