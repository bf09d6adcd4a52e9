import Foundation

/// Every page of the site, authored and generated, with the lookups the
/// renderer and checks need. Built once per build; read-only after.
public final class SiteIndex: Sendable {
    public let config: SiteConfig
    public let taxonomies: Taxonomies
    public let pages: [Page]
    private let byReference: [String: Int]
    private let bySourcePath: [String: Int]
    private let byURL: [String: Int]
    /// Each URL and each reference claimed by two pages or more, and the
    /// places of the pages claiming it (the first is the one its table holds).
    let urlClashes: [String: [Int]]
    let referenceClashes: [String: [Int]]
    /// The list order and each term's pages in it, made when a list is
    /// first asked for: a build that lays out a page or two with templates
    /// that list nothing (and whose lists' digests are as recorded) never
    /// sorts the site.
    private let lists: MadeOnce<Lists>
    /// Every page in list order (`listOrder`), sorted once: lists filter it
    /// rather than sort again, which at 100,000 pages was seconds.
    var inListOrder: [Page] { lists.value.inListOrder }
    /// The same, as indices into `pages`.
    var listOrderIndices: [Int] { lists.value.order }
    private var byTerm: [String: [Int]] { lists.value.byTerm }
    /// Each page's URL as links to it are written (under the site's base path),
    /// by place: made once per page rather than once per link to it.
    private let links: [String]

    public init(config: SiteConfig, taxonomies: Taxonomies, pages: [Page]) {
        self.config = config
        self.taxonomies = taxonomies
        self.pages = pages
        // The lookups are independent, each a stretch of its own at 100,000
        // pages: they are made on every core.
        let parts = ConcurrentMap.map(Array(Part.allCases)) { part in Self.make(part, pages, config) }
        var links: [String] = []
        var byReference: [String: Int] = [:], bySourcePath: [String: Int] = [:], byURL: [String: Int] = [:]
        var urlClashes: [String: [Int]] = [:], referenceClashes: [String: [Int]] = [:]
        for (part, made) in zip(Part.allCases, parts) {
            switch (part, made) {
            case (.byReference, .table(let value, let clashes)): (byReference, referenceClashes) = (value, clashes)
            case (.bySourcePath, .table(let value, _)): bySourcePath = value
            case (.byURL, .table(let value, let clashes)): (byURL, urlClashes) = (value, clashes)
            case (.links, .links(let value)): links = value
            default: break
            }
        }
        self.byReference = byReference
        self.bySourcePath = bySourcePath
        self.byURL = byURL
        self.urlClashes = urlClashes
        self.referenceClashes = referenceClashes
        self.links = links
        lists = MadeOnce { Lists(pages) }
    }

    private struct Lists: Sendable {
        let order: [Int]
        let inListOrder: [Page]
        let byTerm: [String: [Int]]
        let kindsByTerm: [String: Set<PageKind>]
        /// Each folder's number, and each page's folder by number, for the
        /// folders' lists (-1: in none, as a chapter or a folder's index).
        let folderNumbers: [String: Int32]
        let folderOfPage: [Int32]

        /// The list order beside the terms' tables and the pages' folders,
        /// then each term's pages put in list order on every core.
        init(_ pages: [Page]) {
            let (order, (termTable, folders)) = ConcurrentMap.both(
                { SiteIndex.listOrdered(pages) }, { (SiteIndex.termTable(pages), SiteIndex.folderTable(pages)) })
            let unsorted = termTable.pages
            kindsByTerm = termTable.kinds
            (folderNumbers, folderOfPage) = folders
            var rank = [Int](repeating: 0, count: pages.count)
            for (position, index) in order.enumerated() { rank[index] = position }
            let ranks = rank
            let terms = Array(unsorted.keys)
            let sortedTerms = ConcurrentMap.map(terms) { term in (unsorted[term] ?? []).sorted { ranks[$0] < ranks[$1] } }
            byTerm = Dictionary(uniqueKeysWithValues: zip(terms, sortedTerms))
            inListOrder = order.map { pages[$0] }
            self.order = order
        }
    }

    private enum Part: CaseIterable, Sendable {
        case byReference, bySourcePath, byURL, links
    }

    private enum Made: Sendable {
        /// A table, and the keys two pages or more claimed.
        case table([String: Int], [String: [Int]])
        case links([String])
    }

