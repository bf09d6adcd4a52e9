import Foundation
import Mustache

/// The site's Mustache templates, loaded from the templates folder. Each file is
/// parsed on its own so every syntax error in every template is reported, with
/// the template's file, line and column; partials that no file provides are
/// errors too, since Mustache would silently render them as nothing.
public struct TemplateSet: Sendable {
    public let folder: URL
    let library: MustacheLibrary
    /// Template name (`partials/head`) → display path of its file.
    public let files: [String: String]
    /// Template name → its source text, for the checks that read templates.
    let sources: [String: String]
    /// Template name → its tags, read once for every check that reads them.
    let tags: [String: [TemplateScanner.Tag]]

    public static let fileExtension = "mustache"

    public func has(_ name: String) -> Bool { files[name] != nil }

    /// Ids the templates put on every page they render.
    public var reservedIDs: Set<String> { TemplateScanner.literalIDs(in: sources) }

    /// Whether the template (with its partials and parents) can show "Cited in",
    /// which needs every page's links before it is laid out.
    func showsCitations(_ name: String) -> Bool {
        TemplateScanner.template(name, canRead: ViewModel.citationsKey, sources: sources, tags: tags)
    }

    /// Renders a template; nil if there is no such template.
    func render(_ name: String, _ context: Any) -> String? {
        DependencyRecorder.key(DependencyName.template(name))
        return library.render(context, withTemplate: name)
    }

    static func load(from folder: URL, display: DisplayPath) -> (TemplateSet?, [Diagnostic]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            return (nil, [.error("template.folder", "the templates folder does not exist", at: SourceLocation(file: display(folder)),
                                 help: "create it with the default templates, or pass --templates DIR")])
        }
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var files: [String: String] = [:]
        var sources: [String: String] = [:]
        let suffix = "." + fileExtension
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var paths: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent.hasSuffix(suffix) { paths.append(url) }
        }
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        for url in paths.sorted(by: { $0.path < $1.path }) {
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(base + "/") else { continue }
            let name = String(full.dropFirst(base.count + 1).dropLast(suffix.count))
            let file = display(url)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(.error("file.unreadable", "the template cannot be read", at: SourceLocation(file: file), help: "check its permissions"))
                continue
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                diagnostics.append(.error("file.encoding", "the template is not valid UTF-8", at: SourceLocation(file: file, line: 1, column: 1)))
                continue
            }
            files[name] = file
            sources[name] = text
            do {
                // The pragma line is removed as a standalone tag, so the output
                // is unchanged; errors are a line later than in the file.
                _ = EscapedHTML.registered
                templates[name] = try MustacheTemplate(string: EscapedHTML.pragma + text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(
                    "template.syntax", "Mustache syntax error: \(describe(error.error))",
                    at: SourceLocation(file: file, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber),
                    help: "near: \(error.context.line.trimmingCharacters(in: .whitespaces))"))
            } catch {
                diagnostics.append(.error("template.syntax", "Mustache syntax error: \(error)", at: SourceLocation(file: file)))
            }
        }
        let tags = sources.mapValues { TemplateScanner.tags(in: $0) }
        diagnostics += TemplateScanner.missingPartials(sources: sources, files: files, tags: tags)
        diagnostics += TemplateScanner.unknownVariables(sources: sources, files: files, known: ViewModel.knownKeys, tags: tags)
        diagnostics += TemplateScanner.textOutsideBlocks(sources: sources, files: files, tags: tags)
        let set = TemplateSet(folder: folder, library: MustacheLibrary(templates: templates), files: files, sources: sources, tags: tags)
        return (diagnostics.hasErrors ? nil : set, diagnostics)
    }

    static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a section is closed with a different name than it was opened with"
        case .unfinishedName?: "a tag is not closed with '}}'"
        case .expectedSectionEnd?: "a section is opened but never closed with {{/name}}"
        case .invalidSetDelimiter?: "the set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection?: "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?: "only {{$block}} overrides may appear inside {{<parent}}"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: "unknown {{% pragma }}"
        case nil: "\(error)"
        }
    }
}
