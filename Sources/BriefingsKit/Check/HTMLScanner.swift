/// Reads the parts of an HTML page that link checks need: every URL-bearing
/// attribute, every `id`, and images without `alt`. A small tokenizer, not a full
/// HTML parser: it understands tags, quoted and unquoted attributes, comments,
/// and the raw text of `<script>` and `<style>`, which is all our output holds.
struct HTMLScanner {
    struct Reference: Hashable {
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

    static let urlAttributes: [String: Set<String>] = [
        "a": ["href"], "link": ["href"], "img": ["src"], "script": ["src"], "source": ["src"],
        "video": ["src", "poster"], "audio": ["src"], "iframe": ["src"], "area": ["href"], "form": ["action"],
    ]

    static func scan(_ html: String) -> Result {
        var result = Result()
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if starts(bytes, at: index, with: "<!--") {
                index = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            guard index + 1 < bytes.count, isNameStart(bytes[index + 1]) else { index += 1; continue }
            var cursor = index + 1
            let nameStart = cursor
            while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
            let tag = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            var attributes: [String: String] = [:]
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") {
                while cursor < bytes.count, isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") else { break }
                let keyStart = cursor
                while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="),
                    bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                let key = String(decoding: bytes[keyStart..<cursor], as: UTF8.self).lowercased()
                while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
                var value = ""
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                        let quote = bytes[cursor]
                        let valueStart = cursor + 1
                        cursor = valueStart
                        while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
                        value = String(decoding: bytes[valueStart..<min(cursor, bytes.count)], as: UTF8.self)
                        cursor += 1
                    } else {
                        let valueStart = cursor
                        while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                        value = String(decoding: bytes[valueStart..<cursor], as: UTF8.self)
                    }
                }
                if !key.isEmpty, attributes[key] == nil { attributes[key] = decodeEntities(value) }
            }
            index = cursor + 1
            if let id = attributes["id"], !id.isEmpty { result.ids.insert(id) }
            if tag == "a", let name = attributes["name"], !name.isEmpty { result.ids.insert(name) }
            for attribute in urlAttributes[tag] ?? [] {
                if let value = attributes[attribute] { result.references.append(Reference(tag: tag, attribute: attribute, value: value)) }
            }
            if tag == "img", attributes["alt"] == nil { result.imagesWithoutAlt.append(attributes["src"] ?? "") }
            if tag == "script" || tag == "style" {
                index = find(bytes, "</\(tag)", from: index) ?? bytes.count
            }
        }
        return result
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
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
            if let decoded = decode(entity) {
                result += decoded
            } else {
                result += "&" + entity + ";"
            }
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

    private static func starts(_ bytes: [UInt8], at index: Int, with text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        return Array(bytes[index..<index + pattern.count]) == pattern
    }

    private static func find(_ bytes: [UInt8], _ text: String, from start: Int) -> Int? {
        let pattern = Array(text.utf8)
        guard let first = pattern.first, start < bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == first, Array(bytes[index..<index + pattern.count]) == pattern { return index }
            index += 1
        }
        return nil
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
