import Synchronization
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

    /// `sourcePath`: the path the page's entry is saved under, which is
    /// then not written again (read back as the same string, not a copy).
    func encode(to writer: inout BinaryWriter, sourcePath known: String) {
        kind.encode(to: &writer)
        writer.write(sourcePath == known)
        if sourcePath != known { writer.write(sourcePath) }
        for text in [file, url, referenceID, title, summary] { writer.write(text) }
        writer.write(PageStatus.inOrder.firstIndex(of: status) ?? 0)
        for text in [subtitle, label, organisation, place, source, audience, template, documentID] { writer.write(text) }
        for day in [published, updated, closes] { writer.write(day?.packed ?? 0) }
        writer.write(chapterNumber ?? -1)
        writer.write(bodyFirstLine)
        writer.write(terms.keys.sorted()) { writer, vocabulary in
            writer.write(vocabulary)
            writer.write(terms[vocabulary] ?? []) { writer, use in
                writer.write(use.id)
                use.location.encode(to: &writer, inFile: file)
            }
        }
    }

    static func decode(from reader: inout BinaryReader, sourcePath known: String) throws -> Page {
        // Kinds and statuses as their places among all: read as text, each
        // was a string made and matched for every page of the site.
        let kind = try PageKind.decode(from: &reader)
        let sourcePath = try reader.readBool() ? known : try reader.readString()
        let file = try reader.readString(), url = try reader.readString()
        let referenceID = try reader.readString(), title = try reader.readString(), summary = try reader.readString()
        let statusPlace = try reader.readInt()
        let status = PageStatus.inOrder.indices.contains(statusPlace) ? PageStatus.inOrder[statusPlace] : nil
        // Read into locals, not arrays grown one by one: every page of the
        // site is decoded on every incremental build.
        let subtitle = try reader.readOptionalString(), label = try reader.readOptionalString()
        let organisation = try reader.readOptionalString(), place = try reader.readOptionalString()
        let source = try reader.readOptionalString(), audience = try reader.readOptionalString()
        let template = try reader.readOptionalString(), documentID = try reader.readOptionalString()
        func readDay() throws -> Day? {
            let packed = try reader.readInt()
            guard packed != 0 else { return nil }
            guard let day = Day(packed: packed) else { throw BinaryReader.Malformed() }
            return day
        }
        let published = try readDay(), updated = try readDay(), closes = try readDay()
        let chapterNumber = try reader.readInt()
        let bodyFirstLine = try reader.readInt()
        // The terms are checked here and read when first asked for.
        let saved = SavedTerms(origin: reader.source, offset: reader.position, file: file)
        try SavedTerms.skip(&reader)
        guard let status else { throw BinaryReader.Malformed() }
        var page = Page(
            kind: kind, sourcePath: sourcePath, file: file, url: url, referenceID: referenceID, title: title, summary: summary,
            subtitle: subtitle, label: label, organisation: organisation, place: place, source: source,
            audience: audience, template: template, published: published, updated: updated, closes: closes,
            status: status, terms: [:], body: "", bodyFirstLine: bodyFirstLine,
            documentID: documentID, chapterNumber: chapterNumber < 0 ? nil : chapterNumber)
        page.useSavedTerms(saved)
        return page
    }
}

extension SourceLocation {
    func encode(to writer: inout BinaryWriter) {
        writer.write(file)
        encodePosition(to: &writer)
    }

    static func decode(from reader: inout BinaryReader) throws -> SourceLocation {
        try decodePosition(from: &reader, file: reader.readString())
    }

    /// A place in a file the reader knows already (a term's, in its page's
    /// own file): the file is written only when it is another, and reads
    /// back as the known string rather than one more copy per place.
    func encode(to writer: inout BinaryWriter, inFile known: String) {
        writer.write(file == known)
        if file != known { writer.write(file) }
        encodePosition(to: &writer)
    }

    static func decode(from reader: inout BinaryReader, inFile known: String) throws -> SourceLocation {
        try decodePosition(from: &reader, file: reader.readBool() ? known : reader.readString())
    }

    private func encodePosition(to writer: inout BinaryWriter) {
        writer.write(line ?? -1)
        writer.write(column ?? -1)
    }

    private static func decodePosition(from reader: inout BinaryReader, file: String) throws -> SourceLocation {
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

extension PageKind {
    /// As its place among all kinds: the state's format version changes
    /// whenever the kinds do.
    func encode(to writer: inout BinaryWriter) {
        writer.write(Self.inOrder.firstIndex(of: self) ?? 0)
    }

    static func decode(from reader: inout BinaryReader) throws -> PageKind {
        let place = try reader.readInt()
        guard inOrder.indices.contains(place) else { throw BinaryReader.Malformed() }
        return inOrder[place]
    }

    /// `allCases`, made once.
    private static let inOrder = allCases
}

extension PageStatus {
    /// `allCases`, made once.
    fileprivate static let inOrder = allCases
}

/// A page's terms as saved in the build state, read (once) when first asked
/// for. A table of each page's terms was a fifth of decoding the state, and
/// a build that lays out a page or two, with templates that list nothing,
/// never asks for the other pages' terms.
final class SavedTerms: Sendable {
    private let origin: [UInt8]
    private let offset: Int
    private let file: String
    private let read = Mutex<[String: [TermUse]]?>(nil)

    init(origin: [UInt8], offset: Int, file: String) {
        self.origin = origin
        self.offset = offset
        self.file = file
    }

    var terms: [String: [TermUse]] {
        read.withLock { read in
            if let read { return read }
            var reader = BinaryReader(origin, at: offset)
            // Checked when the state was read (`skip`), so never empty for a fault.
            let terms = (try? Self.read(&reader, file: file)) ?? [:]
            read = terms
            return terms
        }
    }

    static func read(_ reader: inout BinaryReader, file: String) throws -> [String: [TermUse]] {
        try reader.readTable { reader -> (String, [TermUse]) in
            let vocabulary = try reader.readString()
            let uses = try reader.readArray { reader in
                TermUse(id: try reader.readString(), location: try SourceLocation.decode(from: &reader, inFile: file))
            }
            return (vocabulary, uses)
        }
    }

    /// Steps over saved terms, checking them as `read` would.
    static func skip(_ reader: inout BinaryReader) throws {
        let vocabularies = try reader.readInt()
        guard vocabularies >= 0 else { throw BinaryReader.Malformed() }
        for _ in 0..<vocabularies {
            try reader.skipString()
            let uses = try reader.readInt()
            guard uses >= 0 else { throw BinaryReader.Malformed() }
            for _ in 0..<uses {
                try reader.skipString()
                if !(try reader.readBool()) { try reader.skipString() }
                _ = try reader.readInt()
                _ = try reader.readInt()
            }
        }
    }
}
