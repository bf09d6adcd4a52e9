import Foundation

/// A compact binary form for the build cache: integers as LEB128 varints,
/// strings as a length and UTF-8. Written and read field by field by the cache's
/// own types, which is many times faster to load than JSON for ten thousand pages.
struct BinaryWriter {
    /// An array, not `Data`: appending a byte to `Data` costs several times more.
    private(set) var bytes: [UInt8] = []
    /// What was written before `bytes`, when `writeOnAllCores` or `splice`
    /// was used: chunks are kept as they are, not joined (at 100,000 pages,
    /// joining them into one growing array took a third of a second on one
    /// core), and stretches of an earlier state are not copied at all.
    private var earlier: [ArraySlice<UInt8>] = []
    /// Where the last splice ended, while nothing was written after it.
    private var splicedUpTo: Int?
    /// Everything written, in order, as parts to be written one after the other.
    var parts: [ArraySlice<UInt8>] { bytes.isEmpty ? earlier : earlier + [bytes[...]] }

    init() {
        bytes.reserveCapacity(1 << 16)
    }

    mutating func write(_ value: Int) {
        var number = UInt64(bitPattern: Int64(value))
        // Zig-zag, so small negative numbers stay small.
        number = (number << 1) ^ UInt64(bitPattern: Int64(value) >> 63)
        while number >= 0x80 {
            bytes.append(UInt8(number & 0x7F) | 0x80)
            number >>= 7
        }
        bytes.append(UInt8(number))
    }

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Bytes already encoded, as they are.
    mutating func append(_ encoded: ArraySlice<UInt8>) {
        bytes.append(contentsOf: encoded)
    }

    /// A stretch of an earlier state (`origin`, the same array for every
    /// splice of one writer), as it is: kept by reference, not copied, and
    /// joined to the stretch spliced just before when it follows on from it.
    /// A build keeps nearly every entry of the last state, in the same order,
    /// so the next state is a few long stretches of the last one and the few
    /// entries made again.
    mutating func splice(_ origin: [UInt8], _ range: Range<Int>) {
        if bytes.isEmpty, let end = splicedUpTo, end == range.lowerBound, let last = earlier.last {
            earlier[earlier.count - 1] = origin[last.startIndex..<range.upperBound]
        } else {
            if !bytes.isEmpty {
                earlier.append(bytes[...])
                bytes = []
            }
            earlier.append(origin[range])
        }
        splicedUpTo = range.upperBound
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }

    mutating func write<Element>(_ items: [Element], _ each: (inout BinaryWriter, Element) -> Void) {
        write(items.count)
        for item in items { each(&self, item) }
    }

    /// The same bytes as `write(_:_:)`, the items encoded in chunks on every
    /// core and kept in order in `parts`: for the cache's thousands of pages.
    mutating func writeOnAllCores<Element: Sendable>(_ items: [Element], _ each: @Sendable (inout BinaryWriter, Element) -> Void) {
        write(items.count)
        let size = max(64, (items.count + 31) / 32)
        let chunks = ConcurrentMap.runs(items.count, size: size).map { items[$0] }
        earlier.append(bytes[...])
        earlier += ConcurrentMap.map(chunks) { chunk in
            var writer = BinaryWriter()
            for item in chunk { each(&writer, item) }
            return writer.parts
        }.joined()
        splicedUpTo = nil
        bytes = []
        bytes.reserveCapacity(1 << 16)
    }
}

extension BinaryWriter {
    /// `items` as a table cut into runs, each preceded by its length in bytes:
    /// a reader finds every run without decoding the ones before, and decodes
    /// them side by side (`BinaryReader.readSlices`). A build waits for the
    /// last build's state, and on one core decoding it took longer than
    /// walking the content folder. Runs of 4,096 items or more, at most eight.
    static func sliced<Element: Sendable>(_ items: [Element], onAllCores: Bool,
                                          _ each: @Sendable (inout BinaryWriter, Element) -> Void) -> [ArraySlice<UInt8>] {
        let slices = ConcurrentMap.runs(items.count, size: max(4096, (items.count + 7) / 8))
        var parts: [ArraySlice<UInt8>] = []
        var head = BinaryWriter()
        head.write(slices.count)
        parts.append(head.bytes[...])
        for slice in slices {
            var writer = BinaryWriter()
            if onAllCores {
                writer.writeOnAllCores(Array(items[slice]), each)
            } else {
                writer.write(Array(items[slice]), each)
            }
            let body = writer.parts
            var length = BinaryWriter()
            length.write(body.reduce(0) { $0 + $1.count })
            parts.append(length.bytes[...])
            parts += body
        }
        return parts
    }
}

