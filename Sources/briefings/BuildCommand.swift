import ArgumentParser
import BriefingsKit
import Foundation

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: """
            The site is written to a staging folder beside the output folder and swapped \
            in only when the whole build succeeds, so a failed build leaves the previous \
            site as it was. Every problem found is reported, not just the first.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site.", valueName: "dir"))
    var output: String = "Output"

    @Flag(name: .long, help: "Fail on warnings too (for CI).")
    var strict = false

    @Flag(name: .long, help: "Build into a non-empty folder Briefings did not create, replacing files in the way.")
    var force = false

    @Flag(name: .long, help: "Ignore what earlier builds left in .briefings-cache/ and build every page.")
    var clean = false

    @Flag(inversion: .prefixedNo, help: "Build the search index with Pagefind (default: when Pagefind is installed).")
    var search: Bool?

    @Flag(name: .shortAndLong, help: "Print only errors and warnings.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print how long each phase took.")
    var verbose = false

    func run() async throws {
        var options = site.buildOptions(output: output, strict: strict, force: force)
        options.search = search
        options.clean = clean
        options.endsProcess = true
        let display = ProgressDisplay.forStandardError(quiet: quiet, verbose: verbose)
        options.progress = display?.handler
        let report = await SiteBuilder.build(options)
        display?.finish()
        Terminal.report(report.diagnostics)
        if verbose { Terminal.reportTimings(report) }
        guard report.published else {
            let reason = report.diagnostics.hasErrors || !strict ? Terminal.counted(report.diagnostics) : Terminal.counted(report.diagnostics) + " (--strict)"
            Terminal.standardError("Build failed: \(reason). \(DisplayPath()(options.outputFolder)) was not changed.")
            throw ExitCode(1)
        }
        if !quiet {
            let warnings = report.diagnostics.isEmpty ? "" : " with \(Terminal.counted(report.diagnostics))"
            if report.upToDate {
                Terminal.standardOutput(String(
                    format: "%@ is up to date: nothing changed since the last build (%d pages, %d files; checked in %.2f s)%@.",
                    DisplayPath()(options.outputFolder) as NSString, report.pages, report.files, report.totalSeconds, warnings as NSString))
                return
            }
            let redone = report.pagesRendered < report.pages ? "; \(report.pagesRendered) laid out again, the rest unchanged" : ""
            Terminal.standardOutput(String(
                format: "Built %d pages (%d files) into %@ in %.2f s%@%@.",
                report.pages, report.files, DisplayPath()(options.outputFolder) as NSString,
                report.totalSeconds, redone as NSString, warnings as NSString))
        }
    }
}
