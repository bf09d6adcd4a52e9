import BriefingsKit
import Foundation

/// Shows a long build's progress on stderr, once it has run for a second (a
/// quick build prints nothing extra). On a terminal, one line redrawn in
/// place: the phase and the pages done of the total, cleared at the end. Not
/// on a terminal (CI logs), one line per phase with its time, as each ends.
final class ProgressDisplay: @unchecked Sendable {
    enum Style {
        case terminal
        case lines
    }

    private let style: Style
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    /// One second, or `BRIEFINGS_PROGRESS_AFTER` seconds (0 shows every build's).
    private let delay: Duration
    private var lastDrawn: ContinuousClock.Instant?
    private var lineShown = false
    /// Phase lines held back until the build has run for `delay`.
    private var heldLines: [String] = []

    init(style: Style) {
        self.style = style
        started = clock.now
        let seconds = ProcessInfo.processInfo.environment["BRIEFINGS_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
        delay = .milliseconds(Int(max(0, seconds) * 1000))
    }

    /// The display for this process's stderr: none when quiet, in-place on a
    /// terminal, phase lines otherwise (unless `--verbose` prints them at the end).
    static func forStandardError(quiet: Bool, verbose: Bool) -> ProgressDisplay? {
        if quiet { return nil }
        if isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" { return ProgressDisplay(style: .terminal) }
        return verbose ? nil : ProgressDisplay(style: .lines)
    }

    var handler: @Sendable (BuildProgress) -> Void {
        { [self] event in handle(event) }
    }

    private func handle(_ event: BuildProgress) {
        lock.withLock {
            let now = clock.now
            let late = started.duration(to: now) >= delay
            switch (style, event) {
            case (.lines, .phaseFinished(let timing)):
                heldLines.append("  " + timing.name.padding(toLength: 14, withPad: " ", startingAt: 0)
                                 + String(format: " %8.1f ms", timing.seconds * 1000))
                if late { flushHeldLines() }
            case (.lines, .pages):
                break
            case (.terminal, .phaseFinished(let timing)):
                if late { draw("\(timing.name) done", at: now) }
            case (.terminal, .pages(let phase, let done, let total)):
                guard late else { return }
                if let lastDrawn, lastDrawn.duration(to: now) < .milliseconds(100), done < total { return }
                draw("\(phase): \(done.formatted()) of \(total.formatted()) pages", at: now)
            }
        }
    }

    private func flushHeldLines() {
        for line in heldLines { Terminal.standardError(line) }
        heldLines = []
    }

    private func draw(_ text: String, at now: ContinuousClock.Instant) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + "Building… " + text).utf8))
        lineShown = true
        lastDrawn = now
    }

    /// Clears the terminal's progress line before the build's report.
    func finish() {
        lock.withLock {
            if lineShown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            lineShown = false
        }
    }
}
