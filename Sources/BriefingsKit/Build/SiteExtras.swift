import Foundation

/// The files a build writes besides pages: the sitemap, the Atom feed,
/// robots.txt, the evidence index as JSON, the theme's static assets, and the
/// search index.
enum SiteExtras {
    struct File {
        var path: String
        var text: String
    }

    /// The paths `make` writes, known without making them.
    static func paths(_ site: LoadedSite) -> [String] {
        [Sitemap.fileName, AtomFeed.fileName, RobotsFile.fileName] + (site.evidence.vocabularies.isEmpty ? [] : [EvidenceReport.jsonPath])
    }

    static func make(_ site: LoadedSite) -> [File] {
        var files = [
            File(path: Sitemap.fileName, text: Sitemap.xml(for: site.index)),
            File(path: AtomFeed.fileName, text: AtomFeed.xml(for: site.index)),
            File(path: RobotsFile.fileName, text: RobotsFile.text(for: site.index.config)),
        ]
        if !site.evidence.vocabularies.isEmpty {
            files.append(File(path: EvidenceReport.jsonPath, text: EvidenceReport.json(site.evidence, site: site.index)))
        }
        return files
    }

    /// The theme's own files (`Templates/assets/`), published under `/assets/`.
    static func themeAssets(in templates: URL) -> [StaticFile] {
        let folder = templates.appendingPathComponent("assets")
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let base = folder.standardizedFileURL.path + "/"
        var files: [StaticFile] = []
        while let url = enumerator.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                !url.lastPathComponent.hasPrefix(".") else { continue }
            files.append(StaticFile(source: url, outputPath: "assets/" + url.standardizedFileURL.path.dropFirst(base.count)))
        }
        return files.sorted { $0.outputPath < $1.outputPath }
    }

    /// Work on the complete staged site before it is published (a search index,
    /// say), so that it is swapped in with the pages it describes.
    ///
    /// The search index: built when asked for (`--search`: an error if
    /// Pagefind is missing or fails), skipped with `--no-search`, and otherwise
    /// built when Pagefind is on PATH, with a warning when it is not. A
    /// `--strict` build that did not ask for search does not get that warning:
    /// strict turns warnings into errors, and a tool the build was not asked to
    /// use is no reason to fail it (pass `--search` to require the index).
    static func finishStaging(_ staging: StagingFolder, site: LoadedSite, options: BuildOptions) throws -> [Diagnostic] {
        strictness(SearchIndexer.run(on: staging, search: options.search), options)
    }

    /// The search findings a build reports: without the missing-indexer
    /// warning under `--strict` when search was not asked for.
    static func strictness(_ found: [Diagnostic], _ options: BuildOptions) -> [Diagnostic] {
        if options.strict, options.search == nil { return found.filter { $0.code != "search.missing" } }
        return found
    }
}
