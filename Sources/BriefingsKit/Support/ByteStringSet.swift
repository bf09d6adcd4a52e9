import Foundation

/// A set of strings compared byte for byte, its strings' bytes side by side
/// in one buffer and its slots in one array of numbers. For a set the size of
/// the site looked up once per link: at 100,000 pages a `Set<String>` missed
/// the cache three times a lookup (its bitmap, the key, the key's bytes),
/// this twice (the slot, the bytes).
///
/// Bytes, not Swift's string equality: two spellings of the same text in
/// different Unicode forms are different strings here. Callers use it where
/// a miss only sends a string down the slower, exact path.
struct ByteStringSet: Sendable {
    private var bytes: [UInt8] = []
    /// Where each string starts in `bytes`, and one more: where the last ends.
    private var starts: [Int] = [0]
    /// Open addressing: 0 is empty; else the hash's top half, and one more
    /// than the string's number.
    private var slots: [UInt64]
    private let mask: Int

    init(_ strings: [String]) {
        var capacity = 16
        while capacity < strings.count * 2 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        starts.reserveCapacity(strings.count + 1)
        for string in strings { insert(string) }
    }

    var count: Int { starts.count - 1 }

    func contains(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { find(UnsafeRawBufferPointer($0)).found }
    }

    private mutating func insert(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            let (found, slot, hash) = find(UnsafeRawBufferPointer(utf8))
            guard !found else { return }
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(count + 1)
            bytes.append(contentsOf: utf8)
            starts.append(bytes.count)
        }
    }

    /// Whether the bytes are in the set, and else the empty slot they would take.
    private func find(_ key: UnsafeRawBufferPointer) -> (found: Bool, slot: Int, hash: UInt64) {
        var digest = Digest()
        digest.add(bytes: key)
        let hash = digest.final
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        return bytes.withUnsafeBytes { stored in
            while true {
                let entry = slots[slot]
                if entry == 0 { return (false, slot, hash) }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let number = Int(entry & 0xFFFF_FFFF) - 1
                    let start = starts[number], length = starts[number + 1] - start
                    if length == key.count, length == 0 || memcmp(stored.baseAddress! + start, key.baseAddress!, length) == 0 {
                        return (true, slot, hash)
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
