import ArgumentParser
import BriefingsKit
import Foundation
import Preview

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site locally, rebuilding and reloading as you save.",
        discussion: """
            Builds the site into a temporary folder (never Output/), serves it on \
            127.0.0.1, watches Content/ and Templates/, and rebuilds on every save; open \
            pages reload by themselves. While the site has errors, every page shows them. \
            Stop with Ctrl-C.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8000

    @Option(name: .long, help: "The address to listen on. Anything but 127.0.0.1 makes the preview reachable from other machines.")
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Open the site in the default browser.")
    var open = false

    @Flag(name: .long, help: "Poll for changes instead of using inotify (for network file systems).")
    var poll = false

    @Flag(name: .long, help: "Build the search index on every rebuild (needs Pagefind).")
    var search = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        var build = site.buildOptions()
        build.search = search
        let options = PreviewOptions(build: build, host: host, port: port, polling: poll)
        do {
            try await PreviewServer.run(options, open: open) { event in
                switch event {
                case .building:
                    Terminal.standardError("Building the site…")
                case .serving(let url):
                    Terminal.standardOutput("Serving \(url) (press Ctrl-C to stop)")
                case .notice(let text):
                    Terminal.standardError(text)
                case .rebuilt(let outcome, let changed):
                    Terminal.report(outcome.diagnostics)
                    let names = changed.map { DisplayPath()(URL(fileURLWithPath: $0)) }
                    let cause = names.isEmpty ? "" : " after changes to \(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? " and \(names.count - 3) more" : "")"
                    let time = String(format: "%.0f ms", outcome.seconds * 1000)
                    if outcome.succeeded {
                        Terminal.standardError("Built in \(time)\(cause).")
                    } else {
                        Terminal.standardError("The site has \(Terminal.counted(outcome.diagnostics))\(cause); pages show them until they are fixed.")
                    }
                }
            }
        } catch let error as PreviewError {
            Terminal.standardError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
