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

    static func split(_ text: String) -> Split {
        // "\r\n" is one Character in Swift, so both line endings are split on.
        let isNewline: (Character) -> Bool = { $0 == "\n" || $0 == "\r\n" }
        var lines = text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: isNewline)
        guard let first = lines.first, isDelimiter(first, allowDots: false) else { return .none }
        guard lines.count == 2 else { return .unclosed }
        var rest = lines[1]
        var yamlLines = 0
        while true {
            lines = rest.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: isNewline)
            guard let line = lines.first else { return .unclosed }
            if isDelimiter(line, allowDots: true) {
                let yamlEnd = rest.startIndex
                let yaml = text[text.index(after: first.endIndex)..<yamlEnd]
                let body = lines.count == 2 ? String(lines[1]) : ""
                return .found(yaml: String(yaml), body: body, bodyFirstLine: yamlLines + 3)
            }
            yamlLines += 1
            guard lines.count == 2 else { return .unclosed }
            rest = lines[1]
        }
    }

    private static func isDelimiter(_ line: Substring, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed.removeLast() }
        return trimmed == "---" || (allowDots && trimmed == "...")
    }
}
