import Foundation

/// Values by place, each taken by the one task that `ConcurrentMap` or
/// `Parallel.map` hands that place to: the task holds the only reference, so
/// the value is freed there. No lock, because no two tasks ever take the same
/// place; a caller must keep it so.
final class TakeOnce<Value>: @unchecked Sendable {
    private let values: UnsafeMutableBufferPointer<Value?>

    /// Takes `values` over, leaving the array empty: moved, not copied (a
    /// copy would retain every value, on one core, only to release it).
    init(_ values: inout [Value?]) {
        let taken = UnsafeMutableBufferPointer<Value?>.allocate(capacity: values.count)
        values.withUnsafeMutableBufferPointer { source in
            _ = taken.moveInitialize(fromContentsOf: source)
            source.initialize(repeating: nil)
        }
        self.values = taken
        values = []
    }

    deinit {
        values.deinitialize()
        values.deallocate()
    }

    func take(_ place: Int) -> Value? {
        guard values.indices.contains(place) else { return nil }
        var taken: Value?
        swap(&taken, &values[place])
        return taken
    }
}

/// Values handed out once each, from several tasks at once: the task that
/// takes one holds the only reference, so it is freed as soon as that task is
/// done with it. Used for pages' Markdown, by source path, which would
/// otherwise be held until the end of the build.
final class HandOut<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value]

    init(_ values: [Key: Value]) {
        self.values = values
    }

    func take(_ key: Key) -> Value? {
        lock.withLock { values.removeValue(forKey: key) }
    }
}
