import CFileSystem
import Foundation

/// Where a build assembles the site before it is published: either a fresh
/// folder, or the spare (the site as it was two builds ago), brought up to
/// date by writing only the files that differ. Nothing here touches the
/// published folder until `publish`, which swaps the two in one step; the old
/// site then becomes the spare for the next build.
public final class StagingFolder: @unchecked Sendable {
    public let url: URL
    let target: URL
    let spare: URL
    /// What the folder held when the build began.
    private let existing: Manifest
    /// What the published folder held, by its manifest, when the build began.
    private let published: Manifest
    /// Others' files in the published folder, if looked for ahead: while the
    /// build plans and lays out its pages, where a core is often idle,
    /// rather than with both cores when it publishes. A file someone puts
    /// there after that and before the swap is not seen: the swap takes it
    /// into the spare, and later builds may move it between the two folders
    /// (never deleting it), as one put there during the last milliseconds
    /// before the swap already could be.
    private let publishedOthers: InBackground<[String]>?
    /// Whether the folder is the spare (an old site, whose files may be hard
    /// links into the published one) rather than one this build made.
    private let reusesSpare: Bool
    /// What it will hold. Guarded by `lock`: pages are written from several tasks.
    private var entries: [String: Manifest.Entry] = [:]
    /// How many of `entries` the folder held when the build began: when
    /// all of them, nothing is left to remove.
    private var entriesExisting = 0
    /// How many times `entries` was changed: a manifest encoded before the
    /// last checks is the one to write if none changed it.
    private var changes = 0
    private let lock = NSLock()
    private var createdFolders: Set<String> = [""]
    /// `url.path`, made once: a URL's path is worked out anew on every call,
    /// and every file of the site is written by its path.
    private let path: String

    init(url: URL, target: URL, spare: URL, existing: Manifest, published: Manifest,
         publishedOthers: InBackground<[String]>? = nil) {
        self.url = url
        self.target = target
        self.spare = spare
        self.existing = existing
        self.published = published
        self.publishedOthers = publishedOthers
        reusesSpare = url == spare
        path = url.path
        entries.reserveCapacity(existing.entries.count)
    }

    /// Every path the new site will hold, so far.
    public var writtenPaths: [String] { lock.withLock { entries.filter(\.value.ours).keys.sorted() } }

    /// The digests of Briefings' files in the new site.
    var ourDigests: [String: UInt64] { lock.withLock { entries.filter(\.value.ours).mapValues(\.digest) } }

    /// Writes one file of the site, unless the folder already holds these bytes.
    /// `relativePath` uses `/` and never climbs out (URLs were checked when planned).
    public func write(_ data: Data, to relativePath: String) throws {
        _ = try data.withUnsafeBytes { try write(bytes: $0, to: relativePath) }
    }

