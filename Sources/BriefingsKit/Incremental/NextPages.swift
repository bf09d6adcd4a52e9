/// Everything the pages' part of the next build's state is made from, taken
/// from a build once its pages are laid out, so that it can be made on other
/// threads while the build goes on (`RenderPlan.pagesState`).
struct NextPages: Sendable {
    let pages: [Page]
    let recorders: [DependencyRecorder?]
    let scans: [PageScan?]
    let digests: DependencyDigests.Snapshot
    let contents: [UInt64]
    let cards: [UInt64]
    let outputPaths: [String]
    let outputDigests: [UInt64?]
    let bodies: [RenderedBody?]
    let outgoingLinks: [[String]?]
    let templateDigests: [String: UInt64]
    let previousNames: [String]
    let previousRecords: RecordTable
    /// Each page's record in `previousRecords`, if it has one.
    let previousSlots: [BuildState.RecordSlot?]
    /// The saved state `previousRecords` were read from, if they were.
    let previousOrigin: [UInt8]?
    /// Where the last build's names lie in `previousOrigin`.
    let previousNamesSaved: BuildState.NamesSaved?
    let sources: SourceTable
    /// `sources` encoded ahead, when the state will be saved.
    let encodedSources: Task<[ArraySlice<UInt8>], Never>?

    /// Every rendered page's dependencies numbered and digested, and the records
    /// of pages not rendered kept; most of the work on every core, since at
    /// 100,000 pages it is a second on one.
    func make(encoding: Bool) async -> BuildState.Pages {
        let pages = self.pages, recorders = self.recorders, scans = self.scans
        let rendered = pages.indices.filter { scans[$0] != nil }
        // Each rendered page's dependency names and ids, sorted.
        let sorted = ConcurrentMap.map(rendered) { index -> (names: [String], ids: [String]) in
            var used = (recorders[index]?.cards ?? []).union(recorders[index]?.keys ?? [])
            used.remove(DependencyName.template(pages[index].template ?? pages[index].kind.templateName))
            return (used.sorted(), scans[index]?.ids.sorted() ?? [])
        }
        // Each name numbered once: on every core when nothing is kept from the
        // last build, else after the last build's names, which keep theirs.
        let previousSlots = self.previousSlots, previousRecords = self.previousRecords
        let keepsRecords = pages.indices.contains { scans[$0] == nil && previousSlots[$0] != nil }
        // The names the rendered pages used last time are the likely ones.
        let likely = keepsRecords ? rendered.flatMap { index in
            previousSlots[index].map { previousRecords[place: $0].dependencies.map(\.name) } ?? []
        } : []
        var numbering = keepsRecords ? NameNumbering.extending(previousNames, with: sorted.map(\.names), likely: likely)
            : NameNumbering.fresh(sorted.map(\.names))
        // The digest of each name the rendered pages use (every name, when
        // nothing is kept), worked out once.
        let numbers = numbering.numbers
        let used = keepsRecords ? Set(numbers.joined()).sorted() : numbering.names.indices.map { Int32($0) }
        var digestOfNumber = [UInt64](repeating: DependencyDigests.absent, count: numbering.names.count)
        for (number, digest) in zip(used, digests.digestsOnAllCores(used.map { numbering.names[Int($0)] })) {
            digestOfNumber[Int(number)] = digest
        }
        let digestOf = digestOfNumber
        let dependencies = ConcurrentMap.map(Array(numbers.indices)) { offset in
            numbers[offset].map { number -> (name: Int32, digest: UInt64) in (number, digestOf[Int(number)]) }
        }
        // The records of the pages laid out this build, made on every core.
        let made = ConcurrentMap.map(Array(rendered.indices)) { offset -> BuildState.PageRecord in
            let index = rendered[offset]
            let template = pages[index].template ?? pages[index].kind.templateName
            return BuildState.PageRecord(
                contentDigest: contents[index], cardDigest: cards[index], template: template,
                templateDigest: templateDigests[template] ?? 0, dependencies: dependencies[offset],
                outgoing: outgoingLinks[index] ?? bodies[index].map { LinkGraph.targets(of: $0.links, from: pages[index].reference) }
                    ?? previousSlots[index].map { previousRecords[place: $0].outgoing } ?? [],
                ids: sorted[offset].ids, outputPath: outputPaths[index], outputDigest: outputDigests[index] ?? 0,
                // Link findings are errors, and a build with errors is not kept:
                // only the Markdown's warnings need carrying.
                diagnostics: bodies[index]?.diagnostics ?? [])
        }
        var records: RecordTable
        if previousRecords.count == pages.count, previousSlots.allSatisfy({ $0 != nil }) {
            // The same pages as the last build's: its table, with the records
            // of the pages laid out again put in their places.
            var entries = previousRecords.entries
            for (offset, index) in rendered.enumerated() {
                if let slot = previousSlots[index] { entries[slot] = made[offset] }
            }
            records = RecordTable(sortedKeys: previousRecords.keys, entries: entries)
        } else {
            var position = [Int?](repeating: nil, count: pages.count)
            for (offset, index) in rendered.enumerated() { position[index] = offset }
            records = RecordTable(pages.indices.compactMap { index -> (String, BuildState.PageRecord)? in
                if let offset = position[index] { return (pages[index].reference, made[offset]) }
                return previousSlots[index].map { (pages[index].reference, previousRecords[place: $0]) }
            })
        }
        // Unless renumbered, the names start with the last build's, as saved.
        let renumbered = keepsRecords ? numbering.compact(&records) : true
        var state = BuildState.Pages(dependencyNames: numbering.names, sources: sources, records: records, encoded: nil,
                                     origin: keepsRecords ? previousOrigin : nil,
                                     namesSaved: renumbered ? nil : previousNamesSaved)
        if encoding { state.encoded = BuildState.encode(state, sources: await encodedSources?.value) }
        return state
    }
}
