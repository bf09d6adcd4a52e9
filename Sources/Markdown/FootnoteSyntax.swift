/// How footnotes are written: `[^label]` in running text refers to the note whose
/// paragraph starts `[^label]:`. Labels are letters, digits, `-` and `_`, matched
/// without regard to case, as CommonMark matches link labels.
enum FootnoteSyntax {
    /// One `[^label]` found in a string of text.
    struct Marker {
        /// The label as written, for messages.
        var written: String
        /// The label as matched.
        var key: String { Self.key(written) }
        /// Where `[^label]` sits in the searched text, brackets included.
        var range: Range<String.Index>

        static func key(_ label: String) -> String { label.lowercased() }
    }

    /// A line of the source that looks like a definition, before cmark has said
    /// whether it starts a paragraph.
    struct Candidate {
        /// 1-based line in the parsed text.
        var line: Int
        /// Offset of the `[` in the parsed bytes.
        var offset: Int
        var key: String
    }

    static func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == "_"
    }

    /// Every `[^label]` in `text`, in order.
    static func markers(in text: String) -> [Marker] {
        var found: [Marker] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            guard scalars[index] == "[" else {
                index = scalars.index(after: index)
                continue
            }
            let open = index
            var cursor = scalars.index(after: index)
            guard cursor < scalars.endIndex, scalars[cursor] == "^" else {
                index = cursor
                continue
            }
            cursor = scalars.index(after: cursor)
            let labelStart = cursor
            while cursor < scalars.endIndex, isLabelScalar(scalars[cursor]) {
                cursor = scalars.index(after: cursor)
            }
            // `[text][^label]` is CommonMark's full reference link, not a footnote.
            let followsBracket = open > scalars.startIndex && scalars[scalars.index(before: open)] == "]"
            if cursor > labelStart, cursor < scalars.endIndex, scalars[cursor] == "]", !followsBracket {
                let close = scalars.index(after: cursor)
                found.append(Marker(written: String(scalars[labelStart..<cursor]), range: open..<close))
                index = close
            } else {
                index = cursor
            }
        }
        return found
    }

    /// The label and length (in scalars) of a `[^label]:` that begins `text`,
    /// where `opening` stands for the `[` (parsing may have replaced it).
    static func leadingDefinition(of text: String, opening: Unicode.Scalar = "[") -> (written: String, length: Int)? {
        let scalars = text.unicodeScalars
        var cursor = scalars.startIndex
        guard cursor < scalars.endIndex, scalars[cursor] == opening else { return nil }
        cursor = scalars.index(after: cursor)
        guard cursor < scalars.endIndex, scalars[cursor] == "^" else { return nil }
        cursor = scalars.index(after: cursor)
        let labelStart = cursor
        while cursor < scalars.endIndex, isLabelScalar(scalars[cursor]) { cursor = scalars.index(after: cursor) }
        guard cursor > labelStart, cursor < scalars.endIndex, scalars[cursor] == "]" else { return nil }
        let label = String(scalars[labelStart..<cursor])
        cursor = scalars.index(after: cursor)
        guard cursor < scalars.endIndex, scalars[cursor] == ":" else { return nil }
        cursor = scalars.index(after: cursor)
        return (label, scalars.distance(from: scalars.startIndex, to: cursor))
    }

    /// Lines that begin, after any block-quote markers, list markers and
    /// indentation, with `[^label]:`. Generous on purpose: a line that turns out
    /// not to start a paragraph (it is code, say) is put back as it was.
    static func candidates(in bytes: [UInt8]) -> [Candidate] {
        var found: [Candidate] = []
        var line = 1
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let first = skipContainerMarkers(bytes, from: start, to: end)
            if first < end, let key = definitionKey(bytes, at: first, end: end) {
                found.append(Candidate(line: line, offset: first, key: key))
            }
            line += 1
            start = end + 1
        }
        return found
    }

    private static func skipContainerMarkers(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        func isBlank(_ at: Int) -> Bool { at < end && (bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\t")) }
        while index < end {
            let byte = bytes[index]
            if isBlank(index) || byte == UInt8(ascii: ">") {
                index += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*"), isBlank(index + 1) {
                index += 2
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var digit = index
                while digit < end, digit - index < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digit]) { digit += 1 }
                guard digit < end, bytes[digit] == UInt8(ascii: ".") || bytes[digit] == UInt8(ascii: ")"), isBlank(digit + 1) else {
                    return index
                }
                index = digit + 2
            } else {
                return index
            }
        }
        return index
    }

    private static func definitionKey(_ bytes: [UInt8], at index: Int, end: Int) -> String? {
        guard end - index >= 5, bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "^") else { return nil }
        var close = index + 2
        while close < end, bytes[close] != UInt8(ascii: "]"), bytes[close] != UInt8(ascii: "[") { close += 1 }
        guard close < end - 1, bytes[close] == UInt8(ascii: "]"), bytes[close + 1] == UInt8(ascii: ":") else { return nil }
        let label = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
        guard !label.isEmpty, label.unicodeScalars.allSatisfy(isLabelScalar) else { return nil }
        return Marker.key(label)
    }
}
