/// A request's path, made safe: percent-decoded once, with every attempt to
/// climb out of the site refused (`/../`, `%2e%2e`, encoded slashes or
/// backslashes, NUL), before it is looked up. Lookups are by name in the built
/// site, never by joining strings onto a file-system path.
enum RequestPath {
    enum Outcome: Equatable {
        /// Relative to the site's root, without a leading slash; empty for the root.
        case path(String, trailingSlash: Bool)
        case refused(String)
        /// A path that is not under the site's base path (a site published at
        /// `/policy/` asked for `/other/`).
        case outsideBase
    }

    static func resolve(_ raw: String, basePath: String) -> Outcome {
        var path = raw
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        let lowered = path.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || path.contains("\\") || lowered.contains("%00") {
            return .refused("encoded slashes, backslashes and NUL are not allowed in paths")
        }
        guard let decoded = path.removingPercentEncoding, !decoded.contains("\0") else {
            return .refused("the path is not valid percent-encoded UTF-8")
        }
        guard decoded.hasPrefix("/") else { return .refused("the path must start with /") }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == ".." || $0 == "." }) {
            return .refused("'.' and '..' are not allowed in paths")
        }
        let base = basePath.hasSuffix("/") ? basePath : basePath + "/"
        guard decoded.hasPrefix(base) || decoded + "/" == base else { return .outsideBase }
        let relative = decoded.count >= base.count ? String(decoded.dropFirst(base.count)) : ""
        return .path(relative, trailingSlash: decoded.hasSuffix("/"))
    }
}
