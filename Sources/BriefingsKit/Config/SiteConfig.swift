import Foundation
import Markdown

/// The settings in `Content/site.yml`.
public struct SiteConfig: Sendable {
    public struct NavigationItem: Sendable, Hashable {
        public var title: String
        public var url: String
    }

    public struct Section: Sendable, Hashable {
        public var title: String
        public var summary: String?
    }

    public var title: String
    public var description: String?
    /// Absolute, ending in `/`: `https://example.org/` or `https://example.org/site/`.
    public var baseURL: String {
        didSet {
            basePath = Self.path(of: baseURL)
            origin = Self.origin(of: baseURL)
        }
    }
    public var language: String
    public var organisation: String?
    public var unsafeHTML: Bool
    public var smartPunctuation: Bool
    /// The heading over a page's footnotes, and the label of a note's link
    /// back (`{n}`: the note's number), in the site's language.
    public var footnotesHeading = "Notes"
    public var footnoteBackLabel = "Back to reference {n}"
    public var navigation: [NavigationItem]
    /// Titles for generated section pages, by folder path (`case-studies`).
    public var sections: [String: Section]
    /// From `SOURCE_DATE_EPOCH`, never the clock (see `BuildOptions.sourceDate`).
    public var buildDate: Day?
    /// How many entries the Atom feed carries, newest first; 0 for all. Feed
    /// readers fetch the whole file on every poll, so a large site's feed is
    /// its recent publications, as with Hugo's `rssLimit` or jekyll-feed.
    public var feedEntries: Int = SiteConfig.defaultFeedEntries
    public static let defaultFeedEntries = 50

    public static let fileName = "site.yml"
    static let knownKeys = ["title", "description", "base_url", "language", "organisation", "markdown", "navigation", "sections", "feed_entries"]

    public init(
        title: String, description: String? = nil, baseURL: String = "http://localhost/", language: String = "en",
        organisation: String? = nil, unsafeHTML: Bool = false, smartPunctuation: Bool = false,
        navigation: [NavigationItem] = [], sections: [String: Section] = [:]
    ) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        basePath = Self.path(of: baseURL)
        origin = Self.origin(of: baseURL)
        self.language = language
        self.organisation = organisation
        self.unsafeHTML = unsafeHTML
        self.smartPunctuation = smartPunctuation
        self.navigation = navigation
        self.sections = sections
    }

    /// The path part of the base URL (`/` or `/site/`), which prefixes every
    /// link; kept, since every link on every page needs it.
    public private(set) var basePath: String = "/"

    /// `https://example.org` from `https://example.org/policy/`: what a printed
    /// root-relative link needs in front of it to be a full address. Kept, as
    /// `basePath` is, since every page's values carry it.
    public private(set) var origin: String?

    static func origin(of baseURL: String) -> String? {
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme, let host = components.host else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }

    static func path(of baseURL: String) -> String {
        guard let url = URL(string: baseURL) else { return "/" }
        let path = url.path.isEmpty ? "/" : url.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// An absolute URL for a site path such as `/case-studies/kent/` (site paths
    /// are relative to the site's root, without the base URL's path).
    public func absoluteURL(_ sitePath: String) -> String {
        baseURL + sitePath.drop { $0 == "/" }
    }

    /// The link to a site path as written in pages: root-relative, under the base path.
    public func link(_ sitePath: String) -> String {
        // By bytes, as this runs for every URL on every page; by characters
        // when what follows the slashes could join one (a combining mark).
        let rest = sitePath.utf8.drop { $0 == UInt8(ascii: "/") }
        // At the root, a path with one leading slash is its own link: the
        // string as it is, not a copy made for each of the site's pages.
        if basePath == "/", sitePath.utf8.count - rest.count == 1 { return sitePath }
        if rest.first.map({ $0 < 0x80 }) ?? true { return basePath + Substring(rest) }
        return basePath + sitePath.drop { $0 == "/" }
    }

    /// Normalises a user's base URL; nil when it is not an absolute http(s) URL.
    public static func normaliseBaseURL(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil, url.query == nil, url.fragment == nil
        else { return nil }
        return text.hasSuffix("/") ? text : text + "/"
    }
}

