import CFileSystem
import Foundation

/// The folder a build publishes into, and the rules that keep it safe: the
/// whole site is written to a staging folder beside it and swapped in only when
/// complete, so a failed or interrupted build leaves the old site as it was; the
/// folder is never one whose loss would hurt (the content, the templates, their
/// parent, `/`, the home folder); and files Briefings did not write are kept.
public struct OutputFolder: Sendable {
    public let target: URL
    /// Marks a folder as written by Briefings. Committed to git in the shipped
    /// `Output/` so a fresh clone can build into it.
    public static let markerName = ".briefings-output"
    /// The files Briefings wrote last time, one per line; the rest are not ours.
    public static let manifestName = ".briefings-manifest"
    static let markerText = """
        This folder is written by Briefings (`briefings build`). Each build replaces
        the files Briefings wrote (listed in .briefings-manifest) and keeps any other
        file. Remove this marker to stop Briefings writing here.

        """

    public init(target: URL) {
        self.target = target.standardizedFileURL
    }

    /// Why this folder must not be built into, if it must not. `protected` are the
    /// content and templates folders.
    public func refusal(protecting protected: [URL], force: Bool) -> Diagnostic? {
        let path = resolved(target)
        let location = SourceLocation(file: DisplayPath()(target))
        var dangerous: [(String, String)] = [("/", "the root folder")]
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { dangerous.append((resolved(URL(fileURLWithPath: home)), "your home folder")) }
        for folder in protected {
            dangerous.append((resolved(folder), "the folder \(DisplayPath()(folder))"))
            dangerous.append((resolved(folder.deletingLastPathComponent()), "the site's own folder"))
        }
        if let match = dangerous.first(where: { $0.0 == path }) {
            return .error("output.unsafe", "refusing to build into \(match.1)", at: location,
                          help: "choose an output folder of its own, such as Output/")
        }
        for folder in protected {
            let protectedPath = resolved(folder)
            if protectedPath.hasPrefix(path + "/") {
                return .error("output.unsafe", "the output folder contains \(DisplayPath()(folder)); building would replace it", at: location,
                              help: "choose an output folder of its own, such as Output/")
            }
            if path.hasPrefix(protectedPath + "/") {
                return .error("output.unsafe", "the output folder is inside \(DisplayPath()(folder)), where it would be read back as part of the site",
                              at: location, help: "choose an output folder outside it, such as Output/")
            }
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                return .error("output.not-folder", "the output path is a file, not a folder", at: location, help: "choose another --output")
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
            if !contents.isEmpty, !contents.contains(Self.markerName), !force {
                return .error("output.foreign", "the output folder is not empty and was not made by Briefings (it has no \(Self.markerName) file)",
                              at: location, help: "choose an empty or new folder, or pass --force to build into it (files already there are kept)")
            }
        }
        return nil
    }

    /// Starts reading the published folder's and the spare's manifests on
    /// another thread, for `beginStaging`: while the build plans its pages a
    /// core is free, and at 10,000 pages reading them on the build's own
    /// thread held up the start of rendering by some milliseconds.
    ///
    /// `unchangedSince`: as for `StagingFolder.publish`; when given, the
    /// published folder is also looked over for others' files ahead.
    func readManifestsAhead(unchangedSince: Int? = nil) -> ManifestsAhead {
        let target = self.target, spare = self.spare
        return ManifestsAhead(task: Task.detached {
            var published = ManifestsAhead.Stamped(reading: target)
            // On a thread of its own: staging begins without waiting for it.
            if let since = unchangedSince, let manifest = published.manifest {
                published.others = InBackground {
                    PublishedListing.otherFiles(in: target.path, manifest: manifest, unchangedSince: since)
                }
            }
            return ManifestsAhead.Read(published: published, spare: .init(reading: spare))
        })
    }

    /// The previous site, kept beside the output folder after each swap so the
    /// next build only has to change what changed: `.Output.spare`.
    public var spare: URL {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).spare")
    }

    /// Starts a build. When the spare holds a known earlier site (its manifest
    /// says what is in it), the build updates the spare; otherwise it starts an
    /// empty staging folder beside the target. Either way nothing touches the
    /// published folder until `publish`.
    ///
    /// `ahead`: the manifests as `readManifestsAhead` found them, each used
    /// only if its file is still the one read.
    func beginStaging(ahead: ManifestsAhead.Read? = nil) throws -> StagingFolder {
        let parent = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        removeStaleStaging(in: parent)
        let fileManager = FileManager.default
        let aheadPublished = ahead?.published.current(in: target)
        let published = aheadPublished ?? Manifest.read(from: target) ?? Manifest()
        let publishedOthers = aheadPublished == nil ? nil : ahead?.published.others
        if fileManager.fileExists(atPath: spare.appendingPathComponent(Self.markerName).path) {
            if var manifest = ahead?.spare.current(in: spare) ?? Manifest.read(from: spare) {
                // From here until the new manifest is written, the spare's contents
                // are not what any manifest says: a build that stops now leaves it
                // to be thrown away.
                try fileManager.removeItem(at: spare.appendingPathComponent(Self.manifestName))
                // Others' files put in the spare while it was the published
                // folder: the last build carried them over and listed them.
                // They are in the spare too, so one deleted from the published
                // folder since is deleted from the spare, not brought back.
                for (path, entry) in published.entries where !entry.ours && manifest.entries[path] == nil {
                    manifest.entries[path] = entry
                }
                return StagingFolder(url: spare, target: target, spare: spare, existing: manifest, published: published,
                                     publishedOthers: publishedOthers)
            }
            try fileManager.removeItem(at: spare)
        }
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(getpid())")
        if fileManager.fileExists(atPath: staging.path) { try fileManager.removeItem(at: staging) }
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        try Data(Self.markerText.utf8).write(to: staging.appendingPathComponent(Self.markerName))
        return StagingFolder(url: staging, target: target, spare: spare, existing: Manifest(), published: published,
                             publishedOthers: publishedOthers)
    }

    /// Staging folders left by builds that were killed: ours (they hold the marker,
    /// or are still empty because the build died as it made them) and their
    /// process is gone.
    private func removeStaleStaging(in parent: URL) {
        let prefix = ".\(target.lastPathComponent).staging-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0 else { continue }
            let folder = parent.appendingPathComponent(name)
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if contents.isEmpty || contents.contains(Self.markerName) {
                try? FileManager.default.removeItem(at: folder)
            }
        }
    }

    private func resolved(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}

/// Manifests read ahead of `beginStaging` (`OutputFolder.readManifestsAhead`).
struct ManifestsAhead: Sendable {
    let task: Task<Read, Never>

    struct Read: Sendable {
        var published: Stamped
        var spare: Stamped
    }

    /// A folder's manifest and the stamp its file had before it was read: if
    /// the file has that stamp (size, time, inode) still, it was not written
    /// since, by the test the build state applies to the published manifest.
    struct Stamped: Sendable {
        var stamp: FileStamp?
        var manifest: Manifest?
        /// Others' files in the folder (`PublishedListing.otherFiles`), when looked for ahead.
        var others: InBackground<[String]>?

        init(reading folder: URL) {
            stamp = FileStamp.of(folder.appendingPathComponent(OutputFolder.manifestName).path)
            manifest = stamp == nil ? nil : Manifest.read(from: folder)
        }

        /// The manifest, if its file is as it was when read; else nil, to be read again.
        func current(in folder: URL) -> Manifest? {
            guard let stamp, stamp == FileStamp.of(folder.appendingPathComponent(OutputFolder.manifestName).path) else { return nil }
            return manifest
        }
    }
}
