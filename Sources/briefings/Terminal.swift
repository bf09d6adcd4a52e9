import BriefingsKit
import Foundation

/// Where output goes: results on stdout, messages on stderr, colour only on a
/// terminal and never when NO_COLOR is set (https://no-color.org).
enum Terminal {
    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static var colourOnStandardError: Bool { allowsColour(descriptor: STDERR_FILENO) }
    static var colourOnStandardOutput: Bool { allowsColour(descriptor: STDOUT_FILENO) }

    static func allowsColour(descriptor: Int32) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) == 1
    }

    /// Prints findings on stderr in the chosen format.
    static func report(_ diagnostics: [Diagnostic], format: DiagnosticFormat = .text) {
        guard !diagnostics.isEmpty else { return }
        let formatter = DiagnosticFormatter(format: format, colour: format == .text && colourOnStandardError)
        FileHandle.standardError.write(Data(formatter.report(diagnostics).utf8))
    }

    /// "2 errors and 1 warning"
    static func counted(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return parts.joined(separator: " and ")
    }

    /// `--verbose`: each phase's time, and the process's peak memory.
    static func reportTimings(_ report: BuildReport) {
        for timing in report.timings {
            standardError("  " + timing.name.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: " %8.1f ms", timing.seconds * 1000))
        }
        if !report.slowestPages.isEmpty {
            standardError("  slowest pages to lay out:")
            for page in report.slowestPages {
                standardError("    " + String(format: "%8.1f ms  ", page.seconds * 1000) + page.url)
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        standardError("  " + "peak memory".padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: " %8.1f MB", Double(usage.ru_maxrss) / 1024))
    }
}
