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
    /// Nothing changed since the last build: the output was left as it was.
    public var upToDate = false

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
        let memory = BuildMemory(savedAt: options.clean ? nil : store.file.path, handsOver: true)
        memory.decodeAhead()
        // The build saves its state itself, while it publishes the site.
        let report = await build(options, remembering: memory, savingTo: store)
        if options.endsProcess { ProcessLifetime.keep(memory) }
        return report
    }

    /// A build that keeps its state in memory, for `serve`.
    public static func build(_ options: BuildOptions, remembering memory: BuildMemory) async -> BuildReport {
        await build(options, remembering: memory, savingTo: nil)
    }

    /// `store`: where the build saves its state, if it does.
    static func build(_ options: BuildOptions, remembering memory: BuildMemory, savingTo store: BuildStateStore?) async
        -> BuildReport {
        let session = BuildSession(options: options, mode: .build, memory: memory, stateStore: store)
        let report = await session.run()
        if report.published, !report.upToDate { memory.state = session.state }
        if options.endsProcess { ProcessLifetime.keep(session) }
        return report
    }

    /// The same pipeline, writing nothing and starting from nothing.
    public static func check(_ options: BuildOptions, external: ExternalLinkOptions? = nil) async -> BuildReport {
        await BuildSession(options: options, mode: .check(external: external), memory: nil).run()
    }

    static func stops(_ diagnostics: [Diagnostic], _ options: BuildOptions) -> Bool {
        diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
    }
}

/// What one build leaves for the next, held in memory between builds. A state
/// read from the cache is decoded only when a build needs more than its
/// summary: a build that finds nothing changed never decodes it.
public final class BuildMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: BuildState?
    /// A saved state's file, read (on another thread) only when the build
    /// needs more than its summary.
    private var savedFile: String?
    /// A decoding begun by `decodeAhead`, until it is done.
    private var decoding: DispatchGroup?
    /// A build takes the state rather than sharing it (`stateForBuild`).
    private let handsOver: Bool

    /// The state saved in `file`, if there is one. `handsOver`: for a memory
    /// used by one build only, which may then change the state's tables in
    /// place rather than copy them.
    init(savedAt file: String?, handsOver: Bool = false) {
        savedFile = file
        self.handsOver = handsOver
    }

    public convenience init() {
        self.init(savedAt: nil)
    }

    /// Starts reading and decoding the saved state on another thread while the
    /// build reads the settings and walks the content, which is when a build
    /// that finds something changed would otherwise wait for it. A build that
    /// finds nothing changed needs only the summary, and does not wait.
    func decodeAhead() {
        lock.withLock {
            guard stored == nil, let file = savedFile, decoding == nil else { return }
            let group = DispatchGroup()
            group.enter()
            decoding = group
            // A thread of its own, at the lowest priority: it takes what the
            // walk leaves of the cores, and all of one once a build waits for it.
            let thread = Thread { [self] in
                #if os(Linux)
                // On Linux the nice value is the calling thread's alone.
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                #endif
                let state = FileTree.bytes(of: file).flatMap { try? BuildState.decode($0) }
                lock.withLock {
                    stored = state
                    savedFile = nil
                    decoding = nil
                }
                group.leave()
            }
            thread.start()
        }
    }

    /// Waits for a decoding begun ahead, if one is under way.
    private func settle() {
        lock.withLock { decoding }?.wait()
    }

    /// The last build's summary and the output manifest's stamp it left.
    var summary: (BuildState.Summary, FileStamp?)? {
        lock.withLock {
            if let stored { return (stored.summary, stored.outputStamp) }
            guard let savedFile else { return nil }
            // The summary is in the head, at the end of the file: read alone.
            return try? BuildState.decodeSummary(file: savedFile)
        }
    }

    /// The state for a build to start from: the memory's own, shared, or
    /// when it hands its state over, taken (the build sets the next).
    func stateForBuild() -> BuildState? {
        guard handsOver else { return state }
        let taken = state
        lock.withLock { stored = nil }
        return taken
    }

    var state: BuildState? {
        get {
            settle()
            return lock.withLock {
                if stored == nil, let bytes = savedFile.flatMap({ FileTree.bytes(of: $0) }) {
                    stored = try? BuildState.decode(bytes)
                }
                savedFile = nil
                return stored
            }
        }
        set {
            settle()
            lock.withLock { stored = newValue; savedFile = nil }
        }
    }
}
