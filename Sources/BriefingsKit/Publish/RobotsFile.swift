/// `robots.txt`: everything may be crawled, and the sitemap is named. Crawlers
/// read it only at the root of a host, so under a base URL with a path it is
/// written but has no effect.
enum RobotsFile {
    static let fileName = "robots.txt"

    static func text(for config: SiteConfig) -> String {
        """
        User-agent: *
        Allow: /

        Sitemap: \(config.absoluteURL("/" + Sitemap.fileName))

        """
    }
}
