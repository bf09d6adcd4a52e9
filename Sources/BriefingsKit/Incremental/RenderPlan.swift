import Foundation

/// Which pages a build renders, and the rendering itself.
///
/// A page is rendered when it is new, when its own source, card or template
/// changed, or when any dependency it recorded last time (another page's card,
/// a term's pages, its related pages…) now has another digest. Rendering can
/// reveal more: a page whose links changed changes what other pages are
/// "cited in", and a page whose headings changed changes the anchors other
/// pages link to. Those pages are rendered in further waves, until none is left.
struct RenderPlan {
    let site: LoadedSite
    let settings: SiteSettings
    let previous: BuildState?
    let parsed: BuildSession.Parsed
    /// The Markdown read this build, each let go once its page's body is rendered.
    private let markdown: HandOut<String, (body: String, firstLine: Int)>
    let scan: ContentScanner.Result
    let contentFolder: URL

    private var pages: [Page] { site.index.pages }
    private let cards: [UInt64]
    private let contents: [UInt64]
    private let outputPaths: [String]
    /// Each page's record in `previous`, if it has one.
    private let recordSlots: [BuildState.RecordSlot?]
    /// Whether the site's pages are the last build's, each with the card it
    /// had, and its other files too (see `DependencyDigests.workOutPrevious`).
    private let cardsAsRecorded: Bool
    /// Every page's reference, by place.
    private let references: [String]
    private let digests: DependencyDigests
    private var dirty: [Bool]
    private var bodies: [RenderedBody?]
    private var recorders: [DependencyRecorder?]
    private var scans: [PageScan?]
    private var outputDigests: [UInt64?]
    private var graph = LinkGraph.empty
    /// Whether the last build recorded a page showing "Cited in".
    private let citationsRecorded: Bool
    /// Each page's link targets: as its body rendered this build, else as the
    /// last build recorded them.
    private var outgoingLinks: [[String]?]
    /// Template name → whether it can show "Cited in".
    private var showsCitations: [String: Bool] = [:]
    /// The extra files (feed, sitemap, evidence JSON) when they must be made
    /// again: made in the background while pages render, since each covers the
    /// whole site and would otherwise hold up the start of rendering.
    private let extrasDigest: UInt64
    private let extrasFresh: Task<[SiteExtras.File], Never>?
    private var extrasWritten: [String: UInt64]?
    private(set) var slowest: [PageTiming] = []
    private(set) var bodyDiagnostics: [Diagnostic] = []
    private(set) var pageDiagnostics: [Diagnostic] = []
    private var assetState: [String: BuildState.CachedAsset] = [:]
    private var searchDigest: UInt64 = 0
    private var searchFiles: [String: UInt64] = [:]

    private let progress: (@Sendable (BuildProgress) -> Void)?

