@testable import BriefingsKit
import Testing

/// The state's tables kept sorted by key: a build finds its files' and pages'
/// entries by stepping along them, so a place found must be the key's own,
/// whatever order the keys are asked for in.
@Suite struct SortedTableTests {
    @Test func placesAreFoundForKeysAskedInOrderOutOfOrderAndMissing() {
        let keys = (0..<50).map { "case-studies/study-\(String(format: "%03d", $0 * 2)).md" }
        let table = SortedTable(keys.enumerated().map { ($1, $0) })
        #expect(table.keys == keys)
        // In order, with keys the table lacks between them and after the last.
        let asked = ["a.md", keys[0], "case-studies/study-001.md", keys[1], keys[2], keys[30], "case-studies/study-061.md",
                     keys[31], keys[49], "z.md"]
        let found = table.places(of: asked)
        #expect(found == [nil, 0, nil, 1, 2, 30, nil, 31, 49, nil])
        // Out of order, and a key asked twice.
        let shuffled = [keys[40], keys[3], keys[3], keys[41], keys[0], "b.md", keys[49], keys[10]]
        #expect(table.places(of: shuffled) == [40, 3, 3, 41, 0, nil, 49, 10])
        for (key, place) in zip(shuffled, table.places(of: shuffled)) {
            #expect(place.map { table.keys[$0] } == (keys.contains(key) ? key : nil))
        }
        #expect(table.place(of: keys[7], hint: 7) == 7)
        #expect(table.place(of: keys[7], hint: 3) == 7)
        #expect(table.place(of: "missing", hint: 0) == nil)
    }

    @Test func entriesAreSetInsertedAndRemovedInOrder() {
        var table: SortedTable<Int> = ["b": 2, "d": 4]
        table["c"] = 3
        table["a"] = 1
        table["e"] = 5
        table["d"] = 40
        table["b"] = nil
        table["missing"] = nil
        #expect(table.keys == ["a", "c", "d", "e"])
        #expect(table.values == [1, 3, 40, 5])
        #expect(table["d"] == 40 && table["b"] == nil)
    }

    @Test func keysOutOfOrderAreNeverFoundInAnotherKeysPlace() {
        // As a damaged state might hold them: a key is found where it is, or not at all.
        let table = SortedTable(sortedRuns: [[("a", 1), ("d", 2)], [("b", 3), ("c", 4)]])
        #expect(table.keys == ["a", "d", "b", "c"])
        for (key, place) in zip(["a", "b", "c", "d", "e"], table.places(of: ["a", "b", "c", "d", "e"])) {
            #expect(place.map { table.keys[$0] == key } ?? true)
        }
        #expect(table.place(of: "a") == 0)
        #expect(table.place(of: "e") == nil)
    }

    @Test func pairsInAnyOrderAreSortedAsStringsCompareAndTheLastOfEqualKeysIsKept() {
        // Prefixes, lengths, bytes above and below each other: the byte
        // comparison of ASCII keys must give Swift's string order.
        let ascii = ["case-study:b", "case-study:a", "case-study:", "case-study:ab", "Case", "case", "a-b", "a_b", "a", "", "z", "case-study:a"]
        let table = SortedTable(ascii.enumerated().map { ($1, $0) })
        #expect(table.keys == Array(Set(ascii)).sorted())
        // "case-study:a" was given at 1 and 11: the last is kept.
        #expect(table["case-study:a"] == 11)
        #expect(table.values == table.keys.map { key in ascii.lastIndex(of: key) ?? -1 })

        // Keys beyond ASCII compare by canonical equivalence, as strings do:
        // "é" written as one scalar and as "e" and an accent are one key.
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let mixed = SortedTable([("cafe", 1), (decomposed, 2), ("caf", 3), (composed, 4), ("cafz", 5)])
        #expect(mixed.keys.count == 4)
        #expect(mixed.keys == mixed.keys.sorted())
        #expect(mixed[composed] == 4 && mixed[decomposed] == 4)
        #expect(SortedTable<Int>.sortedOrder(of: ["b", "a", "b", "a"]) == [1, 3, 0, 2])
    }
}

