import CCmark

/// A fenced block whose info string is `table`, holding CSV whose first row is
/// the header, made into a table in a scrollable, labelled region:
///
///     ```table caption="Spending by year" row-headers
///     Year,Spent
///     2024,"£1,200"
///     ```
///
/// The table is built from custom nodes around the cells' own inline nodes, so
/// links in cells are rewritten and collected like any other link.
struct TableBlock {
    private var wrapper: CmarkNode
    private var caption: (node: CmarkNode, text: String)?

    static let options = ["caption", "row-headers"]

    /// What a build found besides the table: problems, and where each link in a
    /// cell was written in the file (cmark only knows where it was in the cell).
    struct Findings {
        var problems: [MarkdownProblem] = []
        var linkPositions: [OpaquePointer: SourcePosition] = [:]
    }

    static func isTable(_ info: String) -> Bool {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == "table"
    }

    /// Replaces the fenced block with its table. When the block cannot be read as
    /// a table it stays a code block, and the problems say why.
    static func build(replacing block: CmarkNode, in document: MarkdownDocument, findings: inout Findings) -> TableBlock? {
        let fence = document.position(of: block)
        let infoByteColumn = RenderPass.infoByteColumn(in: document.sourceLine(block.startLine), fenceByteColumn: block.startColumn)
        let infoColumn = document.scalarColumn(line: block.startLine, byteColumn: infoByteColumn)
        let arguments: [FencedDirective.Argument]
        switch InfoStringParser.parse(block.fenceInfo, line: fence.line, column: infoColumn) {
        case .success(let (_, parsed)): arguments = parsed
        case .failure(let error):
            findings.problems.append(MarkdownProblem(
                .error, code: "table.syntax", message: error.message, position: SourcePosition(line: fence.line, column: error.column)))
            return nil
        }
        for argument in arguments where !options.contains(argument.key) {
            findings.problems.append(MarkdownProblem(
                .warning, code: "table.argument", message: "'\(argument.key)' is not an option of a table and is ignored",
                position: argument.position, help: "a table takes caption=\"…\" and row-headers"))
        }
        let (rows, failure) = CSV.parse(block.literal)
        var errors: [MarkdownProblem] = []
        if let failure {
            errors.append(MarkdownProblem(
                .error, code: "table.csv", message: failure.message,
                position: SourcePosition(line: fence.line + 1 + failure.line, column: fence.column + failure.column - 1),
                help: failure.help))
        }
        guard let header = rows.first else {
            findings.problems += errors.isEmpty ? [MarkdownProblem(
                .error, code: "table.empty", message: "the table has no rows", position: fence,
                help: "write the header row first, then one line per row, with cells separated by commas")] : errors
            return nil
        }
        for row in rows.dropFirst() where row.cells.count != header.cells.count {
            errors.append(MarkdownProblem(
                .error, code: "table.csv",
                message: "this row has \(cellCount(row.cells.count)) but the header row has \(header.cells.count)",
                position: SourcePosition(line: fence.line + 1 + row.line, column: fence.column),
                help: "add or remove cells to match the header; put a cell that contains a comma in double quotes"))
        }
        guard errors.isEmpty else {
            findings.problems += errors
            return nil
        }
        if rows.count == 1 {
            findings.problems.append(MarkdownProblem(
                .warning, code: "table.empty", message: "the table has a header row but no other rows", position: fence))
        }

        var builder = Builder(document: document, fence: fence)
        let captionArgument = arguments.first { $0.key == "caption" && !$0.value.isEmpty }
        guard let table = builder.table(rows: rows, caption: captionArgument, rowHeaders: arguments.contains { $0.key == "row-headers" })
        else { return nil }
        findings.linkPositions.merge(builder.linkPositions) { first, _ in first }
        guard cmark_node_replace(block.pointer, table.wrapper.pointer) != 0 else {
            table.wrapper.remove()
            return nil
        }
        block.remove()
        return table
    }

    /// Gives a captioned table its id, after headings have taken theirs.
    func assignID(_ registry: inout SlugRegistry) {
        guard let caption else { return }
        let id = registry.unique(for: "table " + caption.text, fallback: "table")
        wrapper.setEnter(TableHTML.region(labelledBy: id))
        caption.node.setEnter("<caption id=\"\(id)\">")
    }

    private static func cellCount(_ count: Int) -> String { count == 1 ? "1 cell" : "\(count) cells" }

