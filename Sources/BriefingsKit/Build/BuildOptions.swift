import Foundation

/// What to build and how: the command line's choices, with the defaults a site
/// laid out as designed (`Content/`, `Templates/`, `Output/`) needs.
public struct BuildOptions: Sendable {
    public var contentFolder: URL
    public var templatesFolder: URL
    public var outputFolder: URL
    /// Replaces `base_url` from site.yml for this build.
    public var baseURL: String?
    /// Include pages with `status: draft`.
    public var includeDrafts: Bool
    /// Treat warnings as errors.
    public var strict: Bool
    /// Build into a non-empty folder Briefings did not make, overwriting files in the way.
    public var force: Bool
    /// Ignore (and remove) what earlier builds left in `.briefings-cache/`.
    public var clean = false
    /// Build the search index: true or false as asked, nil to build it when the
    /// indexer is installed.
    public var search: Bool?
    /// The date a build may show, which never comes from the clock: from
    /// `SOURCE_DATE_EPOCH` (reproducible-builds.org) when it is set.
    public var sourceDate: Day?
    /// The process ends right after this build, as `briefings build` does:
    /// what the build holds is left for the system to reclaim at exit rather
    /// than freed object by object. Never set it for a long-running process.
    public var endsProcess = false
    /// Told about each phase and about pages as they are done, for a progress
    /// display; called from any thread.
    public var progress: (@Sendable (BuildProgress) -> Void)?

    public init(
        contentFolder: URL = URL(fileURLWithPath: "Content"),
        templatesFolder: URL = URL(fileURLWithPath: "Templates"),
        outputFolder: URL = URL(fileURLWithPath: "Output"),
        baseURL: String? = nil, includeDrafts: Bool = false, strict: Bool = false, force: Bool = false, search: Bool? = nil
    ) {
        self.search = search
        self.contentFolder = contentFolder.standardizedFileURL
        self.templatesFolder = templatesFolder.standardizedFileURL
        self.outputFolder = outputFolder.standardizedFileURL
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.strict = strict
        self.force = force
        sourceDate = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init).flatMap(Day.init(unixSeconds:))
    }
}

/// How long a phase of the build took, for `--verbose` and benchmarks. Never
/// written into the site, which must not depend on the clock.
public struct PhaseTiming: Sendable {
    public var name: String
    public var seconds: Double
}

/// What a build tells whoever shows its progress.
public enum BuildProgress: Sendable {
    /// A phase ended, after this long.
    case phaseFinished(PhaseTiming)
    /// Pages done so far in a phase (`markdown` or `templates`).
    case pages(phase: String, done: Int, total: Int)
}

/// Times phases with a monotonic clock.
struct PhaseClock {
    private let clock = ContinuousClock()
    private var started: ContinuousClock.Instant
    private(set) var timings: [PhaseTiming] = []
    private let progress: (@Sendable (BuildProgress) -> Void)?

    init(progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        started = clock.now
        self.progress = progress
    }

    mutating func lap(_ name: String) {
        let now = clock.now
        let duration = started.duration(to: now)
        let timing = PhaseTiming(name: name, seconds: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        timings.append(timing)
        started = now
        progress?(.phaseFinished(timing))
    }
}
