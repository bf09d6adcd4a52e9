import Foundation
import Dispatch

/// `map` across all cores for synchronous work (reading and parsing files),
/// keeping the input's order. Each index is written by exactly one worker, so
/// the shared buffer needs no lock.
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
        let workers = min(items.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        let chunk = (items.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let start = worker * chunk
            guard start < items.count else { return }
            for index in start..<min(start + chunk, items.count) { output[index] = transform(items[index]) }
        }
        return buffer.map { $0! }
    }
}
