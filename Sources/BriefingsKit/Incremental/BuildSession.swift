import Foundation

/// One build (or check), reusing what the previous build learnt: it reads and
/// parses only the files that changed, renders only the pages whose inputs
/// changed, and writes only the files whose bytes changed. With no previous
/// state every page is rendered; it is the same code either way, so an
/// incremental build gives the same bytes as a clean one.
///
/// The phases, each timed: settings → read → front matter → index → markdown →
/// templates → links → write.
final class BuildSession {
    let options: BuildOptions
    let mode: SiteBuilder.Mode
    private let memory: BuildMemory?
    /// Whether the state will be saved: it is then encoded while the rest of the site is written.
    private let savesState: Bool
    /// Where the state is saved, when the build saves it itself: begun as
    /// soon as its pages' part is made, while the rest of the site is written.
    private let stateStore: BuildStateStore?
    private(set) var previous: BuildState?
    /// What this build learnt, once it succeeded: the next build's `previous`.
    private(set) var state: BuildState?

    private var clock: PhaseClock
    private var diagnostics: [Diagnostic] = []
    private var report = BuildReport(diagnostics: [], pages: 0, files: 0, timings: [], published: false)

    /// `memory`: what the last build left, if this build may reuse it.
    init(options: BuildOptions, mode: SiteBuilder.Mode, memory: BuildMemory?, savesState: Bool = false,
         stateStore: BuildStateStore? = nil) {
        self.options = options
        self.mode = mode
        self.memory = memory
        self.savesState = savesState || stateStore != nil
        self.stateStore = stateStore
        clock = PhaseClock(progress: options.progress)
    }

    private var publishing: Bool {
        if case .build = mode { return true }
        return false
    }

    private func finish(published: Bool) -> BuildReport {
        report.diagnostics = diagnostics.sortedForReport()
        report.timings = clock.timings
        report.published = published
        return report
    }

    private func stops() -> Bool { SiteBuilder.stops(diagnostics, options) }

