import CCmark

/// Carries out a `FootnoteSetup` on the tree: each reference becomes a custom
/// inline, each used definition its own paragraph in a list at the end of the
/// document. The markup is written by `assignIDs`, once headings have taken their
/// ids, so that a heading can never lose its id to a note.
struct FootnotePass {
    private struct Note {
        var number: Int
        var item: CmarkNode
        var backlinks: CmarkNode
        var references: [Piece] = []
    }

    /// A reference cut out of its text, with its label as written.
    private struct Piece {
        var node: CmarkNode
        var written: String
    }

    private var notes: [Note] = []
    private var section: CmarkNode?

    /// Numbers follow the first reference in the running text; a note referred to
    /// only from another note is numbered after the notes of the running text.
    init(setup: FootnoteSetup, root: CmarkNode) {
        guard !setup.used.isEmpty, !setup.references.isEmpty else { return }
        let usedByKey = Dictionary(setup.used.map { (setup.definitions[$0].key, $0) }, uniquingKeysWith: min)
        func owner(_ reference: FootnoteScan.Reference) -> String? {
            reference.inDefinition.flatMap { setup.used.contains($0) ? setup.definitions[$0].key : nil }
        }
        var numbers: [String: Int] = [:]
        var order: [String] = []
        var numbered: [(reference: FootnoteScan.Reference, number: Int)] = []
        var owners: [String?] = [nil]
        var next = 0
        while next < owners.count {
            for reference in setup.references where owner(reference) == owners[next] && usedByKey[reference.key] != nil {
                if numbers[reference.key] == nil {
                    order.append(reference.key)
                    numbers[reference.key] = order.count
                    owners.append(reference.key)
                }
                numbered.append((reference, numbers[reference.key] ?? 0))
            }
            next += 1
        }
        guard !order.isEmpty else { return }

        guard let section = CmarkNode.custom(CMARK_NODE_CUSTOM_BLOCK), root.append(section) else { return }
        self.section = section
        var referenceNodes = Self.splitReferences(numbered)
        let paragraphs = Self.separateDefinitions(setup.definitions)
        for (offset, key) in order.enumerated() {
            guard let index = usedByKey[key], let paragraph = paragraphs[index],
                let item = CmarkNode.custom(CMARK_NODE_CUSTOM_BLOCK, exit: FootnoteHTML.noteEnd), section.append(item)
            else { continue }
            Self.stripMarker(setup.definitions[index])
            let container = paragraph.parent
            item.append(paragraph)
            Self.removeIfEmpty(container)
            guard let backlinks = CmarkNode.custom(CMARK_NODE_CUSTOM_INLINE), paragraph.append(backlinks) else { continue }
            notes.append(Note(number: offset + 1, item: item, backlinks: backlinks, references: referenceNodes[offset + 1] ?? []))
            referenceNodes[offset + 1] = nil
        }
        // A reference whose note could not be placed shows the text it was; labels
        // are letters, digits, '-' and '_', so they need no escaping.
        for pieces in referenceNodes.values {
            for piece in pieces { piece.node.setEnter("[^\(piece.written)]") }
        }
        if notes.isEmpty {
            section.remove()
            self.section = nil
        }
    }

    /// Gives notes and references their ids, after everything else on the page
    /// has taken its own, and writes their markup.
    mutating func assignIDs(_ registry: inout SlugRegistry, heading: String, backLabel: String) {
        guard let section, !notes.isEmpty else { return }
        let titleID = registry.unique(for: "footnotes-title")
        section.setEnter(FootnoteHTML.sectionStart(titleID: titleID, heading: heading))
        cmark_node_set_on_exit(section.pointer, FootnoteHTML.sectionEnd)
        for note in notes {
            let noteID = registry.unique(for: "fn-\(note.number)")
            var referenceIDs: [String] = []
            for (offset, piece) in note.references.enumerated() {
                let node = piece.node
                let id = registry.unique(for: offset == 0 ? "fnref-\(note.number)" : "fnref-\(note.number)-\(offset + 1)")
                referenceIDs.append(id)
                node.setEnter(FootnoteHTML.reference(number: note.number, noteID: noteID, referenceID: id, titleID: titleID))
            }
            note.item.setEnter(FootnoteHTML.note(id: noteID))
            note.backlinks.setEnter(FootnoteHTML.backlinks(number: note.number, referenceIDs: referenceIDs, label: backLabel))
        }
    }

