import CCmark

/// What parsing decided about footnotes, for the render pass to carry out: which
/// definitions become notes, which `[^label]` become references, and what is wrong.
struct FootnoteSetup {
    var definitions: [FootnoteScan.Definition] = []
    /// Indices into `definitions` of the notes to render: the first definition of
    /// each label that is referred to. The others stay in the text as written.
    var used: Set<Int> = []
    /// References to used notes, in document order.
    var references: [FootnoteScan.Reference] = []
    var problems: [MarkdownProblem] = []
}

enum FootnoteParser {
    /// Bytes that stand in for the `[` of a definition line while cmark parses;
    /// the first one the text does not contain is used.
    private static let sentinels: [UInt8] = [0x1F, 0x1E, 0x1D, 0x1C]

    /// Parses the document. cmark reads `[^1]: https://example.org` as a link
    /// reference definition and drops it, so every line that looks like a footnote
    /// definition has its `[` swapped for a byte the text does not contain, which
    /// cmark reads as plain text; lines and columns stay where they were. When a
    /// definition turns out to be unused, the text is parsed again with that line
    /// as written, so unused definitions render exactly as cmark renders them.
    static func parse(_ source: SourceText, options: Int32, lineOffset: Int, footnotes: Bool, scopes: [Int] = []) -> (OpaquePointer, FootnoteSetup) {
        let bytes = source.bytes
        guard footnotes, source.contains(UInt8(ascii: "^")), let sentinel = sentinels.first(where: { !source.contains($0) }) else {
            return (parseCmark(bytes, options: options), FootnoteSetup())
        }
        let sentinelScalar = Unicode.Scalar(sentinel)
        // Keys carry their scope, so labels in different scopes never meet.
        let sortedScopes = scopes.sorted()
        func scoped(_ key: String, line: Int) -> String {
            guard !sortedScopes.isEmpty else { return key }
            return "\(sortedScopes.count { $0 <= line })\u{1F}" + key
        }
        let candidates = FootnoteSyntax.candidates(in: bytes).map { candidate in
            var candidate = candidate
            candidate.key = scoped(candidate.key, line: candidate.line)
            return candidate
        }

        var root = parseCmark(neutralise(bytes, candidates, sentinel), options: options)
        cmark_consolidate_text_nodes(root)
        var scan = FootnoteScan(root: CmarkNode(root), sentinel: sentinelScalar, source: source, lineOffset: lineOffset)
        scan.scope(scoped, lineOffset: lineOffset)
        let (live, problems) = analyse(scan)
        let kept = candidates.filter { live.contains($0.key) }
        if kept.count != candidates.count {
            cmark_node_free(root)
            root = parseCmark(neutralise(bytes, kept, sentinel), options: options)
            cmark_consolidate_text_nodes(root)
            scan = FootnoteScan(root: CmarkNode(root), sentinel: sentinelScalar, source: source, lineOffset: lineOffset)
            scan.scope(scoped, lineOffset: lineOffset)
        }
        if !kept.isEmpty { restore(sentinelScalar, in: CmarkNode(root)) }

        var setup = FootnoteSetup(problems: problems)
        setup.definitions = scan.definitions
        var seen = Set<String>()
        for (index, definition) in scan.definitions.enumerated() where live.contains(definition.key) {
            if seen.insert(definition.key).inserted { setup.used.insert(index) }
        }
        setup.references = scan.references.filter { live.contains($0.key) && seen.contains($0.key) }
        return (root, setup)
    }

    /// Which labels are referred to from the text (or from a note that is), and
    /// the problems: references to nothing, definitions nothing refers to, and
    /// labels defined twice.
    private static func analyse(_ scan: FootnoteScan) -> (live: Set<String>, problems: [MarkdownProblem]) {
        var problems: [MarkdownProblem] = []
        var firsts: [String: Int] = [:]
        for (index, definition) in scan.definitions.enumerated() {
            if let earlier = firsts[definition.key] {
                problems.append(MarkdownProblem(
                    .warning, code: "footnote.duplicate",
                    message: "the footnote [^\(definition.written)] is already defined on line \(scan.definitions[earlier].position.line); this definition is shown as text",
                    position: definition.position, help: "give this note a label of its own"))
            } else {
                firsts[definition.key] = index
            }
        }
        // A reference inside a second definition of a label is in the running text,
        // since that definition stays where it is.
        func owner(_ reference: FootnoteScan.Reference) -> String? {
            guard let index = reference.inDefinition else { return nil }
            let key = scan.definitions[index].key
            return firsts[key] == index ? key : nil
        }
        var live = Set<String>()
        var queue: [String?] = [nil]
        while let next = queue.popLast() {
            for reference in scan.references where owner(reference) == next && firsts[reference.key] != nil {
                if live.insert(reference.key).inserted { queue.append(reference.key) }
            }
        }
        for reference in scan.references where firsts[reference.key] == nil {
            problems.append(MarkdownProblem(
                .error, code: "footnote.undefined",
                message: "the footnote [^\(reference.written)] is never defined",
                position: reference.position,
                help: "add a paragraph that starts '[^\(reference.written)]: ' with the note's text, or write '\\[^\(reference.written)]' to show the brackets as text"))
        }
        for (key, index) in firsts where !live.contains(key) {
            let definition = scan.definitions[index]
            problems.append(MarkdownProblem(
                .warning, code: "footnote.unused",
                message: "the footnote [^\(definition.written)] is defined but never referred to",
                position: definition.position,
                help: "refer to it with [^\(definition.written)] where the note applies, or remove the definition"))
        }
        return (live, problems.sorted { $0.position < $1.position })
    }

    private static func neutralise(_ bytes: [UInt8], _ candidates: [FootnoteSyntax.Candidate], _ sentinel: UInt8) -> [UInt8] {
        var copy = bytes
        for candidate in candidates { copy[candidate.offset] = sentinel }
        return copy
    }

    /// Puts back the `[` wherever a swapped line did not turn out to be a
    /// definition (code, a heading) and in the definitions themselves.
    private static func restore(_ sentinel: Unicode.Scalar, in root: CmarkNode) {
        func restored(_ text: String) -> String? {
            guard text.unicodeScalars.contains(sentinel) else { return nil }
            var result = String.UnicodeScalarView()
            for scalar in text.unicodeScalars { result.append(scalar == sentinel ? "[" : scalar) }
            return String(result)
        }
        guard let iterator = cmark_iter_new(root.pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let pointer = cmark_iter_get_node(iterator) else { continue }
            let node = CmarkNode(pointer)
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if let literal = restored(node.literal) { node.setLiteral(literal) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if let title = restored(node.title) { node.setTitle(title) }
            default:
                break
            }
        }
    }

    static func parseCmark(_ bytes: [UInt8], options: Int32) -> OpaquePointer {
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, options)
                }
            } ?? cmark_parse_document("", 0, options)
        }
        // cmark returns NULL only when it cannot allocate; there is no way on from there.
        guard let parsed else { preconditionFailure("cmark could not allocate a document") }
        return parsed
    }
}
