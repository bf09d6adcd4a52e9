import Foundation
import Markdown

/// A page whose front matter has been read but whose URL is not yet decided.
/// Everything in it can be kept in the build cache, so that a file that did
/// not change need not be parsed again.
struct PageDraft: Sendable {
    var page: Page
    var slug: PlanOverride?
    var url: PlanOverride?
    var isIndex: Bool
    var folder: String
    /// Whether `page` holds its URL and id already: a draft kept from the
    /// last build was saved placed, and placing depends on nothing but the
    /// draft (a chapter, which takes its document's, is never kept so).
    var placed = false
}

/// A `slug:` or `url:` as written, with what the planner needs to judge it.
struct PlanOverride: Sendable {
    /// Nil when the value was not text.
    var string: String?
    /// "the string 'x'", "a list": for messages.
    var described: String
    var location: SourceLocation

    init(_ node: YAMLNode) {
        string = node.string
        described = node.described
        location = node.location
    }

    init(string: String?, described: String, location: SourceLocation) {
        self.string = string
        self.described = described
        self.location = location
    }
}

/// Decides every page's URL and cross-reference id, and refuses any that is
/// unsafe or that two pages would share.
///
/// `Content/case-studies/kent.md` → `/case-studies/kent/`; an `index.md` takes its
/// folder's URL; a chapter `02-information.md` of `routemap/` → `/routemap/information/`
/// (a leading number orders chapters and is dropped). `slug:` replaces the last
/// segment; `url:` replaces the whole path.
struct URLPlanner {
    /// `checkingConflicts`: false when the caller checks the whole site's pages
    /// (these and the ones the build makes) itself.
    func plan(_ drafts: [PageDraft], checkingConflicts: Bool = true) -> (pages: [Page], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Documents first, so chapters can take their URL from them; the rest
        // depend on nothing but the documents, and are planned on every core.
        // Pages stay in the drafts' order (the walk's, by path), which the
        // sort below then finds in order: sorting them with the documents
        // first, and back again, copied every page twice over.
        let documentPlaces = drafts.indices.filter { drafts[$0].page.kind == .document }
            .sorted { drafts[$0].page.sourcePath < drafts[$1].page.sourcePath }
        var documentURLs: [String: (url: String, id: String)] = [:]
        var placedDocuments: [Int: Result<Page, Refusal>] = [:]
        for place in documentPlaces {
            let draft = drafts[place]
            let outcome = draft.placed ? .success(draft.page) : Self.place(draft, documents: documentURLs)
            if case .success(let page) = outcome { documentURLs[draft.folder] = (page.url, page.referenceID) }
            placedDocuments[place] = outcome
        }
        let documents = documentURLs
        // A draft kept from the last build is placed already: only the rest
        // are worked out.
        let unplaced = drafts.indices.filter { !drafts[$0].placed && drafts[$0].page.kind != .document }
        var placedNow = ConcurrentMap.map(unplaced, inRunsOf: 512) { Self.place(drafts[$0], documents: documents) }[...]
        var pages: [Page] = []
        pages.reserveCapacity(drafts.count)
        for (place, draft) in drafts.enumerated() {
            let outcome: Result<Page, Refusal>?
            if draft.page.kind == .document {
                outcome = placedDocuments[place]
            } else if !draft.placed {
                outcome = placedNow.popFirst()
            } else {
                pages.append(draft.page)
                continue
            }
            switch outcome {
            case .success(let page): pages.append(page)
            case .failure(let problem): diagnostics.append(problem.diagnostic)
            case nil: break
            }
        }
        numberChapters(&pages)
        pages.sort { $0.sourcePath < $1.sourcePath }
        if checkingConflicts { diagnostics.append(contentsOf: Self.conflicts(in: pages)) }
        return (pages, diagnostics)
    }

    struct Refusal: Error {
        var diagnostic: Diagnostic
    }