    /// Builds the detached tree of one table.
    private struct Builder {
        let document: MarkdownDocument
        let fence: SourcePosition
        var linkPositions: [OpaquePointer: SourcePosition] = [:]

        init(document: MarkdownDocument, fence: SourcePosition) {
            self.document = document
            self.fence = fence
        }

        mutating func table(rows: [CSV.Row], caption: FencedDirective.Argument?, rowHeaders: Bool) -> TableBlock? {
            guard let wrapper = CmarkNode.custom(CMARK_NODE_CUSTOM_BLOCK, exit: TableHTML.end) else { return nil }
            var table = TableBlock(wrapper: wrapper, caption: nil)
            var complete = true
            if let caption {
                let at = SourcePosition(line: caption.position.line, column: caption.position.column + "caption=\"".count)
                if let line = CmarkNode.custom(CMARK_NODE_CUSTOM_BLOCK), wrapper.append(line),
                    let node = CmarkNode.custom(CMARK_NODE_CUSTOM_INLINE, exit: "</caption>"), line.append(node) {
                    let text = fill(node, with: caption.value, at: at)
                    table.caption = (node, text)
                } else {
                    complete = false
                }
            }
            var headers: [String] = []
            if let head = CmarkNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "<thead>\n<tr>", exit: "</tr>\n</thead>"), wrapper.append(head) {
                headers = rows[0].cells.map { cell($0, in: head, header: "<th scope=\"col\">") ?? "" }
            } else {
                complete = false
            }
            if rows.count > 1 {
                if let body = CmarkNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "<tbody>", exit: "</tbody>"), wrapper.append(body) {
                    for row in rows.dropFirst() {
                        guard let line = CmarkNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "<tr>", exit: "</tr>"), body.append(line) else {
                            complete = false
                            continue
                        }
                        for (index, value) in row.cells.enumerated() {
                            if cell(value, in: line, header: rowHeaders && index == 0 ? "<th scope=\"row\">" : nil) == nil {
                                complete = false
                            }
                        }
                    }
                } else {
                    complete = false
                }
            }
            guard complete else {
                wrapper.remove()
                return nil
            }
            if table.caption == nil { wrapper.setEnter(TableHTML.region(label: headers)) }
            return table
        }

        /// One cell on a line of its own. An empty header cell (the corner of a
        /// table with row headers, say) is a `td`: a header must have a name.
        private mutating func cell(_ value: CSV.Cell, in line: CmarkNode, header: String?) -> String? {
            guard let block = CmarkNode.custom(CMARK_NODE_CUSTOM_BLOCK), line.append(block),
                let inline = CmarkNode.custom(CMARK_NODE_CUSTOM_INLINE), block.append(inline)
            else { return nil }
            let at = SourcePosition(line: fence.line + 1 + value.line, column: fence.column + value.column - 1)
            let text = fill(inline, with: value.text, at: at)
            let isHeader = header != nil && !text.trimmingSpaces.isEmpty
            inline.setEnter(isHeader ? header ?? "<td>" : "<td>")
            cmark_node_set_on_exit(inline.pointer, isHeader ? "</th>" : "</td>")
            return text
        }

        private mutating func fill(_ node: CmarkNode, with text: String, at start: SourcePosition) -> String {
            let (plainText, links) = CellContent.fill(node, with: text, options: document.parseOptions)
            for link in links {
                linkPositions[link.node.pointer] = link.line == 1
                    ? SourcePosition(line: start.line, column: start.column + link.column - 1)
                    : SourcePosition(line: start.line + link.line - 1, column: fence.column + link.column - 1)
            }
            return plainText
        }
    }
}

enum TableHTML {
    static func region(labelledBy id: String) -> String {
        "<div class=\"table-wrapper\" role=\"region\" aria-labelledby=\"\(id)\" tabindex=\"0\">\n<table>"
    }

    /// Without a caption the region is named after its columns.
    static func region(label headers: [String]) -> String {
        let named = headers.map(\.trimmingSpaces).filter { !$0.isEmpty }
        let label = named.isEmpty ? "Table" : "Table: " + named.joined(separator: ", ")
        return "<div class=\"table-wrapper\" role=\"region\" aria-label=\"\(HTMLText.escape(label))\" tabindex=\"0\">\n<table>"
    }

    static let end = "</table>\n</div>"
}
