import Foundation

/// Paths as the user would type them: relative to the working folder when the
/// file is inside it (`Content/case-studies/kent.md`), absolute otherwise.
public struct DisplayPath: Sendable {
    public let base: String

    public init(base: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.base = base.standardizedFileURL.path
    }

    public func callAsFunction(_ url: URL) -> String {
        relative(url.standardizedFileURL.path)
    }

    /// The same for an absolute path. One with no `.` or `..` segment and no
    /// doubled or trailing slash is standard already, and is not made into a
    /// URL (a build shows every content file's path).
    public func callAsFunction(path: String) -> String {
        guard path.hasPrefix("/"), !path.contains("/."), !path.contains("//"), !path.hasSuffix("/") else {
            return self(URL(fileURLWithPath: path))
        }
        return relative(path)
    }

    private func relative(_ path: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