    init(site: LoadedSite, settings: SiteSettings, previous: BuildState?, parsed: BuildSession.Parsed, scan: ContentScanner.Result,
         contentFolder: URL, progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.progress = progress
        self.contentFolder = contentFolder
        self.site = site
        self.settings = settings
        self.previous = previous
        markdown = HandOut(parsed.bodies)
        var parsed = parsed
        let readPaths = Array(parsed.bodies.keys)
        parsed.bodies = [:]
        self.parsed = parsed
        self.scan = scan
        let pages = site.index.pages
        // Each page's source digest, found by stepping along the sources: the
        // pages made from files come in the walk's order, which is the table's.
        let sources = parsed.sources
        // The files read this build (and the bodies other pages embed), by
        // their places among the sources: looked up for each page by its
        // place, where a table of their paths hashed every page's path.
        let readPlaces = Set(readPaths.map { sources.place(of: $0) ?? -1 })
        var sourceDigests = [UInt64](repeating: 0, count: pages.count)
        var readAgainFlags = [Bool](repeating: false, count: pages.count)
        var next = 0
        for (index, page) in pages.enumerated() where !page.sourcePath.isEmpty {
            guard let place = sources.place(of: page.sourcePath, hint: next) else {
                readAgainFlags[index] = true
                continue
            }
            sourceDigests[index] = sources[place: place].digest
            readAgainFlags[index] = readPlaces.contains(place)
            next = place + 1
        }
        let digestOfSource = sourceDigests, readAgain = readAgainFlags
        // Each page's record, found the same way: within a folder, the pages'
        // references are in the records' order.
        let slots = previous?.records.places(of: pages.map(\.reference)) ?? Array(repeating: nil, count: pages.count)
        // Each page's card, content digest and output path, on every core: one
        // by one, on one core, these were a tenth of a one-file rebuild's plan.
        let perPage = ConcurrentMap.map(Array(pages.indices), inRunsOf: 512) {
            index -> (card: UInt64, content: UInt64, path: String, slot: BuildState.RecordSlot?, sameCard: Bool) in
            let page = pages[index]
            let content: UInt64
            if !page.sourcePath.isEmpty {
                content = digestOfSource[index]
            } else {
                content = Digest(page.body).final
            }
            let slot = slots[index]
            let recorded = slot.flatMap { slot in previous?.record(at: slot) { ($0.cardDigest, $0.outputPath) } }
            // A page from a file not read again (its front matter kept from the
            // last build) is placed as it was, so it has the card it had; but
            // a chapter's number depends on its document's other chapters.
            let card: UInt64
            if let recorded, !page.sourcePath.isEmpty, page.kind != .chapter, !readAgain[index] {
                card = recorded.0
            } else {
                card = page.cardDigest
            }
            // The card holds the URL: a page with the card it had has the output path it had.
            let kept = recorded.flatMap { $0.0 == card ? $0.1 : nil }
            return (card, content, kept ?? URLRules.outputFile(forPath: page.url), slot, kept != nil)
        }
        cards = perPage.map(\.card)
        recordSlots = perPage.map(\.slot)
        // The same other files: the content's and the theme's assets as the
        // last build wrote them (the extras' paths follow from the cards).
        let assetPaths = Set(scan.assets.map(\.file.outputPath)).union(settings.themeAssets.map(\.outputPath))
        cardsAsRecorded = previous.map { previous in
            previous.records.count == pages.count && perPage.allSatisfy(\.sameCard) && Set(previous.assets.keys) == assetPaths
        } ?? false
        contents = perPage.map(\.content)
        outputPaths = perPage.map(\.path)
        let cards = self.cards, outputPaths = self.outputPaths
        // The extras' digest beside the set of the site's files.
        let ((references, extrasDigest), pageFiles) = ConcurrentMap.both({ () -> ([String], UInt64) in
            var digest = Digest()
            digest.add(Int(bitPattern: UInt(settings.digest)))
            for (page, card) in zip(pages, cards) {
                digest.add(page.reference)
                digest.add(Int(bitPattern: UInt(card)))
            }
            return (pages.map(\.reference), digest.final)
        }, { Set(outputPaths) })
        self.references = references
        self.extrasDigest = extrasDigest
        let fresh = previous?.extrasDigest != extrasDigest
        extrasFresh = fresh ? Task.detached { SiteExtras.make(site) } : nil
        var files = pageFiles
        files.formUnion(scan.assets.map(\.file.outputPath))
        files.formUnion(settings.themeAssets.map(\.outputPath))
        files.formUnion(fresh ? SiteExtras.paths(site) : Array((previous?.extras ?? [:]).keys))
        self.files = files
        digests = DependencyDigests(site: site.index, evidence: site.evidence, cards: cards, contents: contents,
                                    files: files, templateDigests: settings.templateDigests,
                                    previousNames: previous?.dependencyNames ?? [])
        citationsRecorded = digests.isCitation.contains(true)
        dirty = Array(repeating: false, count: pages.count)
        bodies = Array(repeating: nil, count: pages.count)
        recorders = Array(repeating: nil, count: pages.count)
        scans = Array(repeating: nil, count: pages.count)
        outputDigests = Array(repeating: nil, count: pages.count)
        outgoingLinks = Array(repeating: nil, count: pages.count)
        for index in pagesNeedingRendering(Array(pages.indices), citations: false) { dirty[index] = true }
    }

    /// Every file of the site (pages, assets, extras), for link checks.
    let files: Set<String>
    var fileCount: Int { files.count + searchFiles.count }
    var renderedCount: Int { dirty.count { $0 } }

    private func templateName(_ index: Int) -> String { pages[index].template ?? pages[index].kind.templateName }

    /// Something of the page's record from the last build, if it has one.
    private func record<Value>(_ index: Int, _ read: (BuildState.PageRecord) -> Value) -> Value? {
        guard let previous, let slot = recordSlots[index] else { return nil }
        return previous.record(at: slot, read)
    }

