@testable import BriefingsKit
import Foundation
import Testing

/// The output folders' manifests, read while the build plans its pages: one
/// read ahead must never stand in for a file that changed since.
@Suite struct ManifestsAheadTests {
    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private func manifest(_ paths: [String]) -> Manifest {
        Manifest(entries: Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, Manifest.Entry(digest: UInt64($0 + 1), ours: true)) }))
    }

    @Test func aManifestReadAheadStandsOnlyWhileItsFileIsUnchanged() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = manifest(["index.html", "case-studies/kent/index.html"])
        try first.write(to: folder)
        let ahead = ManifestsAhead.Stamped(reading: folder)
        #expect(ahead.current(in: folder) == first)

        // Written again since (another build, or a hand): read again, not reused.
        try manifest(["index.html"]).write(to: folder)
        #expect(ahead.current(in: folder) == nil)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(OutputFolder.manifestName))
        #expect(ahead.current(in: folder) == nil)
    }

    @Test func aFolderWithoutAManifestGivesNothingToReuse() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let read = await OutputFolder(target: folder).readManifestsAhead().task.value
        #expect(read.published.manifest == nil && read.published.current(in: folder) == nil)
        // A manifest made after the read ahead is read when staging begins.
        try manifest(["index.html"]).write(to: folder)
        #expect(read.published.current(in: folder) == nil)
        #expect(read.spare.current(in: OutputFolder(target: folder).spare) == nil)
    }
}
