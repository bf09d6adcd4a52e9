import Foundation

/// Checks every link, anchor and image of the built site against what the
/// build produced: links written in Markdown are reported where they were
/// written (file, line, column); links the templates make are reported at the
/// template that holds them. Nothing here touches the network.
final class LinkVerifier {
    let site: SiteIndex
    let templates: TemplateSet
    /// Every file the build writes, relative to the output folder.
    let files: Set<String>
    let scans: [PageScan]
    /// Whether to gather external links (for `--external`); finding where a
    /// template's link came from costs time, so it is done only when needed.
    let collectExternal: Bool
    /// The ids on a page of the site, by its place in `site.pages`.
    private let idsOfPage: @Sendable (Int) -> Set<String>
    /// Most URLs repeat on every page (navigation, stylesheets): each is
    /// resolved once.
    private var resolvedFiles: [String: String?] = [:]
    /// URLs that mean the same from every page (absolute paths, other sites).
    private var classified: [String: Classified] = [:]
    /// Every page's URL as templates link to it, classified and resolved once
    /// for all the chunks: the lists link to every page, and each chunk would
    /// otherwise work the same URLs out again.
    private let pageLinks: PageLinks

    struct PageLinks: Sendable {
        var classified: [String: Classified] = [:]
        var files: [String: String?] = [:]
        /// The links that need no more checking: a page of the site, with no
        /// anchor. Most links on a large site are these (each list links to
        /// every page it lists), and one lookup settles each, where
        /// classifying it and finding its file were two in tables of every
        /// page: at 100,000 pages, cache misses that made the link checks
        /// grow faster than the site.
        var fine = ByteStringSet([])
    }

    /// `idsOfPage`: the ids on each page of the site, by its place in
    /// `site.pages` (from its scan, or for a page not laid out this build, as
    /// the last build found them).
    init(site: SiteIndex, templates: TemplateSet, files: Set<String>, scans: [PageScan], collectExternal: Bool = false,
         idsOfPage: @escaping @Sendable (Int) -> Set<String>, pageLinks: PageLinks = PageLinks()) {
        self.collectExternal = collectExternal
        self.site = site
        self.templates = templates
        self.files = files
        self.scans = scans
        self.idsOfPage = idsOfPage
        self.pageLinks = pageLinks
    }

    /// Each page's linked URL, worked out as `classify` and `outputFile` would
    /// (on every core), for the chunks to share.
    static func linksToEveryPage(site: SiteIndex, files: Set<String>) -> PageLinks {
        let config = site.config
        let hrefs = site.pages.map { config.link($0.url) }.filter { $0.hasPrefix("/") }
        let worked = ConcurrentMap.map(hrefs, inRunsOf: 512) { href -> (Classified, String?) in
            let meaning = classifyAnew(href, from: href, config: config)
            guard case .onSite(let path, _) = meaning else { return (meaning, nil) }
            return (meaning, resolveOutputFile(path, config: config, files: files))
        }
        var links = PageLinks()
        var fine: [String] = []
        fine.reserveCapacity(hrefs.count)
        for (href, (meaning, file)) in zip(hrefs, worked) {
            // One that needs no more checking is looked up only there.
            if case .onSite(_, nil) = meaning, file != nil {
                fine.append(href)
                continue
            }
            links.classified[href] = meaning
            if case .onSite(let path, _) = meaning { links.files[path] = file }
        }
        // Compared as bytes: a link spelt in another Unicode form is not
        // found there, and is classified and resolved as any other.
        links.fine = ByteStringSet(fine)
        return links
    }

    /// The ids on the page at a URL (none if no page is there).
    private func ids(at url: String) -> Set<String> {
        guard let place = site.indexOfPage(url: url) else { return [] }
        return idsOfPage(place)
    }

    /// External URLs and every place that links to them, for `--external`.
    struct ExternalLinks: Sendable {
        var locations: [String: [SourceLocation]] = [:]
    }

    /// A template's mistake shows on every page made with it: it is reported
    /// once, with the pages it was seen on.
    private struct Part: Sendable {
        var diagnostics: [Diagnostic] = []
        var external = ExternalLinks()
        var templateFindings: [String: Finding] = [:]

        struct Finding: Sendable {
            var diagnostic: Diagnostic
            var pages: [String]
        }
    }

