import Foundation

/// Everything read from disk and checked before any page is rendered: settings,
/// vocabularies, templates and pages, with all their problems. Rendering starts
/// only when this has no errors.
public struct LoadedSite: Sendable {
    public var index: SiteIndex
    public var templates: TemplateSet
    public var assets: [StaticFile]
    public var evidence: EvidenceIndex
}

/// Load → parse → index: the first half of the pipeline.
enum SiteLoader {
    static func load(_ options: BuildOptions, clock: inout PhaseClock) -> (LoadedSite?, [Diagnostic]) {
        let display = DisplayPath()
        let (config, taxonomies, templates, settingsProblems) = SiteSettings.read(options, display: display)
        var diagnostics = settingsProblems
        clock.lap("settings")

        let scan = ContentScanner(root: options.contentFolder, display: display).scanAndRead()
        diagnostics += scan.diagnostics
        clock.lap("read")

        let (pages, pageProblems) = ContentParser(taxonomies: taxonomies, includeDrafts: options.includeDrafts).parse(scan.sources)
        diagnostics += pageProblems
        clock.lap("front matter")

        guard let config, let templates else { return (nil, diagnostics) }
        let generated = GeneratedPages.make(
            for: pages, config: config, taxonomies: taxonomies, templatesFolder: display(options.templatesFolder))
        let all = pages + generated
        // Conflicts among authored pages were reported when they were planned.
        let reported = Set(URLPlanner.conflicts(in: pages))
        diagnostics += URLPlanner.conflicts(in: all).filter { !reported.contains($0) }
        diagnostics += missingTemplates(for: all, templates: templates)
        let index = SiteIndex(config: config, taxonomies: taxonomies, pages: all)
        clock.lap("index")
        let site = LoadedSite(index: index, templates: templates, assets: scan.assets, evidence: EvidenceIndex(site: index))
        return (site, diagnostics)
    }

    /// Every page needs its template; report each missing one once, naming the
    /// pages that need it.
    static func missingTemplates(for pages: [Page], templates: TemplateSet) -> [Diagnostic] {
        var needs: [String: [Page]] = [:]
        for page in pages { needs[page.template ?? page.kind.templateName, default: []].append(page) }
        needs[ViewModel.pageListTemplate, default: []] += []
        return needs.keys.sorted().compactMap { name in
            guard !templates.has(name) else { return nil }
            let users = needs[name] ?? []
            let file = DisplayPath()(templates.folder.appendingPathComponent(name + "." + TemplateSet.fileExtension))
            let example = users.first.map { " (needed by \($0.file)\(users.count > 1 ? " and \(users.count - 1) more" : ""))" } ?? ""
            return .error("template.missing", "the template '\(name)' does not exist\(example)", at: SourceLocation(file: file),
                          help: "create \(file), or set 'template:' in the page's front matter to one that exists")
        }
    }
}
