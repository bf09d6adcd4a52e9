/// The current digest of each dependency name a page recorded, worked out from
/// this build's index. A page needs rendering again when any of its
/// dependencies' digests differs from the one it recorded.
final class DependencyDigests {
    /// A name that resolves to nothing (a missing page) has this digest, so that
    /// the page appearing later changes it.
    static let absent: UInt64 = 0
    /// A URL that is a file of the site but not a page (an asset).
    static let file: UInt64 = 1

    /// What digests are made from: read-only, so they can be worked out on
    /// every core at once.
    private var source: Source
    private var memo: [String: UInt64] = [:]
    /// The last build's dependency names (`BuildState.dependencyNames`), and
    /// their digests in this build by number, worked out when first asked for.
    let previousNames: [String]
    /// Which of `previousNames` are citations, judged once the graph is known.
    let isCitation: [Bool]
    /// Which of `previousNames` are of a page's body or a template: the names
    /// whose digest can change while every page's card stays as it was.
    private let isBodyOrTemplate: [Bool]
    private var previousDigests: [UInt64?]

    /// `cards` and `contents` are per page, in `site.pages` order; `files` are
    /// the output's files that are not pages (assets, feeds).
    init(site: SiteIndex, evidence: EvidenceIndex, cards: [UInt64], contents: [UInt64], files: Set<String>,
         templateDigests: [String: UInt64], previousNames: [String] = []) {
        self.previousNames = previousNames
        isCitation = previousNames.map { $0.hasPrefix(Self.citationPrefix) }
        isBodyOrTemplate = previousNames.map { $0.hasPrefix("body:") || $0.hasPrefix("template:") }
        previousDigests = Array(repeating: nil, count: previousNames.count)
        let pages = site.pages
        // Each page as a list's member, worked out once: a list's digest then
        // reads one array of numbers in order, where reading each member's
        // reference from its page was a cache miss per member at 100,000
        // pages. Only when a list's digest is first asked for: a build that
        // finds every card as recorded works out none.
        let members = MadeOnce {
            ConcurrentMap.map(Array(pages.indices), inRunsOf: 1024) { index -> UInt64 in
                var digest = Digest()
                digest.add(pages[index].reference)
                digest.add(Int(bitPattern: UInt(cards[index])))
                return digest.final
            }
        }
        source = Source(site: site, evidence: evidence, cards: cards, members: members, contents: contents, files: files,
                        templateDigests: templateDigests, graph: nil)
    }

    /// Citations need the link graph, known once the Markdown is rendered.
    func use(_ graph: LinkGraph) {
        source.graph = graph
        memo = memo.filter { !$0.key.hasPrefix(Self.citationPrefix) }
        for (number, citation) in isCitation.enumerated() where citation { previousDigests[number] = nil }
    }

    static let citationPrefix = "citations:"

    /// The digest now of a dependency the last build recorded, by its number.
    func digest(ofPrevious number: Int32) -> UInt64 {
        let number = Int(number)
        if let known = previousDigests[number] { return known }
        let value = digest(of: previousNames[number])
        previousDigests[number] = value
        return value
    }

    /// Works out, on every core, the digest now of each name the last build
    /// recorded that is not a citation (citations wait for the link graph),
    /// so that deciding which pages to render compares numbers: one by one,
    /// on one core, this was most of a one-file rebuild's plan.
    ///
    /// `citations`: the citations instead, once the graph is known. Returns
    /// the digest of every name of that kind, by number (0 for the others),
    /// for checking pages on every core.
    ///
    /// `cardsAsRecorded`: every page of the site is one the last build made,
    /// with the same card, and the site has the same other files. A page's,
    /// a list's, a URL's digest is then the one every record holds (after a
    /// build, each record's digests are that build's: a page whose
    /// dependency changed was rendered again), and only bodies and templates
    /// are worked out; the others are given as nil.
    func workOutPrevious(citations: Bool, cardsAsRecorded: Bool = false) -> [UInt64?] {
        let asked = { (number: Int) in
            self.isCitation[number] == citations && (citations || !cardsAsRecorded || self.isBodyOrTemplate[number])
        }
        let missing = previousNames.indices.filter { asked($0) && previousDigests[$0] == nil }
        if missing.count > 1 {
            let computed = snapshot().digestsOnAllCores(missing.map { previousNames[$0] })
            for (number, digest) in zip(missing, computed) { previousDigests[number] = digest }
        }
        return previousNames.indices.map { number in
            isCitation[number] != citations ? 0 : asked(number) ? digest(ofPrevious: Int32(number)) : nil
        }
    }

    func digest(of name: String) -> UInt64 {
        if let known = memo[name] { return known }
        let value = source.compute(name)
        memo[name] = value
        return value
    }

    /// What the digests are worked out from, and those already known, read-only:
    /// for working many out at once on every core.
    func snapshot() -> Snapshot { Snapshot(source: source, memo: memo) }

    struct Snapshot: Sendable {
        fileprivate let source: Source
        fileprivate let memo: [String: UInt64]

