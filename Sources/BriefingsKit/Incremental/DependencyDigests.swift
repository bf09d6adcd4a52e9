/// The current digest of each dependency name a page recorded, worked out from
/// this build's index. A page needs rendering again when any of its
/// dependencies' digests differs from the one it recorded.
final class DependencyDigests {
    /// A name that resolves to nothing (a missing page) has this digest, so that
    /// the page appearing later changes it.
    static let absent: UInt64 = 0
    /// A URL that is a file of the site but not a page (an asset).
    static let file: UInt64 = 1

    private let site: SiteIndex
    private let evidence: EvidenceIndex
    private let cards: [UInt64]
    private let contents: [UInt64]
    private let files: Set<String>
    private let templateDigests: [String: UInt64]
    private var graph: LinkGraph?
    private var memo: [String: UInt64] = [:]
    /// The last build's dependency names (`BuildState.dependencyNames`), and
    /// their digests in this build by number, worked out when first asked for.
    let previousNames: [String]
    /// Which of `previousNames` are citations, judged once the graph is known.
    let isCitation: [Bool]
    private var previousDigests: [UInt64?]

    /// `cards` and `contents` are per page, in `site.pages` order; `files` are
    /// the output's files that are not pages (assets, feeds).
    init(site: SiteIndex, evidence: EvidenceIndex, cards: [UInt64], contents: [UInt64], files: Set<String>,
         templateDigests: [String: UInt64], previousNames: [String] = []) {
        self.previousNames = previousNames
        isCitation = previousNames.map { $0.hasPrefix(Self.citationPrefix) }
        previousDigests = Array(repeating: nil, count: previousNames.count)
        self.templateDigests = templateDigests
        self.site = site
        self.evidence = evidence
        self.cards = cards
        self.contents = contents
        self.files = files
    }

    /// Citations need the link graph, known once the Markdown is rendered.
    func use(_ graph: LinkGraph) {
        self.graph = graph
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

    func digest(of name: String) -> UInt64 {
        if let known = memo[name] { return known }
        let value = compute(name)
        memo[name] = value
        return value
    }

    private func compute(_ name: String) -> UInt64 {
        guard let colon = name.firstIndex(of: ":") else {
            switch name {
            case DependencyName.matrix: return matrixDigest()
            case DependencyName.everyPage: return listDigest(site.pages.indices.map { $0 })
            default: return Self.absent
            }
        }
        let kind = name[..<colon], value = String(name[name.index(after: colon)...])
        switch kind {
        case "ref": return site.indexOfPage(reference: value).map { cards[$0] } ?? Self.absent
        case "src": return site.indexOfPage(sourcePath: value).map { cards[$0] } ?? Self.absent
        case "url":
            if let index = site.indexOfPage(url: value) ?? site.indexOfPage(url: value.hasSuffix("/") ? value : value + "/") { return cards[index] }
            return files.contains(String(value.drop { $0 == "/" })) ? Self.file : Self.absent
        case "template": return templateDigests[value] ?? Self.absent
        case "body": return site.indexOfPage(reference: value).map { contents[$0] } ?? Self.absent
        case "kind": return PageKind(rawValue: value).map { listDigest(site.indicesOfPages(ofKind: $0)) } ?? Self.absent
        case "term":
            let parts = value.split(separator: "/", maxSplits: 1).map(String.init)
            return parts.count == 2 ? listDigest(site.indicesOfPages(withTerm: parts[1], in: parts[0])) : Self.absent
        case "chapters": return listDigest(of: site.chapters(of: value))
        case "folder": return listDigest(of: site.pages(inFolder: value))
        case "related":
            guard let index = site.indexOfPage(reference: value) else { return Self.absent }
            return listDigest(of: evidence.related(to: site.pages[index]))
        case "citations":
            guard let graph else { return Self.absent }
            return listDigest(graph.citing(value).compactMap { site.indexOfPage(reference: $0) })
        default:
            return Self.absent
        }
    }

    private func listDigest(of pages: [Page]) -> UInt64 {
        listDigest(pages.compactMap { site.indexOfPage(reference: $0.reference) })
    }

    /// The members in order, each with its card.
    private func listDigest(_ indices: [Int]) -> UInt64 {
        var digest = Digest()
        digest.add(indices.count)
        for index in indices {
            digest.add(site.pages[index].reference)
            digest.add(Int(bitPattern: UInt(cards[index])))
        }
        return digest.final
    }

    private func matrixDigest() -> UInt64 {
        guard let matrix = evidence.storedMatrix else { return Self.absent }
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
