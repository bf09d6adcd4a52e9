/// The dependency names of a new state, each once, and each rendered page's
/// dependencies as numbers into them.
///
/// Two ways, for the two kinds of build:
/// - `fresh`: when no record is kept from the last build (a clean build, or
///   every page rendered again). The names are dealt into buckets by a digest
///   of their text, each bucket numbered on its own core in page order, then
///   the buckets laid end to end. At 100,000 pages one table of every name,
///   filled on one core, was a quarter of a second at the end of the build.
/// - `extending`: when records are kept. The last build's names keep their
///   numbers, so a kept record is kept as it is, and new names go at the end;
///   when fewer than half the names are still used, they are renumbered, so
///   names no page uses any more do not pile up.
///
/// Either way the numbers depend only on the names and the pages' order, not
/// on timing or on a process's hash seed: the state is the same bytes for the
/// same build.
struct NameNumbering {
    private(set) var names: [String]
    /// Each rendered page's names (in the order given) as numbers, as first
    /// given: `compact` renumbers the records, not these.
    let numbers: [[Int32]]

    private static let buckets = 16

    static func fresh(_ lists: [[String]]) -> NameNumbering {
        // Where each page's names start in one flat run of every use.
        var start = [Int](repeating: 0, count: lists.count + 1)
        for (page, list) in lists.enumerated() { start[page + 1] = start[page] + list.count }
        let uses = start[lists.count], starts = start
        // Each use's bucket, and its number within the bucket: each slot is
        // written by the one task that owns its run or its bucket.
        let bucketOfUse = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, uses))
        let numberInBucket = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, uses))
        defer {
            bucketOfUse.deallocate()
            numberInBucket.deallocate()
        }
        nonisolated(unsafe) let bucketOf = bucketOfUse, local = numberInBucket
        let runs = ConcurrentMap.runs(lists.count, size: max(64, (lists.count + 63) / 64))
        let usesOfRuns = ConcurrentMap.map(runs) { run -> [[(page: Int32, offset: Int32)]] in
            var found = [[(page: Int32, offset: Int32)]](repeating: [], count: buckets)
            for page in run {
                for (offset, name) in lists[page].enumerated() {
                    let bucket = Int(Digest(name).value % UInt64(buckets))
                    bucketOf[starts[page] + offset] = UInt8(bucket)
                    found[bucket].append((Int32(page), Int32(offset)))
                }
            }
            return found
        }
        let bucketNames = ConcurrentMap.map(Array(0..<buckets)) { bucket -> [String] in
            // Sized for every use at once: grown as names came, the tables of
            // a 100,000-page site were rehashed again and again, and their
            // copying grew faster than the site.
            let uses = usesOfRuns.reduce(0) { $0 + $1[bucket].count }
            var known: [String: Int32] = [:]
            known.reserveCapacity(uses)
            var names: [String] = []
            names.reserveCapacity(uses)
            for found in usesOfRuns {
                for (page, offset) in found[bucket] {
                    let name = lists[Int(page)][Int(offset)]
                    let number: Int32
                    if let existing = known[name] {
                        number = existing
                    } else {
                        number = Int32(names.count)
                        known[name] = number
                        names.append(name)
                    }
                    local[starts[Int(page)] + Int(offset)] = number
                }
            }
            return names
        }
        var base = [Int32](repeating: 0, count: buckets)
        for bucket in 1..<buckets { base[bucket] = base[bucket - 1] + Int32(bucketNames[bucket - 1].count) }
        let bases = base
        let numbers = ConcurrentMap.map(Array(lists.indices), inRunsOf: 256) { page -> [Int32] in
            (starts[page]..<starts[page + 1]).map { use in bases[Int(bucketOf[use])] + local[use] }
        }
        return NameNumbering(names: bucketNames.flatMap { $0 }, numbers: numbers)
    }

    /// The last build's names, each keeping its number, then the rendered
    /// pages' new names in order of first use.
    ///
    /// `likely`: numbers of the last build's names the lists probably use
    /// (those the rendered pages used last time). A name among them is
    /// numbered without a table of every name, which is made only if some
    /// name is not: a build that lays out one page again, using the names
    /// it used before, then looks at a dozen names rather than every one.
    static func extending(_ previous: [String], with lists: [[String]], likely: [Int32] = []) -> NameNumbering {
        var known: [String: Int32] = [:]
        known.reserveCapacity(likely.count)
        // Each name's first number, as in the table of every name below.
        for number in likely.sorted() where Int(number) < previous.count && known[previous[Int(number)]] == nil {
            known[previous[Int(number)]] = number
        }
        var everyName = false
        func lookUp(_ name: String) -> Int32? {
            if let number = known[name] { return number }
            guard !everyName else { return nil }
            everyName = true
            known.reserveCapacity(previous.count + known.count)
            for (number, name) in previous.enumerated() where known[name].map({ $0 > Int32(number) }) ?? true {
                known[name] = Int32(number)
            }
            return known[name]
        }
        var names = previous
        let numbers = lists.map { list in
            list.map { name -> Int32 in
                if let number = lookUp(name) { return number }
                let number = Int32(names.count)
                known[name] = number
                names.append(name)
                return number
            }
        }
        return NameNumbering(names: names, numbers: numbers)
    }

    /// Drops the names no record uses when they are more than half of all,
    /// renumbering the rest in their order: `records` are rewritten to match.
    /// Returns whether it did.
    mutating func compact(_ records: inout RecordTable) -> Bool {
        var used = [Bool](repeating: false, count: names.count)
        var count = 0
        for record in records.values {
            for dependency in record.dependencies where !used[Int(dependency.name)] {
                used[Int(dependency.name)] = true
                count += 1
            }
        }
        guard count * 2 < names.count else { return false }
        var renumbered = [Int32](repeating: -1, count: names.count)
        var kept: [String] = []
        kept.reserveCapacity(count)
        for number in names.indices where used[number] {
            renumbered[number] = Int32(kept.count)
            kept.append(names[number])
        }
        names = kept
        for place in records.entries.indices {
            records[place: place].dependencies = records[place: place].dependencies.map { (renumbered[Int($0.name)], $0.digest) }
        }
        return true
    }
}
