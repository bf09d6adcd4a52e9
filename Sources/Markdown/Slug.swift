import Foundation

/// Turns text into a readable, stable identifier: lower case, accents folded,
/// words joined by hyphens, punctuation dropped ("What's new?" → "whats-new").
public enum Slug {
    public static func make(from text: String) -> String {
        if let simple = makeASCII(from: text) { return simple }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if scalar.properties.isWhitespace || separators.contains(scalar) {
                pendingHyphen = true
            }
            // Anything else (apostrophes, quotes, other punctuation) is dropped.
        }
        return slug
    }

    /// The same rule for plain ASCII text, the common case, without Foundation's
    /// folding; nil when the text has anything else.
    private static func makeASCII(from text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingHyphen, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                bytes.append(lower)
            } else if (0x09...0x0D).contains(lower) || lower == 0x20 || asciiSeparators.contains(lower) {
                pendingHyphen = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let asciiSeparators: Set<UInt8> = Set("-_/\\.,:;+&|".utf8)

    private static let separators: Set<Unicode.Scalar> = [
        "-", "_", "/", "\\", ".", ",", ":", ";", "+", "&", "|", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}",
    ]
}

/// Hands out unique ids for one document: the first "Summary" is `summary`, the
/// next `summary-1`, and so on, never one of the reserved ids.
public struct SlugRegistry: Sendable {
    private var used: Set<String>

    public init(reserved: Set<String> = []) {
        used = reserved
    }

    public mutating func unique(for text: String, fallback: String = "section") -> String {
        var base = Slug.make(from: text)
        if base.isEmpty { base = fallback }
        var candidate = base
        var counter = 1
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
