/// Splits a file into YAML front matter and Markdown body. The delimiters are
/// found line by line: a first line that is exactly `---`, and the next line
/// that is exactly `---` or `...` (trailing spaces allowed), never a search for
/// the substring, so `---` inside the YAML or the body is left alone.
enum FrontMatter {
    enum Split: Equatable {
        /// The YAML starts on line 2; the body on `bodyFirstLine`.
        case found(yaml: String, body: String, bodyFirstLine: Int)
        /// The file has no front matter at all.
        case none
        /// An opening `---` with no closing line.
        case unclosed
    }

    /// Lines end at `\n` (a `\r` before it is part of no delimiter); the
    /// search goes byte by byte, since only the delimiters' lines matter.
    static func split(_ text: String) -> Split {
        let utf8 = text.utf8
        let newline = UInt8(ascii: "\n")
        guard let firstEnd = utf8.firstIndex(of: newline) else {
            return isDelimiter(text[...], allowDots: false) ? .unclosed : .none
        }
        guard isDelimiter(text[..<firstEnd], allowDots: false) else { return .none }
        let yamlStart = utf8.index(after: firstEnd)
        var lineStart = yamlStart
        var yamlLines = 0
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: newline) ?? utf8.endIndex
            if isDelimiter(text[lineStart..<lineEnd], allowDots: true) {
                let body = lineEnd < utf8.endIndex ? String(text[utf8.index(after: lineEnd)...]) : ""
                return .found(yaml: String(text[yamlStart..<lineStart]), body: body, bodyFirstLine: yamlLines + 3)
            }
            yamlLines += 1
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
        }
        return .unclosed
    }

    private static func isDelimiter(_ line: Substring, allowDots: Bool) -> Bool {
        var bytes = line.utf8[...]
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") {
            bytes.removeLast()
        }
        return bytes.elementsEqual("---".utf8) || (allowDots && bytes.elementsEqual("...".utf8))
    }
}