    /// Where each page is by reference, source path and URL (the first, when
    /// two claim one: that conflict is reported), which carry each term, and
    /// the list order.
    private static func make(_ part: Part, _ pages: [Page], _ config: SiteConfig) -> Made {
        switch part {
        case .links:
            return .links(pages.map { config.link($0.url) })
        case .byReference, .byURL:
            var table: [String: Int] = [:]
            table.reserveCapacity(pages.count)
            var clashes: [String: [Int]] = [:]
            for (index, page) in pages.enumerated() {
                let key = part == .byReference ? page.reference : page.url
                // One lookup: the earlier page stays, the clash is noted.
                if let earlier = table.updateValue(index, forKey: key) {
                    table[key] = earlier
                    clashes[key, default: [earlier]].append(index)
                }
            }
            return .table(table, clashes)
        case .bySourcePath:
            var table: [String: Int] = [:]
            table.reserveCapacity(pages.count)
            for (index, page) in pages.enumerated() where !page.sourcePath.isEmpty { table[page.sourcePath] = index }
            return .table(table, [:])
        }
    }

    /// The pages carrying each term, in the pages' order, and their kinds.
    private static func termTable(_ pages: [Page]) -> (pages: [String: [Int]], kinds: [String: Set<PageKind>]) {
        // By vocabulary, then term: the table's key (`termKey`) is made
        // once per term rather than once per page that carries it.
        var byVocabulary: [String: [String: (pages: [Int], kinds: Set<PageKind>)]] = [:]
        func add(_ index: Int, _ kind: PageKind, to term: inout (pages: [Int], kinds: Set<PageKind>)) {
            term.pages.append(index)
            term.kinds.insert(kind)
        }
        for (index, page) in pages.enumerated() {
            for (vocabulary, uses) in page.terms {
                for use in uses { add(index, page.kind, to: &byVocabulary[vocabulary, default: [:]][use.id, default: ([], [])]) }
            }
        }
        var table: [String: [Int]] = [:], kinds: [String: Set<PageKind>] = [:]
        for (vocabulary, terms) in byVocabulary {
            for (term, found) in terms {
                table[Self.termKey(vocabulary, term)] = found.pages
                kinds[Self.termKey(vocabulary, term)] = found.kinds
            }
        }
        return (table, kinds)
    }

    /// Each authored page's folder, numbered, in the pages' order (the order
    /// they lie in memory): a folder's list is then a pass over numbers in
    /// list order, where reading each page's path there missed the cache at
    /// every page of a 100,000-page site, for each folder listed.
    private static func folderTable(_ pages: [Page]) -> (numbers: [String: Int32], ofPage: [Int32]) {
        var numbers: [String: Int32] = [:]
        var ofPage = [Int32](repeating: -1, count: pages.count)
        var last: (folder: String, number: Int32)?
        for (index, page) in pages.enumerated() {
            let path = page.sourcePath
            guard !path.isEmpty, page.kind != .chapter, RelativePath.name(of: path) != "index.md" else { continue }
            let folder = RelativePath.folder(of: path)
            // Pages come folder by folder: most are in the last one's.
            if let last, last.folder == folder {
                ofPage[index] = last.number
                continue
            }
            let number = numbers[folder] ?? Int32(numbers.count)
            numbers[folder] = number
            ofPage[index] = number
            last = (folder, number)
        }
        return (numbers, ofPage)
    }

    /// The pages' indices in `listOrder`. The keys are taken out of the pages
    /// once (each title lowered once, each day as one number, undated pages
    /// last) rather than read through each page in every comparison.
    static func listOrdered(_ pages: [Page]) -> [Int] {
        let days = pages.map { $0.published?.packed ?? -1 }
        let titles = pages.map { $0.title.lowercased() }
        let urls = pages.map(\.url)
        return pages.indices.sorted { lhs, rhs in
            if days[lhs] != days[rhs] { return days[lhs] > days[rhs] }
            return titles[lhs] != titles[rhs] ? titles[lhs] < titles[rhs] : urls[lhs] < urls[rhs]
        }
    }

    // Every lookup tells the dependency recorder (when a page is being rendered)
    // what it read, so incremental builds know what each page depends on.

    public func page(reference: String) -> Page? {
        DependencyRecorder.card(DependencyName.reference(reference))
        return byReference[reference].map { pages[$0] }
    }

    /// The page's reference as the page has it (equal to `reference` as
    /// Swift compares strings), and the URL a link to it takes. The page
    /// itself is not touched: at 100,000 pages, reaching into each linked
    /// page was a cache miss per link, which made rendering grow faster
    /// than the site.
    public func referenceAndLink(reference: String) -> (reference: String, link: String)? {
        DependencyRecorder.card(DependencyName.reference(reference))
        guard let slot = byReference.index(forKey: reference) else { return nil }
        let (key, place) = byReference[slot]
        return (key, links[place])
    }

