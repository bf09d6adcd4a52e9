/// A JSON string literal, quoted and escaped: `"`, `\` and the line breaks by
/// name, other control characters as `\u00xx`, everything else as it is.
enum JSONString {
    enum Style {
        /// As Foundation's `JSONEncoder` writes (backspace and form feed by
        /// name), for files that must keep the bytes the encoder gave.
        case encoder
        /// Safe inside an HTML `<script>`: `<`, `>`, `&` and the line and
        /// paragraph separators escaped too, so the text can neither close
        /// the element nor end a JavaScript line.
        case script
    }

    static func quote(_ text: String, style: Style, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}" where style == .encoder: output += "\\b"
            case "\u{C}" where style == .encoder: output += "\\f"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                if style == .script { unicodeEscape(scalar, into: &output) } else { output.unicodeScalars.append(scalar) }
            case _ where scalar.value < 0x20: unicodeEscape(scalar, into: &output)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar, into output: inout String) {
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
