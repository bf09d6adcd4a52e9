import Foundation

/// A table of the build state kept sorted by key, as the state saves it: the
/// sources by path, which is also the order in which the walk finds them
/// (`ContentScanner.scan` sorts by the same comparison), and the records by
/// reference, which within a folder is the pages' order. A build finds its
/// files' and pages' entries by stepping along both lists, where tables keyed
/// by path and reference were filled from the saved state, hashed into on
/// every build (the stamps, the parsing, the plan), then filled again and
/// sorted for saving: at 10,000 pages, some milliseconds of a one-file rebuild.
struct SortedTable<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
    /// Sorted, each once.
    private(set) var keys: [String]
    private(set) var entries: [Value]

    init() {
        keys = []
        entries = []
    }

    init(dictionaryLiteral elements: (String, Value)...) {
        self.init(elements)
    }

    /// From pairs in any order; a key given twice keeps its last entry.
    init(_ pairs: some Sequence<(String, Value)>) {
        var given: [String] = [], values: [Value] = []
        for (key, entry) in pairs {
            given.append(key)
            values.append(entry)
        }
        let order = Self.sortedOrder(of: given)
        keys = []
        entries = []
        keys.reserveCapacity(order.count)
        entries.reserveCapacity(order.count)
        for (step, place) in order.enumerated() {
            // Of equal keys, in the order given, the last is kept.
            if step + 1 < order.count, given[order[step + 1]] == given[place] { continue }
            keys.append(given[place])
            entries.append(values[place])
        }
    }

    /// The places of `keys` in sorted order, equal keys in the order given.
    /// ASCII keys (every key of a generated site, nearly every real one) are
    /// compared as bytes copied side by side into one buffer: at 100,000
    /// pages, comparing the strings where they lay, or hashing them into a
    /// table first, missed the cache at every step, and sorting the records
    /// grew three times faster than the site.
    static func sortedOrder(of keys: [String]) -> [Int] {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(keys.count + 1)
        for key in keys {
            var key = key
            let ascii = key.withUTF8 { utf8 -> Bool in
                guard !utf8.contains(where: { $0 >= 0x80 }) else { return false }
                bytes.append(contentsOf: utf8)
                return true
            }
            // String comparison of other text is by Unicode's canonical
            // equivalence, which bytes do not give.
            guard ascii else { return keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 } }
            starts.append(bytes.count)
        }
        return bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress
            return keys.indices.sorted { left, right in
                let leftLength = starts[left + 1] - starts[left], rightLength = starts[right + 1] - starts[right]
                let common = min(leftLength, rightLength)
                let compared = common == 0 ? 0 : memcmp(base! + starts[left], base! + starts[right], common)
                if compared != 0 { return compared < 0 }
                return leftLength != rightLength ? leftLength < rightLength : left < right
            }
        }
    }

    /// Keys known to be sorted, each once, and their entries.
    init(sortedKeys: [String], entries: [Value]) {
        keys = sortedKeys
        self.entries = entries
    }

    /// From runs in order, as saved. The order is not checked: a place is
    /// only ever given for an equal key, so keys out of order (a state
    /// damaged on disk) would only make entries not found, and their files
    /// and pages be made again.
    init(sortedRuns runs: [[(String, Value)]]) {
        let count = runs.reduce(0) { $0 + $1.count }
        keys = []
        entries = []
        keys.reserveCapacity(count)
        entries.reserveCapacity(count)
        for run in runs {
            for (key, entry) in run {
                keys.append(key)
                entries.append(entry)
            }
        }
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }
    var values: [Value] { entries }

    /// Where `key` is, trying `hint` first (the place after the last one
    /// found, when keys are looked up in order), then by halving.
    func place(of key: String, hint: Int? = nil) -> Int? {
        if let hint, hint >= 0, hint < keys.count, keys[hint] == key { return hint }
        let low = firstPlace(notBefore: key)
        return low < keys.count && keys[low] == key ? low : nil
    }

    /// The first place from `start` on whose key is not before `key`.
    private func firstPlace(notBefore key: String, from start: Int = 0) -> Int {
        var low = start, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    subscript(key: String) -> Value? {
        get { place(of: key).map { entries[$0] } }
        set {
            if let place = place(of: key) {
                if let newValue {
                    entries[place] = newValue
                } else {
                    keys.remove(at: place)
                    entries.remove(at: place)
                }
                return
            }
            guard let newValue else { return }
            let place = firstPlace(notBefore: key)
            keys.insert(key, at: place)
            entries.insert(newValue, at: place)
        }
    }

    /// The entry at a place found by `place(of:)` or `places(of:)`.
    subscript(place place: Int) -> Value {
        get { entries[place] }
        set { entries[place] = newValue }
    }

    /// For each of `wanted`, its place here: most are the place after the
    /// last one found (`wanted` in the same order), the rest found by halving.
    func places(of wanted: [String]) -> [Int?] {
        var places = [Int?](repeating: nil, count: wanted.count)
        var next = 0
        for (offset, key) in wanted.enumerated() {
            if next < keys.count, keys[next] == key {
                places[offset] = next
                next += 1
                continue
            }
            // Ahead of the last place found, or (out of order) behind it.
            let start = offset > 0 && wanted[offset - 1] < key ? next : 0
            next = firstPlace(notBefore: key, from: start)
            if next < keys.count, keys[next] == key {
                places[offset] = next
                next += 1
            }
        }
        return places
    }
}

typealias SourceTable = SortedTable<BuildState.CachedSource>
typealias RecordTable = SortedTable<BuildState.PageRecord>
