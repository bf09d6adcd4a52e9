import Foundation
import Mustache

/// The page the preview shows instead of the site while the site has errors:
/// every finding with its file, line and message, in the site's own layout
/// when the templates can still be read, in plain HTML when they cannot.
public enum ErrorPage {
    public static func html(for diagnostics: [Diagnostic], options: BuildOptions) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let shown = errors.isEmpty ? diagnostics : errors
        if let html = inLayout(shown, options: options) { return html }
        return plain(shown)
    }

    static func inLayout(_ diagnostics: [Diagnostic], options: BuildOptions) -> String? {
        let display = DisplayPath()
        guard case (let templates?, let problems) = TemplateSet.load(from: options.templatesFolder, display: display),
            !problems.hasErrors, templates.has("layout")
        else { return nil }
        let config = SiteConfig.load(from: options.contentFolder.appendingPathComponent(SiteConfig.fileName), display: display).0
            ?? SiteConfig(title: "Preview")
        let page = Page(kind: .page, sourcePath: "", file: "", url: "/_briefings/error/", referenceID: "error",
                        title: "The site has \(count(diagnostics))", summary: "", status: .published, terms: [:], body: "", bodyFirstLine: 1)
        let context: [String: Any] = [
            "site": ViewModel.siteValues(config, current: page),
            "page": ["title": page.title, "label": "Preview", "url": "/", "canonicalURL": config.absoluteURL("/"), "kind": "page"],
            "content": list(diagnostics),
        ]
        let source = "{{<layout}}{{$main}}<h1 id=\"page-title\">{{page.title}}</h1>{{{content}}}{{/main}}{{/layout}}"
        guard let template = try? MustacheTemplate(string: source) else { return nil }
        return template.render(context, library: templates.library)
    }

    static func plain(_ diagnostics: [Diagnostic]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>The site has \(count(diagnostics))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
        code{font-family:ui-monospace,monospace}li{margin-bottom:1rem}</style></head>
        <body><main><h1>The site has \(count(diagnostics))</h1>\(list(diagnostics))</main></body>
        </html>

        """
    }

    /// The findings as a list, each with its place and any help.
    static func list(_ diagnostics: [Diagnostic]) -> String {
        var html = "<p class=\"build-errors-intro\">Fix these and save: the page reloads by itself.</p>\n<ol class=\"build-errors\">\n"
        for diagnostic in diagnostics {
            var place = diagnostic.file ?? "the site"
            if let line = diagnostic.line { place += ":\(line)" + (diagnostic.column.map { ":\($0)" } ?? "") }
            html += "<li><p><code>\(HTML.escape(place))</code> \(diagnostic.severity.rawValue): \(HTML.escape(diagnostic.message))</p>"
            if let help = diagnostic.help { html += "<p>\(HTML.escape(help))</p>" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    static func count(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.count { $0.severity == .error }
        if errors == 0 { return diagnostics.count == 1 ? "1 warning" : "\(diagnostics.count) warnings" }
        return errors == 1 ? "1 error" : "\(errors) errors"
    }
}