    /// One page's URL and cross-reference id; a chapter's come from its document's.
    private static func place(_ draft: PageDraft, documents documentURLs: [String: (url: String, id: String)]) -> Result<Page, Refusal> {
        var page = draft.page
        let fileName = RelativePath.removingExtension(RelativePath.name(of: page.sourcePath))
        var slug = draft.isIndex ? RelativePath.name(of: draft.folder)
            : page.kind == .chapter ? Self.dropOrderPrefix(fileName) : fileName
        if let node = draft.slug {
            guard let text = node.string else {
                return .failure(Refusal(diagnostic: .error("front-matter.type", "'slug' must be text; got \(node.described)", at: node.location)))
            }
            if let problem = URLRules.slugProblem(text) {
                return .failure(Refusal(diagnostic: .error(
                    "url.slug", "the slug '\(text)' \(problem)", at: node.location,
                    help: "try slug: \(Markdown.Slug.make(from: text).isEmpty ? "my-page" : Markdown.Slug.make(from: text))")))
            }
            slug = text
        } else if !slug.isEmpty, !URLRules.isSlug(slug) {
            let suggested = Markdown.Slug.make(from: slug)
            return .failure(Refusal(diagnostic: .error(
                "url.slug", "the file name gives the slug '\(slug)', which is not URL-safe (use a-z, 0-9 and single hyphens)",
                at: SourceLocation(file: page.file), help: "rename the file to '\(suggested.isEmpty ? "page" : suggested).md' or add 'slug: \(suggested)'")))
        }
        let parentFolder = draft.isIndex ? RelativePath.folder(of: draft.folder) : draft.folder
        var path: String
        switch page.kind {
        case .chapter:
            guard let document = documentURLs[draft.folder] else {
                return .failure(Refusal(diagnostic: .error(
                    "document.missing", "this chapter's document has errors, so the chapter cannot be placed",
                    at: SourceLocation(file: page.file), help: "fix the errors in the folder's index.md")))
            }
            path = document.url + slug + "/"
            page.documentID = document.id
            page.referenceID = document.id + "/" + slug
        default:
            let prefix = parentFolder.isEmpty || parentFolder == "." ? "/" : "/" + parentFolder + "/"
            path = slug.isEmpty ? "/" : prefix + slug + "/"
            page.referenceID = Self.referenceID(for: page, slug: slug, isIndex: draft.isIndex, folder: draft.folder)
        }
        if let node = draft.url {
            switch node.string.map(URLRules.normalisePagePath) {
            case .valid(let normalised)?: path = normalised
            case .invalid(let problem)?:
                return .failure(Refusal(diagnostic: .error("url.path", "'url' \(problem)", at: node.location)))
            case nil:
                return .failure(Refusal(diagnostic: .error("front-matter.type", "'url' must be text; got \(node.described)", at: node.location)))
            }
        }
        page.url = path
        return .success(page)
    }

    /// Chapters are numbered in file-name order within their document.
    private func numberChapters(_ pages: inout [Page]) {
        var counters: [String: Int] = [:]
        let order = pages.indices.filter { pages[$0].kind == .chapter }.sorted { pages[$0].sourcePath < pages[$1].sourcePath }
        for index in order {
            let document = pages[index].documentID ?? ""
            counters[document, default: 0] += 1
            pages[index].chapterNumber = counters[document]
        }
    }

    static func referenceID(for page: Page, slug: String, isIndex: Bool, folder: String) -> String {
        switch page.kind {
        case .page:
            let path = RelativePath.removingExtension(page.sourcePath)
            if isIndex { return folder.isEmpty ? "index" : folder }
            return path
        default:
            return slug
        }
    }

    /// `02-information` → `information`; a name that is only a number keeps it.
    static func dropOrderPrefix(_ name: String) -> String {
        let digits = name.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count < name.count else { return name }
        let rest = name.dropFirst(digits.count)
        guard let separator = rest.first, separator == "-" || separator == "_" || separator == "." else { return name }
        return String(rest.dropFirst())
    }

    /// Two pages may share neither a URL nor a cross-reference id. Each authored
    /// page in a clash is told; a page the build makes is named, not blamed.
    static func conflicts(in pages: [Page]) -> [Diagnostic] {
        // The two checks side by side: each hashes every page's string.
        let (urls, ids) = ConcurrentMap.both({ clashingPlaces(in: pages, of: \.url) },
                                             { clashingPlaces(in: pages, of: \.reference) })
        return conflicts(in: pages, urls: urls, ids: ids)
    }

    /// The same, for clashes found already (the site's index finds them as it
    /// makes its tables by URL and reference): each value claimed twice or
    /// more, and the places of the pages claiming it, in order.
    static func conflicts(in pages: [Page], urls: [String: [Int]], ids: [String: [Int]]) -> [Diagnostic] {
        report(urls, in: pages, label: "URL") + report(ids, in: pages, label: "id")
    }

    private static func clashingPlaces(in pages: [Page], of key: KeyPath<Page, String> & Sendable) -> [String: [Int]] {
        // Counted first: grouping every page would copy the whole site to
        // find the few (usually no) clashes.
        var first: [String: Int] = [:]
        first.reserveCapacity(pages.count)
        var clashing: [String: [Int]] = [:]
        for (index, page) in pages.enumerated() {
            let value = page[keyPath: key]
            if let earlier = first.updateValue(index, forKey: value) {
                first[value] = earlier
                clashing[value, default: [earlier]].append(index)
            }
        }
        return clashing
    }

    private static func report(_ clashing: [String: [Int]], in pages: [Page], label: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for value in clashing.keys.sorted() {
            let claimants = (clashing[value] ?? []).map { pages[$0] }
            let files = claimants.map { $0.sourcePath.isEmpty ? "the \($0.kind.generatedName) the build makes" : $0.file }.sorted()
            for page in claimants where !page.sourcePath.isEmpty {
                let others = files.filter { $0 != page.file }.joined(separator: ", ")
                diagnostics.append(.error(
                    label == "URL" ? "url.conflict" : "id.conflict",
                    "two pages claim the \(label) \(value): this one and \(others)",
                    at: SourceLocation(file: page.file, line: 1, column: 1),
                    help: claimants.contains { $0.sourcePath.isEmpty } ? "give this page another 'url:' or 'slug:'; that URL is taken by the build"
                        : "give one of them a different 'slug:'"))
            }
        }
        return diagnostics
    }
}
