/// Which pages link to which: the site's link graph, from every resolved link in
/// every page's Markdown. It answers "Cited in" (back-links).
public struct LinkGraph: Sendable {
    /// Target reference → the references of pages linking to it, sorted.
    private let incoming: [String: [String]]

    public static let empty = LinkGraph(incoming: [:])

    init(incoming: [String: [String]]) {
        self.incoming = incoming
    }

    public init(links: [(from: String, links: [ResolvedLink])]) {
        var incoming: [String: Set<String>] = [:]
        for (source, resolved) in links {
            for link in resolved {
                guard case .page(let target, _) = link.target, target != source else { continue }
                incoming[target, default: []].insert(source)
            }
        }
        self.incoming = incoming.mapValues { $0.sorted() }
    }

    /// From each page's outgoing page links, by reference.
    init(outgoing: [(from: String, to: [String])]) {
        var incoming: [String: Set<String>] = [:]
        for (source, targets) in outgoing {
            for target in targets where target != source { incoming[target, default: []].insert(source) }
        }
        self.incoming = incoming.mapValues { $0.sorted() }
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
        return incoming[reference] ?? []
    }

    /// The same, recording nothing: for working out what changed.
    func citing(_ reference: String) -> [String] { incoming[reference] ?? [] }
}