    /// The pages are checked in chunks on every core, each with its own
    /// memory of resolved URLs; the chunks' findings are joined in page order,
    /// so the report is the same as a serial check's.
    func verify() -> (diagnostics: [Diagnostic], external: ExternalLinks) {
        let chunkCount = min(scans.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 16)
        let parts: [Part]
        if chunkCount <= 1 {
            parts = [verify(scans)]
        } else {
            let chunks = Self.chunks(of: scans, count: chunkCount)
            let (site, templates, files, collectExternal, ids) = (site, templates, files, collectExternal, idsOfPage)
            // Worked out for every page only when the pages checked have
            // about as many links as the site has pages (a clean build, a list
            // made again): for a few pages laid out again it was a pass over
            // every page of the site, most of a two-file rebuild's link checks.
            let pageLinks = Self.weight(scans) >= site.pages.count ? Self.linksToEveryPage(site: site, files: files) : PageLinks()
            // The chunks with the most links first (the lists, last in page
            // order), so that the last to finish are small.
            let order = chunks.indices.sorted { Self.weight(chunks[$0]) > Self.weight(chunks[$1]) }
            let checked = ConcurrentMap.map(order) { number in
                LinkVerifier(site: site, templates: templates, files: files, scans: chunks[number], collectExternal: collectExternal,
                             idsOfPage: ids, pageLinks: pageLinks).verify(chunks[number])
            }
            var inOrder = [Part](repeating: Part(), count: chunks.count)
            for (number, part) in zip(order, checked) { inOrder[number] = part }
            parts = inOrder
        }
        var diagnostics: [Diagnostic] = []
        var external = ExternalLinks()
        var templateFindings: [String: Part.Finding] = [:]
        for part in parts {
            diagnostics += part.diagnostics
            for (url, locations) in part.external.locations { external.locations[url, default: []] += locations }
            for (key, finding) in part.templateFindings {
                if templateFindings[key] == nil { templateFindings[key] = Part.Finding(diagnostic: finding.diagnostic, pages: []) }
                templateFindings[key]?.pages += finding.pages
            }
        }
        for (_, finding) in templateFindings.sorted(by: { $0.key < $1.key }) {
            var diagnostic = finding.diagnostic
            let pages = finding.pages
            diagnostic.message += pages.count == 1 ? " (on \(pages[0]))" : " (on \(pages.count) pages, such as \(pages[0]))"
            diagnostics.append(diagnostic)
        }
        return (diagnostics, external)
    }

    /// Consecutive runs of pages with about as many links each: the lists
    /// (thousands of links, and last in page order) would otherwise make one
    /// chunk that a single core checks while the others wait.
    static func chunks(of scans: [PageScan], count: Int) -> [[PageScan]] {
        let share = max(1, (scans.reduce(0) { $0 + Self.weight($1) } + count - 1) / count)
        let scans = pieces(of: scans, share: share)
        let weights = scans.map(weight)
        var chunks: [[PageScan]] = []
        var start = 0, weight = 0
        for index in scans.indices {
            weight += weights[index]
            if weight >= share || index == scans.count - 1 {
                chunks.append(Array(scans[start...index]))
                start = index + 1
                weight = 0
            }
        }
        return chunks
    }

    /// A page with more links than a chunk's share (a list of every case
    /// study) is checked in pieces, each with a run of its links: the
    /// Markdown's links with the first, images with the last, so that the
    /// pieces' findings, joined, come in the order one check would give.
    static func pieces(of scans: [PageScan], share: Int) -> [PageScan] {
        guard scans.contains(where: { $0.references.count > share }) else { return scans }
        var pieces: [PageScan] = []
        for scan in scans {
            let count = scan.references.count
            guard count > share else {
                pieces.append(scan)
                continue
            }
            for start in stride(from: 0, to: count, by: share) {
                var piece = scan
                piece.references = Array(scan.references[start..<min(start + share, count)])
                if start > 0 { piece.markdownLinks = [] }
                if start + share < count { piece.imagesWithoutAlt = [] }
                pieces.append(piece)
            }
        }
        return pieces
    }

    private static func weight(_ scan: PageScan) -> Int { 1 + scan.references.count + scan.markdownLinks.count }
    private static func weight(_ chunk: [PageScan]) -> Int { chunk.reduce(0) { $0 + weight($1) } }

    private func verify(_ scans: [PageScan]) -> Part {
        var part = Part()
        // Pages and links by index, each passed on where it is: copying a
        // link copies every string it holds, and there are one or more per
        // link on the site.
        for index in scans.indices { verify(scans[index], into: &part) }
        return part
    }

