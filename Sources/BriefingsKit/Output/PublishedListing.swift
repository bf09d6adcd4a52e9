import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of the published folder that Briefings did not write, which a
/// build must carry over so the swap keeps them; and the folders someone
/// made that hold nothing, as their path and a `/` (the manifest lists them
/// so, as others'), which the swap would otherwise lose as well.
///
/// Listing every folder of a site with a folder per page was about a tenth of a
/// build that lays out one page. When the last build's manifest is still the
/// published one, its time says when that build last changed the folder: a
/// file added, removed or renamed since changes its folder's status-change
/// time (`ctime`, which, unlike the modification time, no tool can set back).
/// So only folders changed since then are listed; the rest hold what the
/// manifest says. A folder whose time equals the manifest's, changed within
/// the same tick of the clock, is listed too; if the clock now reads earlier
/// than the manifest (it was set back), everything is.
enum PublishedListing {
    /// Paths relative to `root`, unsorted. `unchangedSince`: the published
    /// manifest's modification time in nanoseconds, when the last build wrote
    /// it (its stamp is the one that build recorded); nil lists every folder.
    static func otherFiles(in root: String, manifest: Manifest, unchangedSince: Int?) -> [String] {
        if let since = unchangedSince, since <= now(), let others = othersListingChangedFolders(root, manifest, since) {
            return others
        }
        return FileTree.files(under: root, emptyFolders: true).filter { !isOurs($0, manifest) }
    }

    /// The folder an entry is in, or for an empty folder's entry, itself.
    private static func home(_ path: String) -> String {
        path.hasSuffix("/") ? String(path.dropLast()) : RelativePath.folder(of: path)
    }

    /// Ours: a file Briefings wrote, or a folder that held one (emptied by
    /// hand; the build fills it again, or lets it go with its page). Empty
    /// folders are few, so looking for them through the manifest is cheap.
    private static func isOurs(_ path: String, _ manifest: Manifest) -> Bool {
        if path.hasSuffix("/") { return manifest.entries.contains { $0.value.ours && $0.key.hasPrefix(path) } }
        return path == OutputFolder.markerName || path == OutputFolder.manifestName || manifest.entries[path]?.ours == true
    }

    /// The files and empty folders not ours: listed in the folders changed
    /// since `since`, and from the manifest in the rest; nil when the folder
    /// cannot be opened.
    private static func othersListingChangedFolders(_ root: String, _ manifest: Manifest, _ since: Int) -> [String]? {
        var folders: Set<String> = [""]
        folders.reserveCapacity(manifest.entries.count)
        for path in manifest.entries.keys {
            var folder = home(path)
            while !folder.isEmpty, folders.insert(folder).inserted { folder = RelativePath.folder(of: folder) }
        }
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let known = Array(folders)
        let states = ConcurrentMap.map(known, inRunsOf: 512) { folder -> FolderState in
            var info = stat()
            let found = folder.isEmpty ? fstat(descriptor, &info) : fstatat(descriptor, folder, &info, AT_SYMLINK_NOFOLLOW)
            // Gone, or no longer a folder: its parent changed too, and is listed.
            guard found == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return .gone }
            return Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec) >= since ? .changed : .unchanged
        }
        var listed: Set<String> = []
        var others: [String] = []
        for (folder, state) in zip(known, states) where state != .unchanged {
            listed.insert(folder)
            guard state == .changed else { continue }
            let (files, subfolders) = FileTree.list(root: root, relative: folder)
            others += files.filter { !isOurs($0, manifest) }
            if !folder.isEmpty, files.isEmpty, subfolders.isEmpty, !isOurs(folder + "/", manifest) { others.append(folder + "/") }
            // A folder the manifest knows nothing of is new: all of it is listed.
            for subfolder in subfolders where !folders.contains(subfolder) {
                let inside = FileTree.files(under: root + "/" + subfolder, emptyFolders: true)
                others += inside.isEmpty ? [subfolder + "/"] : inside.map { subfolder + "/" + $0 }
            }
        }
        for (path, entry) in manifest.entries where !entry.ours && !listed.contains(home(path)) {
            others.append(path)
        }
        return others
    }

    private enum FolderState: Sendable {
        case unchanged, changed, gone
    }

    private static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }
}