    func run() async -> BuildReport {
        let output = OutputFolder(target: options.outputFolder)
        if publishing, let refusal = output.refusal(protecting: [options.contentFolder, options.templatesFolder], force: options.force) {
            diagnostics.append(refusal)
            return finish(published: false)
        }
        // Settings.
        let (loadedSettings, settingProblems) = SiteSettings.load(options)
        diagnostics += settingProblems
        guard let settings = loadedSettings else { return finish(published: false) }
        report.basePath = settings.config.basePath
        clock.lap("settings")

        // Read: walk the content folder, read only files whose stamp changed.
        let display = DisplayPath()
        let scan = ContentScanner(root: options.contentFolder, display: display).scan()
        let inputs = inputsDigest(settings, scan)
        if let unchanged = upToDate(inputs: inputs, output: output) { return unchanged }
        previous = memory?.stateForBuild()
        if previous?.settingsDigest != settings.digest || !outputIsAsLeft(output) { previous = nil }
        diagnostics += scan.diagnostics
        let (changed, places) = Self.changedFiles(scan.markdown, since: previous?.sources)
        var (fresh, readProblems) = ContentScanner.read(changed, display: display)
        diagnostics += readProblems
        clock.lap("read")
        // Read while the front matter is parsed, which leaves a core free.
        let manifestsAhead = publishing ? output.readManifestsAhead(unchangedSince: previous?.outputStamp?.modified) : nil

        // Front matter: parse what changed, reuse the rest.
        let parser = ContentParser(taxonomies: settings.taxonomies, includeDrafts: options.includeDrafts)
        var parsed = parse(scan: scan, fresh: &fresh, places: places, parser: parser)
        // URL and id clashes are checked below, once, among all the site's pages.
        let planned = parser.plan(parsed.drafts, checkingConflicts: false)
        diagnostics += planned.diagnostics
        clock.lap("front matter")
        let sources = parsed.sources, origin = previous?.origin, placed = planned.pages
        let encodedSources = savesState && publishing
            ? Task.detached { BuildState.encode(sources: sources, origin: origin, placed: placed, onAllCores: false) } : nil

        // Index: the pages the build makes, and every lookup.
        var pages = planned.pages
        loadBodiesOthersEmbed(&pages, sources: &parsed.bodies)
        let generated = GeneratedPages.make(for: pages, config: settings.config, taxonomies: settings.taxonomies,
                                            templatesFolder: display(options.templatesFolder))
        let all = pages + generated
        // URL and id clashes are the ones the index met making its tables.
        let index = SiteIndex(config: settings.config, taxonomies: settings.taxonomies, pages: all)
        diagnostics += URLPlanner.conflicts(in: all, urls: index.urlClashes, ids: index.referenceClashes)
        diagnostics += SiteLoader.missingTemplates(for: all, templates: settings.templates)
        guard !stops() else { return finish(published: false) }
        let evidence = EvidenceIndex(site: index)
        let site = LoadedSite(index: index, templates: settings.templates, assets: scan.assets.map(\.file), evidence: evidence)
        clock.lap("index")

        var render = RenderPlan(site: site, settings: settings, previous: previous, parsed: parsed, scan: scan,
                                contentFolder: options.contentFolder, progress: options.progress)
        parsed.bodies = [:]
        defer { if options.endsProcess { ProcessLifetime.keep(render) } }
        var staging: StagingFolder?
        var saving: BuildStateStore.Saving?
        do {
            if publishing {
                do {
                    staging = try output.beginStaging(ahead: await manifestsAhead?.task.value)
                    // Its tables of every file (and the manifests read ahead) are left to the exit.
                    if options.endsProcess { ProcessLifetime.keep((staging as Any, manifestsAhead as Any)) }
                } catch {
                    diagnostics.append(.error("output.write", "cannot write beside the output folder: \(ContentScanner.reason(error))",
                                              at: SourceLocation(file: display(options.outputFolder)),
                                              help: "check that the folder's parent exists and is writable"))
                    return finish(published: false)
                }
            }
            do {
                // Markdown, with the pages that need no link graph laid out as
                // their bodies are rendered; then the pages that show "Cited in".
                try await render.renderBodiesAndWaves(into: staging)
                clock.lap("markdown")
                diagnostics += render.bodyDiagnostics
                guard !stops() else {
                    staging?.discard()
                    return finish(published: false)
                }
                try await render.renderPages(into: staging)
                report.slowestPages = render.slowest
                clock.lap("templates")
                diagnostics += render.pageDiagnostics
                // The next build's state is made while links are checked and
                // the rest is written: the ends of those phases leave a core
                // idle, and at 100,000 pages making it took most of the writing.
                // A build that fails drops it.
                let nextPages = staging.map { _ in render.pagesState(encoding: savesState, encodedSources: encodedSources) }
                // Saved (all but the state's last few kilobytes) as soon as
                // it is made, while the rest of the site is written.
                if let nextPages, let stateStore {
                    saving = stateStore.beginSaving {
                        let pages = await nextPages.value
                        return pages.encoded ?? BuildState.encode(pages)
                    }
                }

                // Links: every rendered page, and any page whose targets changed.
                let (linkProblems, external) = render.verifyLinks(collectExternal: wantsExternal)
                diagnostics += linkProblems
                if case .check(let externalOptions?) = mode {
                    let (summary, problems) = await ExternalLinkChecker(options: externalOptions).check(external.locations)
                    diagnostics += problems
                    report.external = summary
                }
                diagnostics += render.carriedDiagnostics
                report.pages = index.pages.count
                report.files = render.fileCount
                clock.lap("links")

                guard let staging, let nextPages else { return finish(published: false) }
                guard !stops() else {
                    staging.discard()
                    await saving?.cancel()
                    return finish(published: false)
                }
                // Write: extras, assets and the search index, then the swap.
                try await render.writeRest(into: staging)
                let searchProblems = try render.buildSearchIndex(into: staging, options: options)
                diagnostics += searchProblems
                guard !stops() else {
                    staging.discard()
                    await saving?.cancel()
                    return finish(published: false)
                }
                // The last build's stamp of the manifest, when it is still the published one.
                try staging.publish(force: options.force, unchangedSince: previous?.outputStamp?.modified)
                state = render.newState(pages: await nextPages.value, settingsDigest: settings.digest,
                                        outputStamp: FileStamp.of(output.target.appendingPathComponent(OutputFolder.manifestName).path))
            } catch {
                staging?.discard()
                await saving?.cancel()
                throw error
            }
        } catch let conflict as PublishConflict {
            let shown = conflict.paths.prefix(5).joined(separator: ", ") + (conflict.paths.count > 5 ? ", …" : "")
            diagnostics.append(.error("output.foreign", "the output folder has files Briefings did not write but would replace: \(shown)",
                                      at: SourceLocation(file: display(options.outputFolder)),
                                      help: "move them away, or pass --force to replace them"))
            return finish(published: false)
        } catch {
            diagnostics.append(.error("output.write", "writing the site failed: \(ContentScanner.reason(error))",
                                      at: SourceLocation(file: display(options.outputFolder)),
                                      help: "check that the output folder and its parent can be written"))
            return finish(published: false)
        }
        clock.lap("write")
        report.pagesRendered = render.renderedCount
        let finished = finish(published: true)
        state?.summary = summary(inputs)
        if let saving, let state {
            // A cache that cannot be saved only makes the next build slower.
            try? await saving.finish(state)
        }
        return finished
    }

