/// Pages, days and findings in the build cache's binary form, and a page's
/// *card*: the digest of everything other pages may show or use of it.
extension Page {
    /// Front-matter facts and place on the site; not the body, which is the
    /// page's own business (a page that shows another's body depends on it
    /// separately).
    ///
    /// Field by field rather than through arrays of them, and days as numbers
    /// rather than text: every page's card is worked out on every build.
    var cardDigest: UInt64 {
        var digest = Digest()
        digest.add(kind.rawValue)
        digest.add(sourcePath)
        digest.add(file)
        digest.add(url)
        digest.add(referenceID)
        digest.add(title)
        digest.add(summary)
        digest.add(status.rawValue)
        func add(_ text: String?) { digest.add(text ?? "\u{0}") }
        add(subtitle)
        add(label)
        add(organisation)
        add(place)
        add(source)
        add(audience)
        add(template)
        add(documentID)
        digest.add(published?.packed ?? -1)
        digest.add(updated?.packed ?? -1)
        digest.add(closes?.packed ?? -1)
        digest.add(chapterNumber ?? -1)
        for vocabulary in terms.keys.sorted() {
            digest.add(vocabulary)
            for use in terms[vocabulary] ?? [] { digest.add(use.id) }
        }
        return digest.final
    }

    func encode(to writer: inout BinaryWriter) {
        for text in [kind.rawValue, sourcePath, file, url, referenceID, title, summary, status.rawValue] { writer.write(text) }
        for text in [subtitle, label, organisation, place, source, audience, template, documentID] { writer.write(text) }
        for day in [published, updated, closes] { writer.write(day?.packed ?? 0) }
        writer.write(chapterNumber ?? -1)
        writer.write(bodyFirstLine)
        writer.write(terms.keys.sorted()) { writer, vocabulary in
            writer.write(vocabulary)
            writer.write(terms[vocabulary] ?? []) { writer, use in
                writer.write(use.id)
                use.location.encode(to: &writer)
            }
        }
    }

    static func decode(from reader: inout BinaryReader) throws -> Page {
        let kind = try PageKind(rawValue: reader.readString())
        let sourcePath = try reader.readString(), file = try reader.readString(), url = try reader.readString()
        let referenceID = try reader.readString(), title = try reader.readString(), summary = try reader.readString()
        let status = try PageStatus(rawValue: reader.readString())
        var optional: [String?] = []
        for _ in 0..<8 { optional.append(try reader.readOptionalString()) }
        var days: [Day?] = []
        for _ in 0..<3 {
            let packed = try reader.readInt()
            guard packed != 0 else {
                days.append(nil)
                continue
            }
            guard let day = Day(packed: packed) else { throw BinaryReader.Malformed() }
            days.append(day)
        }
        let chapterNumber = try reader.readInt()
        let bodyFirstLine = try reader.readInt()
        var terms: [String: [TermUse]] = [:]
        for (vocabulary, uses) in try reader.readArray({ reader -> (String, [TermUse]) in
            let vocabulary = try reader.readString()
            let uses = try reader.readArray { reader in TermUse(id: try reader.readString(), location: try SourceLocation.decode(from: &reader)) }
            return (vocabulary, uses)
        }) { terms[vocabulary] = uses }
        guard let kind, let status else { throw BinaryReader.Malformed() }
        return Page(
            kind: kind, sourcePath: sourcePath, file: file, url: url, referenceID: referenceID, title: title, summary: summary,
            subtitle: optional[0], label: optional[1], organisation: optional[2], place: optional[3], source: optional[4],
            audience: optional[5], template: optional[6], published: days[0], updated: days[1], closes: days[2],
            status: status, terms: terms, body: "", bodyFirstLine: bodyFirstLine,
            documentID: optional[7], chapterNumber: chapterNumber < 0 ? nil : chapterNumber)
    }
}

extension SourceLocation {
    func encode(to writer: inout BinaryWriter) {
        writer.write(file)
        writer.write(line ?? -1)
        writer.write(column ?? -1)
    }

    static func decode(from reader: inout BinaryReader) throws -> SourceLocation {
        let file = try reader.readString()
        let line = try reader.readInt(), column = try reader.readInt()
        return SourceLocation(file: file, line: line < 0 ? nil : line, column: column < 0 ? nil : column)
    }
}

extension Diagnostic {
    func encode(to writer: inout BinaryWriter) {
        writer.write(severity.rawValue)
        writer.write(code)
        writer.write(message)
        writer.write(file)
        writer.write(line ?? -1)
        writer.write(column ?? -1)
        writer.write(help)
    }

    static func decode(from reader: inout BinaryReader) throws -> Diagnostic {
        guard let severity = try Severity(rawValue: reader.readString()) else { throw BinaryReader.Malformed() }
        let code = try reader.readString(), message = try reader.readString(), file = try reader.readOptionalString()
        let line = try reader.readInt(), column = try reader.readInt()
        let help = try reader.readOptionalString()
        return Diagnostic(severity, code: code, message, file: file, line: line < 0 ? nil : line, column: column < 0 ? nil : column, help: help)
    }
}
