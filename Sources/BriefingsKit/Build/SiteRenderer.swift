import Foundation

/// How long one page took to lay out, for `--verbose`.
public struct PageTiming: Sendable {
    public var url: String
    public var seconds: Double
}

/// A page laid out by its template: which page, and where it is written.
public struct RenderedPage: Sendable {
    public var page: Page
    public var outputPath: String
}

/// Structured concurrency over a collection, in chunks (one task per core, not
/// per item), returning results in the input's order.
enum Parallel {
    static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element], _ transform: @escaping @Sendable (Element) throws -> Result
    ) async throws -> [Result] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count))
        guard workers > 1 else { return try items.map(transform) }
        let chunkSize = (items.count + workers - 1) / workers
        return try await withThrowingTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: items.count, by: chunkSize) {
                let chunk = Array(items[start..<min(start + chunkSize, items.count)])
                group.addTask { (start, try chunk.map(transform)) }
            }
            var parts: [(Int, [Result])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
