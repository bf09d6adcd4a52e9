/// Which pages link to which: the site's link graph, from every resolved link in
/// every page's Markdown. It answers "Cited in" (back-links).
///
/// Pages are held by their place in the site's list of pages, not by reference:
/// at 100,000 pages, sets of reference strings per page made this the longest
/// stretch of a build on one core.
public struct LinkGraph: Sendable {
    /// Every page's reference, by place.
    private let references: [String]
    /// By a page's place: the places of the pages linking to it, in the order
    /// of their references.
    private let incoming: [[Int32]]
    /// Links to references that are not pages of the site (an earlier build's
    /// record of a page since removed), by the reference linked to.
    private let elsewhere: [String: [Int32]]
    private let place: @Sendable (String) -> Int?

    public static let empty = LinkGraph(outgoing: [], references: [], place: { _ in nil })

    /// From each page's outgoing page links (by reference), given by the
    /// page's place; `place` finds a page's place from its reference.
    init(outgoing: [[String]], references: [String], place: @escaping @Sendable (String) -> Int?) {
        self.references = references
        self.place = place
        let count = references.count
        // The targets' places, looked up on every core.
        let resolved = ConcurrentMap.map(outgoing, inRunsOf: 2048) { targets in targets.map { place($0).map(Int32.init) ?? -1 } }
        var lists = [[Int32]](repeating: [], count: count)
        var elsewhere: [String: [Int32]] = [:]
        for (source, targets) in resolved.enumerated() {
            for (offset, target) in targets.enumerated() {
                if target >= 0 {
                    if Int(target) != source { lists[Int(target)].append(Int32(source)) }
                } else {
                    let reference = outgoing[source][offset]
                    if reference != references[source] { elsewhere[reference, default: []].append(Int32(source)) }
                }
            }
        }
        // Each list in the order of its pages' references, each page once.
        let ordered: @Sendable ([Int32]) -> [Int32] = { list in
            guard list.count > 1 else { return list }
            let sorted = list.sorted { references[Int($0)] < references[Int($1)] }
            var once: [Int32] = []
            once.reserveCapacity(sorted.count)
            for place in sorted where place != once.last { once.append(place) }
            return once
        }
        incoming = ConcurrentMap.map(lists, inRunsOf: 2048, ordered)
        self.elsewhere = elsewhere.mapValues(ordered)
    }

    /// From every page's resolved links (a site of these pages alone).
    public init(links: [(from: String, links: [ResolvedLink])]) {
        var references = links.map(\.from)
        var places: [String: Int] = [:]
        for (index, reference) in references.enumerated() where places[reference] == nil { places[reference] = index }
        var outgoing = links.map { LinkGraph.targets(of: $0.links, from: $0.from) }
        // Pages linked to but not listed are places of their own.
        for targets in outgoing {
            for target in targets where places[target] == nil {
                places[target] = references.count
                references.append(target)
                outgoing.append([])
            }
        }
        let table = places
        self.init(outgoing: outgoing, references: references, place: { table[$0] })
    }

    /// The references a page's links point to (other pages only), for the cache.
    static func targets(of links: [ResolvedLink], from source: String) -> [String] {
        var seen: Set<String> = []
        var targets: [String] = []
        // By index: binding each link would copy all its fields.
        for index in links.indices {
            guard case .page(let target, _) = links[index].target, target != source, seen.insert(target).inserted else { continue }
            targets.append(target)
        }
        return targets
    }

    /// The pages that link to this one, by reference, in a stable order.
    public func citations(of reference: String) -> [String] {
        DependencyRecorder.key(DependencyName.citations(reference))
        return citingPlaces(reference).map { references[$0] }
    }

    /// The places of the pages linking to a reference, recording nothing: for
    /// working out what changed.
    func citingPlaces(_ reference: String) -> [Int] {
        if let target = place(reference), target < incoming.count { return incoming[target].map(Int.init) }
        return (elsewhere[reference] ?? []).map(Int.init)
    }
}
