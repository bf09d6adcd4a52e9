/// A stable 64-bit fingerprint, the same on every run and every machine (unlike
/// Swift's `Hasher`, which is seeded per process): eight bytes at a time, each
/// word mixed in with a multiply and a shift (FNV-1a byte by byte was a tenth
/// of a build's time, hashing every source and every page), the last few bytes
/// one at a time, then a final mix so that near-equal inputs give unrelated
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
        let words = bytes.count / 8
        for index in 0..<words {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 32
        }
        for byte in bytes[(words * 8)...] {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        value = hash
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