    /// The pages among `candidates` whose inputs changed since their last
    /// rendering, checked on every core. Citations are judged separately, once
    /// the Markdown is rendered.
    private func pagesNeedingRendering(_ candidates: [Int], citations: Bool) -> [Int] {
        guard let previous else { return candidates }
        let digestNow = digests.workOutPrevious(citations: citations, cardsAsRecorded: cardsAsRecorded)
        let isCitation = digests.isCitation
        let pages = self.pages, contents = self.contents, cards = self.cards, outputPaths = self.outputPaths
        let templateDigests = settings.templateDigests, recordSlots = self.recordSlots
        let needs = ConcurrentMap.map(candidates, inRunsOf: 256) { index -> Bool in
            let page = pages[index]
            let template = page.template ?? page.kind.templateName
            guard let slot = recordSlots[index] else { return true }
            return previous.record(at: slot) { record in
                if !citations,
                    record.contentDigest != contents[index] || record.cardDigest != cards[index] || record.outputPath != outputPaths[index]
                    || record.template != template || record.templateDigest != templateDigests[template] {
                    return true
                }
                return record.dependencies.contains { dependency in
                    // A digest not worked out is as recorded.
                    isCitation[Int(dependency.name)] == citations && (digestNow[Int(dependency.name)].map { $0 != dependency.digest } ?? false)
                }
            }
        }
        return zip(candidates, needs).filter(\.1).map(\.0)
    }

    /// Passes on how many of a phase's pages are done.
    private func tell(_ phase: String, _ total: Int) -> (@Sendable (Int) -> Void)? {
        guard let progress else { return nil }
        return { done in progress(.pages(phase: phase, done: done, total: total)) }
    }

    // MARK: Markdown

    /// Renders the bodies of the pages that need it. A page whose template
    /// cannot show "Cited in" is laid out and written in the same task as its
    /// body, while its HTML is at hand: only pages that show "Cited in" wait
    /// for the whole site's link graph, so the site's body HTML is never held
    /// all at once unless every template needs it.
    mutating func renderBodiesAndWaves(into staging: StagingFolder?) async throws {
        while true {
            try await renderMissingBodies(layingOut: true, into: staging)
            // The link graph answers "Cited in" alone: it is made only when a
            // page left to lay out can show it (every other page was laid out
            // with its body), or a page of the last build showed it.
            guard citationsRecorded || pages.indices.contains(where: { dirty[$0] && scans[$0] == nil }) else { break }
            for index in pages.indices where outgoingLinks[index] == nil { outgoingLinks[index] = outgoing(index) }
            let site = self.site.index
            graph = LinkGraph(outgoing: outgoingLinks.map { $0 ?? [] }, references: references,
                              place: { site.indexOfPage(reference: $0) })
            digests.use(graph)
            let more = pagesNeedingRendering(pages.indices.filter { !dirty[$0] }, citations: true)
            if more.isEmpty { break }
            for index in more { dirty[index] = true }
        }
    }

    private func outgoing(_ index: Int) -> [String] {
        if let body = bodies[index] { return LinkGraph.targets(of: body.links, from: pages[index].reference) }
        return record(index, \.outgoing) ?? []
    }

    /// Whether the page is laid out with its body (its template never shows "Cited in").
    private mutating func laidOutWithBody(_ index: Int) -> Bool {
        let name = templateName(index)
        if let known = showsCitations[name] { return !known }
        let shows = site.templates.showsCitations(name)
        showsCitations[name] = shows
        return !shows
    }

