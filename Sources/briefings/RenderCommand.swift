import ArgumentParser
import BriefingsKit
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the HTML fragment the site makes from one Markdown file.",
        discussion: """
            Front matter is stripped. Run inside a site (a content folder with site.yml), \
            cross-references and list blocks resolve as in 'build'; elsewhere the output \
            is CommonMark with heading ids. Reads standard input when FILE is '-' or absent.
            """
    )

    @Argument(help: ArgumentHelp("The Markdown file, or '-' for standard input.", valueName: "file"))
    var file: String = "-"

    @Flag(name: .long, help: "Keep raw HTML and every URL (cmark's unsafe mode).")
    var unsafe = false

    @Flag(name: .long, help: "Curly quotes, dashes and ellipses.")
    var smart = false

    @Option(name: .long, help: ArgumentHelp("The site's content folder, for cross-references.", valueName: "dir"))
    var content: String = "Content"

    @Option(name: .long, help: ArgumentHelp("The site's templates folder, for list blocks.", valueName: "dir"))
    var templates: String = "Templates"

    func run() throws {
        let text: String
        var url: URL?
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            let fileURL = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: fileURL.path) else {
                Terminal.standardError("\(file): error: the file cannot be read (missing or not permitted)")
                throw ExitCode(1)
            }
            guard let decoded = String(validating: data, as: UTF8.self) else {
                Terminal.standardError("\(file): error: the file is not valid UTF-8")
                throw ExitCode(1)
            }
            text = decoded
            url = fileURL
        }
        let options = BuildOptions(contentFolder: URL(fileURLWithPath: content), templatesFolder: URL(fileURLWithPath: templates))
        let settings = FragmentRenderer.Settings(unsafeHTML: unsafe ? true : nil, smartPunctuation: smart ? true : nil)
        let (html, diagnostics) = FragmentRenderer.render(text, file: url, site: options, settings: settings)
        FileHandle.standardOutput.write(Data(html.utf8))
        Terminal.report(diagnostics)
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}
