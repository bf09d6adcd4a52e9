import Foundation

/// The inputs every page depends on: site.yml, taxonomies.yml, the templates,
/// the theme's assets and the build's options, with a digest of each. When
/// the site-wide digest changes, every page is rendered again.
struct SiteSettings: Sendable {
    var config: SiteConfig
    var taxonomies: Taxonomies
    var templates: TemplateSet
    var themeAssets: [StaticFile]
    /// Everything site-wide that can change any page.
    var digest: UInt64
    /// Per template name: its own text and every partial it uses, transitively.
    var templateDigests: [String: UInt64]

    /// Bumped when a change in Briefings changes what pages look like.
    static let renderingVersion = 1

    /// site.yml (with the command line's `--base-url` and build date),
    /// taxonomies.yml and the templates, with what is wrong in each. Shared by
    /// builds and by the commands that only read the site.
    static func read(_ options: BuildOptions, display: DisplayPath)
        -> (config: SiteConfig?, taxonomies: Taxonomies, templates: TemplateSet?, diagnostics: [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        var (config, found) = SiteConfig.load(from: options.contentFolder.appendingPathComponent(SiteConfig.fileName), display: display)
        diagnostics += found
        config?.buildDate = options.sourceDate
        if let override = options.baseURL {
            if let normalised = SiteConfig.normaliseBaseURL(override) {
                config?.baseURL = normalised
                diagnostics.removeAll { $0.code == "site.base-url" }
            } else {
                diagnostics.append(.error("site.base-url", "--base-url must be an absolute http or https address; got '\(override)'"))
            }
        }
        let (taxonomies, taxonomyProblems) = Taxonomies.load(
            from: options.contentFolder.appendingPathComponent(Taxonomies.fileName), display: display,
            reservedFields: Set(ContentParser.commonFields))
        diagnostics += taxonomyProblems
        let (templates, templateProblems) = TemplateSet.load(from: options.templatesFolder, display: display)
        diagnostics += templateProblems
        return (config, taxonomies, templates, diagnostics)
    }

    static func load(_ options: BuildOptions) -> (SiteSettings?, [Diagnostic]) {
        let siteFile = options.contentFolder.appendingPathComponent(SiteConfig.fileName)
        let taxonomyFile = options.contentFolder.appendingPathComponent(Taxonomies.fileName)
        let (config, taxonomies, templates, diagnostics) = read(options, display: DisplayPath())
        guard let config, let templates else { return (nil, diagnostics) }
        let themeAssets = SiteExtras.themeAssets(in: options.templatesFolder)

        var digest = Digest()
        digest.add(renderingVersion)
        for file in [siteFile, taxonomyFile] {
            digest.add(FileManager.default.contents(atPath: file.path).map { $0.withUnsafeBytes { Int(bitPattern: UInt(Digest.of(bytes: $0))) } } ?? 0)
        }
        digest.add(config.baseURL)
        digest.add(options.includeDrafts ? 1 : 0)
        digest.add(options.sourceDate?.iso ?? "")
        digest.add(options.contentFolder.standardizedFileURL.path)
        digest.add(options.templatesFolder.standardizedFileURL.path)
        for asset in themeAssets { digest.add(asset.outputPath) }
        // Heading ids avoid every id the templates use, so those ids reach every page.
        for id in templates.reservedIDs.sorted() { digest.add(id) }
        let settings = SiteSettings(
            config: config, taxonomies: taxonomies, templates: templates, themeAssets: themeAssets,
            digest: digest.final, templateDigests: closureDigests(templates))
        return (settings, diagnostics)
    }

    /// Each template's digest covers the partials and parents it names, and
    /// theirs, so a change to a partial reaches exactly the pages that use it.
    static func closureDigests(_ templates: TemplateSet) -> [String: UInt64] {
        var uses: [String: Set<String>] = [:]
        for (name, tags) in templates.tags {
            uses[name] = Set(tags.filter { $0.sigil == ">" || $0.sigil == "<" }.map(\.name))
        }
        var result: [String: UInt64] = [:]
        for name in templates.sources.keys {
            var closure: Set<String> = [name]
            var pending = [name]
            while let next = pending.popLast() {
                for used in uses[next] ?? [] where closure.insert(used).inserted { pending.append(used) }
            }
            var digest = Digest()
            for member in closure.sorted() {
                digest.add(member)
                digest.add(templates.sources[member] ?? "")
            }
            result[name] = digest.final
        }
        return result
    }
}
