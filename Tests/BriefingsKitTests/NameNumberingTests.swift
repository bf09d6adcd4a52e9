@testable import BriefingsKit
import Testing

/// The numbers a state gives dependency names: each name once, each page's
/// numbers leading back to its own names, the same numbers every time, and
/// records kept from the last build still meaning what they meant.
@Suite struct NameNumberingTests {
    /// Pages' sorted name lists, many names shared (as lists and terms are),
    /// many used by one page only (as each page's own card is).
    private func lists(pages: Int) -> [[String]] {
        (0..<pages).map { page in
            (["kind:case-study", "term:principles/p\(page % 3)", "ref:case-study:study-\(page)",
              "ref:case-study:study-\((page * 7 + 1) % pages)", "related:case-study:study-\(page)"]
                + (page % 5 == 0 ? ["matrix"] : [])).sorted()
        }
    }

    @Test func aFreshNumberingNamesEachNameOnceAndLeadsEachPageBackToItsNames() {
        // Enough pages for many runs and every bucket.
        let given = lists(pages: 5_000)
        let numbering = NameNumbering.fresh(given)
        #expect(Set(numbering.names).count == numbering.names.count, "a name was numbered twice")
        #expect(Set(numbering.names) == Set(given.flatMap { $0 }), "a name was lost or made up")
        #expect(numbering.numbers.count == given.count)
        for (page, list) in given.enumerated() {
            #expect(numbering.numbers[page].map { numbering.names[Int($0)] } == list, "page \(page)")
        }
        let again = NameNumbering.fresh(given)
        #expect(again.names == numbering.names && again.numbers == numbering.numbers, "the numbering depends on the run")
    }

    @Test func aFreshNumberingOfNothingOrOfPagesWithoutNamesIsEmpty() {
        #expect(NameNumbering.fresh([]).names.isEmpty)
        let numbering = NameNumbering.fresh([[], [], []])
        #expect(numbering.names.isEmpty && numbering.numbers == [[], [], []])
    }

    @Test func extendingKeepsTheLastBuildsNumbersAndAddsNewNamesAtTheEnd() {
        let previous = ["kind:case-study", "ref:case-study:a", "ref:case-study:b"]
        let numbering = NameNumbering.extending(previous, with: [["ref:case-study:b", "ref:case-study:c"], ["ref:case-study:c", "kind:case-study"]])
        #expect(numbering.names == previous + ["ref:case-study:c"])
        #expect(numbering.numbers == [[2, 3], [3, 0]])
        // The same numbers whichever names are given as likely: all, some, none, or out of range.
        let lists = [["ref:case-study:b", "ref:case-study:c"], ["ref:case-study:c", "kind:case-study"]]
        for likely: [Int32] in [[0, 1, 2], [2], [2, 0, 2], [], [7, -1]] {
            let again = NameNumbering.extending(previous, with: lists, likely: likely.filter { $0 >= 0 })
            #expect(again.names == numbering.names && again.numbers == numbering.numbers, "likely \(likely)")
        }
    }

    @Test func compactingDropsUnusedNamesOnlyWhenMostAreUnusedAndRenumbersTheRecords() {
        func record(_ numbers: [Int32]) -> BuildState.PageRecord {
            BuildState.PageRecord(contentDigest: 0, cardDigest: 0, template: "page", templateDigest: 0,
                                  dependencies: numbers.map { ($0, UInt64($0) * 10) }, outgoing: [], ids: [], outputPath: "",
                                  outputDigest: 0, diagnostics: [])
        }
        let names = (0..<10).map { "name-\($0)" }
        // Six of ten names used: kept as they are.
        var numbering = NameNumbering.extending(names, with: [])
        var records: RecordTable = ["a": record([0, 2, 4]), "b": record([6, 8, 9])]
        let compactedSome = numbering.compact(&records)
        #expect(!compactedSome)
        #expect(numbering.names == names && records["a"]?.dependencies.map(\.name) == [0, 2, 4])

        // Three of ten: the rest dropped, the records pointing at the same names as before.
        numbering = NameNumbering.extending(names, with: [])
        records = ["a": record([7, 3]), "b": record([9, 3])]
        let compactedMost = numbering.compact(&records)
        #expect(compactedMost)
        #expect(numbering.names == ["name-3", "name-7", "name-9"])
        for (key, expected) in [("a", ["name-7", "name-3"]), ("b", ["name-9", "name-3"])] {
            let dependencies = records[key]?.dependencies ?? []
            #expect(dependencies.map { numbering.names[Int($0.name)] } == expected, "record \(key)")
            #expect(dependencies.map(\.digest) == (key == "a" ? [70, 30] : [90, 30]), "record \(key)'s digests")
        }
    }
}
