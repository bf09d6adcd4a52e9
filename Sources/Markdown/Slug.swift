import Foundation

/// Turns text into a readable, stable identifier: lower case, accents folded,
/// words joined by hyphens, punctuation dropped ("What's new?" → "whats-new").
public enum Slug {
    public static func make(from text: String) -> String {
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
