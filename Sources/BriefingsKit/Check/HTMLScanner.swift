import Foundation

/// Reads the parts of an HTML page that link checks need: every URL-bearing
/// attribute, every `id`, and images without `alt`. A small tokenizer, not a full
/// HTML parser: it understands tags, quoted and unquoted attributes, comments,
/// and the raw text of `<script>` and `<style>`, which is all our output holds.
/// It works on the UTF-8 bytes and makes strings only of the values it keeps,
/// since it reads every page of the site.
struct HTMLScanner {
    struct Reference: Hashable, Sendable {
        var tag: String
        var attribute: String
        /// Entity-decoded, as a browser would follow it.
        var value: String
    }

    struct Result {
        var references: [Reference] = []
        var ids: Set<String> = []
        /// `<img>` elements with no `alt` attribute at all, by `src`.
        var imagesWithoutAlt: [String] = []
    }

    /// Whether an attribute (its name's bytes, in any case) holds a URL on a
    /// tag: `href` of a, link and area; `src` of img, script, source, audio,
    /// iframe and video; `poster` of video; `action` of form.
    private static func holdsURL(_ tag: String, _ bytes: UnsafeBufferPointer<UInt8>, _ key: Range<Int>) -> Bool {
        switch tag {
        case "a", "link", "area": return equals(bytes, key, "href")
        case "img", "script", "source", "audio", "iframe": return equals(bytes, key, "src")
        case "video": return equals(bytes, key, "src") || equals(bytes, key, "poster")
        case "form": return equals(bytes, key, "action")
        default: return false
        }
    }

    static func scan(_ html: String, idsOnly: Bool = false) -> Result {
        var html = html
        return html.withUTF8 { scan(bytes: $0, idsOnly: idsOnly) }
    }

    private static func scan(bytes: UnsafeBufferPointer<UInt8>, idsOnly: Bool) -> Result {
        var result = Result()
        let count = bytes.count
        var index = 0
        while index < count {
            // Text between tags is most of a page: memchr skips it many bytes at a time.
            guard let base = bytes.baseAddress, let found = memchr(base + index, 0x3C, count - index) else { break }  // <
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if index + 3 < count, bytes[index + 1] == 0x21, bytes[index + 2] == 0x2D, bytes[index + 3] == 0x2D {  // <!--
                index = find(bytes, [0x2D, 0x2D, 0x3E], from: index + 4).map { $0 + 3 } ?? count
                continue
            }
            guard index + 1 < count, isNameStart(bytes[index + 1]) else { index += 1; continue }
            var cursor = index + 1
            let nameStart = cursor
            while cursor < count, isNameByte(bytes[cursor]) { cursor += 1 }
            let tag = tagName(bytes, nameStart..<cursor)
            let wanted = !idsOnly && !tag.isEmpty
            var hasAlt = false
            var source: String?
            while cursor < count, bytes[cursor] != 0x3E {  // >
                while cursor < count, isSpace(bytes[cursor]) || bytes[cursor] == 0x2F { cursor += 1 }
                guard cursor < count, bytes[cursor] != 0x3E else { break }
                let keyStart = cursor
                while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != 0x3D, bytes[cursor] != 0x3E { cursor += 1 }
                let keyRange = keyStart..<cursor
                while cursor < count, isSpace(bytes[cursor]) { cursor += 1 }
                var valueRange = cursor..<cursor
                if cursor < count, bytes[cursor] == 0x3D {  // =
                    cursor += 1
                    while cursor < count, isSpace(bytes[cursor]) { cursor += 1 }
                    if cursor < count, bytes[cursor] == 0x22 || bytes[cursor] == 0x27 {
                        let quote = bytes[cursor]
                        let valueStart = cursor + 1
                        cursor = valueStart
                        while cursor < count, bytes[cursor] != quote { cursor += 1 }
                        valueRange = valueStart..<min(cursor, count)
                        cursor += 1
                    } else {
                        let valueStart = cursor
                        while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != 0x3E { cursor += 1 }
                        valueRange = valueStart..<cursor
                    }
                }
                // Only the attributes the checks use become strings.
                if equals(bytes, keyRange, "id") || (tag == "a" && equals(bytes, keyRange, "name")) {
                    if !valueRange.isEmpty { result.ids.insert(decodedText(bytes, valueRange)) }
                } else if tag == "img", equals(bytes, keyRange, "alt") {
                    hasAlt = true
                } else if wanted, holdsURL(tag, bytes, keyRange) {
                    let key = lowercased(bytes, keyRange)
                    let value = decodedText(bytes, valueRange)
                    result.references.append(Reference(tag: tag, attribute: key, value: value))
                    if tag == "img", key == "src" { source = value }
                }
            }
            index = cursor + 1
            if tag == "img", !hasAlt, !idsOnly { result.imagesWithoutAlt.append(source ?? "") }
            if tag == "script" || tag == "style" {
                index = find(bytes, Array("</\(tag)".utf8), from: index) ?? count
            }
        }
        return result
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }  // &
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[amp...]
            guard let semicolon = after.firstIndex(of: ";"), after.distance(from: amp, to: semicolon) <= 10 else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = String(after[after.index(after: amp)..<semicolon])
            result += decode(entity) ?? ("&" + entity + ";")
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func decode(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16) {
                return Unicode.Scalar(code).map { String($0) }
            }
            if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()) {
                return Unicode.Scalar(code).map { String($0) }
            }
            return nil
        }
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// An attribute's value, entity-decoded; most have no `&`, seen in the bytes.
    private static func decodedText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        guard let base = bytes.baseAddress, !range.isEmpty, memchr(base + range.lowerBound, 0x26, range.count) != nil else {
            return text(bytes, range)
        }
        return decodeEntities(text(bytes, range))
    }

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, byte) in bytes[range].enumerated() { buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            return range.count
        }
    }

    /// A tag's name, lowered; the names of tags no check reads are all "", so
    /// that the scanner makes no string for each of a page's many `<p>`s.
    private static func tagName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        guard range.count <= 6, let first = range.first.map({ bytes[$0] | 0x20 }),
            first == 0x61 || first == 0x69 || first == 0x6C || first == 0x73 || first == 0x76 || first == 0x66 else { return "" }
        return lowercased(bytes, range)  // a, area, audio, img, iframe, link, script, source, style, video, form
    }

    /// Case-insensitive comparison with an ASCII name, without making a string.
    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for (offset, byte) in expected.enumerated() where bytes[range.lowerBound + offset] | 0x20 != byte { return false }
        return true
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, start < bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == first {
                var matches = true
                for offset in 1..<pattern.count where bytes[index + offset] | (pattern[offset] >= 0x61 ? 0x20 : 0) != pattern[offset] {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return nil
    }

    private static func isNameStart(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) }
    private static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || (0x30...0x39).contains(byte) || byte == 0x2D }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
}
