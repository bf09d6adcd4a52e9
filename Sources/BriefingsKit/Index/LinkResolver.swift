import Foundation
import Markdown

/// A link from one page, after resolution: where it points on the site (or
/// outside it), and where the author wrote it.
public struct ResolvedLink: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A page of this site, by reference (`case-study:kent`), with an optional anchor.
        case page(reference: String, anchor: String?)
        /// A path on this site that is not a page (an asset, or a missing page).
        case path(String, anchor: String?)
        /// Another site, or a scheme such as mailto:.
        case external(String)
        /// A reference to a page that does not exist (already reported).
        case unresolved
    }

    public var target: Target
    public var kind: LinkReference.Kind
    /// As the author wrote it.
    public var written: String
    /// The link text or an image's alt text.
    public var text: String
    public var location: SourceLocation
    /// What the page's HTML links to: the resolved URL, or what was written.
    public var href: String = ""
}

/// Resolves the destinations written in one page's Markdown: cross-references by
/// id (`case-study:kent`, `term:principles/innovate`), relative links to other
/// Markdown files, and site paths, into the URLs readers follow.
struct LinkResolver {
    let site: SiteIndex
    let page: Page

    /// Prefixes of cross-references, and the kinds of page they name.
    static let referencePrefixes: [String: String] = [
        "briefing": "briefing", "document": "document", "case-study": "case study",
        "page": "page", "term": "vocabulary term", "section": "section",
    ]

    /// URL schemes that are never mistaken cross-references.
    static let knownSchemes: Set<String> = [
        "http", "https", "mailto", "tel", "sms", "ftp", "ftps", "sftp", "data", "javascript", "vbscript", "file",
        "irc", "ircs", "news", "geo", "webcal", "urn", "doi", "isbn",
    ]

    /// The cross-reference prefix a misspelt scheme most likely meant
    /// (`casestudy` or `case-studies` → `case-study`).
    static func meantPrefix(_ scheme: String) -> String? {
        let compact = scheme.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        for prefix in referencePrefixes.keys.sorted() {
            let bare = prefix.replacingOccurrences(of: "-", with: "")
            if compact == bare || compact == bare + "s" || compact == String(bare.dropLast()) + "ies" { return prefix }
        }
        return Suggestion.closest(to: scheme, in: referencePrefixes.keys)
    }

    struct Outcome {
        var href: String?
        var link: ResolvedLink
        var diagnostic: Diagnostic?
    }

    func resolve(_ reference: LinkReference) -> Outcome {
        let written = reference.destination
        let location = SourceLocation(file: page.file, line: reference.position.line, column: reference.position.column)
        func outcome(_ href: String?, _ target: ResolvedLink.Target, _ diagnostic: Diagnostic? = nil) -> Outcome {
            Outcome(href: href, link: ResolvedLink(target: target, kind: reference.kind, written: written, text: reference.text,
                                                   location: location, href: href ?? written),
                    diagnostic: diagnostic)
        }
        let (path, anchor) = Self.splitAnchor(written)
        if written.isEmpty { return outcome(nil, .path(page.url, anchor: nil)) }
        if path.isEmpty { return outcome(nil, .page(reference: page.reference, anchor: anchor)) }
        if let scheme = Self.scheme(of: path) {
            if Self.referencePrefixes[scheme] != nil {
                return resolveReference(scheme: scheme, written: path, anchor: anchor, location: location, outcome: outcome)
            }
            if !Self.knownSchemes.contains(scheme), let meant = Self.meantPrefix(scheme) {
                let id = path.dropFirst(scheme.count + 1)
                return outcome(nil, .unresolved, .error(
                    "link.unknown-kind", "'\(scheme):' is not a kind of cross-reference; did you mean '\(meant):\(id)'?",
                    at: location, help: "cross-references start with one of: \(Self.referencePrefixes.keys.sorted().map { $0 + ":" }.joined(separator: ", "))"))
            }
            return outcome(nil, .external(written))
        }
        if path.hasPrefix("//") { return outcome(nil, .external(written)) }
        let sitePath: String
        if path.hasPrefix("/") {
            sitePath = path
        } else {
            let folder = RelativePath.folder(of: page.sourcePath)
            guard let joined = Self.join(folder, path) else {
                return outcome(nil, .unresolved, .error("link.outside", "the link '\(written)' climbs out of the content folder",
                                                        at: location, help: "link to a page on this site by id, e.g. case-study:kent"))
            }
            if joined.hasSuffix(".md") {
                guard let target = site.page(sourcePath: joined) else {
                    return outcome(nil, .unresolved, .error("link.broken", "the link '\(written)' points to \(joined), which is not a page of this site",
                                                            at: location, help: suggestion(forFile: joined)))
                }
                return outcome(href(target.url, anchor), .page(reference: target.reference, anchor: anchor))
            }
            sitePath = "/" + joined + (path.hasSuffix("/") && !joined.hasSuffix("/") ? "/" : "")
        }
        let questionMark = sitePath.utf8.firstIndex(of: UInt8(ascii: "?"))
        let query = questionMark.map { String(sitePath[$0...]) } ?? ""
        let bare = questionMark.map { String(sitePath[..<$0]) } ?? sitePath
        if let target = site.page(url: bare) ?? site.page(url: bare.hasSuffix("/") ? bare : bare + "/") {
            return outcome(href(target.url, anchor, query: query), .page(reference: target.reference, anchor: anchor))
        }
        return outcome(href(bare, anchor, query: query), .path(bare, anchor: anchor))
    }