    /// What a build that finds nothing changed will report: this build's
    /// findings, once the site is to be published.
    private func summary(_ inputs: UInt64) -> BuildState.Summary {
        BuildState.Summary(inputsDigest: inputs, pages: report.pages, files: report.files, diagnostics: diagnostics.sortedForReport())
    }

    /// The files whose stamp differs from the last build's, or that it did not
    /// know; and each file's place in the last build's sources, if it has one.
    private static func changedFiles(_ files: [ContentScanner.Candidate], since sources: SourceTable?)
        -> (changed: [ContentScanner.Candidate], places: [Int?]) {
        guard let sources else { return (files, Array(repeating: nil, count: files.count)) }
        let places = sources.places(of: files.map(\.relativePath))
        let changed = files.indices.filter { index in places[index].map { sources[place: $0].stamp != files[index].stamp } ?? true }
        return (changed.map { files[$0] }, places)
    }

    /// The report of a build that has nothing to do: every input is as the last
    /// build found it and the output folder as it left it, so the output would
    /// be the same bytes. Its findings are the last build's.
    private func upToDate(inputs: UInt64, output: OutputFolder) -> BuildReport? {
        guard publishing, let (summary, outputStamp) = memory?.summary, summary.inputsDigest == inputs, let outputStamp,
            outputStamp == FileStamp.of(output.target.appendingPathComponent(OutputFolder.manifestName).path),
            outputHasEveryFile(output) else { return nil }
        diagnostics = SiteExtras.strictness(summary.diagnostics, options)
        clock.lap("read")
        if stops() { return finish(published: false) }
        report.pages = summary.pages
        report.files = summary.files
        report.upToDate = true
        return finish(published: true)
    }

    /// Whether every file the manifest lists is still there: one deleted by
    /// hand is made again.
    private func outputHasEveryFile(_ output: OutputFolder) -> Bool {
        guard let manifest = Manifest.read(from: output.target) else { return false }
        let root = open(output.target.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return false }
        defer { close(root) }
        // Looked up from the open folder (a short lookup, not the whole path),
        // a share of the files on each core: this is most of a build that
        // finds nothing to do.
        return ConcurrentMap.map(Array(manifest.entries.keys), inRunsOf: 1024) { faccessat(root, $0, F_OK, 0) == 0 }
            .allSatisfy { $0 }
    }

