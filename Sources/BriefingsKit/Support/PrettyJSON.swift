/// JSON text laid out exactly as Foundation's `JSONEncoder` lays it out with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two spaces per
/// level, `"key" : value`, keys in order, an empty array or object as an empty
/// line between its brackets. Written directly because the encoder, which
/// builds a tree of boxed values and sorts and converts every key, took a
/// twentieth of a large site's build to write the evidence index.
enum PrettyJSON {
    indirect enum Value {
        case string(String)
        case int(Int)
        case array([Value])
        /// Keys are sorted when written.
        case object([(String, Value)])
    }

    static func text(_ value: Value) -> String {
        var output = ""
        write(value, depth: 0, into: &output)
        return output
    }

    static func strings(_ values: [String]) -> Value { .array(values.map(Value.string)) }

    private static func write(_ value: Value, depth: Int, into output: inout String) {
        switch value {
        case .string(let text): quote(text, into: &output)
        case .int(let number): output += String(number)
        case .array(let items):
            output += "[\n"
            for (offset, item) in items.enumerated() {
                if offset > 0 { output += ",\n" }
                indent(depth + 1, into: &output)
                write(item, depth: depth + 1, into: &output)
            }
            output += "\n"
            indent(depth, into: &output)
            output += "]"
        case .object(let members):
            output += "{\n"
            for (offset, member) in members.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if offset > 0 { output += ",\n" }
                indent(depth + 1, into: &output)
                quote(member.0, into: &output)
                output += " : "
                write(member.1, depth: depth + 1, into: &output)
            }
            output += "\n"
            indent(depth, into: &output)
            output += "}"
        }
    }

    private static func indent(_ depth: Int, into output: inout String) {
        for _ in 0..<depth { output += "  " }
    }

    private static func quote(_ text: String, into output: inout String) {
        // Most text has nothing to escape: appended whole.
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            JSONString.quote(text, style: .encoder, into: &output)
        } else {
            output += "\"" + text + "\""
        }
    }
}
