import ArgumentParser
import BriefingsKit
import Foundation

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Print the case-study matrix, the evidence index as JSON, or the gaps.",
        discussion: """
            The matrix crosses the two vocabularies named under 'matrix:' in taxonomies.yml \
            (principles by capabilities as shipped), with a count in each cell. --gaps prints \
            only the empty cells: where an editor should look for evidence next.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Print only the matrix's empty cells and unused terms.")
    var gaps = false

    func run() throws {
        let (loaded, diagnostics) = SiteInspector.load(site.buildOptions())
        Terminal.report(diagnostics)
        guard let loaded, !diagnostics.hasErrors else {
            Terminal.standardError("The site has \(Terminal.counted(diagnostics)); fix them to see the index.")
            throw ExitCode(1)
        }
        let evidence = loaded.evidence
        switch (format, gaps) {
        case (.json, _): FileHandle.standardOutput.write(Data(EvidenceReport.json(evidence, site: loaded.index).utf8))
        case (.text, true): FileHandle.standardOutput.write(Data(EvidenceReport.gaps(evidence).utf8))
        case (.text, false): FileHandle.standardOutput.write(Data(EvidenceReport.table(evidence).utf8))
        }
    }
}
