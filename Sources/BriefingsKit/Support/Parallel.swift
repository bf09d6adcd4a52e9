import Foundation
import Synchronization

/// Structured concurrency over a collection: one task per core, each taking
/// the next small batch of items until none is left, so that a few costly
/// items (a term page listing thousands) do not leave one core working while
/// the others wait. Results come back in the input's order.
enum Parallel {
    static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element], _ transform: @escaping @Sendable (Element) throws -> Result
    ) async throws -> [Result] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count))
        guard workers > 1 else { return try items.map(transform) }
        // Small enough to even out the end, large enough that taking a batch costs nothing.
        let batch = max(1, min(32, items.count / (workers * 32)))
        let cursor = Cursor()
        return try await withThrowingTaskGroup(of: [(Int, Result)].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, Result)] = []
                    while true {
                        try Task.checkCancellation()
                        let start = cursor.take(batch)
                        guard start < items.count else { return done }
                        for index in start..<min(start + batch, items.count) { done.append((index, try transform(items[index]))) }
                    }
                }
            }
            var slots = [Result?](repeating: nil, count: items.count)
            for try await part in group {
                for (index, result) in part { slots[index] = result }
            }
            // Every index below the count was taken by exactly one worker.
            return slots.map { $0! }
        }
    }

    private final class Cursor: Sendable {
        private let next = Atomic<Int>(0)

        /// The first index of the next batch.
        func take(_ count: Int) -> Int {
            next.wrappingAdd(count, ordering: .relaxed).oldValue
        }
    }
}
