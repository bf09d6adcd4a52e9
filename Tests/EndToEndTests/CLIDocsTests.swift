import Foundation
import TestSupport
import Testing

/// docs/cli.md is generated from --help; it must say what the binary says.
@Suite struct CLIDocsTests {
    @Test func theCommandLineReferenceMatchesHelp() throws {
        let runner = try briefings()
        let docs = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        let environment = ["COLUMNS": "80"]
        let root = try runner.run(["--help"], environment: environment).standardOutput
        #expect(docs.contains("```\n" + root + "```"), "docs/cli.md is stale: run scripts/cli-docs")
        let commands = root.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.contains("See 'briefings") }
            .compactMap { $0.split(separator: " ").first.map(String.init) } ?? []
        #expect(commands.count >= 3)
        for command in commands {
            let help = try runner.run(["help", command], environment: environment).standardOutput
            #expect(docs.contains("## briefings \(command)\n\n```\n" + help + "```"), "docs/cli.md is stale for \(command): run scripts/cli-docs")
        }
    }
}
