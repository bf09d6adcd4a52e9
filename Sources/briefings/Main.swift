import ArgumentParser
import CAllocator
import Foundation

/// Entry point. Exit status: 0 success, 1 content errors (or warnings under
/// --strict), 2 bad usage, as the README and docs/cli.md promise.
@main
enum Main {
    static func main() async {
        do {
            var command = try Briefings.parseAsRoot()
            // A one-off command keeps what it frees until it exits; `serve`
            // runs for hours between builds, and gives memory back.
            if !(command is ServeCommand) { briefings_keep_freed_memory() }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Briefings.exitCode(for: error)
            if code == .validationFailure {
                Terminal.standardError(Briefings.fullMessage(for: error))
                Terminal.standardError("Run 'briefings --help' for usage.")
                exit(2)
            }
            Briefings.exit(withError: error)
        }
    }
}

struct Briefings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefings",
        abstract: "Build, check and preview a policy publishing site.",
        discussion: """
            Briefings turns Markdown with YAML front matter in Content/ into a static \
            site in Output/, laid out by the Mustache templates in Templates/.
            Exit status: 0 success, 1 errors in the site, 2 bad usage.
            """,
        version: BriefingsVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, IndexCommand.self, RenderCommand.self]
    )
}

enum BriefingsVersion {
    static let current = "0.1.0"
}
