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
        if let since = unchangedSince, since <= now(), let others = othersListingChangedFolders(root, manifest, since, ManifestFolders(manifest)) {
            return others
        }
        return FileTree.files(under: root, emptyFolders: true).filter { !isOurs($0, manifest) }
    }

    /// The folder an entry is in, or for an empty folder's entry, itself.
    static func home(_ path: String) -> String {
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
    private static func othersListingChangedFolders(_ root: String, _ manifest: Manifest, _ since: Int,
                                                    _ folders: ManifestFolders) -> [String]? {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let known = folders.paths, parents = folders.parents, names = folders.names
        // Each folder holding folders, opened from its parent's descriptor
        // (parents come first), so that each folder is looked up by its name
        // alone: from the root, each lookup walked the whole path again.
        var holds = [Bool](repeating: false, count: known.count)
        for parent in parents.dropFirst() { holds[parent] = true }
        var opened = [Int32](repeating: -1, count: known.count)
        opened[0] = descriptor
        for index in known.indices.dropFirst() where holds[index] && opened[parents[index]] >= 0 {
            opened[index] = openat(opened[parents[index]], names[index], O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        defer { for index in known.indices.dropFirst() where opened[index] >= 0 { close(opened[index]) } }
        let descriptors = opened
        let states = ConcurrentMap.map(Array(known.indices), inRunsOf: 512) { index -> FolderState in
            var info = stat()
            let found: Int32
            if index == 0 {
                found = fstat(descriptor, &info)
            } else if descriptors[parents[index]] >= 0 {
                found = fstatat(descriptors[parents[index]], names[index], &info, AT_SYMLINK_NOFOLLOW)
            } else {
                // A parent that could not be opened: from the root, as it may
                // be there still (a folder that can be searched, not read).
                found = fstatat(descriptor, known[index], &info, AT_SYMLINK_NOFOLLOW)
            }
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
            for subfolder in subfolders where folders.place[subfolder] == nil {
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

/// The folders a manifest's entries are in, and every folder above them, each
/// with its parent's place and its own name, so that each is looked up from
/// its parent's open folder.
struct ManifestFolders: Sendable {
    /// The root (`""`) first; a folder's parent always before it.
    private(set) var paths: [String] = [""]
    private(set) var parents: [Int] = [-1]
    private(set) var names: [String] = [""]
    private(set) var place: [String: Int] = ["": 0]

    init(_ manifest: Manifest) {
        place.reserveCapacity(manifest.entries.count)
        for path in manifest.entries.keys { add(PublishedListing.home(path)) }
    }

    @discardableResult
    private mutating func add(_ folder: String) -> Int {
        if let known = place[folder] { return known }
        let parent = add(RelativePath.folder(of: folder))
        place[folder] = paths.count
        paths.append(folder)
        parents.append(parent)
        names.append(RelativePath.name(of: folder))
        return paths.count - 1
    }
}
