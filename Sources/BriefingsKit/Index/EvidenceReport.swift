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
        let entries: [Value] = evidence.pages.map { page in
            var members: [(String, Value)] = [
                ("id", .string(page.referenceID)), ("title", .string(page.title)), ("kind", .string(page.kind.rawValue)),
                ("path", .string(site.config.link(page.url))), ("url", .string(site.config.absoluteURL(page.url))),
                ("summary", .string(page.summary)),
                ("terms", .object(evidence.vocabularies.map { vocabulary in
                    let carried = Set(page.termIDs(vocabulary.id))
                    return (vocabulary.id, PrettyJSON.strings(vocabulary.terms.map(\.id).filter(carried.contains)))
                })),
            ]
            if let organisation = page.organisation { members.append(("organisation", .string(organisation))) }
            if let place = page.place { members.append(("place", .string(place))) }
            if let published = page.published { members.append(("published", .string(published.iso))) }
            return .object(members)
        }
        let vocabularies: [Value] = evidence.vocabularies.map { vocabulary in
            .object([
                ("id", .string(vocabulary.id)), ("title", .string(vocabulary.title)), ("singular", .string(vocabulary.singular)),
                ("terms", .array(vocabulary.terms.map { term in
                    let pages = evidence.pages(withTerm: term.id, in: vocabulary.id)
                    return .object([
                        ("id", .string(term.id)), ("title", .string(term.title)), ("meaning", .string(term.meaning)),
                        ("path", .string(site.config.link("/\(vocabulary.id)/\(term.id)/"))), ("count", .int(pages.count)),
                        ("case_studies", PrettyJSON.strings(pages.map(\.referenceID))),
                    ])
                })),
            ])
        }
        var document: [(String, Value)] = [("case_studies", .array(entries)), ("vocabularies", .array(vocabularies))]
        if let matrix = evidence.matrix {
            document.append(("matrix", .object([
                ("rows", .string(matrix.rows.id)), ("columns", .string(matrix.columns.id)),
                ("cells", .array(matrix.cells.flatMap { $0 }.map { cell in
                    .object([
                        ("row", .string(cell.row.id)), ("column", .string(cell.column.id)), ("count", .int(cell.pages.count)),
                        ("case_studies", PrettyJSON.strings(cell.pages.map(\.referenceID))),
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
