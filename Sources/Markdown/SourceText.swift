#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The Markdown source as bytes with its line starts, to turn cmark's byte columns
/// into the character columns an editor shows, and to read back a source line.
struct SourceText {
    let bytes: [UInt8]
    /// Byte offset where each line starts; `lineStarts[0]` is line 1.
    private(set) var lineStarts: [Int] = [0]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // memchr finds each line end many bytes at a time.
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        lineStarts = starts
    }

    /// Whether the text holds a byte, found with memchr (a loop over an array's
    /// elements looks at one byte at a time; this runs on every page).
    func contains(_ byte: UInt8) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// The bytes of a 1-based line, without its line ending.
    func line(_ number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= lineStarts.count else { return [] }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    /// Converts a 1-based byte column on a line into a 1-based column in Unicode scalars.
    func scalarColumn(line number: Int, byteColumn: Int) -> Int {
        let text = line(number)
        let limit = min(text.count, max(0, byteColumn - 1))
        var column = 1
        for byte in text.prefix(limit) where byte & 0xC0 != 0x80 {
            column += 1
        }
        return column + max(0, byteColumn - 1 - limit)
    }
}
