import Foundation

/// What a build did.
public struct BuildReport: Sendable {
    /// Every finding, sorted for reporting.
    public var diagnostics: [Diagnostic]
    /// Pages written (HTML files), when the build published.
    public var pagesWritten: Int
    public var filesWritten: Int
    public var timings: [PhaseTiming]
    public var published: Bool

    public var totalSeconds: Double { timings.reduce(0) { $0 + $1.seconds } }
}

/// The orchestrator: load → parse → index → render → write, each phase timed,
/// stopping before anything is written if any phase found an error.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) async -> BuildReport {
        var clock = PhaseClock()
        var diagnostics: [Diagnostic] = []
        func finish(published: Bool, pages: Int = 0, files: Int = 0) -> BuildReport {
            BuildReport(diagnostics: diagnostics.sortedForReport(), pagesWritten: pages, filesWritten: files,
                        timings: clock.timings, published: published)
        }
        let output = OutputFolder(target: options.outputFolder)
        if let refusal = output.refusal(protecting: [options.contentFolder, options.templatesFolder], force: options.force) {
            diagnostics.append(refusal)
            return finish(published: false)
        }
        let (loaded, loadProblems) = SiteLoader.load(options, clock: &clock)
        diagnostics += loadProblems
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

        let staging: StagingFolder
        do {
            staging = try output.beginStaging()
        } catch {
            diagnostics.append(.error("output.write", "cannot write beside the output folder: \(ContentScanner.reason(error))",
                                      at: SourceLocation(file: DisplayPath()(options.outputFolder)),
                                      help: "check that its parent folder exists and is writable"))
            return finish(published: false)
        }
        do {
            diagnostics += try await SiteRenderer.renderPages(site, bodies: bodies, graph: graph) { rendered in
                try staging.write(rendered.html, to: rendered.outputPath)
            }
            clock.lap("templates")
            for asset in site.assets { try staging.copy(asset.source, to: asset.outputPath) }
            try copyThemeAssets(from: options.templatesFolder, into: staging)
            try staging.write(Sitemap.xml(for: site.index), to: Sitemap.fileName)
            if !site.evidence.vocabularies.isEmpty {
                try staging.write(EvidenceReport.json(site.evidence, site: site.index), to: EvidenceReport.jsonPath)
            }
        } catch {
            staging.discard()
            diagnostics.append(.error("output.write", "writing the site failed: \(ContentScanner.reason(error))",
                                      at: SourceLocation(file: DisplayPath()(options.outputFolder))))
            return finish(published: false)
        }
        guard !stops(diagnostics, options) else {
            staging.discard()
            return finish(published: false)
        }
        let files = staging.writtenPaths.count
        do {
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
        return finish(published: true, pages: site.index.pages.count, files: files)
    }

    static func stops(_ diagnostics: [Diagnostic], _ options: BuildOptions) -> Bool {
        diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
    }

    /// The theme's own files (`Templates/assets/`) go to `/assets/`, under the
    /// content's assets, which win on a clash.
    static func copyThemeAssets(from templates: URL, into staging: StagingFolder) throws {
        let folder = templates.appendingPathComponent("assets")
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
        let existing = Set(staging.writtenPaths)
        var files: [URL] = []
        while let url = enumerator.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url) }
        }
        let base = folder.standardizedFileURL.path + "/"
        for url in files.sorted(by: { $0.path < $1.path }) {
            let relative = "assets/" + url.standardizedFileURL.path.dropFirst(base.count)
            if !existing.contains(relative) { try staging.copy(url, to: relative) }
        }
    }
}
