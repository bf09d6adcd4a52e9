import Foundation

/// Runs the built `briefings` executable, as a user would.
public struct BinaryRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// True when the process ended by a signal (a crash or trap).
        public var crashed: Bool
        /// True when it did not finish in time and was stopped (see `run`).
        public var timedOut = false
    }

    /// How long one run may take before it is stopped: a build that hangs
    /// fails its test with a message instead of holding up the whole suite.
    public static let timeLimit: TimeInterval = 300

    public let executable: URL

    public init(executable: URL) {
        self.executable = executable
    }

    /// The `briefings` binary beside the test bundle (the same build folder), or
    /// `BRIEFINGS_BINARY` when set.
    public static func locate() -> BinaryRunner? {
        if let path = ProcessInfo.processInfo.environment["BRIEFINGS_BINARY"] {
            return BinaryRunner(executable: URL(fileURLWithPath: path))
        }
        var candidates: [URL] = []
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("briefings"))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("briefings"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(Fixtures.repositoryRoot.appendingPathComponent(".build/debug/briefings"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }.map(BinaryRunner.init)
    }

    /// Whether `run(…, unprivileged: true)` can drop root (tests of permission
    /// errors need it: root reads and writes everything).
    public static var canDropPrivileges: Bool {
        getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// Runs the binary. `unprivileged` runs it as user `nobody` when the tests run
    /// as root, so that file permissions apply.
    public func run(
        _ arguments: [String], in folder: URL? = nil, input: String? = nil, environment: [String: String] = [:],
        unprivileged: Bool = false
    ) throws -> Result {
        let process = Process()
        if unprivileged, getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        if let folder { process.currentDirectoryURL = folder }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // A slow machine must not turn a test's quiet build into one that shows progress.
        env["BRIEFINGS_PROGRESS_AFTER"] = "3600"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Output goes to files, so neither stream can fill a pipe and block the process.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? outHandle.close(); try? errHandle.close() }
        process.standardOutput = outHandle
        process.standardError = errHandle
        let inPipe = Pipe()
        process.standardInput = inPipe
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        var timedOut = false
        if finished.wait(timeout: .now() + Self.timeLimit) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        var standardError = String(decoding: errData, as: UTF8.self)
        if timedOut {
            standardError += "\n[test] briefings \(arguments.joined(separator: " ")) did not finish in \(Int(Self.timeLimit)) s and was stopped\n"
        }
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: standardError,
            crashed: process.terminationReason == .uncaughtSignal && !timedOut,
            timedOut: timedOut)
    }
}
