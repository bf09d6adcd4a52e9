import Foundation
import TestSupport
import Testing

/// Broken input gives every error, each naming its file and line, in one run.
@Suite struct ErrorReportingTests {
    @Test func brokenFrontMatterFailsTheBuildAndEveryErrorIsReportedTogether() throws {
        let site = try copyOfShippedSite()
        let kent = site.content.appendingPathComponent("case-studies/kent.md")
        var text = try String(contentsOf: kent, encoding: .utf8)
        text = text.replacingOccurrences(of: "principles: [redesign]", with: "principles: redesign, innovate")
        try site.write(text, to: "case-studies/kent.md")
        try site.write("---\ntitle: Broken\nsummary: [unclosed\n---\nBody\n", to: "case-studies/broken.md")
        let about = try String(contentsOf: site.content.appendingPathComponent("about.md"), encoding: .utf8)
        try site.write(about.replacingOccurrences(of: "title:", with: "titel:"), to: "about.md")

        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(result.standardError.contains(
            "Content/case-studies/kent.md:8:13: error: 'principles' must be a list; got the string 'redesign, innovate'"))
        #expect(result.standardError.contains("Content/case-studies/broken.md:4:1: error: invalid YAML"))
        #expect(result.standardError.contains("Content/about.md:1:1: error: 'title' is required in a page"))
        #expect(result.standardError.contains("Content/about.md:2:1: warning: unknown field 'titel' in a page is ignored"))
        #expect(result.standardError.contains("Build failed: 3 errors and 1 warning. Output was not changed."))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("index.html").path))
    }

    /// A chapter's mistakes are reported once, at the chapter's file and line,
    /// not again for the whole-document page that repeats the chapter.
    @Test func aChaptersMistakesAreReportedOnceAtTheChapter() throws {
        let site = try copyOfShippedSite()
        let path = "routemap/02-information.md"
        let text = try String(contentsOf: site.content.appendingPathComponent(path), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        try site.write(text + "\nSee [nowhere](case-study:nowhere).\n\nAnd [gone](/gone/).\n", to: path)

        let crossReference = try briefings().run(["build", "--no-search"], in: site.root)
        #expect(crossReference.status == 1)
        #expect(crossReference.standardError.contains("Content/\(path):\(lines + 1):5: error: 'nowhere' is not a case study of this site"),
                "\(crossReference.standardError)")
        #expect(crossReference.standardError.components(separatedBy: "'nowhere' is not a case study").count == 2, "\(crossReference.standardError)")
        #expect(!crossReference.standardError.contains("whole-document"), "\(crossReference.standardError)")

        try site.write(text + "\nAnd [gone](/gone/).\n", to: path)
        let link = try briefings().run(["check"], in: site.root)
        #expect(link.status == 1)
        // `check` prints its findings on standard output, for tools to read.
        #expect(link.standardOutput.contains("Content/\(path):\(lines + 1):5: error: the link '/gone/' points to /gone/"), "\(link.standardOutput)")
        #expect(link.standardOutput.components(separatedBy: "the link '/gone/'").count == 2, "\(link.standardOutput)")
    }

    @Test func badUsageExitsWithTwo() throws {
        let result = try briefings().run(["build", "--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("Unknown option '--no-such-flag'"))
        #expect(try briefings().run(["frobnicate"]).status == 2)
    }

    @Test func helpAndVersionFollowConventions() throws {
        let help = try briefings().run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("USAGE: briefings <subcommand>"))
        let version = try briefings().run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        let completion = try briefings().run(["--generate-completion-script", "bash"])
        #expect(completion.standardOutput.contains("_briefings"))
    }

    @Test func noColourWhenNotATerminalOrWhenNoColorIsSet() throws {
        let site = try TemporarySite(files: ["broken.md": "no front matter"])
        let result = try briefings().run(["build"], in: site.root, environment: ["NO_COLOR": ""])
        #expect(result.status == 1)
        #expect(!result.standardError.contains("\u{1B}["))
        #expect(result.standardOutput.isEmpty)
    }
}
