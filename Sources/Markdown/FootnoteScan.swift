import CCmark

/// The footnote definitions and references in one parsed tree, read without
/// changing it. Definitions are recognised by the sentinel that parsing put in
/// place of their `[`; references are `[^label]` in text outside links, images
/// and code, and not escaped in the source.
struct FootnoteScan {
    struct Definition {
        var key: String
        var written: String
        /// The text node whose literal starts with the definition's marker.
        var text: CmarkNode
        /// The marker's length in Unicode scalars, colon included.
        var markerLength: Int
        var position: SourcePosition
    }

    struct Reference {
        var key: String
        var written: String
        var position: SourcePosition
        /// The text node holding it, and where in its literal, in Unicode scalars.
        var text: CmarkNode
        var scalars: Range<Int>
        /// The definition whose text holds this reference, as an index into `definitions`.
        var inDefinition: Int?
    }

    private(set) var definitions: [Definition] = []
    private(set) var references: [Reference] = []

    /// Gives each key its scope (see `MarkdownOptions.footnoteScopes`), from
    /// the line it is on in the parsed text.
    mutating func scope(_ scoped: (String, Int) -> String, lineOffset: Int) {
        for index in definitions.indices {
            definitions[index].key = scoped(definitions[index].key, definitions[index].position.line - lineOffset)
        }
        for index in references.indices {
            references[index].key = scoped(references[index].key, references[index].position.line - lineOffset)
        }
    }

    init(root: CmarkNode, sentinel: Unicode.Scalar, source: SourceText, lineOffset: Int) {
        guard let iterator = cmark_iter_new(root.pointer) else { return }
        defer { cmark_iter_free(iterator) }
        var linkDepth = 0
        var current: Int?
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let pointer = cmark_iter_get_node(iterator) else { continue }
            let node = CmarkNode(pointer)
            switch node.type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                linkDepth += event == CMARK_EVENT_ENTER ? 1 : -1
            case CMARK_NODE_PARAGRAPH:
                current = nil
            case CMARK_NODE_TEXT:
                var skip = 0
                if let definition = Self.definition(at: node, sentinel: sentinel, source: source, lineOffset: lineOffset) {
                    current = definitions.count
                    definitions.append(definition)
                    skip = definition.markerLength
                }
                if linkDepth == 0 {
                    references += Self.references(in: node, skipping: skip, source: source, lineOffset: lineOffset)
                        .map { var reference = $0; reference.inDefinition = current; return reference }
                }
            default:
                break
            }
        }
    }

    /// A definition starts a paragraph, or a line of one (consecutive definitions
    /// parse as one paragraph).
    private static func definition(at node: CmarkNode, sentinel: Unicode.Scalar, source: SourceText, lineOffset: Int) -> Definition? {
        let literal = node.literal
        guard literal.unicodeScalars.first == sentinel, node.parent?.type == CMARK_NODE_PARAGRAPH else { return nil }
        if let previous = node.previous, previous.type != CMARK_NODE_SOFTBREAK, previous.type != CMARK_NODE_LINEBREAK { return nil }
        guard let (written, length) = FootnoteSyntax.leadingDefinition(of: literal, opening: sentinel) else { return nil }
        let line = node.startLine
        let sourceLine = source.line(line)
        let needle = Array("[^\(written)]:".utf8)
        let start = sourceLine.startIndex + max(0, node.startColumn - 1)
        let byteColumn = firstRange(of: needle, in: sourceLine, from: start).map { $0 - sourceLine.startIndex + 1 } ?? node.startColumn
        let position = SourcePosition(line: line + lineOffset, column: source.scalarColumn(line: line, byteColumn: byteColumn))
        return Definition(key: FootnoteSyntax.Marker.key(written), written: written, text: node, markerLength: length, position: position)
    }

    /// Each `[^label]` in the node's text that is written as such in the source:
    /// one written `\[^label]` or with character references is plain text.
    private static func references(in node: CmarkNode, skipping skip: Int, source: SourceText, lineOffset: Int) -> [Reference] {
        let literal = node.literal
        guard literal.contains("[^") else { return [] }
        let scalars = literal.unicodeScalars
        let searchStart = scalars.index(scalars.startIndex, offsetBy: min(skip, scalars.count))
        let searchText = String(scalars[searchStart...])
        let markers = FootnoteSyntax.markers(in: searchText)
        let line = node.startLine
        let sourceLine = source.line(line)
        var cursor = sourceLine.startIndex + max(0, node.startColumn - 1)
        var found: [Reference] = []
        for marker in markers {
            let needle = Array("[^\(marker.written)]".utf8)
            guard let at = firstRange(of: needle, in: sourceLine, from: cursor) else { continue }
            cursor = at + needle.count
            var backslashes = 0
            var before = at
            while before > sourceLine.startIndex, sourceLine[before - 1] == UInt8(ascii: "\\") {
                backslashes += 1
                before -= 1
            }
            guard backslashes % 2 == 0 else { continue }
            let lower = skip + searchText.unicodeScalars.distance(from: searchText.unicodeScalars.startIndex, to: marker.range.lowerBound)
            let upper = skip + searchText.unicodeScalars.distance(from: searchText.unicodeScalars.startIndex, to: marker.range.upperBound)
            let column = source.scalarColumn(line: line, byteColumn: at - sourceLine.startIndex + 1)
            found.append(Reference(
                key: marker.key, written: marker.written, position: SourcePosition(line: line + lineOffset, column: column),
                text: node, scalars: lower..<upper, inDefinition: nil))
        }
        return found
    }

    private static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard !needle.isEmpty, start >= haystack.startIndex, haystack.endIndex - start >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
