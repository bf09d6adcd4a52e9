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
        // Each result goes straight to its slot, written by the one worker
        // that took its index, and is moved out at the end: gathered through
        // the workers' lists, each was copied twice and freed twice, on the
        // one task that waits for them all.
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
        slots.initialize(repeating: nil)
        nonisolated(unsafe) let output = slots
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<workers {
                    group.addTask {
                        while true {
                            try Task.checkCancellation()
                            let start = cursor.take(batch)
                            guard start < items.count else { return }
                            let end = min(start + batch, items.count)
                            for index in start..<end { output[index] = try transform(items[index]) }
                            if let progress { progress(cursor.finished(end - start)) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            slots.deinitialize()
            slots.deallocate()
            throw error
        }
        defer { slots.deallocate() }
        // Every index below the count was taken by exactly one worker.
        return (0..<items.count).map { index in (slots.baseAddress! + index).move()! }
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