    public func page(sourcePath: String) -> Page? {
        DependencyRecorder.card(DependencyName.source(sourcePath))
        return bySourcePath[sourcePath].map { pages[$0] }
    }

    public func page(url: String) -> Page? {
        DependencyRecorder.card(DependencyName.url(url))
        return byURL[url].map { pages[$0] }
    }

    /// Lookups for the build itself, which records nothing.
    func indexOfPage(reference: String) -> Int? { byReference[reference] }
    func indexOfPage(url: String) -> Int? { byURL[url] }
    func indexOfPage(sourcePath: String) -> Int? { bySourcePath[sourcePath] }

    /// Every reference id of pages of a kind prefix, for "did you mean" suggestions.
    public func references(withPrefix prefix: String) -> [String] {
        DependencyRecorder.key(DependencyName.everyPage)
        return byReference.keys.filter { $0.hasPrefix(prefix + ":") }.map { String($0.dropFirst(prefix.count + 1)) }.sorted()
    }

    public func pages(ofKind kind: PageKind) -> [Page] {
        DependencyRecorder.key(DependencyName.kind(kind))
        return inListOrder.filter { $0.kind == kind }
    }

    /// How many pages carry a term, and of which kinds: what a count says,
    /// without a copy of each page (at 100,000 pages, reading each one's kind
    /// was a cache miss per page, for every term of every vocabulary page).
    public func pageCount(withTerm term: String, in vocabulary: String) -> (count: Int, kinds: Set<PageKind>) {
        DependencyRecorder.key(DependencyName.term(vocabulary, term))
        let key = Self.termKey(vocabulary, term)
        return (byTerm[key]?.count ?? 0, lists.value.kindsByTerm[key] ?? [])
    }

    /// Pages carrying a term, in list order.
    public func pages(withTerm term: String, in vocabulary: String) -> [Page] {
        DependencyRecorder.key(DependencyName.term(vocabulary, term))
        return indicesOfPages(withTerm: term, in: vocabulary).map { pages[$0] }
    }

    // The same lists as indices into `pages`, for the build's own digests,
    // recording nothing.
    func indicesOfPages(ofKind kind: PageKind) -> [Int] { listOrderIndices.filter { pages[$0].kind == kind } }
    func indicesOfPages(withTerm term: String, in vocabulary: String) -> [Int] { byTerm[Self.termKey(vocabulary, term)] ?? [] }

    /// Pages carrying every one of the given terms (vocabulary id → term id).
    public func pages(matching filters: [(vocabulary: String, term: String)], kind: PageKind? = nil) -> [Page] {
        if filters.isEmpty { DependencyRecorder.key(kind.map(DependencyName.kind) ?? DependencyName.everyPage) }
        let candidates = filters.first.map { pages(withTerm: $0.term, in: $0.vocabulary) }
            ?? inListOrder.filter { kind == nil || $0.kind == kind }
        return candidates.filter { page in
            (kind == nil || page.kind == kind) && filters.allSatisfy { page.termIDs($0.vocabulary).contains($0.term) }
        }
    }

    public func chapters(of documentID: String) -> [Page] {
        DependencyRecorder.key(DependencyName.chapters(documentID))
        return pages.filter { $0.kind == .chapter && $0.documentID == documentID }
            .sorted { ($0.chapterNumber ?? 0) < ($1.chapterNumber ?? 0) }
    }

    /// The authored pages directly in a folder (not chapters, not the folder's index).
    public func pages(inFolder folder: String) -> [Page] {
        DependencyRecorder.key(DependencyName.folder(folder))
        return indicesOfPages(inFolder: folder).map { pages[$0] }
    }

    /// The same as indices into `pages`, in list order, recording nothing.
    func indicesOfPages(inFolder folder: String) -> [Int] {
        let lists = self.lists.value
        guard let number = lists.folderNumbers[folder] else { return [] }
        return lists.order.filter { lists.folderOfPage[$0] == number }
    }

    /// Lists read newest first, then by title: briefings by date, case studies
    /// of one date alphabetically. Ties fall back to the URL, so order is total.
    public static func listOrder(_ lhs: Page, _ rhs: Page) -> Bool {
        if lhs.published != rhs.published {
            switch (lhs.published, rhs.published) {
            case let (left?, right?): return left > right
            case (_?, nil): return true
            default: return false
            }
        }
        let left = lhs.title.lowercased(), right = rhs.title.lowercased()
        return left != right ? left < right : lhs.url < rhs.url
    }

    static func termKey(_ vocabulary: String, _ term: String) -> String { vocabulary + "/" + term }
}
