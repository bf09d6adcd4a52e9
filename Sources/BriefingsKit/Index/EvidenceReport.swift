import Foundation

/// The evidence index in the forms people and programs read: the JSON published
/// at `/case-studies/index.json` and printed by `briefings index --format json`,
/// the matrix as an aligned terminal table, and the list of its empty cells.
public enum EvidenceReport {
    public static let jsonPath = "case-studies/index.json"

    /// Ids in the JSON are the pages' cross-reference ids (`kent`), the same an
    /// author writes after `case-study:`. Keys are snake case, in order.
    public static func json(_ evidence: EvidenceIndex, site: SiteIndex) -> String {
        typealias Value = PrettyJSON.Value
        let vocabularies = evidence.vocabularies
        // Each page's id, read once, in the site's order, on every core: the
        // term lists and the matrix's cells name pages in list order, and
        // reading each id from its page there missed the cache at 100,000 pages.
        let ids = ConcurrentMap.map(Array(site.pages.indices), inRunsOf: 1024) { site.pages[$0].referenceID }
        // Each entry written in the site's order, the order its pages lie in
        // memory, then joined in list order: made in list order, every field
        // of every page was a cache miss at 100,000 pages. An entry sits two
        // levels down: the document, then its "case_studies" array.
        let kinds = evidence.kinds
        let entryTexts = ConcurrentMap.map(Array(site.pages.indices), inRunsOf: 256) { index -> [UInt8] in
            let page = site.pages[index]
            guard kinds.contains(page.kind) else { return [] }
            var members: [(String, Value)] = [
                ("id", .string(page.referenceID)), ("title", .string(page.title)), ("kind", .string(page.kind.rawValue)),
                ("path", .string(site.config.link(page.url))), ("url", .string(site.config.absoluteURL(page.url))),
                ("summary", .string(page.summary)),
                ("terms", .object(vocabularies.map { vocabulary in
                    let carried = page.termIDs(vocabulary.id)
                    return (vocabulary.id, PrettyJSON.strings(vocabulary.terms.map(\.id).filter(carried.contains)))
                })),
            ]
            if let organisation = page.organisation { members.append(("organisation", .string(organisation))) }
            if let place = page.place { members.append(("place", .string(place))) }
            if let published = page.published { members.append(("published", .string(published.iso))) }
            return PrettyJSON.bytes(of: .object(members), depth: 2)
        }
        let isCovered = entryTexts.map { !$0.isEmpty }
        let covered = site.listOrderIndices.filter { isCovered[$0] }
        let entries = Value.array(covered.map { .written(entryTexts[$0]) })
        let vocabularyValues: [Value] = vocabularies.map { vocabulary in
            .object([
                ("id", .string(vocabulary.id)), ("title", .string(vocabulary.title)), ("singular", .string(vocabulary.singular)),
                ("terms", .array(vocabulary.terms.map { term in
                    let members = site.indicesOfPages(withTerm: term.id, in: vocabulary.id)
                    return .object([
                        ("id", .string(term.id)), ("title", .string(term.title)), ("meaning", .string(term.meaning)),
                        ("path", .string(site.config.link("/\(vocabulary.id)/\(term.id)/"))), ("count", .int(members.count)),
                        ("case_studies", PrettyJSON.strings(members.map { ids[$0] })),
                    ])
                })),
            ])
        }
        var document: [(String, Value)] = [("case_studies", entries), ("vocabularies", .array(vocabularyValues))]
        if let matrix = evidence.matrix {
            let members = evidence.cellIndices
            document.append(("matrix", .object([
                ("rows", .string(matrix.rows.id)), ("columns", .string(matrix.columns.id)),
                ("cells", .array(zip(matrix.cells, members).flatMap { zip($0, $1) }.map { cell, places in
                    .object([
                        ("row", .string(cell.row.id)), ("column", .string(cell.column.id)), ("count", .int(places.count)),
                        ("case_studies", PrettyJSON.strings(places.map { ids[$0] })),
                    ])
                })),
            ])))
        }
        return PrettyJSON.text(.object(document)) + "\n"
    }

    /// The matrix with a count in each cell, columns aligned.
    public static func table(_ evidence: EvidenceIndex) -> String {
        guard let matrix = evidence.matrix else {
            return "No matrix: taxonomies.yml has no 'matrix' with rows and columns.\n"
        }
        let header = [matrix.rows.title] + matrix.columns.terms.map(\.title)
        let rows = matrix.cells.map { cells in [cells.first?.row.title ?? ""] + cells.map { $0.pages.isEmpty ? "-" : String($0.pages.count) } }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, text in
                index == 0 ? text.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - text.count) + text
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var output = line(header) + "\n"
        output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { output += line(row) + "\n" }
        output += "\n\(evidence.pages.count) \(evidence.pages.count == 1 ? "page" : "pages") indexed; \(matrix.gaps.count) of \(matrix.cells.count * (matrix.cells.first?.count ?? 0)) cells empty.\n"
        return output
    }

    /// Only what has no evidence yet: the empty cells, then any term nothing carries.
    public static func gaps(_ evidence: EvidenceIndex) -> String {
        var output = ""
        if let matrix = evidence.matrix {
            for cell in matrix.gaps {
                output += "\(matrix.rows.singular) \(cell.row.id) × \(matrix.columns.singular) \(cell.column.id): no case study yet (\(cell.row.title) × \(cell.column.title))\n"
            }
        }
        for (vocabulary, term) in evidence.unusedTerms {
            output += "\(vocabulary.singular) \(term.id): no case study carries it (\(term.title))\n"
        }
        if output.isEmpty {
            return evidence.matrix == nil ? "No matrix: taxonomies.yml has no 'matrix' with rows and columns; every term has evidence.\n"
                : "No gaps: every cell of the matrix has evidence.\n"
        }
        return output
    }
}