    private func verify(_ scan: PageScan, into part: inout Part) {
        scan.markdownLinks.withUnsafeBufferPointer { links in
            guard let first = links.baseAddress else { return }
            for index in links.indices {
                // Most links are to a page, with no anchor: resolved when the
                // Markdown was rendered, nothing is left to check. Their fields
                // are read where they lie: a copy would retain every string.
                let link = first + index
                if link.pointee.kind != .image, case .page(_, nil) = link.pointee.target { continue }
                if let problem = check(links[index], from: scan) { part.diagnostics.append(problem) }
                if case .external(let url) = links[index].target, Self.isWeb(url) {
                    part.external.locations[url, default: []].append(links[index].location)
                }
            }
        }
        for index in scan.references.indices {
            let value = scan.references[index].value
            if pageLinks.fine.contains(value) || scan.markdownHrefs.contains(value) { continue }
            // A contents list's links to the page's own headings, found.
            if let anchor = Self.ownAnchor(value), scan.ids.contains(anchor) { continue }
            switch classify(value, from: scan.url) {
            case .external(let url):
                if collectExternal, Self.isWeb(url) {
                    part.external.locations[url, default: []].append(templateLocation(for: value, scan: scan))
                }
            case .ignored:
                break
            case .onSite(let path, let fragment):
                guard let problem = checkInternal(path: path, fragment: fragment, reference: scan.references[index], scan: scan) else { continue }
                let key = "\(problem.file ?? ""):\(problem.line ?? 0):\(problem.message)"
                if part.templateFindings[key] == nil { part.templateFindings[key] = Part.Finding(diagnostic: problem, pages: []) }
                part.templateFindings[key]?.pages.append(scan.url)
            }
        }
        for source in scan.imagesWithoutAlt where !scan.markdownHrefs.contains(source) {
            let location = templateLocation(for: source, scan: scan)
            let problem = Diagnostic.error("image.alt", "an image (\(source)) has no alt text", at: location,
                                           help: "add alt=\"…\" describing the image, or alt=\"\" if it is decoration")
            let key = "\(location.file):\(location.line ?? 0):\(problem.message)"
            if part.templateFindings[key] == nil { part.templateFindings[key] = Part.Finding(diagnostic: problem, pages: []) }
            part.templateFindings[key]?.pages.append(scan.url)
        }
    }

    /// A link written in Markdown: its target must exist, and so must its anchor.
    private func check(_ link: ResolvedLink, from scan: PageScan) -> Diagnostic? {
        if link.kind == .image, link.text.trimmingCharacters(in: .whitespaces).isEmpty {
            return .error("image.alt", "the image '\(link.written)' has no alt text", at: link.location,
                          help: "write what the image shows between the brackets: ![A map of Kent](\(link.written))")
        }
        switch link.target {
        case .page(let reference, let anchor):
            guard let anchor = anchor.map(Self.percentDecoded), !anchor.isEmpty,
                let target = site.page(reference: reference) else { return nil }
            let ids = ids(at: target.url)
            guard !ids.contains(anchor) else { return nil }
            return anchorProblem(anchor, on: target.url, ids: ids, at: link.location, written: link.written)
        case .path(let path, let anchor):
            guard let file = outputFile(for: path) else {
                let what = link.kind == .image ? "image" : "link"
                return .error(link.kind == .image ? "image.missing" : "link.broken",
                              "the \(what) '\(link.written)' points to \(path), which is not part of this site", at: link.location,
                              help: link.kind == .image ? "put the image in Content/assets/ and link to it as /assets/NAME"
                                  : "link to a page by id (case-study:kent) or check the path")
            }
            guard let anchor = anchor.map(Self.percentDecoded), !anchor.isEmpty, file.hasSuffix(".html") else { return nil }
            let url = "/" + (file.hasSuffix("index.html") ? String(file.dropLast("index.html".count)) : file)
            let ids = ids(at: url)
            return ids.contains(anchor) ? nil : anchorProblem(anchor, on: url, ids: ids, at: link.location, written: link.written)
        case .external, .unresolved:
            return nil
        }
    }

    private func anchorProblem(_ anchor: String, on url: String, ids: Set<String>, at location: SourceLocation, written: String) -> Diagnostic {
        let guess = Suggestion.closest(to: anchor, in: ids).map { "did you mean '#\($0)'?" }
        return .error("link.anchor", "the link '\(written)' points to the anchor '#\(anchor)', which \(url) does not have", at: location,
                      help: guess ?? "anchors are the ids of headings: a heading 'Why it is cited' has the id 'why-it-is-cited'")
    }

    private func checkInternal(path: String, fragment: String?, reference: HTMLScanner.Reference, scan: PageScan) -> Diagnostic? {
        var location: SourceLocation { templateLocation(for: reference.value, scan: scan) }
        guard let file = outputFile(for: path) else {
            let image = reference.tag == "img"
            return .error(image ? "image.missing" : "link.broken",
                          "the template links to \(reference.value), which is not part of this site", at: location,
                          help: "check the template's \(reference.attribute)=\"…\"")
        }
        guard let fragment, !fragment.isEmpty, file.hasSuffix(".html") else { return nil }
        let url = "/" + (file.hasSuffix("index.html") ? String(file.dropLast("index.html".count)) : file)
        let ids = ids(at: url)
        guard !ids.contains(fragment) else { return nil }
        return .error("link.anchor", "the template links to \(reference.value), but \(url) has no anchor '#\(fragment)'", at: location,
                      help: Suggestion.closest(to: fragment, in: ids).map { "did you mean '#\($0)'?" })
    }

