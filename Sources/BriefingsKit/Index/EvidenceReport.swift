import Foundation

/// The evidence index in the forms people and programs read: the JSON published
/// at `/case-studies/index.json` and printed by `briefings index --format json`,
/// the matrix as an aligned terminal table, and the list of its empty cells.
public enum EvidenceReport {
    public static let jsonPath = "case-studies/index.json"

    struct Document: Encodable {
        struct Entry: Encodable {
            var id: String
            var title: String
            var kind: String
            var path: String
            var url: String
            var summary: String
            var organisation: String?
            var place: String?
            var published: String?
            var terms: [String: [String]]
        }

        struct Term: Encodable {
            var id: String
            var title: String
            var meaning: String
            var path: String
            var count: Int
            var caseStudies: [String]
        }

        struct VocabularyEntry: Encodable {
            var id: String
            var title: String
            var singular: String
            var terms: [Term]
        }

        struct Cell: Encodable {
            var row: String
            var column: String
            var count: Int
            var caseStudies: [String]
        }

        struct MatrixEntry: Encodable {
            var rows: String
            var columns: String
            var cells: [Cell]
        }

        var caseStudies: [Entry]
        var vocabularies: [VocabularyEntry]
        var matrix: MatrixEntry?
    }

    /// Ids in the JSON are the pages' cross-reference ids (`kent`), the same an
    /// author writes after `case-study:`.
    public static func json(_ evidence: EvidenceIndex, site: SiteIndex) -> String {
        let entries = evidence.pages.map { page in
            Document.Entry(
                id: page.referenceID, title: page.title, kind: page.kind.rawValue, path: site.config.link(page.url),
                url: site.config.absoluteURL(page.url), summary: page.summary, organisation: page.organisation, place: page.place,
                published: page.published?.iso,
                terms: Dictionary(uniqueKeysWithValues: evidence.vocabularies.map { vocabulary in
                    let carried = Set(page.termIDs(vocabulary.id))
                    return (vocabulary.id, vocabulary.terms.map(\.id).filter(carried.contains))
                }))
        }
        let vocabularies = evidence.vocabularies.map { vocabulary in
            Document.VocabularyEntry(id: vocabulary.id, title: vocabulary.title, singular: vocabulary.singular, terms: vocabulary.terms.map { term in
                let pages = evidence.pages(withTerm: term.id, in: vocabulary.id)
                return Document.Term(id: term.id, title: term.title, meaning: term.meaning,
                                     path: site.config.link("/\(vocabulary.id)/\(term.id)/"), count: pages.count,
                                     caseStudies: pages.map(\.referenceID))
            })
        }
        let matrix = evidence.matrix.map { matrix in
            Document.MatrixEntry(rows: matrix.rows.id, columns: matrix.columns.id, cells: matrix.cells.flatMap { $0 }.map { cell in
                Document.Cell(row: cell.row.id, column: cell.column.id, count: cell.pages.count, caseStudies: cell.pages.map(\.referenceID))
            })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(Document(caseStudies: entries, vocabularies: vocabularies, matrix: matrix))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
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
