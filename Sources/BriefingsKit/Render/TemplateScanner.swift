import Foundation

/// Reads the tags of Mustache templates (with the default `{{ }}` delimiters)
/// for the checks Mustache itself does not make.
enum TemplateScanner {
    struct Tag {
        /// The sigil: "" for a variable, "#", "^", "/", ">", "<", "$", "{", "&", "!".
        var sigil: String
        var name: String
        var line: Int
        var column: Int
        /// Where the tag starts and ends in the template's text.
        var range: Range<String.Index>
    }

    /// Found by bytes (every build reads each template's tags several times);
    /// a column counts characters, worked out only where a tag starts.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        let bytes = text.utf8
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
        var line = 1
        var lineStart = bytes.startIndex
        // The column at `counted`, so that each stretch of a line is counted once.
        var column = 1
        var counted = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == newline {
                line += 1
                index = bytes.index(after: index)
                lineStart = index
                column = 1
                counted = index
                continue
            }
            let next = bytes.index(after: index)
            guard byte == open, next < bytes.endIndex, bytes[next] == open,
                let closing = firstClosing(in: bytes, from: bytes.index(after: next)) else {
                index = next
                continue
            }
            var inner = text[bytes.index(after: next)..<closing]
            var sigil = ""
            if let first = inner.first, "#^/><$&!{=".contains(first) {
                sigil = String(first)
                inner = inner.dropFirst()
            }
            let name = inner.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "}")))
            var end = bytes.index(closing, offsetBy: 2)
            if sigil == "{", end < bytes.endIndex, bytes[end] == close { end = bytes.index(after: end) }
            column += text[counted..<index].count
            counted = index
            tags.append(Tag(sigil: sigil, name: name, line: line, column: column, range: index..<end))
            // Lines inside the tag.
            var inside = index
            while inside < end {
                if bytes[inside] == newline {
                    line += 1
                    lineStart = bytes.index(after: inside)
                }
                inside = bytes.index(after: inside)
            }
            if lineStart > index {
                column = 1
                counted = lineStart
            }
            column += text[counted..<end].count
            counted = end
            index = end
        }
        return tags
    }

    /// Where the next `}}` starts.
    private static func firstClosing(in bytes: String.UTF8View, from start: String.Index) -> String.Index? {
        let close = UInt8(ascii: "}")
        var index = start
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == close, next < bytes.endIndex, bytes[next] == close { return index }
            index = next
        }
        return nil
    }

    /// Every `{{> name}}` or `{{< name}}` naming a template that does not exist.
    /// `tags`: each template's tags (`tags(in:)`), read once for every check.
    static func missingPartials(sources: [String: String], files: [String: String], tags: [String: [Tag]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in sources.keys.sorted() {
            guard let file = files[name] else { continue }
            for tag in tags[name] ?? [] where (tag.sigil == ">" || tag.sigil == "<") && sources[tag.name] == nil {
                let guess = Suggestion.closest(to: tag.name, in: sources.keys).map { "did you mean '\($0)'?" }
                diagnostics.append(.error(
                    "template.partial", "the partial '\(tag.name)' does not exist",
                    at: SourceLocation(file: file, line: tag.line, column: tag.column),
                    help: guess ?? "create \(tag.name).\(TemplateSet.fileExtension) in the templates folder"))
            }
        }
        return diagnostics
    }

    /// Every literal `id="…"` the templates write (ids built from variables are
    /// skipped): heading ids in Markdown must not take one of these.
    static func literalIDs(in sources: [String: String]) -> Set<String> {
        var ids: Set<String> = []
        for text in sources.values {
            var rest = text[...]
            while let start = rest.range(of: "id=\"") {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let value = rest[..<end]
                if !value.contains("{"), !value.isEmpty { ids.insert(String(value)) }
                rest = rest[end...]
            }
        }
        return ids
    }
}

