/// Path arithmetic on the relative paths the build passes around
/// (`case-studies/kent.md`, `assets/logo.svg`: `/` between parts, no leading
/// or trailing slash), on UTF-8 bytes and without NSString, which on Linux
/// bridges and normalises the whole string on every call: at ten thousand
/// pages a build spent more time there than on the arithmetic.
enum RelativePath {
    private static let slash = UInt8(ascii: "/")

    /// `a/b/c.md` → `a/b`; `c.md` → ``.
    static func folder(of path: String) -> String {
        let bytes = trimmingTrailingSlashes(path)
        guard let slash = bytes.lastIndex(of: slash) else { return "" }
        if slash == bytes.startIndex { return bytes.count == 1 ? "" : "/" }
        return String(Substring(bytes[..<slash]))
    }

    /// `a/b/c.md` → `c.md`.
    static func name(of path: String) -> String {
        let bytes = trimmingTrailingSlashes(path)
        guard let slash = bytes.lastIndex(of: slash) else { return String(Substring(bytes)) }
        return String(Substring(bytes[bytes.index(after: slash)...]))
    }

    /// `a/b/c.md` → `a/b/c`; a name starting with a dot keeps it (`.md` stays).
    static func removingExtension(_ path: String) -> String {
        let bytes = trimmingTrailingSlashes(path)
        let nameStart = bytes.lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
        guard let dot = bytes[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else { return String(Substring(bytes)) }
        return String(Substring(bytes[..<dot]))
    }

    private static func trimmingTrailingSlashes(_ path: String) -> Substring.UTF8View {
        var trimmed = Substring(path).utf8
        while trimmed.count > 1, trimmed.last == slash { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
