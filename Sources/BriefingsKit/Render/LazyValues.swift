import Mustache

/// Values for Mustache that are worked out when a template first asks for
/// them, then kept. An absent value (nil) is left absent, so that Mustache
/// looks further up its context, as with a dictionary that lacks the key.
///
/// A struct over a class: Mustache casts every object it looks a name up in,
/// several times per name, and the Swift runtime casts a class instance held
/// in `Any` about half again as slowly as a small struct.
struct LazyValues: MustacheParent {
    private final class Store {
        var thunks: [String: () -> Any?] = [:]
        var known: [String: Any] = [:]
        /// Names whose thunk gave nothing.
        var absent: Set<String> = []
    }

    private let store = Store()

    init() {}

    /// Starts from values already worked out (the dictionary is taken as it is).
    init(_ values: [String: Any]) {
        store.known = values
    }

    subscript(name: String) -> (() -> Any?)? {
        get { store.thunks[name] }
        nonmutating set { store.thunks[name] = newValue }
    }

    func child(named name: String) -> Any? {
        if let value = store.known[name] { return value }
        guard let thunk = store.thunks[name], !store.absent.contains(name) else { return nil }
        if let value = thunk() {
            store.known[name] = value
            return value
        }
        store.absent.insert(name)
        return nil
    }
}
