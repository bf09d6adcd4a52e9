import Foundation
import Synchronization

/// Structured concurrency over a collection: one task per core, each taking
/// the next small batch of items until none is left, so that a few costly
/// items (a term page listing thousands) do not leave one core working while
/// the others wait. Results come back in the input's order.
enum Parallel {
    static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element], progress: (@Sendable (Int) -> Void)? = nil, _ transform: @escaping @Sendable (Element) throws -> Result
    ) async throws -> [Result] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count))
        guard workers > 1 else {
            var results: [Result] = []
            for item in items {
                results.append(try transform(item))
                if results.count % 32 == 0 { progress?(results.count) }
            }
            progress?(items.count)
            return results
        }
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
                        let end = min(start + batch, items.count)
                        for index in start..<end { done.append((index, try transform(items[index]))) }
                        if let progress { progress(cursor.finished(end - start)) }
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
        private let done = Atomic<Int>(0)

        /// How many items are done, these included.
        func finished(_ count: Int) -> Int {
            done.wrappingAdd(count, ordering: .relaxed).newValue
        }

        /// The first index of the next batch.
        func take(_ count: Int) -> Int {
            next.wrappingAdd(count, ordering: .relaxed).oldValue
        }
    }
}