        /// The digests of many names, those not yet known worked out on every core.
        func digestsOnAllCores(_ names: [String]) -> [UInt64] {
            // A clean build knows none yet: hashing each of its names to
            // find that out was a pass over hundreds of thousands of strings.
            let known = memo.isEmpty ? [UInt64?](repeating: nil, count: names.count) : names.map { memo[$0] }
            let missing = names.indices.filter { known[$0] == nil }
            let source = self.source
            // A list's digest (a kind's pages, a term's, a folder's) costs as
            // much as the site is large, and names in the order of first use
            // put the lists together (every page's first names are lists), so
            // in runs they fell to one core: each is handed out alone, first,
            // and the rest in runs.
            // Told apart on every core, in one pass: a clean build of 100,000
            // pages has hundreds of thousands of names, scattered in memory.
            let isList = ConcurrentMap.map(missing, inRunsOf: 4096) { Source.isList(names[$0]) }
            var lists: [Int] = [], rest: [Int] = []
            rest.reserveCapacity(missing.count)
            for (index, list) in zip(missing, isList) {
                if list { lists.append(index) } else { rest.append(index) }
            }
            // The lists' members made first, on every core, not by the first
            // list's task while the others wait for them.
            if !lists.isEmpty { _ = source.members.value }
            let jobs = lists.map { [$0] } + ConcurrentMap.runs(rest.count, size: 256).map { Array(rest[$0]) }
            let computed = ConcurrentMap.map(jobs) { job in job.map { source.compute(names[$0]) } }
            var digests = known.map { $0 ?? 0 }
            for (job, values) in zip(jobs, computed) {
                for (index, digest) in zip(job, values) { digests[index] = digest }
            }
            return digests
        }
    }
}

/// The index, the evidence, the graph and the digests of cards, contents and
/// templates: everything a dependency's digest is worked out from.
private struct Source: Sendable {
    let site: SiteIndex
    let evidence: EvidenceIndex
    let cards: [UInt64]
    /// Each page's reference and card, digested: what a list is made of.
    let members: MadeOnce<[UInt64]>
    let contents: [UInt64]
    let files: Set<String>
    let templateDigests: [String: UInt64]
    var graph: LinkGraph?

    /// Whether the name is of a list, whose digest takes a walk of the site.
    static func isList(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return true }
        let kind = utf8[..<colon]
        return kind.elementsEqual("kind".utf8) || kind.elementsEqual("term".utf8) || kind.elementsEqual("chapters".utf8)
            || kind.elementsEqual("folder".utf8)
    }

    func compute(_ name: String) -> UInt64 {
        guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) else {
            switch name {
            case DependencyName.matrix: return matrixDigest()
            case DependencyName.everyPage: return listDigest(site.pages.indices.map { $0 })
            default: return DependencyDigests.absent
            }
        }
        let kind = name[..<colon], value = String(name[name.utf8.index(after: colon)...])
        switch kind {
        case "ref": return site.indexOfPage(reference: value).map { cards[$0] } ?? DependencyDigests.absent
        case "src": return site.indexOfPage(sourcePath: value).map { cards[$0] } ?? DependencyDigests.absent
        case "url":
            if let index = site.indexOfPage(url: value) ?? site.indexOfPage(url: value.hasSuffix("/") ? value : value + "/") { return cards[index] }
            return files.contains(String(value.drop { $0 == "/" })) ? DependencyDigests.file : DependencyDigests.absent
        case "template": return templateDigests[value] ?? DependencyDigests.absent
        case "body": return site.indexOfPage(reference: value).map { contents[$0] } ?? DependencyDigests.absent
        case "kind": return PageKind(rawValue: value).map { listDigest(site.indicesOfPages(ofKind: $0)) } ?? DependencyDigests.absent
        case "term":
            let parts = value.split(separator: "/", maxSplits: 1).map(String.init)
            return parts.count == 2 ? listDigest(site.indicesOfPages(withTerm: parts[1], in: parts[0])) : DependencyDigests.absent
        case "chapters": return listDigest(of: site.chapters(of: value))
        case "folder": return listDigest(site.indicesOfPages(inFolder: value))
        case "related":
            guard let index = site.indexOfPage(reference: value) else { return DependencyDigests.absent }
            return listDigest(of: evidence.related(to: site.pages[index]))
        case "citations":
            guard let graph else { return DependencyDigests.absent }
            return listDigest(graph.citingPlaces(value))
        default:
            return DependencyDigests.absent
        }
    }

    private func listDigest(of pages: [Page]) -> UInt64 {
        listDigest(pages.compactMap { site.indexOfPage(reference: $0.reference) })
    }

    /// The members in order, each with its card.
    private func listDigest(_ indices: [Int]) -> UInt64 {
        var digest = Digest()
        digest.add(indices.count)
        let members = self.members.value
        for index in indices { digest.add(Int(bitPattern: UInt(members[index]))) }
        return digest.final
    }

    private func matrixDigest() -> UInt64 {
        guard let matrix = evidence.storedMatrix else { return DependencyDigests.absent }
        var digest = Digest()
        for (row, cells) in zip(matrix.cells, evidence.cellIndices) {
            for (cell, members) in zip(row, cells) {
                digest.add(cell.row.id + "×" + cell.column.id)
                digest.add(Int(bitPattern: UInt(listDigest(members))))
            }
        }
        return digest.final
    }
}
