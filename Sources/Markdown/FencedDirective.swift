/// A fenced code block that a site may turn into generated HTML: its info string's
/// first word names the directive, the rest are `key=value` arguments, e.g. a fence
/// opened with `case-studies principle=collaborate capability=procurement`.
/// To any other CommonMark tool it stays an ordinary fenced code block.
public struct FencedDirective: Sendable, Hashable {
    public struct Argument: Sendable, Hashable {
        public var key: String
        /// Empty for a bare word (`key` alone).
        public var value: String
        public var position: SourcePosition
    }

    public var name: String
    public var arguments: [Argument]
    /// The text between the fences.
    public var body: String
    /// The opening fence.
    public var position: SourcePosition
    /// The line of the body's first line in the source file.
    public var bodyFirstLine: Int

    /// The value of the first argument with this key.
    public func value(for key: String) -> String? {
        arguments.first { $0.key == key }?.value
    }
}

/// Why an info string could not be read as a directive.
public struct InfoStringError: Error, Sendable, Hashable {
    public var message: String
    public var column: Int
}

enum InfoStringParser {
    /// Splits `name key=value key="quoted value" flag` into a name and arguments.
    /// `column` is where the info string starts on its line, for positions.
    static func parse(_ info: String, line: Int, column: Int) -> Result<(String, [FencedDirective.Argument]), InfoStringError> {
        let scalars = Array(info.unicodeScalars)
        var index = 0
        var words: [(text: String, key: String?, start: Int)] = []
        while index < scalars.count {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            guard index < scalars.count else { break }
            let start = index
            var key: String?
            var text = ""
            while index < scalars.count, !scalars[index].properties.isWhitespace {
                let scalar = scalars[index]
                if scalar == "=", key == nil {
                    key = text
                    text = ""
                    index += 1
                    if index < scalars.count, scalars[index] == "\"" {
                        index += 1
                        var closed = false
                        while index < scalars.count {
                            if scalars[index] == "\\", index + 1 < scalars.count {
                                text.unicodeScalars.append(scalars[index + 1])
                                index += 2
                                continue
                            }
                            if scalars[index] == "\"" { closed = true; index += 1; break }
                            text.unicodeScalars.append(scalars[index])
                            index += 1
                        }
                        if !closed {
                            return .failure(InfoStringError(
                                message: "the quoted value of '\(key ?? "")' is never closed; add a closing '\"'",
                                column: column + start))
                        }
                    }
                    continue
                }
                text.unicodeScalars.append(scalar)
                index += 1
            }
            words.append((text, key, start))
        }
        guard let first = words.first else { return .success(("", [])) }
        let name = first.key.map { "\($0)=\(first.text)" } ?? first.text
        let arguments = words.dropFirst().map { word in
            FencedDirective.Argument(
                key: word.key ?? word.text,
                value: word.key == nil ? "" : word.text,
                position: SourcePosition(line: line, column: column + word.start))
        }
        return .success((name, arguments))
    }
}
