import Foundation

/// How long one page took to lay out, for `--verbose`.
public struct PageTiming: Sendable {
    public var url: String
    public var seconds: Double
}

/// A page laid out by its template: which page, and where it is written.
public struct RenderedPage: Sendable {
    public var page: Page
    public var outputPath: String
}

/// Render: every page's Markdown, then the link graph, then every page's
/// template. Both passes run across all cores; results keep page order, so the
/// output is the same bytes as a one-core build.
enum SiteRenderer {
    static func renderBodies(_ site: LoadedSite) async throws -> [RenderedBody] {
        let renderer = BodyRenderer(site: site.index, templates: site.templates)
        return try await Parallel.map(site.index.pages) { renderer.render($0) }
    }

    static func graph(_ site: LoadedSite, bodies: [RenderedBody]) -> LinkGraph {
        LinkGraph(links: zip(site.index.pages, bodies).map { ($0.reference, $1.links) })
    }

    /// Lays out each page with its template, hands the HTML to `sink` as soon as
    /// it is ready (so a site's HTML is never held all at once), and keeps what
    /// the link checks need of it.
    static func renderPages(
        _ site: LoadedSite, bodies: [RenderedBody], graph: LinkGraph,
        sink: @escaping @Sendable (RenderedPage, String) throws -> Void
    ) async throws -> (scans: [PageScan], diagnostics: [Diagnostic], slowest: [PageTiming]) {
        let indices = Array(site.index.pages.indices)
        let results: [(PageScan?, Diagnostic?, PageTiming)] = try await Parallel.map(indices) { index in
            let clock = ContinuousClock()
            let started = clock.now
            let page = site.index.pages[index]
            func timing() -> PageTiming {
                let elapsed = started.duration(to: clock.now)
                return PageTiming(url: page.url, seconds: Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
            }
            let context = ViewModel.context(.init(page: page, body: bodies[index], site: site.index, graph: graph, evidence: site.evidence))
            let name = page.template ?? page.kind.templateName
            guard let html = site.templates.render(name, context) else {
                return (nil, .error("template.missing", "the template '\(name)' does not exist", at: SourceLocation(file: page.file)), timing())
            }
            try sink(RenderedPage(page: page, outputPath: URLRules.outputFile(forPath: page.url)), html)
            return (PageScan(page: page, templateName: name, html: html, body: bodies[index]), nil, timing())
        }
        let slowest = results.map(\.2).sorted { $0.seconds > $1.seconds }.prefix(5)
        return (results.compactMap(\.0), results.compactMap(\.1), Array(slowest))
    }
}

/// Structured concurrency over a collection, in chunks (one task per core, not
/// per item), returning results in the input's order.
enum Parallel {
    static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element], _ transform: @escaping @Sendable (Element) throws -> Result
    ) async throws -> [Result] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count))
        guard workers > 1 else { return try items.map(transform) }
        let chunkSize = (items.count + workers - 1) / workers
        return try await withThrowingTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: items.count, by: chunkSize) {
                let chunk = Array(items[start..<min(start + chunkSize, items.count)])
                group.addTask { (start, try chunk.map(transform)) }
            }
            var parts: [(Int, [Result])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
