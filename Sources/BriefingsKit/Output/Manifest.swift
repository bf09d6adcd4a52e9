import Foundation

/// What a site folder holds: each file's path, a digest of its bytes, and
/// whether Briefings wrote it or carried it over from someone else. Written
/// as `.briefings-manifest` inside the folder, one file per line:
/// `digest<TAB>o|f<TAB>path`.
struct Manifest: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var digest: UInt64
        /// False for a file someone else put in the output folder, kept.
        var ours: Bool
    }

    var entries: [String: Entry] = [:]

    var ourPaths: Set<String> { Set(entries.filter(\.value.ours).keys) }

    /// Nil when there is no manifest, or it cannot be read.
    static func read(from folder: URL) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(OutputFolder.manifestName).path) else {
            return nil
        }
        var manifest = Manifest()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            if fields.count == 3, let digest = UInt64(fields[0], radix: 16) {
                manifest.entries[String(fields[2])] = Entry(digest: digest, ours: fields[1] == "o")
            } else if fields.count == 1, !line.isEmpty {
                // The first format listed paths only: ours, bytes unknown.
                manifest.entries[String(line)] = Entry(digest: 0, ours: true)
            } else {
                return nil
            }
        }
        return manifest
    }

    func write(to folder: URL) throws {
        var text = ""
        for path in entries.keys.sorted() {
            guard let entry = entries[path] else { continue }
            text += String(entry.digest, radix: 16) + "\t" + (entry.ours ? "o" : "f") + "\t" + path + "\n"
        }
        try Data(text.utf8).write(to: folder.appendingPathComponent(OutputFolder.manifestName))
    }
}
