/// Normalises HTML the way CommonMark's own test suite does (its `normalize.py`),
/// so that output differing only in insignificant ways compares equal:
/// whitespace next to block-level tags is dropped, other runs of whitespace
/// outside `<pre>` become one space, attributes are sorted, and (our addition)
/// heading `id`s, which cmark does not emit, are removed.
public enum HTMLNormaliser {
    public static func normalise(_ html: String) -> String {
        var pieces: [Piece] = []
        var index = html.startIndex
        while index < html.endIndex {
            if html[index] == "<", let close = html[index...].firstIndex(of: ">") {
                pieces.append(.tag(String(html[index...close])))
                index = html.index(after: close)
            } else {
                let next = html[index...].dropFirst().firstIndex(of: "<") ?? html.endIndex
                pieces.append(.text(String(html[index..<next])))
                index = next
            }
        }
        var output = ""
        var inPre = 0
        for (position, piece) in pieces.enumerated() {
            switch piece {
            case .tag(let tag):
                let name = tagName(tag)
                if name == "pre" { inPre += 1 }
                if name == "/pre" { inPre = max(0, inPre - 1) }
                output += normaliseTag(tag, name: name)
            case .text(var text):
                if inPre > 0 {
                    output += text
                    continue
                }
                text = collapseWhitespace(text)
                if position > 0, case .tag(let before) = pieces[position - 1], isBlock(tagName(before)) {
                    text = String(text.drop { $0 == " " })
                }
                if position + 1 < pieces.count, case .tag(let after) = pieces[position + 1], isBlock(tagName(after)) {
                    while text.last == " " { text.removeLast() }
                }
                output += text
            }
        }
        return output
    }

    private enum Piece {
        case tag(String)
        case text(String)
    }

    private static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button", "object",
        "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div", "section", "dl",
        "table", "td", "dt", "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption", "th", "figure", "thead",
        "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video", "script", "style",
    ]

    private static func tagName(_ tag: String) -> String {
        var inner = tag.dropFirst().prefix { !$0.isWhitespace && $0 != ">" }
        if inner.count > 1, inner.hasSuffix("/") { inner = inner.dropLast() }
        return inner.lowercased()
    }

    private static func isBlock(_ name: String) -> Bool {
        blockTags.contains(name.hasPrefix("/") ? String(name.dropFirst()) : name)
    }

    private static func collapseWhitespace(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }

    /// Sorts attributes and drops heading ids; leaves comments, doctypes and
    /// closing tags alone.
    private static func normaliseTag(_ tag: String, name: String) -> String {
        guard !name.hasPrefix("/"), !name.hasPrefix("!"), !name.hasPrefix("?"), tag.count > 2 else { return tag }
        let body = tag.dropFirst().dropLast()
        let selfClosing = body.hasSuffix("/")
        let content = selfClosing ? body.dropLast() : body
        guard let nameEnd = content.firstIndex(where: { $0.isWhitespace }) else { return tag }
        var attributes = parseAttributes(String(content[nameEnd...]))
        if ["h1", "h2", "h3", "h4", "h5", "h6"].contains(name) {
            attributes.removeAll { $0.hasPrefix("id=") }
        }
        attributes.sort()
        let head = String(content[..<nameEnd])
        let joined = attributes.isEmpty ? "" : " " + attributes.joined(separator: " ")
        return "<" + head + joined + (selfClosing ? " />" : ">")
    }

    private static func parseAttributes(_ text: String) -> [String] {
        var attributes: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character.isWhitespace {
                if !current.isEmpty { attributes.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { attributes.append(current) }
        return attributes
    }
}