    /// `layingOut`: pages whose template cannot show "Cited in" are laid out
    /// too, in the same task, and written into `staging` (if any).
    private mutating func renderMissingBodies(layingOut: Bool, into staging: StagingFolder?) async throws {
        let unrendered = pages.indices.filter { dirty[$0] && bodies[$0] == nil }
        guard !unrendered.isEmpty else { return }
        var withLayout = Set<Int>()
        if layingOut {
            for index in unrendered where laidOutWithBody(index) { withLayout.insert(index) }
        }
        // Pages laid out here and generated (lists, terms, the matrix: the
        // dearest to lay out) first, so that no core is left with one at the end.
        let pages = self.pages
        let wanted = unrendered.filter { withLayout.contains($0) && pages[$0].sourcePath.isEmpty }
            + unrendered.filter { !(withLayout.contains($0) && pages[$0].sourcePath.isEmpty) }
        let renderer = BodyRenderer(site: site.index, templates: site.templates)
        let contentFolder = self.contentFolder
        let sources = markdown
        let site = self.site, outputPaths = self.outputPaths
        let laidOut = withLayout
        var results: [(RenderedBody, DependencyRecorder, [String], LaidOut?)] = try await Parallel.map(wanted, progress: tell("markdown", wanted.count)) { index in
            var page = pages[index]
            if page.body.isEmpty, !page.sourcePath.isEmpty {
                if let loaded = sources.take(page.sourcePath) ?? BuildSession.body(of: page.sourcePath, in: contentFolder) {
                    page.body = loaded.body
                    page.bodyFirstLine = loaded.firstLine
                }
            }
            let recorder = DependencyRecorder()
            var body = recorder.recording { renderer.render(page) }
            let targets = LinkGraph.targets(of: body.links, from: page.reference)
            guard laidOut.contains(index) else { return (body, recorder, targets, nil) }
            let layout = try Self.layOut(pages[index], body: body, recorder: recorder, site: site, graph: .empty,
                                         outputPath: outputPaths[index], into: staging)
            body.html = ""
            return (body, recorder, targets, layout)
        }
        var slowest = Slowest(self.slowest)
        var laidOutNow: [Int] = []
        // Each result is moved out, not copied: at 100,000 pages the copies'
        // reference counting alone was a tenth of a second on one core.
        for (offset, index) in wanted.enumerated() {
            var body = RenderedBody.empty
            var layout: LaidOut?
            swap(&body, &results[offset].0)
            swap(&layout, &results[offset].3)
            // The whole-document page is its chapters' Markdown again: what is
            // wrong there is reported once, at the chapter's own file and line.
            if Self.repeatsOtherPages(pages[index]) { body.diagnostics = [] }
            bodyDiagnostics += body.diagnostics
            bodies[index] = body
            recorders[index] = results[offset].1
            outgoingLinks[index] = results[offset].2
            if let timing = layout?.timing, let laidOut = layout.take() {
                slowest.add(timing)
                take(laidOut, for: index)
                laidOutNow.append(index)
            }
        }
        self.slowest = slowest.timings
        if !laidOutNow.isEmpty { markPagesLinkingToChangedAnchors(of: laidOutNow) }
    }

    /// A page made from other pages' Markdown (the whole-document page), whose
    /// findings about that Markdown the other pages report already.
    static func repeatsOtherPages(_ page: Page) -> Bool {
        page.sourcePath.isEmpty && WholeDocument.isWholeDocument(page)
    }

    // MARK: Templates

    /// One page laid out: what the link checks need, the digest of the bytes
    /// written, a missing template, and the time it took.
    struct LaidOut: Sendable {
        var scan: PageScan?
        var digest: UInt64
        var problem: Diagnostic?
        var timing: PageTiming
    }