    /// Returns the text's digest, as the manifest records it.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> UInt64 {
        var text = text
        return try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0), to: relativePath) }
    }

    @discardableResult
    private func write(bytes: UnsafeRawBufferPointer, to relativePath: String) throws -> UInt64 {
        let digest = Digest.of(bytes: bytes)
        let held = existing.entries[relativePath]
        if held != Manifest.Entry(digest: digest, ours: true) {
            try makeParent(of: relativePath)
            let path = self.path + "/" + relativePath
            // Never write through a file: it may be a hard link into the published
            // site. A folder made by this build holds none to begin with.
            if reusesSpare { unlink(path) }
            try FileTree.write(bytes, to: path)
        }
        record(relativePath, Manifest.Entry(digest: digest, ours: true), held: held != nil)
        return digest
    }

    /// Copies a static file.
    public func copy(_ source: URL, to relativePath: String) throws {
        let data = try Data(contentsOf: source)
        try write(data, to: relativePath)
    }

    /// A file this build did not make again, whose bytes are in the published
    /// site with this digest: brought into the new site from there, if the
    /// folder does not already hold those bytes.
    func keep(_ relativePath: String, digest: UInt64) throws {
        let held = try bringIn(relativePath, digest: digest)
        record(relativePath, Manifest.Entry(digest: digest, ours: true), held: held)
    }

    /// `keep` for many files: each brought in on every core, then all noted
    /// at once (an incremental build keeps nearly every page of the site).
    func keep(_ files: [(path: String, digest: UInt64)]) throws {
        let outcomes = ConcurrentMap.map(files, inRunsOf: 512) { file -> Result<Bool, Error> in
            Result { try self.bringIn(file.path, digest: file.digest) }
        }
        lock.withLock {
            for (file, outcome) in zip(files, outcomes) {
                guard case .success(let held) = outcome else { continue }
                if entries.updateValue(Manifest.Entry(digest: file.digest, ours: true), forKey: file.path) == nil, held {
                    entriesExisting += 1
                }
                changes += 1
            }
        }
        for case .failure(let error) in outcomes { throw error }
    }

    /// Links the published file into the folder unless it holds those bytes
    /// already; whether it held a file at that path.
    private func bringIn(_ relativePath: String, digest: UInt64) throws -> Bool {
        let held = existing.entries[relativePath]
        if held != Manifest.Entry(digest: digest, ours: true) {
            try makeParent(of: relativePath)
            let path = self.path + "/" + relativePath
            if reusesSpare { unlink(path) }
            if link(target.path + "/" + relativePath, path) != 0 {
                try FileManager.default.copyItem(atPath: target.path + "/" + relativePath, toPath: path)
            }
        }
        return held != nil
    }

    /// Notes a file of the new site; `held`: the folder held one at that path.
    private func record(_ relativePath: String, _ entry: Manifest.Entry, held: Bool) {
        lock.withLock {
            if entries.updateValue(entry, forKey: relativePath) == nil, held { entriesExisting += 1 }
            changes += 1
        }
    }

    private func makeParent(of relativePath: String) throws {
        let folder = RelativePath.folder(of: relativePath)
        let known = lock.withLock { createdFolders.contains(folder) }
        guard !known else { return }
        try FileTree.makeFolder(path + "/" + folder)
        lock.withLock { _ = createdFolders.insert(folder) }
    }

    /// Publishes the staged site: carries over every file of the published
    /// folder that Briefings did not write, removes what the new site no longer
    /// has, then swaps the folders atomically; the old site becomes the spare.
    /// Throws, leaving the published folder untouched, when a file Briefings did
    /// not write is in the way and `force` is off. `unchangedSince`: when the
    /// published manifest is the one the last build wrote, its modification
    /// time (see `PublishedListing`).
    public func publish(force: Bool, unchangedSince: Int? = nil) throws {
        let fileManager = FileManager.default
        // The manifest is encoded (its thousands of paths sorted) on a thread
        // of its own while the published folder is looked over for others'
        // files, which changes it only when some are carried over.
        let (staged, changesBefore) = lock.withLock { (entries, changes) }
        let encoding = InBackground { Manifest(entries: staged).encoded() }
        try carryOverForeignFiles(force: force, unchangedSince: unchangedSince)
        removeStale()
        let (now, changesAfter) = lock.withLock { (entries, changes) }
        try Manifest.write(changesAfter == changesBefore ? encoding.value : Manifest(entries: now).encoded(), to: url)
        guard fileManager.fileExists(atPath: target.path) else {
            try fileManager.moveItem(at: url, to: target)
            return
        }
        if briefings_exchange_paths(url.path, target.path) == 0 {
            if url != spare {
                try? fileManager.removeItem(at: spare)
                try? fileManager.moveItem(at: url, to: spare)
            }
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
        try? fileManager.removeItem(at: spare)
        try? fileManager.moveItem(at: previous, to: spare)
    }

    /// Links every file of the published folder that Briefings did not write
    /// into the new site, and makes again every empty folder someone made
    /// there, so the swap keeps them.
    private func carryOverForeignFiles(force: Bool, unchangedSince: Int?) throws {
        guard FileManager.default.fileExists(atPath: target.path) else { return }
        var conflicts: [String] = []
        // Only the files that are not ours are sorted (for the order of the
        // report): they are few, and the site's own are every page.
        let others = publishedOthers?.value ?? PublishedListing.otherFiles(in: target.path, manifest: published, unchangedSince: unchangedSince)
        guard !others.isEmpty else { return }
        // Looked up in the table of what the new site holds, not in a set
        // made of it: a set of every path was a millisecond at 10,000 pages.
        let staged = lock.withLock { entries }
        let generated = { (path: String) in staged.index(forKey: path) != nil }
        for relative in others.sorted() {
            if generated(relative) {
                if !force { conflicts.append(relative) }
                continue
            }
            if relative.hasSuffix("/") {
                // An empty folder someone made: made again, and listed as theirs,
                // unless the new site has a file where it is.
                let folder = String(relative.dropLast())
                if generated(folder) {
                    if !force { conflicts.append(folder) }
                    continue
                }
                try FileTree.makeFolder(path + "/" + folder)
                record(relative, Manifest.Entry(digest: 0, ours: false), held: existing.entries[relative] != nil)
                continue
            }
            let source = target.path + "/" + relative
            let destination = path + "/" + relative
            var sourceInfo = stat(), destinationInfo = stat()
            let same = lstat(source, &sourceInfo) == 0 && lstat(destination, &destinationInfo) == 0
                && sourceInfo.st_ino == destinationInfo.st_ino && sourceInfo.st_dev == destinationInfo.st_dev
            if !same {
                try makeParent(of: relative)
                unlink(destination)
                if link(source, destination) != 0 { try FileManager.default.copyItem(atPath: source, toPath: destination) }
            }
            record(relative, Manifest.Entry(digest: 0, ours: false), held: existing.entries[relative] != nil)
        }
        if !conflicts.isEmpty { throw PublishConflict(paths: conflicts) }
    }

    /// Files the folder held that the new site does not: ours that are gone,
    /// and others' files that are no longer in the published folder.
    private func removeStale() {
        let (staged, allHeld) = lock.withLock { (entries, entriesExisting == existing.entries.count) }
        // Every file the folder held is in the new site (as after most edits).
        guard !allHeld else { return }
        let keep = { (path: String) in staged.index(forKey: path) != nil }
        var folders: Set<String> = []
        for path in existing.entries.keys where !keep(path) {
            // An empty folder's entry ends in `/`; rmdir leaves one that is not empty.
            if path.hasSuffix("/") { rmdir(self.path + "/" + path) } else { unlink(self.path + "/" + path) }
            folders.insert(RelativePath.folder(of: path))
        }
        // Folders left empty go too, deepest first; rmdir refuses non-empty ones.
        for folder in folders.sorted(by: { $0.count > $1.count }) where !folder.isEmpty {
            var current = folder
            while !current.isEmpty, !keep(current + "/"), rmdir(self.path + "/" + current) == 0 {
                current = RelativePath.folder(of: current)
            }
        }
    }

    /// Abandons the build: a fresh folder is removed; the spare, already changed,
    /// stays without a manifest and so is thrown away by the next build.
    public func discard() {
        if url != spare { try? FileManager.default.removeItem(at: url) }
    }
}

/// Files in the output folder that Briefings did not write but would overwrite.
public struct PublishConflict: Error, Sendable {
    public var paths: [String]
}
