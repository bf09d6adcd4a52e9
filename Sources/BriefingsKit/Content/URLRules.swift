/// What slugs and page URLs may contain, so that every URL is safe to type,
/// share and serve, and can never point outside the output folder.
public enum URLRules {
    /// Lower-case ASCII letters, digits and single hyphens, not at either end.
    public static func isSlug(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    /// Why a slug is not acceptable, or nil when it is.
    static func slugProblem(_ slug: String) -> String? {
        if slug.isEmpty { return "is empty" }
        if slug == "." || slug == ".." || slug.contains("..") { return "contains '..', which would leave its folder" }
        if slug.hasPrefix("/") { return "is an absolute path; a slug is one URL segment" }
        if slug.contains("/") || slug.contains("\\") { return "contains a slash; a slug is one URL segment" }
        if !isSlug(slug) { return "has characters that are not URL-safe (use a-z, 0-9 and single hyphens)" }
        return nil
    }

    /// Normalises a front-matter `url` (`/about` → `/about/`), or says what is wrong.
    enum PathCheck: Equatable {
        case valid(String)
        case invalid(String)
    }

    static func normalisePagePath(_ url: String) -> PathCheck {
        if url.contains("://") || url.hasPrefix("//") {
            return .invalid("is an absolute address; 'url' is a path on this site such as /about/")
        }
        guard url.hasPrefix("/") else {
            return .invalid("must start with '/', as in /about/")
        }
        let segments = url.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var clean: [Substring] = []
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty {
                if index == segments.count - 1 { continue }
                return .invalid("contains an empty segment ('//')")
            }
            if segment == "." || segment == ".." {
                return .invalid("contains '\(segment)', which could point outside the site")
            }
            guard segment.utf8.allSatisfy(isUnreservedByte) else {
                return .invalid("has characters that are not URL-safe in '\(segment)' (use a-z, A-Z, 0-9, '-', '_', '.' and '~')")
            }
            clean.append(segment)
        }
        return .valid(clean.isEmpty ? "/" : "/" + clean.joined(separator: "/") + "/")
    }

    /// RFC 3986 unreserved characters.
    static func isUnreservedByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }

    /// The file a site path is written to: `/a/b/` → `a/b/index.html`.
    public static func outputFile(forPath path: String) -> String {
        let trimmed = path.drop { $0 == "/" }
        if trimmed.isEmpty { return "index.html" }
        return trimmed.hasSuffix("/") ? trimmed + "index.html" : String(trimmed)
    }
}
