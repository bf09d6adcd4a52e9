import Foundation

/// The pages the build writes that no author wrote: a list page for each folder
/// without an `index.md`, a page for each vocabulary and each of its terms, the
/// not-found page, the search page, and each document's whole-document page.
/// They are ordinary pages to templates and link checks.
enum GeneratedPages {
    static func make(for pages: [Page], config: SiteConfig, taxonomies: Taxonomies, templatesFolder: String) -> [Page] {
        // The home and search pages' URLs are looked for with the sections':
        // each pass over ten thousand pages was about a millisecond.
        let (sections, taken) = sections(for: pages, config: config, alsoLookingFor: ["/", searchURL])
        return home(taken: taken, config: config, templatesFolder: templatesFolder) + sections
            + vocabularies(taxonomies, templatesFolder: templatesFolder) + [notFound(templatesFolder)]
            + search(taken: taken, templatesFolder: templatesFolder)
            + WholeDocument.pages(for: pages, templatesFolder: templatesFolder)
    }

    /// The template of the search page, and its URL.
    static let searchTemplate = "search"
    static let searchURL = "/search/"

    /// The search page, whose form works once Pagefind's index is built. An
    /// author's own page at `/search/` wins, as with the home page.
    private static func search(taken: Set<String>, templatesFolder: String) -> [Page] {
        guard !taken.contains(searchURL) else { return [] }
        var page = generated(kind: .page, url: searchURL, referenceID: "search", title: "Search",
                             summary: "Search the site's publications and case studies, and narrow the results by topic.",
                             file: templatesFolder + "/\(searchTemplate).mustache")
        page.template = searchTemplate
        return [page]
    }

    /// Every site has a home page: when `Content/index.md` is missing, one that
    /// lists the site's publications, so links to `/` never break.
    private static func home(taken: Set<String>, config: SiteConfig, templatesFolder: String) -> [Page] {
        guard !taken.contains("/") else { return [] }
        var page = generated(kind: .page, url: "/", referenceID: "index", title: config.title, summary: config.description ?? "",
                             file: templatesFolder + "/home.mustache")
        page.template = "home"
        return [page]
    }

    /// The section pages, and which of the sections' URLs and `others` are
    /// pages' URLs already.
    private static func sections(for pages: [Page], config: SiteConfig, alsoLookingFor others: Set<String>) -> ([Page], Set<String>) {
        var folders: Set<String> = []
        // Pages come folder by folder (thousands of case studies in one):
        // a page in the same folder as the one before adds nothing new.
        var last = ""
        for page in pages where page.kind != .chapter && !page.sourcePath.isEmpty {
            // Its folder compared in place first: made as a string, for each of
            // ten thousand pages, it was most of this walk.
            let path = page.sourcePath.utf8
            if let slash = path.lastIndex(of: UInt8(ascii: "/")), path[..<slash].elementsEqual(last.utf8),
                !path[path.index(after: slash)...].elementsEqual("index.md".utf8) {
                continue
            }
            var folder = RelativePath.folder(of: page.sourcePath)
            if RelativePath.name(of: page.sourcePath) == "index.md" { folder = RelativePath.folder(of: folder) }
            guard folder != last else { continue }
            last = folder
            while !folder.isEmpty, folder != ".", folders.insert(folder).inserted {
                folder = RelativePath.folder(of: folder)
            }
        }
        // A folder whose own page is written has no section page: only the
        // folders' URLs are looked for among the pages' (a few, against every page).
        let urls = Set(folders.map { "/" + $0 + "/" }).union(others)
        // A URL of another length is none of them: most pages are told apart
        // by a count rather than by hashing their URL.
        let lengths = Set(urls.map(\.utf8.count))
        let taken = Set(pages.lazy.map(\.url).filter { lengths.contains($0.utf8.count) && urls.contains($0) })
        return (folders.sorted().compactMap { folder in
            let url = "/" + folder + "/"
            guard !taken.contains(url) else { return nil }
            let settings = config.sections[folder]
            let name = RelativePath.name(of: folder)
            return generated(
                kind: .section, url: url, referenceID: folder,
                title: settings?.title ?? humanise(name),
                summary: settings?.summary ?? "", file: "\(folder)/")
        }, taken)
    }

    private static func vocabularies(_ taxonomies: Taxonomies, templatesFolder: String) -> [Page] {
        taxonomies.vocabularies.flatMap { vocabulary in
            let index = generated(
                kind: .vocabulary, url: "/\(vocabulary.id)/", referenceID: vocabulary.id,
                title: vocabulary.title, summary: vocabulary.description ?? "",
                file: templatesFolder + "/vocabulary.mustache")
            let terms = vocabulary.terms.map { term in
                generated(
                    kind: .term, url: "/\(vocabulary.id)/\(term.id)/", referenceID: "\(vocabulary.id)/\(term.id)",
                    title: term.title, summary: term.meaning, file: templatesFolder + "/term.mustache")
            }
            return [index] + terms
        }
    }

    private static func notFound(_ templatesFolder: String) -> Page {
        generated(kind: .notFound, url: "/404.html", referenceID: "404", title: "Page not found",
                  summary: "The page you asked for is not on this site.", file: templatesFolder + "/404.mustache")
    }

    private static func generated(kind: PageKind, url: String, referenceID: String, title: String, summary: String, file: String) -> Page {
        Page(kind: kind, sourcePath: "", file: file, url: url, referenceID: referenceID, title: title, summary: summary,
             status: .published, terms: [:], body: "", bodyFirstLine: 1)
    }

    /// `case-studies` → `Case studies`
    static func humanise(_ name: String) -> String {
        name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ").capitalisedFirst
    }
}
