import Foundation

/// The files a build writes besides pages: the sitemap, the evidence index as
/// JSON, and the theme's static assets.
enum SiteExtras {
    struct File {
        var path: String
        var text: String
    }

    static func make(_ site: LoadedSite) -> [File] {
        var files = [File(path: Sitemap.fileName, text: Sitemap.xml(for: site.index))]
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
    static func finishStaging(_ staging: StagingFolder, site: LoadedSite, options: BuildOptions) throws -> [Diagnostic] {
        []
    }
}