    /// Where a template-made URL came from: the template or partial whose text
    /// holds it, when exactly one does, else the page's own template.
    private func templateLocation(for value: String, scan: PageScan) -> SourceLocation {
        let literal = HTML.escape(value)
        let holders = templates.sources.filter { $0.value.contains("\"\(value)\"") || $0.value.contains("\"\(literal)\"") }
        if holders.count == 1, let (name, text) = holders.first, let file = templates.files[name] {
            let needle = text.range(of: "\"\(value)\"") ?? text.range(of: "\"\(literal)\"")
            if let needle {
                let before = text[..<needle.lowerBound]
                let line = before.count { $0 == "\n" } + 1
                let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 2
                return SourceLocation(file: file, line: line, column: column)
            }
        }
        return SourceLocation(file: templates.files[scan.templateName] ?? scan.templateName)
    }

    enum Classified: Sendable {
        case onSite(path: String, fragment: String?)
        case external(String)
        case ignored
    }

    /// What a URL in a page means: a path on this site (with any fragment), an
    /// external address, or something not to check (mailto:, tel:, data:, empty).
    func classify(_ value: String, from pageURL: String) -> Classified {
        if let known = pageLinks.classified[value] ?? classified[value] { return known }
        let result = Self.classifyAnew(value, from: pageURL, config: site.config)
        if value.hasPrefix("/") || LinkResolver.scheme(of: value) != nil { classified[value] = result }
        return result
    }

    /// A contents list's link (`#anchor`): the page itself, at that anchor, decoded.
    private static func ownAnchor(_ value: String) -> String? {
        guard value.utf8.first == UInt8(ascii: "#"),
            !value.utf8.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return nil }
        return percentDecoded(String(value.dropFirst()))
    }

    private static func classifyAnew(_ value: String, from pageURL: String, config: SiteConfig) -> Classified {
        if let anchor = Self.ownAnchor(value) { return .onSite(path: config.link(pageURL), fragment: anchor) }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .ignored }
        if trimmed.hasPrefix("//") { return .external("https:" + trimmed) }
        if let scheme = LinkResolver.scheme(of: trimmed) {
            if ["http", "https"].contains(scheme) {
                let base = config.baseURL
                if trimmed.hasPrefix(base) { return classifyAnew(config.basePath + trimmed.dropFirst(base.count), from: pageURL, config: config) }
                return .external(trimmed)
            }
            return .ignored
        }
        var (path, fragment) = LinkResolver.splitAnchor(trimmed)
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        fragment = fragment.map(Self.percentDecoded)
        if path.isEmpty { return .onSite(path: config.link(pageURL), fragment: fragment) }
        if !path.hasPrefix("/") {
            let folder = pageURL.hasSuffix("/") ? pageURL : String(pageURL[...(pageURL.lastIndex(of: "/") ?? pageURL.startIndex)])
            path = config.link(folder) + path
        }
        return .onSite(path: path, fragment: fragment)
    }

    /// The output file a root-relative URL path serves, if the build writes one.
    func outputFile(for path: String) -> String? {
        if let known = pageLinks.files[path] { return known }
        if let known = resolvedFiles[path] { return known }
        let file = Self.resolveOutputFile(path, config: site.config, files: files)
        resolvedFiles[path] = file
        return file
    }

    private static func resolveOutputFile(_ path: String, config: SiteConfig, files: Set<String>) -> String? {
        let decoded = Self.percentDecoded(path)
        let base = config.basePath
        let sitePath: String
        if decoded.hasPrefix(base) {
            sitePath = "/" + decoded.dropFirst(base.count)
        } else if base != "/" {
            return nil
        } else {
            sitePath = decoded
        }
        guard let normalised = Self.normalise(sitePath) else { return nil }
        let relative = String(normalised.dropFirst())
        let candidates = relative.isEmpty ? ["index.html"]
            : relative.hasSuffix("/") ? [relative + "index.html"] : [relative, relative + "/index.html"]
        return candidates.first { files.contains($0) }
    }

    /// Resolves `.` and `..` segments; nil if the path climbs above the root.
    static func normalise(_ path: String) -> String? {
        var parts: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for segment in segments {
            if segment == "." { continue }
            if segment == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(segment)
            }
        }
        let trailing = path.hasSuffix("/") && !parts.isEmpty ? "/" : ""
        return "/" + parts.joined(separator: "/") + trailing
    }

    /// Percent-decoded, or as written when that is not valid; most URLs have
    /// no `%` at all, and Foundation's decoding is dear.
    static func percentDecoded(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "%")) ? (text.removingPercentEncoding ?? text) : text
    }

    static func isWeb(_ url: String) -> Bool {
        url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://")
    }
}
