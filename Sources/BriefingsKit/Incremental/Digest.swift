/// A stable 64-bit fingerprint, the same on every run and every machine (unlike
/// Swift's `Hasher`, which is seeded per process): eight bytes at a time, each
/// word mixed in with a multiply and a shift (FNV-1a byte by byte was a tenth
/// of a build's time, hashing every source and every page), in four lanes
/// for long inputs, the last few bytes one at a time, then a final mix so that near-equal inputs give unrelated
/// values. For telling whether an input changed since the last build, not for
/// security. Changing it changes every digest: bump `BuildState.formatVersion`.
public struct Digest: Hashable, Sendable, CustomStringConvertible {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public init(_ text: String) {
        add(text)
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
        add(byte: 0xFF)  // a separator, so ("ab", "c") differs from ("a", "bc")
    }

    public mutating func add(_ number: Int) {
        var number = UInt64(bitPattern: Int64(number))
        withUnsafeBytes(of: &number) { add(bytes: $0) }
    }

    public mutating func add(_ other: Digest) {
        add(Int(bitPattern: UInt(other.value)))
    }

    public mutating func add(bytes: UnsafeRawBufferPointer) {
        var hash = value
        var offset = 0
        // Long inputs (every page and every source) go 32 bytes at a time in
        // four independent lanes, which the processor works on side by side,
        // folded into the hash after each block.
        if bytes.count >= 64 {
            var lanes: (UInt64, UInt64, UInt64, UInt64) = (hash, hash ^ 0x9E37_79B9, hash ^ 0x7F4A_7C15, hash ^ 0xBF58_476D)
            while offset + 32 <= bytes.count {
                lanes.0 = Self.mix(lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                lanes.1 = Self.mix(lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                lanes.2 = Self.mix(lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                lanes.3 = Self.mix(lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
                offset += 32
            }
            hash = Self.mix(Self.mix(Self.mix(Self.mix(hash, lanes.0), lanes.1), lanes.2), lanes.3)
        }
        while offset + 8 <= bytes.count {
            hash = Self.mix(hash, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        for byte in bytes[offset...] {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        value = hash
    }

    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        var hash = (hash ^ UInt64(littleEndian: word)) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 32
        return hash
    }

    private mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    /// The fingerprint, mixed (MurmurHash3's finaliser).
    public var final: UInt64 {
        var mixed = value
        mixed ^= mixed >> 33
        mixed &*= 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed &*= 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return mixed
    }

    public var description: String { String(final, radix: 16) }

    public static func of(bytes: UnsafeRawBufferPointer) -> UInt64 {
        var digest = Digest()
        digest.add(bytes: bytes)
        return digest.final
    }
}
