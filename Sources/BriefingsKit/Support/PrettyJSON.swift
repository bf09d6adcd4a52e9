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
        /// A value written already (`bytes(of:depth:)`), at the depth it is
        /// put at: values written on several cores at once, then joined.
        case written([UInt8])
    }

    /// A value's text at a depth, to be put there as `.written`.
    static func bytes(of value: Value, depth: Int) -> [UInt8] {
        var output: [UInt8] = []
        write(value, depth: depth, into: &output)
        return output
    }

    static func text(_ value: Value) -> String {
        // Bytes, not a String: appending to an array of bytes costs a fraction
        // of appending to a String, and the evidence index is megabytes.
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        write(value, depth: 0, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func strings(_ values: [String]) -> Value { .array(values.map(Value.string)) }

    private static func write(_ value: Value, depth: Int, into output: inout [UInt8]) {
        switch value {
        case .string(let text): quote(text, into: &output)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .written(let bytes): output.append(contentsOf: bytes)
        case .array(let items):
            output.append(contentsOf: "[\n".utf8)
            for (offset, item) in items.enumerated() {
                if offset > 0 { output.append(contentsOf: ",\n".utf8) }
                indent(depth + 1, into: &output)
                write(item, depth: depth + 1, into: &output)
            }
            output.append(UInt8(ascii: "\n"))
            indent(depth, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(contentsOf: "{\n".utf8)
            for (offset, member) in members.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if offset > 0 { output.append(contentsOf: ",\n".utf8) }
                indent(depth + 1, into: &output)
                quote(member.0, into: &output)
                output.append(contentsOf: " : ".utf8)
                write(member.1, depth: depth + 1, into: &output)
            }
            output.append(UInt8(ascii: "\n"))
            indent(depth, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func indent(_ depth: Int, into output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static func quote(_ text: String, into output: inout [UInt8]) {
        // Most text has nothing to escape: copied whole.
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            var quoted = ""
            JSONString.quote(text, style: .encoder, into: &quoted)
            output.append(contentsOf: quoted.utf8)
        } else {
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: text.utf8)
            output.append(UInt8(ascii: "\""))
        }
    }
}
