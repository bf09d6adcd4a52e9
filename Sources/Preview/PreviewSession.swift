import BriefingsKit
import Crypto
import Foundation

/// The site being previewed: built into a temporary folder of its own (never
/// Output/), rebuilt on change, and either serving its last good build or,
/// while the content has errors, the error page.
public actor PreviewSession {
    public enum Status: Sendable {
        case ready
        case failed([Diagnostic])
    }

    public struct Outcome: Sendable {
        public var succeeded: Bool
        public var diagnostics: [Diagnostic]
        public var seconds: Double
        public var version: Int
    }

    public let options: PreviewOptions
    /// Where the preview's site is built; removed when the session ends.
    public nonisolated let folder: URL
    public nonisolated var outputFolder: URL { folder.appendingPathComponent("site") }
    public private(set) var status: Status = .ready
    /// Made once per failed rebuild, not per request.
    private var errorHTML: String?
    /// Counts successful and failed rebuilds; the live-reload events carry it.
    public private(set) var version = 0
    private(set) var basePath = "/"
    /// What the last build learnt, so each rebuild redoes only what a change affects.
    private let memory = BuildMemory()

    public init(options: PreviewOptions) throws {
        self.options = options
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-preview-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Builds the site; on failure keeps the last good build and remembers why.
    @discardableResult
    public func rebuild() async -> Outcome {
        var build = options.build
        build.outputFolder = outputFolder
        build.force = true
        build.strict = false
        let clock = ContinuousClock()
        let started = clock.now
        let report = await SiteBuilder.build(build, remembering: memory)
        let elapsed = started.duration(to: clock.now)
        version += 1
        if report.published {
            status = .ready
            errorHTML = nil
            basePath = report.basePath ?? "/"
        } else {
            status = .failed(report.diagnostics)
            errorHTML = ErrorPage.html(for: report.diagnostics, options: options.build)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Outcome(succeeded: report.published, diagnostics: report.diagnostics, seconds: seconds, version: version)
    }

    /// A built file's bytes, by path relative to the site root.
    nonisolated func file(_ relative: String) -> Data? {
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else { return nil }
        let url = outputFolder.appendingPathComponent(relative)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return FileManager.default.contents(atPath: url.path)
    }

    nonisolated func isFolder(_ relative: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: outputFolder.appendingPathComponent(relative).path, isDirectory: &isFolder)
            && isFolder.boolValue
    }

    func errorPage() -> String? { errorHTML }

    func currentBasePath() -> String { basePath }

    /// Removes the temporary folder.
    public func close() {
        try? FileManager.default.removeItem(at: folder)
    }

    static func etag(_ data: Data) -> String {
        let digest = SHA256.hash(data: data)
        return "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
