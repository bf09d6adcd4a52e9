import Foundation
import TestSupport
import Testing

/// A build that takes a while shows its progress on stderr: one line per phase
/// with its time in a log, one line redrawn in place on a terminal. Builds are
/// made "long" with BRIEFINGS_PROGRESS_AFTER=0 instead of the usual second.
@Suite struct ProgressTests {
    static let phases = ["settings", "read", "front matter", "index", "markdown", "templates", "links", "write"]
    static let now = ["BRIEFINGS_PROGRESS_AFTER": "0"]

    @Test func aLogGetsOneLinePerPhaseWithItsTime() throws {
        let site = try copyOfShippedSite()
        let result = try briefings().run(["build", "--no-search"], in: site.root, environment: Self.now)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n").map(String.init)
        let named = lines.compactMap { line in Self.phases.first { line.hasPrefix("  " + $0 + " ") } }
        #expect(named == Self.phases, "\(result.standardError)")
        #expect(lines.allSatisfy { $0.hasSuffix(" ms") })
        #expect(result.standardOutput.hasPrefix("Built "))
    }

    @Test func quietShowsNoProgressAndVerboseShowsThePhasesOnce() throws {
        let site = try copyOfShippedSite()
        let quiet = try briefings().run(["build", "--no-search", "--quiet"], in: site.root, environment: Self.now)
        #expect(quiet.status == 0)
        #expect(quiet.standardError.isEmpty && quiet.standardOutput.isEmpty, "\(quiet.standardError)")
        let verbose = try briefings().run(["build", "--no-search", "--clean", "--verbose"], in: site.root, environment: Self.now)
        #expect(verbose.standardError.components(separatedBy: "  templates ").count == 2, "\(verbose.standardError)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
    func aTerminalGetsOneLineRedrawnAndClearedAtTheEnd() throws {
        let site = try copyOfShippedSite()
        let binary = try briefings().executable.path
        let result = try BinaryRunner(executable: URL(fileURLWithPath: "/usr/bin/script"))
            .run(["-qec", "'\(binary)' build --no-search", "/dev/null"], in: site.root, environment: Self.now)
        #expect(result.status == 0, "\(result.standardOutput)")
        let screen = result.standardOutput
        #expect(screen.contains("Building… templates: "), "\(screen.debugDescription)")
        #expect(screen.contains(" pages"))
        // The progress line is erased before the summary is printed.
        let summary = try #require(screen.range(of: "Built "))
        #expect(screen[..<summary.lowerBound].hasSuffix("\r\u{1B}[2K"), "\(screen.debugDescription)")
        #expect(!screen.contains("  templates "), "no phase lines on a terminal")
    }
}