extension TemplateScanner {
    /// Variables (and section names) whose name is nothing the view model ever
    /// sets: warnings, each at its template's line and column.
    static func unknownVariables(sources: [String: String], files: [String: String], known: Set<String>,
                                 tags: [String: [Tag]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in sources.keys.sorted() {
            guard let file = files[name] else { continue }
            let found = tags[name] ?? []
            var blocks: Set<String> = []
            for tag in found where tag.sigil == "$" { blocks.insert(tag.name) }
            for tag in found where ["", "#", "^", "{", "&"].contains(tag.sigil) {
                let path = variablePath(tag.name)
                guard !path.isEmpty, path != "." else { continue }
                for component in path.split(separator: ".") where !known.contains(String(component)) && !blocks.contains(String(component)) {
                    let guess = Suggestion.closest(to: String(component), in: known).map { "did you mean '\($0)'?" }
                    diagnostics.append(.warning(
                        "template.variable", "the template variable '\(path)' is never set, so it always renders as nothing",
                        at: SourceLocation(file: file, line: tag.line, column: tag.column),
                        help: guess ?? "docs/templates.md lists every variable"))
                    break
                }
            }
        }
        return diagnostics
    }

    /// `uppercased(page.title)` → `page.title`; a name without a transform as is.
    static func variablePath(_ name: String) -> String {
        var inner = Substring(name)
        while let open = inner.firstIndex(of: "("), let close = inner.lastIndex(of: ")"), open < close {
            inner = inner[inner.index(after: open)..<close]
        }
        return inner.trimmingCharacters(in: .whitespaces)
    }
}

extension TemplateScanner {
    /// Text inside `{{<parent}}…{{/parent}}` but outside every `{{$block}}` is
    /// never shown: Mustache drops it without a word, so we warn.
    static func textOutsideBlocks(sources: [String: String], files: [String: String], tags: [String: [Tag]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in sources.keys.sorted() {
            guard let text = sources[name], let file = files[name] else { continue }
            let found = tags[name] ?? []
            // Open sections, blocks and parents, innermost last.
            var open: [(sigil: String, name: String)] = []
            for (index, tag) in found.enumerated() {
                switch tag.sigil {
                case "<", "$", "#", "^": open.append((tag.sigil, tag.name))
                case "/": if let last = open.lastIndex(where: { $0.name == tag.name }) { open.removeSubrange(last...) }
                default: break
                }
                let parent = open.lastIndex { $0.sigil == "<" }
                let insideBlock = parent.map { parentIndex in open[parentIndex...].contains { $0.sigil == "$" } } ?? true
                guard let parent, !insideBlock, index + 1 < found.count else { continue }
                let between = text[tag.range.upperBound..<found[index + 1].range.lowerBound]
                guard between.contains(where: { !$0.isWhitespace }) else { continue }
                diagnostics.append(.warning(
                    "template.dropped-text", "text inside {{<\(open[parent].name)}} but outside every {{$block}} is never shown",
                    at: SourceLocation(file: file, line: tag.line, column: tag.column),
                    help: "move it inside a block such as {{$main}}…{{/main}}"))
            }
        }
        return diagnostics
    }
}

extension TemplateScanner {
    /// Whether the template `name`, with every partial and parent it takes in,
    /// can ask for the top-level value `key`. A name's first part is looked up
    /// through the whole context stack, so `{{#page}}{{key}}{{/page}}` counts.
    /// When the answer cannot be read off the text (a dynamic partial, changed
    /// delimiters, a template that is not there) it is yes.
    /// `tags`: each template's, when read already; any other is read here.
    static func template(_ name: String, canRead key: String, sources: [String: String], tags read: [String: [Tag]] = [:]) -> Bool {
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            guard let text = sources[next] else { return true }
            for tag in read[next] ?? tags(in: text) {
                switch tag.sigil {
                case ">", "<":
                    if tag.name.hasPrefix("*") { return true }
                    pending.append(tag.name)
                case "=":
                    return true
                case "", "#", "^", "{", "&":
                    let path = variablePath(tag.name)
                    if path.split(separator: ".", maxSplits: 1).first.map(String.init) == key { return true }
                default:
                    break
                }
            }
        }
        return false
    }
}