    /// `written`: `scheme:id` as the author wrote it (the scheme perhaps not
    /// in lower case, as `scheme` is).
    private func resolveReference(
        scheme: String, written: String, anchor: String?, location: SourceLocation,
        outcome: (String?, ResolvedLink.Target, Diagnostic?) -> Outcome
    ) -> Outcome {
        let id = String(written.dropFirst(scheme.count + 1))
        let reference = written.utf8.starts(with: scheme.utf8) ? written : scheme + ":" + id
        if let (found, link) = site.referenceAndLink(reference: reference) {
            return outcome(anchor.map { link + "#" + $0 } ?? link, .page(reference: found, anchor: anchor), nil)
        }
        let candidates = site.references(withPrefix: scheme)
        let kindName = Self.referencePrefixes[scheme] ?? scheme
        var message = "'\(id)' is not \(ContentParser.article(kindName)) \(kindName) of this site"
        if let closest = Suggestion.closest(to: id, in: candidates) { message += "; did you mean '\(scheme):\(closest)'?" }
        let help = candidates.isEmpty ? "there are no pages of that kind" : "known: " + candidates.prefix(12).joined(separator: ", ") + (candidates.count > 12 ? ", …" : "")
        return outcome(nil, .unresolved, Diagnostic.error("link.unknown-id", message, at: location, help: help))
    }

    private func href(_ sitePath: String, _ anchor: String?, query: String = "") -> String {
        site.config.link(sitePath) + query + (anchor.map { "#" + $0 } ?? "")
    }

    private func suggestion(forFile path: String) -> String? {
        let known = site.pages.map(\.sourcePath).filter { !$0.isEmpty }
        return Suggestion.closest(to: path, in: known).map { "did you mean \($0)?" }
    }

    static func splitAnchor(_ destination: String) -> (String, String?) {
        guard let hash = destination.utf8.firstIndex(of: UInt8(ascii: "#")) else { return (destination, nil) }
        return (String(destination[..<hash]), String(destination[destination.utf8.index(after: hash)...]))
    }

    /// The URL scheme (`https`, `case-study`), when the destination has one:
    /// an ASCII letter, then letters, digits, `+`, `-` or `.`, then a colon.
    static func scheme(of destination: String) -> String? {
        var length = 0
        for byte in destination.utf8 {
            if byte == UInt8(ascii: ":") {
                guard length > 0 else { return nil }
                let scheme = destination.utf8.prefix(length)
                // ASCII only (checked below), so lowering is a bit per byte.
                guard scheme.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(Substring(scheme)) }
                return String(decoding: scheme.map { $0 | (($0 >= 0x41 && $0 <= 0x5A) ? 0x20 : 0) }, as: UTF8.self)
            }
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let isOther = (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isLetter || (length > 0 && isOther) else { return nil }
            length += 1
        }
        return nil
    }

    /// Joins a relative path to a folder inside the content folder; nil if it
    /// would climb out.
    static func join(_ folder: String, _ relative: String) -> String? {
        var parts = folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
