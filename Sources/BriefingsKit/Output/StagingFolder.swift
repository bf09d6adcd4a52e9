import CFileSystem
import Foundation

/// Where a build writes the site before it is published. Nothing here touches
/// the published folder until `publish`, which swaps the two in one step.
public final class StagingFolder: @unchecked Sendable {
    public let url: URL
    let target: URL
    /// Relative paths of every file written, for the manifest. Guarded by `lock`
    /// because pages are written from several tasks at once.
    private var written: Set<String> = []
    private let lock = NSLock()
    private var createdFolders: Set<String> = [""]

    init(url: URL, target: URL) {
        self.url = url
        self.target = target
    }

    public var writtenPaths: [String] { lock.withLock { written.sorted() } }

    /// Writes one file of the site. `relativePath` uses `/` and never climbs out
    /// (URLs were checked when planned).
    public func write(_ data: Data, to relativePath: String) throws {
        try makeParent(of: relativePath)
        try data.withUnsafeBytes { try FileTree.write($0, to: url.path + "/" + relativePath) }
        lock.withLock { _ = written.insert(relativePath) }
    }

    public func write(_ text: String, to relativePath: String) throws {
        try makeParent(of: relativePath)
        var text = text
        try text.withUTF8 { try FileTree.write(UnsafeRawBufferPointer($0), to: url.path + "/" + relativePath) }
        lock.withLock { _ = written.insert(relativePath) }
    }

    /// Copies a static file, hard-linking when it can (same bytes, no copy).
    public func copy(_ source: URL, to relativePath: String) throws {
        let destination = url.appendingPathComponent(relativePath)
        try makeParent(of: relativePath)
        if FileManager.default.fileExists(atPath: destination.path) { try FileManager.default.removeItem(at: destination) }
        try FileManager.default.copyItem(at: source, to: destination)
        lock.withLock { _ = written.insert(relativePath) }
    }

    private func makeParent(of relativePath: String) throws {
        let folder = (relativePath as NSString).deletingLastPathComponent
        let known = lock.withLock { createdFolders.contains(folder) }
        guard !known else { return }
        try FileTree.makeFolder(url.path + "/" + folder)
        lock.withLock { _ = createdFolders.insert(folder) }
    }

    /// Publishes the staged site: keeps every file in the old folder that
    /// Briefings did not write, then swaps the folders atomically and removes the
    /// old site. Throws, leaving the published folder untouched, when a file
    /// Briefings did not write is in the way and `force` is off.
    public func publish(force: Bool) throws {
        let paths = writtenPaths
        try Data((paths.joined(separator: "\n") + "\n").utf8).write(to: url.appendingPathComponent(OutputFolder.manifestName))
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: target.path) else {
            try fileManager.moveItem(at: url, to: target)
            return
        }
        try carryOverForeignFiles(generated: Set(paths), force: force)
        if briefings_exchange_paths(url.path, target.path) == 0 {
            try? fileManager.removeItem(at: url)
            return
        }
        // No atomic exchange here (not Linux, or the file system lacks it): two
        // renames, with the old site kept until the new one is in place.
        let previous = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).previous-\(getpid())")
        try fileManager.moveItem(at: target, to: previous)
        do {
            try fileManager.moveItem(at: url, to: target)
        } catch {
            try? fileManager.moveItem(at: previous, to: target)
            throw error
        }
        try? fileManager.removeItem(at: previous)
    }

    /// Links every file of the current folder that Briefings did not write into
    /// the staging folder, so the swap keeps it.
    private func carryOverForeignFiles(generated: Set<String>, force: Bool) throws {
        let manifest = target.appendingPathComponent(OutputFolder.manifestName)
        let ours: Set<String> = (try? String(contentsOf: manifest, encoding: .utf8))
            .map { Set($0.split(separator: "\n").map(String.init)) } ?? []
        var conflicts: [String] = []
        for relative in FileTree.files(under: target.path).sorted() {
            let item = target.appendingPathComponent(relative)
            if relative == OutputFolder.markerName || relative == OutputFolder.manifestName || ours.contains(relative) { continue }
            if generated.contains(relative) {
                if force { continue }
                conflicts.append(relative)
                continue
            }
            let destination = url.appendingPathComponent(relative)
            try makeParent(of: relative)
            if link(item.path, destination.path) != 0 {
                try FileManager.default.copyItem(at: item, to: destination)
            }
        }
        if !conflicts.isEmpty {
            throw PublishConflict(paths: conflicts.sorted())
        }
    }

    /// Removes the staging folder after a failed build.
    public func discard() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Files in the output folder that Briefings did not write but would overwrite.
public struct PublishConflict: Error, Sendable {
    public var paths: [String]
}
