import Foundation

/// What a site folder holds: each file's path, a digest of its bytes, and
/// whether Briefings wrote it or carried it over from someone else; and each
/// empty folder someone else made, as its path and a `/` (digest 0, theirs).
/// Written as `.briefings-manifest` inside the folder, one entry per line:
/// `digest<TAB>o|f<TAB>path`.
struct Manifest: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var digest: UInt64
        /// False for a file someone else put in the output folder, kept.
        var ours: Bool
    }

    var entries: [String: Entry] = [:]

    /// Nil when there is no manifest, or it cannot be read.
    static func read(from folder: URL) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(OutputFolder.manifestName).path) else {
            return nil
        }
        // Read as bytes, not split into substrings: every build reads it, and
        // at ten thousand pages the string work was most of the time.
        return data.withUnsafeBytes { raw -> Manifest? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var manifest = Manifest()
            manifest.entries.reserveCapacity(bytes.count / 48)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                defer { start = end + 1 }
                guard end > start else { continue }
                guard let entry = parse(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return nil }
                manifest.entries[entry.path] = entry.entry
            }
            return manifest
        }
    }

    /// One line: `digest<TAB>o|f<TAB>path`, or (the first format, ours with
    /// bytes unknown) a path alone.
    private static func parse(_ line: UnsafeBufferPointer<UInt8>) -> (path: String, entry: Entry)? {
        let tab = UInt8(ascii: "\t")
        guard let first = line.firstIndex(of: tab) else {
            return (String(decoding: line, as: UTF8.self), Entry(digest: 0, ours: true))
        }
        guard first > 0, first <= 16, line.count > first + 2, line[first + 2] == tab else { return nil }
        var digest: UInt64 = 0
        for byte in line[0..<first] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digest = digest << 4 | UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digest = digest << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        let path = String(decoding: UnsafeBufferPointer(rebasing: line[(first + 3)...]), as: UTF8.self)
        return (path, Entry(digest: digest, ours: line[first + 1] == UInt8(ascii: "o")))
    }

    func write(to folder: URL) throws {
        try Self.write(encoded(), to: folder)
    }

    /// Bytes from `encoded`, as the folder's manifest.
    static func write(_ bytes: [UInt8], to folder: URL) throws {
        try FileTree.write([bytes[...]], to: folder.appendingPathComponent(OutputFolder.manifestName).path)
    }

    /// The file's bytes, a line per entry, sorted by path.
    func encoded() -> [UInt8] {
        // Bytes, not joined strings: every build that changes anything writes
        // it, a line per file of the site.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 64)
        let hexDigits = Array("0123456789abcdef".utf8)
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            let digest = entry.digest
            var digits = 1
            while digits < 16, digest >> (4 * UInt64(digits)) != 0 { digits += 1 }
            for place in stride(from: digits - 1, through: 0, by: -1) {
                bytes.append(hexDigits[Int((digest >> (4 * UInt64(place))) & 0xF)])
            }
            bytes.append(UInt8(ascii: "\t"))
            bytes.append(entry.ours ? UInt8(ascii: "o") : UInt8(ascii: "f"))
            bytes.append(UInt8(ascii: "\t"))
            bytes.append(contentsOf: path.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}