    /// Cuts each reference out of its text node into a custom inline of its own,
    /// keyed by note number, in document order.
    private static func splitReferences(_ numbered: [(reference: FootnoteScan.Reference, number: Int)]) -> [Int: [Piece]] {
        var byText: [OpaquePointer: [(range: Range<Int>, number: Int, position: Int, written: String)]] = [:]
        var texts: [OpaquePointer: CmarkNode] = [:]
        for (position, item) in numbered.enumerated() {
            byText[item.reference.text.pointer, default: []].append(
                (item.reference.scalars, item.number, position, item.reference.written))
            texts[item.reference.text.pointer] = item.reference.text
        }
        var made: [(position: Int, number: Int, piece: Piece)] = []
        for (pointer, pieces) in byText {
            guard let text = texts[pointer] else { continue }
            var scalars = Array(text.literal.unicodeScalars)
            // Last first, so the earlier ranges still point at the same characters.
            for (range, number, position, written) in pieces.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                guard range.upperBound <= scalars.count, let node = CmarkNode.custom(CMARK_NODE_CUSTOM_INLINE),
                    text.insertAfter(node)
                else { continue }
                let after = String(String.UnicodeScalarView(scalars[range.upperBound...]))
                if !after.isEmpty, let rest = CmarkNode.text(after) { node.insertAfter(rest) }
                scalars.removeSubrange(range.lowerBound...)
                made.append((position, number, Piece(node: node, written: written)))
            }
            text.setLiteral(String(String.UnicodeScalarView(scalars)))
        }
        var result: [Int: [Piece]] = [:]
        for item in made.sorted(by: { $0.position < $1.position }) { result[item.number, default: []].append(item.piece) }
        return result
    }

    /// Gives every definition (used or not) a paragraph of its own: consecutive
    /// definitions parse as one paragraph, and text before the first stays where
    /// it was. Returns the new paragraphs by index into `definitions`.
    private static func separateDefinitions(_ definitions: [FootnoteScan.Definition]) -> [Int: CmarkNode] {
        var starts: [OpaquePointer: Int] = [:]
        var paragraphs: [CmarkNode] = []
        for (index, definition) in definitions.enumerated() {
            starts[definition.text.pointer] = index
            if let paragraph = definition.text.parent, !paragraphs.contains(where: { $0.isSame(as: paragraph) }) {
                paragraphs.append(paragraph)
            }
        }
        var result: [Int: CmarkNode] = [:]
        for paragraph in paragraphs {
            var segments: [(index: Int, nodes: [CmarkNode])] = []
            var child = paragraph.firstChild
            while let node = child {
                child = node.next
                if let index = starts[node.pointer] {
                    if let previous = node.previous, previous.type == CMARK_NODE_SOFTBREAK || previous.type == CMARK_NODE_LINEBREAK {
                        if let last = segments.indices.last, segments[last].nodes.last?.isSame(as: previous) == true {
                            segments[last].nodes.removeLast()
                        }
                        previous.remove()
                    }
                    segments.append((index, [node]))
                } else if let last = segments.indices.last {
                    segments[last].nodes.append(node)
                }
            }
            var anchor = paragraph
            for segment in segments {
                guard let separate = CmarkNode.new(CMARK_NODE_PARAGRAPH), anchor.insertAfter(separate) else { continue }
                for node in segment.nodes { separate.append(node) }
                result[segment.index] = separate
                anchor = separate
            }
            if paragraph.firstChild == nil { paragraph.remove() }
        }
        return result
    }

    /// A list item or quote that held nothing but a definition would render
    /// empty once the note has moved: remove it, and its list if that is now empty.
    private static func removeIfEmpty(_ container: CmarkNode?) {
        var current = container
        while let node = current, node.firstChild == nil,
            [CMARK_NODE_ITEM, CMARK_NODE_LIST, CMARK_NODE_BLOCK_QUOTE].contains(node.type) {
            current = node.parent
            node.remove()
        }
    }

    /// Removes `[^label]:` and the spaces after it from the start of a note.
    private static func stripMarker(_ definition: FootnoteScan.Definition) {
        let scalars = definition.text.literal.unicodeScalars
        var rest = Substring.UnicodeScalarView(scalars.dropFirst(definition.markerLength))
        while let first = rest.first, first == " " || first == "\t" { rest.removeFirst() }
        if rest.isEmpty {
            definition.text.remove()
        } else {
            definition.text.setLiteral(String(String.UnicodeScalarView(rest)))
        }
    }
}
