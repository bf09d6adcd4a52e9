import Foundation

/// What a build or check did.
public struct BuildReport: Sendable {
    /// Every finding, sorted for reporting.
    public var diagnostics: [Diagnostic]
    /// Pages rendered (HTML files).
    public var pages: Int
    /// Files in the site (pages, assets, feeds).
    public var files: Int
    public var timings: [PhaseTiming]
    /// True when the site was published to the output folder.
    public var published: Bool
    /// External links checked, when asked for.
    public var external: ExternalLinkSummary?
    /// The path of the site's base URL (`/`, or `/policy/`), once settings were read.
    public var basePath: String?
    /// The pages that took longest to lay out.
    public var slowestPages: [PageTiming] = []
    /// Pages laid out this build (the rest were unchanged since the last).
    public var pagesRendered = 0

    public var totalSeconds: Double { timings.reduce(0) { $0 + $1.seconds } }
}

/// Builds and checks. The work is done by a `BuildSession`; this keeps the
/// state one build leaves for the next in `.briefings-cache/` beside the
/// content (ignored by git), so a build after a small change only redoes what
/// the change affects. `--clean` (`options.clean`) ignores and removes it.
public enum SiteBuilder {
    public enum Mode: Sendable {
        case build
        case check(external: ExternalLinkOptions?)
    }

    public static func build(_ options: BuildOptions) async -> BuildReport {
        let store = BuildStateStore(options: options)
        if options.clean { store.remove() }
        let memory = BuildMemory(state: options.clean ? nil : store.load())
        let report = await build(options, remembering: memory)
        if report.published, let state = memory.state {
            // A cache that cannot be saved only makes the next build slower.
            try? store.save(state)
        }
        if options.endsProcess { ProcessLifetime.keep(memory) }
        return report
    }

    /// A build that keeps its state in memory, for `serve`.
    public static func build(_ options: BuildOptions, remembering memory: BuildMemory) async -> BuildReport {
        let session = BuildSession(options: options, mode: .build, previous: memory.state)
        let report = await session.run()
        if options.endsProcess { ProcessLifetime.keep(session) }
        if report.published { memory.state = session.state }
        return report
    }

    /// The same pipeline, writing nothing and starting from nothing.
    public static func check(_ options: BuildOptions, external: ExternalLinkOptions? = nil) async -> BuildReport {
        await BuildSession(options: options, mode: .check(external: external), previous: nil).run()
    }

    static func stops(_ diagnostics: [Diagnostic], _ options: BuildOptions) -> Bool {
        diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
    }
}

/// What one build leaves for the next, held in memory between builds.
public final class BuildMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: BuildState?

    init(state: BuildState?) {
        stored = state
    }

    public convenience init() {
        self.init(state: nil)
    }

    var state: BuildState? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
