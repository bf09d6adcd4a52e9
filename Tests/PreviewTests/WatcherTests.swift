import Foundation
@testable import Preview
import Testing

/// The file watcher on a real temporary folder: inotify, and the polling
/// fallback, each reporting changes in debounced batches.
@Suite struct WatcherTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("case-studies"), withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: [false, true])
    func editsCreationsDeletionsAndNewFoldersAreReported(polling: Bool) async throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("one".utf8).write(to: root.appendingPathComponent("case-studies/kent.md"))
        let watcher = FileWatcher(folders: [root], debounce: 0.1, polling: polling)
        let stream = watcher.changes()
        var iterator = stream.makeAsyncIterator()
        try await Task.sleep(nanoseconds: 400_000_000)

        // Several quick writes to one file are one batch.
        for text in ["two", "three", "four"] {
            try Data(text.utf8).write(to: root.appendingPathComponent("case-studies/kent.md"))
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let edit = try #require(await iterator.next())
        #expect(edit.contains { $0.hasSuffix("case-studies/kent.md") })

        // A new folder, then a file inside it.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("briefings"), withIntermediateDirectories: true)
        try await Task.sleep(nanoseconds: 400_000_000)
        try Data("new".utf8).write(to: root.appendingPathComponent("briefings/new.md"))
        var seen: Set<String> = []
        while !seen.contains(where: { $0.hasSuffix("briefings/new.md") }) {
            guard let batch = await iterator.next() else { break }
            seen.formUnion(batch)
        }
        #expect(seen.contains { $0.hasSuffix("briefings/new.md") })

        try FileManager.default.removeItem(at: root.appendingPathComponent("case-studies/kent.md"))
        let deletion = try #require(await iterator.next())
        #expect(deletion.contains { $0.hasSuffix("case-studies/kent.md") })
    }

    @Test func editorSwapFilesAreIgnored() {
        #expect(!FileWatcher.isRelevant("/x/.kent.md.swp"))
        #expect(!FileWatcher.isRelevant("/x/kent.md~"))
        #expect(!FileWatcher.isRelevant("/x/4913"))
        #expect(FileWatcher.isRelevant("/x/kent.md"))
        #expect(FileWatcher.isRelevant("/x/style.css"))
    }
}
