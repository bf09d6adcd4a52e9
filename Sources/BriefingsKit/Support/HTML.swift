import Mustache

public enum HTML {
    /// Escapes `& < > " '` for text and attribute values. It works on bytes:
    /// text with nothing to escape, most of it, is returned as it is, and a `<`
    /// followed by a combining mark is still escaped (a character-by-character
    /// escaper sees one character there, not a `<`).
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: needsEscaping) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 16)
            result.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): result.append(contentsOf: "&#39;".utf8)
                default: result.append(byte)
                }
            }
            return String(decoding: result, as: UTF8.self)
        } ?? text
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

/// Mustache's escaping of `{{value}}`, with `HTML.escape`: the same five
/// characters as swift-mustache's own HTML content type, which looks each
/// character up in a dictionary and was a quarter of the time spent in
/// templates. Every template is parsed with `pragma` first (see `TemplateSet`).
struct EscapedHTML: MustacheContentType {
    static let name = "BRIEFINGS_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    /// Registers the content type, once, before the first template is parsed.
    static let registered: Void = MustacheContentTypes.register(EscapedHTML(), named: name)

    func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}
