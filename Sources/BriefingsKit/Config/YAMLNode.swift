import Yams

/// A YAML value that remembers where it was written, so that every complaint
/// about it can name the line and column in the user's file.
public struct YAMLNode: Sendable {
    public indirect enum Value: Sendable {
        case scalar(String, ScalarKind)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    /// What YAML's core schema makes of a plain scalar.
    public enum ScalarKind: Sendable {
        case string, integer, float, boolean, null, timestamp
    }

    public var value: Value
    public var location: SourceLocation

    /// A description for error messages: "the string 'innovate, redesign'".
    public var described: String {
        switch value {
        case .scalar(let text, let kind):
            switch kind {
            case .string: "the string '\(Self.clip(text))'"
            case .integer, .float: "the number \(text)"
            case .boolean: "the value \(text)"
            case .null: "nothing (an empty value)"
            case .timestamp: "the date \(text)"
            }
        case .sequence: "a list"
        case .mapping: "a mapping of keys to values"
        }
    }

    public var string: String? {
        if case .scalar(let text, let kind) = value, kind != .null { return text }
        return nil
    }

    public var isNull: Bool {
        if case .scalar(_, .null) = value { return true }
        return false
    }

    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = value else { return nil }
        return pairs.first { $0.key.string == key }?.value
    }

    static func clip(_ text: String) -> String {
        let single = text.replacingOccurrences(of: "\n", with: " ")
        return single.count > 60 ? String(single.prefix(57)) + "..." : single
    }
}

/// Why a YAML text could not be read, with where.
public struct YAMLFailure: Error, Sendable {
    public var message: String
    public var location: SourceLocation
}

public enum YAMLReader {
    /// Deeper nesting than this is refused rather than risking the stack.
    static let maximumDepth = 64

    /// Parses one YAML document. `firstLine` is the file line where the YAML text
    /// starts (2 for front matter after its opening `---`). Nil for an empty text.
    public static func parse(_ text: String, file: String, firstLine: Int = 1) -> Result<YAMLNode?, YAMLFailure> {
        if let failure = nestingFailure(text, file: file, firstLine: firstLine) {
            return .failure(failure)
        }
        let root: Node?
        do {
            // The basic resolver tags nothing: plain scalars are classified below,
            // without running Yams' regular expressions on every word. The
            // encoding is given because Yams' default reads the whole process
            // environment on every call.
            root = try Yams.compose(yaml: text, Resolver.basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(failure(from: error, file: file, firstLine: firstLine))
        } catch {
            return .failure(YAMLFailure(
                message: "the YAML could not be read (\(error))",
                location: SourceLocation(file: file, line: firstLine, column: 1)))
        }
        guard let root else { return .success(nil) }
        return .success(convert(root, file: file, lineOffset: firstLine - 1))
    }

    private static func convert(_ node: Node, file: String, lineOffset: Int) -> YAMLNode {
        let location = SourceLocation(
            file: file,
            line: node.mark.map { $0.line + lineOffset },
            column: node.mark?.column)
        switch node {
        case .scalar(let scalar):
            return YAMLNode(value: .scalar(scalar.string, kind(of: node, scalar: scalar)), location: location)
        case .sequence(let sequence):
            return YAMLNode(value: .sequence(sequence.map { convert($0, file: file, lineOffset: lineOffset) }), location: location)
        case .mapping(let mapping):
            let pairs = mapping.map { pair in
                (key: convert(pair.key, file: file, lineOffset: lineOffset), value: convert(pair.value, file: file, lineOffset: lineOffset))
            }
            return YAMLNode(value: .mapping(pairs), location: location)
        case .alias(let alias):
            return YAMLNode(value: .scalar("*\(alias.anchor)", .string), location: location)
        }
    }

    private static func kind(of node: Node, scalar: Node.Scalar) -> YAMLNode.ScalarKind {
        // Quoted scalars are always strings; plain ones follow YAML's core schema.
        guard scalar.style == .plain else { return .string }
        let text = scalar.string
        if text.isEmpty || nullWords.contains(text) { return .null }
        if boolWords.contains(text) { return .boolean }
        // Only text that starts like a number or a date can be one; for that
        // rare text, Yams' own rules decide.
        guard let first = text.utf8.first, (0x30...0x39).contains(first) || first == 0x2B || first == 0x2D || first == 0x2E else {
            return .string
        }
        // The commonest such text, a date written 2024-03-01, is recognised
        // here: Yams' rules are regular expressions, dear on every page.
        if isPlainDate(text.utf8) { return .timestamp }
        // And a plain decimal integer (a year, a count): making Yams' rules
        // was a millisecond of every build's start.
        if isPlainInteger(text.utf8) { return .integer }
        switch Resolver.default.resolveTag(of: .scalar(.init(text, Tag(.implicit), .plain))).rawValue {
        case Tag.Name.int.rawValue: return .integer
        case Tag.Name.float.rawValue: return .float
        case Tag.Name.timestamp.rawValue: return .timestamp
        default: return .string
        }
    }

    /// `dddd-dd-dd`, which YAML's timestamp rule accepts as a date.
    static func isPlainDate(_ bytes: String.UTF8View) -> Bool {
        guard bytes.count == 10 else { return false }
        for (offset, byte) in bytes.enumerated() {
            let isDash = offset == 4 || offset == 7
            if isDash ? byte != UInt8(ascii: "-") : !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { return false }
        }
        return true
    }

    /// `0`, or digits not starting with 0, perhaps after a sign: an integer
    /// under every YAML schema (a leading 0 may be octal, and is left to Yams).
    static func isPlainInteger(_ bytes: String.UTF8View) -> Bool {
        var digits = bytes[...]
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return false }
        return first != UInt8(ascii: "0") || digits.count == 1
    }

    static let nullWords: Set<String> = ["~", "null", "Null", "NULL"]
    static let boolWords: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static func failure(from error: YamlError, file: String, firstLine: Int) -> YAMLFailure {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line + firstLine - 1, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line + firstLine - 1))" } ?? problem
            return YAMLFailure(message: "invalid YAML: \(detail)", location: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return YAMLFailure(
                message: "the key '\(duplicates.joined(separator: "', '"))' appears more than once",
                location: at(context.mark))
        case .reader(let problem, _, _, _):
            return YAMLFailure(message: "invalid YAML text: \(problem)", location: SourceLocation(file: file, line: firstLine))
        default:
            return YAMLFailure(message: "invalid YAML: \(error)", location: SourceLocation(file: file, line: firstLine))
        }
    }

    /// Refuses pathologically nested flow collections (`[[[[…`) before they reach
    /// the recursive YAML composer.
    private static func nestingFailure(_ text: String, file: String, firstLine: Int) -> YAMLFailure? {
        var depth = 0
        var line = firstLine
        var column = 0
        for byte in text.utf8 {
            column += 1
            switch byte {
            case UInt8(ascii: "\n"): line += 1; column = 0
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth {
                    return YAMLFailure(
                        message: "YAML nested more than \(maximumDepth) levels deep",
                        location: SourceLocation(file: file, line: line, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }
}
