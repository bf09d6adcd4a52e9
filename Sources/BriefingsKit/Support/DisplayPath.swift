import Foundation

/// Paths as the user would type them: relative to the working folder when the
/// file is inside it (`Content/case-studies/kent.md`), absolute otherwise.
public struct DisplayPath: Sendable {
    public let base: String

    public init(base: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.base = base.standardizedFileURL.path
    }

    public func callAsFunction(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
