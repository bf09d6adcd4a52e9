import ArgumentParser
import BriefingsKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new case study, briefing or page.",
        discussion: """
            Writes Content/case-studies/SLUG.md, Content/briefings/SLUG.md or Content/SLUG.md, \
            with the slug made from the title and every front-matter field ready to fill in \
            (the vocabulary terms listed in comments). Never overwrites a file.
            """
    )

    @Argument(help: ArgumentHelp("What to create: case-study, briefing or page.", valueName: "kind"))
    var kind: PageScaffold.Kind

    @Argument(help: "The page's title.")
    var title: String

    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content: String = "Content"

    func run() throws {
        let folder = URL(fileURLWithPath: content)
        let scaffold: PageScaffold.Scaffold
        do {
            scaffold = try PageScaffold.make(kind, title: title, contentFolder: folder, today: Self.today())
        } catch {
            Terminal.standardError("error: \(error)")
            throw ExitCode(1)
        }
        let url = folder.appendingPathComponent(scaffold.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // O_EXCL: the check and the creation are one step, so nothing is ever overwritten.
        let descriptor = Foundation.open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it already exists; choose another title or edit that file" : String(cString: strerror(errno))
            Terminal.standardError("\(DisplayPath()(url)): error: not written: \(reason)")
            throw ExitCode(1)
        }
        let data = Data(scaffold.text.utf8)
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == data.count else {
            Terminal.standardError("\(DisplayPath()(url)): error: could not write the file")
            throw ExitCode(1)
        }
        Terminal.standardOutput(DisplayPath()(url))
    }

    static func today() -> Day {
        Day(unixSeconds: Int(Date().timeIntervalSince1970)) ?? Day(year: 2000, month: 1, day: 1)!
    }
}

extension PageScaffold.Kind: ExpressibleByArgument {}
