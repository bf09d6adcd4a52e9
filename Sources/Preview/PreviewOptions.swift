import BriefingsKit
import Foundation

/// What `briefings serve` was asked for.
public struct PreviewOptions: Sendable {
    /// The site to build: content, templates, drafts. Its output folder is ignored:
    /// the preview always builds into a temporary folder of its own.
    public var build: BuildOptions
    public var host: String
    public var port: Int
    /// Seconds to wait after the last change before rebuilding, so that an
    /// editor's save (often several writes) triggers one build.
    public var debounce: Double
    /// Poll the file system instead of using inotify.
    public var polling: Bool

    public init(build: BuildOptions, host: String = "127.0.0.1", port: Int = 8000, debounce: Double = 0.05, polling: Bool = false) {
        self.build = build
        self.host = host
        self.port = port
        self.debounce = debounce
        self.polling = polling
    }

    /// True when the server would be reachable from other machines.
    public var isExposed: Bool {
        !["127.0.0.1", "localhost", "::1"].contains(host)
    }
}