/// Reads what `BinaryWriter` wrote; any malformed input is a thrown error
/// (the cache is then ignored), never a crash.
struct BinaryReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8], at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }
    /// What is read.
    var source: [UInt8] { bytes }
    /// Where the next read starts.
    var position: Int { offset }

    mutating func readInt() throws -> Int {
        var number: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            number |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (number >> 1) ^ (0 &- (number & 1))))
    }

    mutating func readUInt64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Malformed() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        offset += 8
        return value
    }

    mutating func readBool() throws -> Bool {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset] != 0
    }

    mutating func readString() throws -> String {
        let count = try readInt()
        guard count >= 0, offset + count <= bytes.count else { throw Malformed() }
        defer { offset += count }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + count]), as: UTF8.self) }
    }

    mutating func readOptionalString() throws -> String? {
        try readBool() ? try readString() : nil
    }

    mutating func readStrings() throws -> [String] {
        try readArray { try $0.readString() }
    }

    /// Steps over what `readString` would read, checking it is whole.
    mutating func skipString() throws {
        let length = try readInt()
        guard length >= 0, offset + length <= bytes.count else { throw Malformed() }
        offset += length
    }

    /// Steps over what `readStrings` would read, checking it is whole.
    mutating func skipStrings() throws {
        let count = try readInt()
        guard count >= 0, count <= bytes.count - offset + 1 else { throw Malformed() }
        for _ in 0..<count {
            let length = try readInt()
            guard length >= 0, offset + length <= bytes.count else { throw Malformed() }
            offset += length
        }
    }

    mutating func readArray<Element>(_ each: (inout BinaryReader) throws -> Element) throws -> [Element] {
        let count = try readInt()
        guard count >= 0, count <= bytes.count - offset + 1 else { throw Malformed() }
        var items: [Element] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try each(&self)) }
        return items
    }

    /// The runs `BinaryWriter.sliced` wrote, stepped over: where each lies.
    mutating func readSlices() throws -> [Range<Int>] {
        let count = try readInt()
        guard count >= 0, count <= bytes.count - offset + 1 else { throw Malformed() }
        var slices: [Range<Int>] = []
        for _ in 0..<count {
            let length = try readInt()
            guard length >= 0, offset + length <= bytes.count else { throw Malformed() }
            slices.append(offset..<offset + length)
            offset += length
        }
        return slices
    }

    /// One run of `readSlices` as key and value pairs, checked to end where the run does.
    static func readSlice<Value>(_ bytes: [UInt8], _ slice: Range<Int>,
                                 _ each: (inout BinaryReader) throws -> (String, Value)) throws -> [(String, Value)] {
        var reader = BinaryReader(bytes, at: slice.lowerBound)
        let pairs = try reader.readArray(each)
        guard reader.position == slice.upperBound else { throw Malformed() }
        return pairs
    }

    /// An array of key and value pairs read straight into a table sized for
    /// them: through an array, or a table left to grow, each of a state's
    /// ten thousand records was copied or moved twice more.
    mutating func readTable<Value>(_ each: (inout BinaryReader) throws -> (String, Value)) throws -> [String: Value] {
        let count = try readInt()
        guard count >= 0, count <= bytes.count - offset + 1 else { throw Malformed() }
        var table: [String: Value] = [:]
        table.reserveCapacity(count)
        for _ in 0..<count {
            let (key, value) = try each(&self)
            table[key] = value
        }
        return table
    }
}