    /// Lays a page out with its template and writes it (when there is a folder to write to).
    static func layOut(_ page: Page, body: RenderedBody, recorder: DependencyRecorder, site: LoadedSite, graph: LinkGraph,
                       outputPath: String, into staging: StagingFolder?) throws -> LaidOut {
        let clock = ContinuousClock()
        let started = clock.now
        let name = page.template ?? page.kind.templateName
        let html = recorder.recording { () -> String? in
            let context = ViewModel.context(.init(page: page, body: body, site: site.index, graph: graph, evidence: site.evidence))
            return site.templates.render(name, context)
        }
        let elapsed = started.duration(to: clock.now)
        let timing = PageTiming(url: page.url, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        guard let html else {
            return LaidOut(scan: nil, digest: 0, problem: .error("template.missing", "the template '\(name)' does not exist",
                                                               at: SourceLocation(file: page.file)), timing: timing)
        }
        var digest = try staging?.write(html, to: outputPath)
        if digest == nil {
            var bytes = html
            digest = bytes.withUTF8 { Digest.of(bytes: UnsafeRawBufferPointer($0)) }
        }
        var scan = PageScan(page: page, templateName: name, html: html, body: body)
        if repeatsOtherPages(page) { scan.markdownLinks = [] }
        return LaidOut(scan: scan, digest: digest ?? 0, problem: nil, timing: timing)
    }

    private mutating func take(_ layout: consuming LaidOut, for index: Int) {
        scans[index] = layout.scan.take()
        outputDigests[index] = layout.digest
        if let problem = layout.problem { pageDiagnostics.append(problem) }
    }

    /// Lays out every page that needs it and was not laid out with its body,
    /// writing each as soon as it is ready. A page whose anchors changed makes
    /// the pages linking to it render too.
    mutating func renderPages(into staging: StagingFolder?) async throws {
        var timings: [PageTiming] = []
        while true {
            // Generated pages (lists, terms, the matrix) first: they cost the
            // most, and started last they would keep one core busy alone.
            let unrendered = pages.indices.filter { dirty[$0] && scans[$0] == nil }
            let wanted = unrendered.filter { pages[$0].sourcePath.isEmpty } + unrendered.filter { !pages[$0].sourcePath.isEmpty }
            guard !wanted.isEmpty else { break }
            try await renderMissingBodies(layingOut: false, into: staging)
            // Each body's HTML goes to the task laying its page out, and is
            // freed once the page is written.
            var html = [String?](repeating: nil, count: pages.count)
            for index in wanted {
                html[index] = bodies[index]?.html
                bodies[index]?.html = ""
            }
            let bodyHTML = TakeOnce(&html)
            let site = self.site, graph = self.graph, bodies = self.bodies, recorders = self.recorders
            let outputPaths = self.outputPaths
            let results: [LaidOut] = try await Parallel.map(wanted, progress: tell("templates", wanted.count)) { index in
                var body = bodies[index] ?? .empty
                body.html = bodyHTML.take(index) ?? ""
                return try Self.layOut(site.index.pages[index], body: body, recorder: recorders[index] ?? DependencyRecorder(),
                                       site: site, graph: graph, outputPath: outputPaths[index], into: staging)
            }
            for (index, layout) in zip(wanted, results) {
                take(layout, for: index)
                timings.append(layout.timing)
            }
            markPagesLinkingToChangedAnchors(of: wanted)
        }
        var slowest = Slowest(self.slowest)
        for timing in timings { slowest.add(timing) }
        self.slowest = slowest.timings
    }

    /// Pages not rendered this build whose links reach a page whose ids changed:
    /// their anchor checks must run again, so they are rendered.
    private mutating func markPagesLinkingToChangedAnchors(of rendered: [Int]) {
        guard let previous else { return }
        var changed: Set<String> = []
        for index in rendered {
            let page = pages[index]
            guard let ids = record(index, \.ids), let scan = scans[index] else { continue }
            if Set(ids) != scan.ids {
                changed.formUnion([DependencyName.reference(page.reference), DependencyName.url(page.url)])
                if !page.sourcePath.isEmpty { changed.insert(DependencyName.source(page.sourcePath)) }
            }
        }
        guard !changed.isEmpty else { return }
        let changedNumbers = Set(previous.dependencyNames.indices.filter { changed.contains(previous.dependencyNames[$0]) }.map(Int32.init))
        guard !changedNumbers.isEmpty else { return }
        for index in pages.indices where !dirty[index] {
            let linksToChanged = record(index) { record in
                record.dependencies.contains { changedNumbers.contains($0.name) }
            }
            if linksToChanged == true { dirty[index] = true }
        }
    }

    // MARK: Links

    /// Checks the pages rendered this build; the others' findings stand, since
    /// nothing they link to changed (or they would have been rendered).
    func verifyLinks(collectExternal: Bool) -> (diagnostics: [Diagnostic], external: LinkVerifier.ExternalLinks) {
        let scans = self.scans, previous = self.previous, recordSlots = self.recordSlots
        // Looked up when a link's anchor is checked: a build that lays out a
        // few pages checks a few anchors, and need not gather every page's.
        let ids: @Sendable (Int) -> Set<String> = { index in
            if let scan = scans[index] { return scan.ids }
            guard let previous, let slot = recordSlots[index] else { return [] }
            return Set(previous.record(at: slot, \.ids))
        }
        let verifier = LinkVerifier(site: site.index, templates: site.templates, files: files, scans: scans.compactMap { $0 },
                                    collectExternal: collectExternal, idsOfPage: ids)
        return verifier.verify()
    }

    /// The findings about pages not rendered this build, from when they were.
    var carriedDiagnostics: [Diagnostic] {
        pages.indices.filter { !dirty[$0] }.flatMap { record($0, \.diagnostics) ?? [] }
    }

    // MARK: Writing

    /// Pages not rendered this build, the content's and the theme's assets, and
    /// the extra files, each only when its bytes changed.
    mutating func writeRest(into staging: StagingFolder) async throws {
        try staging.keep(pages.indices.compactMap { index in
            scans[index] == nil ? record(index, { (path: $0.outputPath, digest: $0.outputDigest) }) : nil
        })
        let contentAssets = Set(scan.assets.map(\.file.outputPath))
        let themeAssets = settings.themeAssets.filter { !contentAssets.contains($0.outputPath) }
        for (file, stamp) in scan.assets.map({ ($0.file, $0.stamp) }) + themeAssets.compactMap({ asset in
            FileStamp.of(asset.source.path).map { (asset, $0) }
        }) {
            if let cached = previous?.assets[file.outputPath], cached.stamp == stamp {
                try staging.keep(file.outputPath, digest: cached.digest)
                assetState[file.outputPath] = cached
            } else {
                try staging.copy(file.source, to: file.outputPath)
                assetState[file.outputPath] = BuildState.CachedAsset(stamp: stamp, digest: staging.ourDigests[file.outputPath] ?? 0)
            }
        }
        if let extrasFresh {
            var written: [String: UInt64] = [:]
            for extra in await extrasFresh.value {
                try staging.write(extra.text, to: extra.path)
                var text = extra.text
                written[extra.path] = text.withUTF8 { Digest.of(bytes: UnsafeRawBufferPointer($0)) }
            }
            extrasWritten = written
        } else {
            for (path, digest) in previous?.extras ?? [:] { try staging.keep(path, digest: digest) }
        }
    }

    /// The search index, made again only when some page's bytes changed.
    mutating func buildSearchIndex(into staging: StagingFolder, options: BuildOptions) throws -> [Diagnostic] {
        // Without search there is no index, and nothing to digest for it: a
        // later build with search finds no index files kept, and makes them.
        if options.search == false {
            searchDigest = 0
            searchFiles = [:]
            return []
        }
        var digest = Digest()
        for (index, page) in pages.enumerated() {
            digest.add(page.url)
            digest.add(Int(bitPattern: UInt(outputDigests[index] ?? record(index, \.outputDigest) ?? 0)))
        }
        digest.add(options.search.map { $0 ? 1 : 0 } ?? 2)
        searchDigest = digest.final
        if let previous, previous.searchDigest == searchDigest, !previous.searchFiles.isEmpty {
            for (path, fileDigest) in previous.searchFiles { try staging.keep(path, digest: fileDigest) }
            searchFiles = previous.searchFiles
            return []
        }
        let found = try SiteExtras.finishStaging(staging, site: site, options: options)
        searchFiles = staging.ourDigests.filter { $0.key.hasPrefix(SearchIndexer.folder + "/") }
        return found
    }

    /// The pages' part of what the next build needs to know, begun once the
    /// links are checked: it is made (and encoded, for a state that will be
    /// saved) on other threads while the rest of the site is written and
    /// swapped in, rather than after.
    ///
    /// `encodedSources`: the sources' part of the state, encoded ahead.
    func pagesState(encoding: Bool, encodedSources: Task<[ArraySlice<UInt8>], Never>? = nil) -> Task<BuildState.Pages, Never> {
        let inputs = NextPages(
            pages: pages, recorders: recorders, scans: scans, digests: digests.snapshot(), contents: contents, cards: cards,
            outputPaths: outputPaths, outputDigests: outputDigests, bodies: bodies, outgoingLinks: outgoingLinks,
            templateDigests: settings.templateDigests, previousNames: previous?.dependencyNames ?? [],
            previousRecords: previous?.records ?? [:], previousSlots: recordSlots, previousOrigin: previous?.origin,
            previousNamesSaved: previous?.namesSaved, sources: parsed.sources,
            encodedSources: encoding ? encodedSources : nil)
        return Task.detached { await inputs.make(encoding: encoding) }
    }

    /// What the next build needs to know: `pages` from `pagesState`, and what
    /// writing the rest of the site learnt.
    func newState(pages: BuildState.Pages, settingsDigest: UInt64, outputStamp: FileStamp?) -> BuildState {
        BuildState(
            settingsDigest: settingsDigest, documentFolders: parsed.documentFolders.sorted(), pages: pages, assets: assetState,
            extrasDigest: extrasDigest, extras: extrasWritten ?? previous?.extras ?? [:], searchDigest: searchDigest,
            searchFiles: searchFiles, outputStamp: outputStamp)
    }
}

/// The five pages that took longest to lay out, slowest first.
struct Slowest {
    private(set) var timings: [PageTiming]

    init(_ timings: [PageTiming] = []) {
        self.timings = timings
    }

    mutating func add(_ timing: PageTiming) {
        guard timings.count < 5 || timing.seconds > (timings.last?.seconds ?? 0) else { return }
        let place = timings.firstIndex { $0.seconds < timing.seconds } ?? timings.count
        timings.insert(timing, at: place)
        if timings.count > 5 { timings.removeLast() }
    }
}
