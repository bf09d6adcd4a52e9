import Foundation
import Dispatch

/// `map` across all cores for synchronous work (reading and parsing files),
/// keeping the input's order. Each index is written by exactly one iteration,
/// so the shared buffer needs no lock.
enum ConcurrentMap {
    static func map<Element: Sendable, Result: Sendable>(_ items: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        let buffer = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
        buffer.initialize(repeating: nil)
        defer {
            buffer.deinitialize()
            buffer.deallocate()
        }
        nonisolated(unsafe) let output = buffer
        // One iteration per item: each core takes the next item when done, so
        // a few dear items (a list page's thousands of links) do not all fall
        // to one core.
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            output[index] = transform(items[index])
        }
        return buffer.map { $0! }
    }

    /// `map` on every core a run of items at a time, for work so small per
    /// item that handing each out alone would cost more than doing it.
    static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element], inRunsOf size: Int, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        map(runs(items.count, size: size)) { run in run.map { transform(items[$0]) } }.flatMap { $0 }
    }

    /// `0..<count` cut into consecutive runs of `size` (the last may be shorter).
    static func runs(_ count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(1, size)).map { $0..<min($0 + max(1, size), count) }
    }

    /// Two independent pieces of work at once, for the serial stretches
    /// between phases.
    static func both<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        nonisolated(unsafe) var one: First?
        nonisolated(unsafe) var two: Second?
        DispatchQueue.concurrentPerform(iterations: 2) { which in
            if which == 0 { one = first() } else { two = second() }
        }
        // concurrentPerform returns once both iterations have run.
        guard let one, let two else { preconditionFailure("concurrentPerform skipped an iteration") }
        return (one, two)
    }
}