extension SiteConfig {
    /// Reads `site.yml`, collecting every problem in it.
    static func load(from url: URL, display: DisplayPath) -> (SiteConfig?, [Diagnostic]) {
        let file = display(url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return (nil, [.error("site.missing", "the site settings file is missing",
                                 at: SourceLocation(file: file),
                                 help: "create \(file) with at least 'title:' and 'base_url:'")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return (nil, [.error("file.encoding", "the file is not valid UTF-8 text", at: SourceLocation(file: file, line: 1, column: 1),
                                 help: "save the file as UTF-8")])
        }
        let root: YAMLNode?
        switch YAMLReader.parse(text, file: file) {
        case .success(let node): root = node
        case .failure(let failure): return (nil, [.error("yaml.syntax", failure.message, at: failure.location)])
        }
        guard let root, case .mapping(let pairs) = root.value else {
            return (nil, [.error("site.shape", "site settings must be a mapping of keys to values",
                                 at: root?.location ?? SourceLocation(file: file, line: 1, column: 1),
                                 help: "start with a line 'title: Your site'")])
        }
        var reader = FieldReader(pairs: pairs, location: SourceLocation(file: file, line: 1, column: 1), subject: "site.yml")
        let title = reader.string("title", required: true, example: "Digital Public Services")
        let description = reader.string("description")
        var baseURL = "http://localhost/"
        if let node = reader.node("base_url") {
            if let text = node.string, let normalised = normaliseBaseURL(text) {
                baseURL = normalised
            } else {
                reader.report(.error, "site.base-url", "'base_url' must be an absolute http or https address; got \(node.described)",
                              at: node.location, help: "write it like base_url: https://example.org/")
            }
        } else {
            reader.report(.warning, "site.base-url", "'base_url' is not set; links in feeds and the sitemap will point at http://localhost/",
                          at: reader.location, help: "add a line 'base_url: https://your.site/'")
        }
        let language = reader.string("language") ?? "en"
        let organisation = reader.string("organisation")
        var unsafeHTML = false
        var smart = false
        var footnotesHeading: String?
        var footnoteBackLabel: String?
        if let markdown = reader.node("markdown") {
            if case .mapping(let markdownPairs) = markdown.value {
                var markdownReader = FieldReader(pairs: markdownPairs, location: markdown.location, subject: "the markdown settings")
                unsafeHTML = markdownReader.bool("unsafe_html") ?? false
                smart = markdownReader.bool("smart_punctuation") ?? false
                footnotesHeading = markdownReader.string("footnotes_heading")
                footnoteBackLabel = markdownReader.string("footnote_back_label")
                if let label = footnoteBackLabel, !label.contains("{n}"), let node = markdownReader.node("footnote_back_label") {
                    markdownReader.report(.warning, "site.footnote-label", "'footnote_back_label' has no {n}, so every note's link back sounds the same",
                                          at: node.location, help: "put {n} where the note's number goes, as in 'Back to reference {n}'")
                }
                markdownReader.warnAboutUnknownKeys(known: ["unsafe_html", "smart_punctuation", "footnotes_heading", "footnote_back_label"])
                reader.merge(markdownReader)
            } else {
                reader.report(.error, "front-matter.type", "'markdown' must be a mapping; got \(markdown.described)", at: markdown.location)
            }
        }
        let navigation = readNavigation(&reader)
        let sections = readSections(&reader)
        let feedEntries = reader.count("feed_entries", example: "50 (0 for every entry)")
        reader.warnAboutUnknownKeys(known: knownKeys)
        guard let title, !reader.diagnostics.hasErrors else { return (nil, reader.diagnostics) }
        var config = SiteConfig(
            title: title, description: description, baseURL: baseURL, language: language, organisation: organisation,
            unsafeHTML: unsafeHTML, smartPunctuation: smart, navigation: navigation, sections: sections)
        config.feedEntries = feedEntries ?? defaultFeedEntries
        if let footnotesHeading { config.footnotesHeading = footnotesHeading }
        if let footnoteBackLabel { config.footnoteBackLabel = footnoteBackLabel }
        return (config, reader.diagnostics)
    }

    private static func readNavigation(_ reader: inout FieldReader) -> [NavigationItem] {
        guard let node = reader.node("navigation") else { return [] }
        guard case .sequence(let items) = node.value else {
            reader.report(.error, "front-matter.type", "'navigation' must be a list of title and url pairs; got \(node.described)", at: node.location)
            return []
        }
        var result: [NavigationItem] = []
        for item in items {
            guard case .mapping(let pairs) = item.value else {
                reader.report(.error, "front-matter.type", "each navigation item must have 'title' and 'url'; got \(item.described)", at: item.location)
                continue
            }
            var itemReader = FieldReader(pairs: pairs, location: item.location, subject: "a navigation item")
            let title = itemReader.string("title", required: true, example: "About")
            let url = itemReader.string("url", required: true, example: "/about/")
            itemReader.warnAboutUnknownKeys(known: ["title", "url"])
            reader.merge(itemReader)
            if let title, let url { result.append(NavigationItem(title: title, url: url)) }
        }
        return result
    }

    private static func readSections(_ reader: inout FieldReader) -> [String: Section] {
        guard let node = reader.node("sections") else { return [:] }
        guard case .mapping(let pairs) = node.value else {
            reader.report(.error, "front-matter.type", "'sections' must map folder names to a title and summary; got \(node.described)", at: node.location)
            return [:]
        }
        var result: [String: Section] = [:]
        for pair in pairs {
            guard let folder = pair.key.string, case .mapping(let sectionPairs) = pair.value.value else {
                reader.report(.error, "front-matter.type", "each section must have a 'title'; got \(pair.value.described)", at: pair.value.location)
                continue
            }
            var sectionReader = FieldReader(pairs: sectionPairs, location: pair.value.location, subject: "a section")
            let title = sectionReader.string("title", required: true, example: "Case studies")
            let summary = sectionReader.string("summary")
            sectionReader.warnAboutUnknownKeys(known: ["title", "summary"])
            reader.merge(sectionReader)
            if let title { result[folder.trimmingCharacters(in: CharacterSet(charactersIn: "/"))] = Section(title: title, summary: summary) }
        }
        return result
    }
}

extension FieldReader {
    /// Takes on another reader's findings (a nested mapping's).
    mutating func merge(_ other: FieldReader) {
        for diagnostic in other.diagnostics {
            report(diagnostic.severity, diagnostic.code, diagnostic.message,
                   at: SourceLocation(file: diagnostic.file ?? location.file, line: diagnostic.line, column: diagnostic.column),
                   help: diagnostic.help)
        }
    }
}
