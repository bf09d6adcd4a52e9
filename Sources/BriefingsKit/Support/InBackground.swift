import Foundation
import Synchronization

/// A value made on a thread of its own, begun at once, for work that can run
/// beside what the caller does next (the caller's own work may take every
/// core through `ConcurrentMap`, so this does not wait for a free worker).
/// `value` waits for it.
final class InBackground<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let made = Mutex<Value?>(nil)

    init(_ make: @escaping @Sendable () -> Value) {
        Thread { [self] in
            let value = make()
            made.withLock { $0 = value }
            done.signal()
        }.start()
    }

    var value: Value {
        done.wait()
        // Signalled once: let the next reader through too.
        done.signal()
        guard let value = made.withLock({ $0 }) else { preconditionFailure("signalled before the value was made") }
        return value
    }
}
