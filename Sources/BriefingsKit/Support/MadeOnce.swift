import Synchronization

/// A value made the first time it is asked for, then kept: for parts of the
/// index that only some templates use (related pages, the evidence matrix),
/// so that a site whose templates never ask does not pay for them, and a
/// build that lays out one page does not make them for ten thousand.
/// A task asking while another makes it waits for that one.
final class MadeOnce<Value: Sendable>: Sendable {
    private let made = Mutex<Value?>(nil)
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    var value: Value {
        made.withLock { stored in
            if let stored { return stored }
            let value = make()
            stored = value
            return value
        }
    }
}
