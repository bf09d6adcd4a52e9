import Mustache

/// Values for Mustache that are worked out when a template first asks for
/// them, then kept. An absent value (nil) is left absent, so that Mustache
/// looks further up its context, as with a dictionary that lacks the key.
final class LazyValues: MustacheParent {
    private var thunks: [String: () -> Any?] = [:]
    private var known: [String: Any?] = [:]

    init() {}

    /// Starts from values already worked out.
    init(_ values: [String: Any]) {
        for (name, value) in values { known[name] = .some(value) }
    }

    subscript(name: String) -> (() -> Any?)? {
        get { thunks[name] }
        set { thunks[name] = newValue }
    }

    func child(named name: String) -> Any? {
        if let value = known[name] { return value }
        guard let thunk = thunks[name] else { return nil }
        let value = thunk()
        known[name] = .some(value)
        return value
    }
}