    /// Every input of the build: the settings and templates, and the name and
    /// stamp (size, time, inode) of every content file, content asset and theme
    /// asset, and the search indexer when the build would use it.
    private func inputsDigest(_ settings: SiteSettings, _ scan: ContentScanner.Result) -> UInt64 {
        var digest = Digest()
        func add(_ stamp: FileStamp?) {
            digest.add(stamp?.size ?? -1)
            digest.add(stamp?.modified ?? -1)
            digest.add(stamp?.inode ?? -1)
        }
        digest.add(Int(bitPattern: UInt(settings.digest)))
        for (name, value) in settings.templateDigests.sorted(by: { $0.key < $1.key }) {
            digest.add(name)
            digest.add(Int(bitPattern: UInt(value)))
        }
        for asset in settings.themeAssets {
            digest.add(asset.outputPath)
            add(FileStamp.of(asset.source.path))
        }
        for file in scan.markdown {
            digest.add(file.relativePath)
            add(file.stamp)
        }
        for asset in scan.assets {
            digest.add(asset.file.outputPath)
            add(asset.stamp)
        }
        for finding in scan.diagnostics { digest.add(finding.message) }
        digest.add(options.search.map { $0 ? 1 : 0 } ?? 2)
        if options.search == nil { digest.add(SearchIndexer.locate(in: ProcessInfo.processInfo.environment)?.path ?? "") }
        return digest.final
    }

    private var wantsExternal: Bool {
        if case .check(let external) = mode { return external != nil }
        return false
    }

    /// The previous state assumes the published folder is as it left it; if its
    /// manifest changed since, nothing is assumed.
    private func outputIsAsLeft(_ output: OutputFolder) -> Bool {
        guard let previous else { return true }
        guard publishing else { return true }
        return previous.outputStamp == FileStamp.of(output.target.appendingPathComponent(OutputFolder.manifestName).path)
    }

    struct Parsed {
        var drafts: [PageDraft]
        /// Source path → state to keep for the next build.
        var sources: SourceTable
        /// Source path → the Markdown body, for the files read this build.
        var bodies: [String: (body: String, firstLine: Int)]
        var documentFolders: Set<String>
    }

