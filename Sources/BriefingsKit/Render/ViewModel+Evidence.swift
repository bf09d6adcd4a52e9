/// Values for the case-study matrix and "Related case studies".
extension ViewModel {
    /// The matrix as a table: column headers, then one row per row term, each
    /// cell listing the pages carrying both terms.
    static func matrixValues(_ matrix: EvidenceIndex.Matrix, site: SiteIndex) -> [String: Any] {
        let kinds = matrix.rows.appliesTo.intersection(matrix.columns.appliesTo)
        let singleKind = kinds.count == 1 ? kinds.first : nil
        let rows = matrix.cells.map { cells -> [String: Any] in
            let row = cells.first?.row
            return [
                "id": row?.id ?? "", "title": row?.title ?? "",
                "url": site.config.link("/\(matrix.rows.id)/\(row?.id ?? "")/"),
                "cells": cells.map { cell -> [String: Any] in
                    var values: [String: Any] = [
                        "count": cell.pages.count, "countLabel": countLabel(cell.pages.count, kinds: kinds),
                        "rowTitle": cell.row.title, "columnTitle": cell.column.title,
                    ]
                    if cell.pages.isEmpty { values["isEmpty"] = true }
                    values["pages"] = list(cell.pages.map { ["title": $0.title, "url": site.config.link($0.url)] })
                    return values
                },
            ]
        }
        return [
            "caption": "\(singleKind?.pluralLabel ?? "Pages") by \(matrix.rows.singular) and \(matrix.columns.singular)",
            "rowsTitle": matrix.rows.singular.capitalisedFirst,
            "columnsTitle": matrix.columns.title,
            "columns": matrix.columns.terms.map { term -> [String: Any] in
                ["id": term.id, "title": term.title, "url": site.config.link("/\(matrix.columns.id)/\(term.id)/")]
            },
            "rows": rows,
            "emptyText": "No \(singleKind?.defaultLabel.lowercased() ?? "page") yet",
            "gapCount": matrix.gaps.count,
        ]
    }

    static func relatedValues(for page: Page, evidence: EvidenceIndex, site: SiteIndex) -> [String: Any]? {
        let related = evidence.related(to: page)
        return list(related.map { item($0, site: site) })
    }
}
