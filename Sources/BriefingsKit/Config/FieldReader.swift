import Foundation

/// Reads typed fields out of a YAML mapping and records, with positions, every
/// field that is missing, of the wrong type, or unknown. Nothing throws: all
/// problems in a file are collected so they can be reported together.
struct FieldReader {
    private let pairs: [(key: YAMLNode, value: YAMLNode)]
    /// Where to point when a required field is missing (the opening `---`).
    let location: SourceLocation
    /// What the mapping describes, for messages: "a case study", "site.yml".
    let subject: String
    private(set) var diagnostics: [Diagnostic] = []
    private var read: Set<String> = []

    init(pairs: [(key: YAMLNode, value: YAMLNode)], location: SourceLocation, subject: String) {
        self.pairs = pairs
        self.location = location
        self.subject = subject
    }

    /// The node for a key, marking it as read. Reports keys given twice.
    mutating func node(_ key: String) -> YAMLNode? {
        read.insert(key)
        return pairs.first { $0.key.string == key }?.value
    }

    func has(_ key: String) -> Bool {
        pairs.contains { $0.key.string == key }
    }

    mutating func string(_ key: String, required: Bool = false, example: String = "…") -> String? {
        guard let value = present(key, required: required, example: example) else { return nil }
        switch value.value {
        case .scalar(let text, let kind) where kind != .null:
            let trimmed = Self.trimmed(text)
            if trimmed.isEmpty, required {
                report(.error, "front-matter.empty", "'\(key)' is empty", at: value.location,
                       help: "give \(subject) a \(key), e.g. \(key): \(example)")
                return nil
            }
            return trimmed
        default:
            typeError(key, expected: "text", got: value)
            return nil
        }
    }

    /// Without surrounding whitespace; most values have none, and are returned
    /// without Foundation's (slower) trimming.
    static func trimmed(_ text: String) -> String {
        func plain(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x80 } ?? false }
        if plain(text.utf8.first), plain(text.utf8.last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = present(key, required: false) else { return nil }
        if case .scalar(let text, .boolean) = value.value {
            return ["true", "yes", "on"].contains(text.lowercased())
        }
        typeError(key, expected: "true or false", got: value)
        return nil
    }

    /// A whole number, zero or more.
    mutating func count(_ key: String, example: String) -> Int? {
        guard let value = present(key, required: false) else { return nil }
        if case .scalar(let text, .integer) = value.value, let number = Int(text), number >= 0 {
            return number
        }
        report(.error, "front-matter.type", "'\(key)' must be a whole number, zero or more; got \(value.described)",
               at: value.location, help: "write it like \(key): \(example)")
        return nil
    }

    mutating func day(_ key: String, required: Bool = false) -> Day? {
        guard let value = present(key, required: required, example: "2014-10-21") else { return nil }
        if case .scalar(let text, let kind) = value.value, kind != .null, let day = Day(iso: text) {
            return day
        }
        report(.error, "front-matter.type", "'\(key)' must be a date written YYYY-MM-DD; got \(value.described)",
               at: value.location, help: "write it like \(key): 2014-10-21")
        return nil
    }

    /// A list of strings, each with where it was written. A lone string is an
    /// error naming what was given, since "a, b" is a common slip for [a, b].
    mutating func stringList(_ key: String, required: Bool = false) -> [(value: String, location: SourceLocation)]? {
        guard let value = present(key, required: required, example: "[first, second]") else { return nil }
        switch value.value {
        case .sequence(let items):
            var result: [(String, SourceLocation)] = []
            for item in items {
                guard let text = item.string else {
                    report(.error, "front-matter.type", "each item of '\(key)' must be text; got \(item.described)", at: item.location)
                    continue
                }
                result.append((text, item.location))
            }
            return result
        case .scalar(_, .null):
            return []
        case .scalar(let text, _):
            let suggestion = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            report(.error, "front-matter.type", "'\(key)' must be a list; got \(value.described)",
                   at: value.location, help: "write it as a list: \(key): [\(suggestion)]")
            return nil
        case .mapping:
            typeError(key, expected: "a list", got: value)
            return nil
        }
    }

    /// Warns about every key that was never read, suggesting the nearest known one.
    mutating func warnAboutUnknownKeys(known: [String]) {
        var seen: Set<String> = []
        for pair in pairs {
            guard let key = pair.key.string else {
                report(.error, "front-matter.key", "keys must be text; got \(pair.key.described)", at: pair.key.location)
                continue
            }
            if !seen.insert(key).inserted {
                report(.error, "front-matter.duplicate", "'\(key)' is given more than once", at: pair.key.location,
                       help: "keep one '\(key)' line")
            }
            guard !read.contains(key) else { continue }
            let help = Suggestion.closest(to: key, in: known).map { "did you mean '\($0)'?" }
                ?? "known fields: \(known.joined(separator: ", "))"
            report(.warning, "front-matter.unknown", "unknown field '\(key)' in \(subject) is ignored", at: pair.key.location, help: help)
        }
    }

    mutating func report(_ severity: Severity, _ code: String, _ message: String, at location: SourceLocation, help: String? = nil) {
        diagnostics.append(Diagnostic(severity, code: code, message, file: location.file, line: location.line, column: location.column, help: help))
    }

    private mutating func present(_ key: String, required: Bool, example: String = "…") -> YAMLNode? {
        guard let value = node(key), !(value.isNull && required) else {
            if required {
                report(.error, "front-matter.missing", "'\(key)' is required in \(subject)", at: location,
                       help: "add a line '\(key): \(example)' to the front matter")
            }
            return nil
        }
        return value
    }

    private mutating func typeError(_ key: String, expected: String, got value: YAMLNode) {
        report(.error, "front-matter.type", "'\(key)' must be \(expected); got \(value.described)", at: value.location)
    }
}