    /// Parses the files read this build and reuses the rest. If the set of
    /// document folders changed, a file's kind may have changed too, so every
    /// file is parsed. `fresh` is emptied: each file's text is let go once its
    /// front matter is split off (the body is kept, as its own string).
    ///
    /// Files are kept in arrays by their place in the walk, not in tables by
    /// path: at 100,000 files this part runs on one core, and hashing paths
    /// into growing tables was most of its time.
    ///
    /// `places`: each walked file's place in the last build's sources (`changedFiles`).
    private func parse(scan: ContentScanner.Result, fresh: inout [SourceFile], places: [Int?], parser: ContentParser) -> Parsed {
        let display = DisplayPath()
        let files = scan.markdown
        // The last build's sources, taken rather than shared, so they are
        // freed with this build's table rather than kept beside it.
        var reusable = previous?.sources ?? [:]
        previous?.sources = [:]
        // Each file read is found in the walk by stepping along it: files are
        // read in the walk's order, and a table of every path, to find the
        // one file a one-file rebuild read, was a tenth of its parsing.
        var nextPlace = 0
        func place(of path: String) -> Int? {
            // From where the last was found; round to the start only if the
            // files were not in order after all.
            let start = nextPlace
            for index in start..<files.count where files[index].relativePath == path {
                nextPlace = index + 1
                return index
            }
            for index in 0..<start where files[index].relativePath == path {
                nextPlace = index + 1
                return index
            }
            return nil
        }
        var parsed = Parsed(drafts: [], sources: [:], bodies: [:], documentFolders: [])
        parsed.bodies.reserveCapacity(fresh.count)
        // What is known of the files read, in the order read, and each walked
        // file's place in that order (-1 if not read). Arrays, not tables by
        // place: at 100,000 files read, growing and probing tables of every
        // file on one core was a sixth of a second, and grew faster than the
        // site; for a one-file rebuild they are a few kilobytes.
        var readAt = [Int32](repeating: -1, count: files.count)
        var readDigests: [UInt64] = [], readKinds: [PageKind?] = [], headersRead: [ContentParser.Header?] = []
        func readHeaders(_ sources: inout [SourceFile]) {
            nextPlace = 0
            let read = sources.map { (path: $0.relativePath, digest: $0.digest) }
            // Each file goes to the task splitting it, and its text is freed
            // there once its body is copied out: held until every file was
            // split, the texts and the bodies were the build's peak memory.
            var files: [SourceFile?] = []
            files.reserveCapacity(sources.count)
            // Moved, not copied: popped from the end, then put back in order.
            while let file = sources.popLast() { files.append(file) }
            files.reverse()
            let handed = TakeOnce(&files)
            var outcomes = ConcurrentMap.map(Array(read.indices)) { offset in
                handed.take(offset).map { parser.readHeader($0) } ?? .failure(.init(diagnostics: []))
            }
            readDigests.reserveCapacity(readDigests.count + read.count)
            readKinds.reserveCapacity(readKinds.count + read.count)
            headersRead.reserveCapacity(headersRead.count + read.count)
            // Each header is moved out, not copied: a copy retains its whole YAML tree.
            for offset in read.indices {
                guard let index = place(of: read[offset].path) else { continue }
                readAt[index] = Int32(readDigests.count)
                readDigests.append(read[offset].digest)
                var outcome = Swift.Result<ContentParser.Header, ContentParser.HeaderFailure>.failure(.init(diagnostics: []))
                swap(&outcome, &outcomes[offset])
                switch outcome {
                case .success(let header):
                    parsed.bodies[read[offset].path] = (header.body, header.bodyFirstLine)
                    readKinds.append(header.declaredKind?.0)
                    headersRead.append(consume header)
                case .failure(let failure):
                    diagnostics += failure.diagnostics
                    readKinds.append(nil)
                    headersRead.append(nil)
                }
            }
        }
        readHeaders(&fresh)
        // Each kept file's entry, by the place the walk found it at.
        var slots = [Int?](repeating: nil, count: files.count)
        var documentPaths: [String] = []
        for index in files.indices {
            if readAt[index] >= 0 {
                if readKinds[Int(readAt[index])] == .document { documentPaths.append(files[index].relativePath) }
            } else if let slot = places[index] {
                slots[index] = slot
                if reusable[place: slot].declaredKind == .document { documentPaths.append(files[index].relativePath) }
            }
        }
        var documentFolders = ContentParser.documentFolders(documentPaths.map { ($0, .document) })
        if let previous, Set(previous.documentFolders) != documentFolders {
            // Kinds of unchanged files may have changed: read and parse them all.
            let rest = files.indices.filter { readAt[$0] < 0 }.map { files[$0] }
            var (sources, problems) = ContentScanner.read(rest, display: display)
            diagnostics += problems
            readHeaders(&sources)
            documentFolders = ContentParser.documentFolders(files.indices.compactMap { index in
                let offset = Int(readAt[index])
                return offset >= 0 && headersRead[offset] != nil ? (files[index].relativePath, readKinds[offset]) : nil
            })
            reusable = [:]
            slots = [Int?](repeating: nil, count: files.count)
        }
        parsed.documentFolders = documentFolders
        let folders = documentFolders
        // The files parsed, in the walk's order, and each one's place among them.
        let parsedHere = files.indices.filter { readAt[$0] >= 0 && headersRead[Int(readAt[$0])] != nil }
        var parsedAt = [Int32](repeating: -1, count: files.count)
        for (offset, index) in parsedHere.enumerated() { parsedAt[index] = Int32(offset) }
        // Each header (its YAML tree) goes to the task reading its page and is
        // freed there, on every core, not one by one here.
        var headerList = parsedHere.map { index -> ContentParser.Header? in
            var header: ContentParser.Header?
            swap(&header, &headersRead[Int(readAt[index])])
            return header
        }
        headersRead = []
        let handed = TakeOnce(&headerList)
        var outcomes = ConcurrentMap.map(Array(parsedHere.indices)) { offset -> (PageDraft?, [Diagnostic]) in
            guard let header = handed.take(offset) else { return (nil, []) }
            var (draft, found) = parser.readPage(header, documentFolders: folders)
            // The body lives in `parsed.bodies` alone, so it can be let go as
            // soon as it is rendered (documents and chapters get theirs back).
            draft?.page.body = ""
            return (draft, found)
        }
        // The pages in the walk's order, kept ones read by their slots.
        parsed.drafts.reserveCapacity(files.count)
        for index in files.indices {
            if readAt[index] >= 0 {
                let offset = Int(parsedAt[index])
                guard offset >= 0 else { continue }
                diagnostics += outcomes[offset].1
                if let draft = outcomes[offset].0 { parsed.drafts.append(draft) }
            } else if let slot = slots[index] {
                let kept = reusable[place: slot]
                diagnostics += kept.diagnostics
                if let draft = kept.draft { parsed.drafts.append(draft) }
            }
        }
        // Then the table, in the walk's order, which is its own: the files
        // read this build with their new entries, the rest as they were.
        // Files gone since the last build are left out, and files whose
        // front matter could not be split have no entry.
        func entry(_ index: Int) -> BuildState.CachedSource? {
            let offset = Int(parsedAt[index])
            guard offset >= 0 else { return nil }
            var outcome: (PageDraft?, [Diagnostic]) = (nil, [])
            swap(&outcome, &outcomes[offset])
            return BuildState.CachedSource(stamp: files[index].stamp, digest: readDigests[Int(readAt[index])],
                                           declaredKind: readKinds[Int(readAt[index])], draft: outcome.0, diagnostics: outcome.1)
        }
        let read = files.indices.filter { readAt[$0] >= 0 }
        if reusable.count == files.count, !reusable.isEmpty, places.allSatisfy({ $0 != nil }), read.allSatisfy({ parsedAt[$0] >= 0 }) {
            // The same files as the last build's: its table, changed in place.
            var sources = reusable
            reusable = [:]
            for index in read {
                if let slot = places[index], let new = entry(index) { sources[place: slot] = new }
            }
            parsed.sources = sources
            return parsed
        }
        var paths: [String] = [], entries: [BuildState.CachedSource] = []
        paths.reserveCapacity(files.count)
        entries.reserveCapacity(files.count)
        for index in files.indices {
            if readAt[index] >= 0 {
                guard let new = entry(index) else { continue }
                paths.append(files[index].relativePath)
                entries.append(new)
            } else if let slot = slots[index] {
                paths.append(files[index].relativePath)
                entries.append(reusable[place: slot])
            }
        }
        reusable = [:]
        parsed.sources = SourceTable(sortedKeys: paths, entries: entries)
        return parsed
    }

    /// Documents and chapters are embedded in the whole-document page, which is
    /// made before rendering: their bodies must be at hand even if unchanged.
    private func loadBodiesOthersEmbed(_ pages: inout [Page], sources bodies: inout [String: (body: String, firstLine: Int)]) {
        for index in pages.indices where pages[index].kind == .document || pages[index].kind == .chapter {
            let path = pages[index].sourcePath
            if bodies[path] == nil, let loaded = Self.body(of: path, in: options.contentFolder) { bodies[path] = loaded }
            if let loaded = bodies[path] {
                pages[index].body = loaded.body
                pages[index].bodyFirstLine = loaded.firstLine
            }
        }
    }

    /// A source file's Markdown body, read again.
    static func body(of relativePath: String, in contentFolder: URL) -> (body: String, firstLine: Int)? {
        guard let data = FileManager.default.contents(atPath: contentFolder.appendingPathComponent(relativePath).path) else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        // The bytes first: `hasPrefix` with a non-ASCII prefix goes through
        // Foundation's string search, and almost no file starts with a BOM.
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]), text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if case .found(_, let body, let line) = FrontMatter.split(text) { return (body, line) }
        return (text, 1)
    }
}
