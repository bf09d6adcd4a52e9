import Foundation

/// What a build or check did.
public struct BuildReport: Sendable {
    /// Every finding, sorted for reporting.
    public var diagnostics: [Diagnostic]
    /// Pages rendered (HTML files).
    public var pages: Int
    /// Files in the site (pages, assets, feeds).
    public var files: Int
    public var timings: [PhaseTiming]
    /// True when the site was published to the output folder.
    public var published: Bool
    /// External links checked, when asked for.
    public var external: ExternalLinkSummary?
    /// The path of the site's base URL (`/`, or `/policy/`), once settings were read.
    public var basePath: String?
    /// The pages that took longest to lay out.
    public var slowestPages: [PageTiming] = []

    public var totalSeconds: Double { timings.reduce(0) { $0 + $1.seconds } }
}

/// The orchestrator: load → parse → index → render → check → write, each phase
/// timed. `build` publishes the site; `check` runs the same pipeline and writes
/// nothing. Either stops before writing when any phase found an error.
public enum SiteBuilder {
    public enum Mode: Sendable {
        case build
        case check(external: ExternalLinkOptions?)
    }

    public static func build(_ options: BuildOptions) async -> BuildReport {
        await run(options, mode: .build)
    }

    public static func check(_ options: BuildOptions, external: ExternalLinkOptions? = nil) async -> BuildReport {
        await run(options, mode: .check(external: external))
    }

    static func run(_ options: BuildOptions, mode: Mode) async -> BuildReport {
        var clock = PhaseClock()
        var diagnostics: [Diagnostic] = []
        var pages = 0, files = 0
        var externalSummary: ExternalLinkSummary?
        var basePath: String?
        var slowest: [PageTiming] = []
        func finish(published: Bool) -> BuildReport {
            BuildReport(diagnostics: diagnostics.sortedForReport(), pages: pages, files: files, timings: clock.timings,
                        published: published, external: externalSummary, basePath: basePath, slowestPages: slowest)
        }
        let publishing: Bool
        if case .build = mode { publishing = true } else { publishing = false }
        let output = OutputFolder(target: options.outputFolder)
        if publishing, let refusal = output.refusal(protecting: [options.contentFolder, options.templatesFolder], force: options.force) {
            diagnostics.append(refusal)
            return finish(published: false)
        }
        let (loaded, loadProblems) = SiteLoader.load(options, clock: &clock)
        diagnostics += loadProblems
        basePath = loaded?.index.config.basePath
        guard let site = loaded, !stops(diagnostics, options) else { return finish(published: false) }

        let bodies: [RenderedBody]
        do {
            bodies = try await SiteRenderer.renderBodies(site)
        } catch {
            diagnostics.append(.error("build.internal", "rendering failed: \(error)"))
            return finish(published: false)
        }
        diagnostics += bodies.flatMap(\.diagnostics)
        clock.lap("markdown")
        guard !stops(diagnostics, options) else { return finish(published: false) }
        let graph = SiteRenderer.graph(site, bodies: bodies)

        var staging: StagingFolder?
        if publishing {
            do {
                staging = try output.beginStaging()
            } catch {
                diagnostics.append(.error("output.write", "cannot write beside the output folder: \(ContentScanner.reason(error))",
                                          at: SourceLocation(file: DisplayPath()(options.outputFolder)),
                                          help: "check that the folder's parent exists and is writable"))
                return finish(published: false)
            }
        }
        let extras = SiteExtras.make(site)
        let themeAssets = SiteExtras.themeAssets(in: options.templatesFolder)
        let scans: [PageScan]
        do {
            let target = staging
            let rendered = try await SiteRenderer.renderPages(site, bodies: bodies, graph: graph) { page, html in
                try target?.write(html, to: page.outputPath)
            }
            diagnostics += rendered.diagnostics
            scans = rendered.scans
            slowest = rendered.slowest
            clock.lap("templates")
        } catch {
            staging?.discard()
            diagnostics.append(.error("output.write", "writing the site failed: \(ContentScanner.reason(error))",
                                      at: SourceLocation(file: DisplayPath()(options.outputFolder))))
            return finish(published: false)
        }

        var allFiles = Set(site.index.pages.map { URLRules.outputFile(forPath: $0.url) })
        allFiles.formUnion(site.assets.map(\.outputPath))
        allFiles.formUnion(themeAssets.map(\.outputPath))
        allFiles.formUnion(extras.map(\.path))
        var wantsExternal = false
        if case .check(let external) = mode, external != nil { wantsExternal = true }
        let verifier = LinkVerifier(site: site.index, templates: site.templates, files: allFiles, scans: scans, collectExternal: wantsExternal)
        let (linkProblems, external) = verifier.verify()
        diagnostics += linkProblems
        if case .check(let externalOptions?) = mode {
            let (summary, problems) = await ExternalLinkChecker(options: externalOptions).check(external.locations)
            diagnostics += problems
            externalSummary = summary
        }
        clock.lap("links")
        pages = scans.count
        files = allFiles.count
        guard let staging else { return finish(published: false) }
        guard !stops(diagnostics, options) else {
            staging.discard()
            return finish(published: false)
        }
        do {
            for asset in site.assets { try staging.copy(asset.source, to: asset.outputPath) }
            let contentAssets = Set(site.assets.map(\.outputPath))
            for asset in themeAssets where !contentAssets.contains(asset.outputPath) { try staging.copy(asset.source, to: asset.outputPath) }
            for extra in extras { try staging.write(extra.text, to: extra.path) }
            let finishing = try SiteExtras.finishStaging(staging, site: site, options: options)
            diagnostics += finishing
            guard !stops(diagnostics, options) else {
                staging.discard()
                return finish(published: false)
            }
            try staging.publish(force: options.force)
        } catch let conflict as PublishConflict {
            staging.discard()
            let shown = conflict.paths.prefix(5).joined(separator: ", ") + (conflict.paths.count > 5 ? ", …" : "")
            diagnostics.append(.error("output.foreign", "the output folder has files Briefings did not write but would replace: \(shown)",
                                      at: SourceLocation(file: DisplayPath()(options.outputFolder)),
                                      help: "move them away, or pass --force to replace them"))
            return finish(published: false)
        } catch {
            staging.discard()
            diagnostics.append(.error("output.write", "publishing the site failed: \(ContentScanner.reason(error))",
                                      at: SourceLocation(file: DisplayPath()(options.outputFolder))))
            return finish(published: false)
        }
        clock.lap("write")
        return finish(published: true)
    }

    static func stops(_ diagnostics: [Diagnostic], _ options: BuildOptions) -> Bool {
        diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
    }
}
