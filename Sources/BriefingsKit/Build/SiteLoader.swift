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
        // Each template's first user and how many there are: a list of every
        // page by template was ten thousand pages copied on every build.
        var needs: [String: (first: Page?, count: Int)] = [ViewModel.pageListTemplate: (nil, 0)]
        for page in pages {
            let name = page.template ?? page.kind.templateName
            guard let slot = needs.index(forKey: name) else {
                needs[name] = (page, 1)
                continue
            }
            if needs.values[slot].first == nil { needs.values[slot].first = page }
            needs.values[slot].count += 1
        }
        return needs.keys.sorted().compactMap { name in
            guard !templates.has(name) else { return nil }
            let (first, count) = needs[name] ?? (nil, 0)
            let file = DisplayPath()(templates.folder.appendingPathComponent(name + "." + TemplateSet.fileExtension))
            let example = first.map { " (needed by \($0.file)\(count > 1 ? " and \(count - 1) more" : ""))" } ?? ""
            return .error("template.missing", "the template '\(name)' does not exist\(example)", at: SourceLocation(file: file),
                          help: "create \(file), or set 'template:' in the page's front matter to one that exists")
        }
    }
}
