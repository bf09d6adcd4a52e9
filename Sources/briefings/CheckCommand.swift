import ArgumentParser
import BriefingsKit
import Foundation

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Build the site without writing it and report every problem.",
        discussion: """
            Checks front matter and vocabularies as 'build' does, then every internal link \
            and #anchor (in Markdown and in templates), every image and asset, alt text on \
            every image, and that no two pages share a URL. --external also checks links \
            to other sites (off by default, so CI needs no network). Findings go to \
            standard output; exit status 1 when there is an error, or any finding under --strict.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "How to print findings: text, github (Actions annotations) or json.")
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @Flag(name: .long, help: "Also check links to other sites (HEAD, then GET).")
    var external = false

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for each external link.", valueName: "seconds"))
    var timeout: Double = 10

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
    }

    func run() async throws {
        var options = site.buildOptions(strict: strict)
        // On a terminal only: a CI log reads the findings, not the phases.
        let display = ProgressDisplay.forStandardError(quiet: false, verbose: true)
        options.progress = display?.handler
        let report = await SiteBuilder.check(options, external: external ? ExternalLinkOptions(timeout: timeout) : nil)
        display?.finish()
        let formatter = DiagnosticFormatter(format: format, colour: format == .text && Terminal.colourOnStandardOutput)
        let printed = formatter.report(report.diagnostics)
        if !printed.isEmpty || format == .json { FileHandle.standardOutput.write(Data(printed.utf8)) }
        if let summary = report.external {
            Terminal.standardError("Checked \(summary.checked) external links on \(summary.hosts) hosts: \(summary.ok) ok, \(summary.broken) gone, \(summary.unreachable) could not be checked.")
        }
        let failed = report.diagnostics.hasErrors || (strict && !report.diagnostics.isEmpty)
        let counted = report.diagnostics.isEmpty ? "no problems" : Terminal.counted(report.diagnostics)
        Terminal.standardError("Checked \(report.pages) pages: \(counted)\(failed && !report.diagnostics.hasErrors ? " (--strict)" : "").")
        if failed { throw ExitCode(1) }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
