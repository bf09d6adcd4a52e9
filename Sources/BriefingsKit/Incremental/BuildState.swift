import Foundation

/// What one build learnt that the next can reuse, kept in `.briefings-cache/`
/// beside the content: each source file's stamp, digest and parsed front matter,
/// and for each page what it was rendered from (its dependencies and their
/// digests), what it links to, its anchors and the digest of what was written.
struct BuildState: Sendable {
    /// Bumped whenever the format or the meaning of a digest changes.
    static let formatVersion = 16

    /// What a build that finds nothing changed needs, in the file's head
    /// (at its end, see `encodedParts`), read without decoding the rest.
    struct Summary: Sendable {
        /// Every input's stamp or digest (see `BuildSession.inputsDigest`).
        var inputsDigest: UInt64 = 0
        var pages = 0
        var files = 0
        /// The build's findings (warnings only: a build with errors is not kept).
        var diagnostics: [Diagnostic] = []
    }

    /// Entries and records are read from their tables on every build, for
    /// each of ten thousand pages, and a table hands out a copy: what they
    /// hold beyond numbers is in one shared box, so a copy retains one
    /// object rather than each of their strings and lists.
    struct CachedSource: Sendable {
        let stamp: FileStamp
        let digest: UInt64
        let declaredKind: PageKind?
        var draft: PageDraft? { held.draft }
        var diagnostics: [Diagnostic] { held.diagnostics }
        private let held: Held
        /// Where the entry (its path, then its fields) lies in the saved state
        /// it was read from (`BuildState.origin`): an entry kept from one
        /// build to the next (most are) is saved as those bytes, not encoded
        /// again (`BinaryWriter.splice`).
        let encoded: Range<Int>?

        private final class Held: Sendable {
            let draft: PageDraft?
            let diagnostics: [Diagnostic]

            init(draft: PageDraft?, diagnostics: [Diagnostic]) {
                self.draft = draft
                self.diagnostics = diagnostics
            }
        }

        init(stamp: FileStamp, digest: UInt64, declaredKind: PageKind?, draft: PageDraft?, diagnostics: [Diagnostic],
             encoded: Range<Int>? = nil) {
            self.stamp = stamp
            self.digest = digest
            self.declaredKind = declaredKind
            held = Held(draft: draft, diagnostics: diagnostics)
            self.encoded = encoded
        }
    }

    struct PageRecord: Sendable {
        let contentDigest: UInt64
        let cardDigest: UInt64
        var template: String { held.template }
        let templateDigest: UInt64
        /// Each dependency (its number in `dependencyNames`) and its digest
        /// when the page was rendered.
        var dependencies: [(name: Int32, digest: UInt64)] {
            get { held.dependencies }
            set {
                held = Held(template: held.template, dependencies: newValue, lists: held.lists, outputPath: held.outputPath,
                            diagnostics: held.diagnostics)
                encoded = nil
            }
        }
        /// References of the pages its Markdown links to, for "Cited in".
        var outgoing: [String] { held.lists.outgoing }
        /// The ids on the page, for anchor checks of links to it.
        var ids: [String] { held.lists.ids }
        var outputPath: String { held.outputPath }
        let outputDigest: UInt64
        /// Findings about the page (warnings: a build with errors is not kept).
        var diagnostics: [Diagnostic] { held.diagnostics }
        /// The strings and lists, shared by copies (see `CachedSource`).
        private var held: Held
        /// Where the record (its reference, then its fields) lies in the saved
        /// state it was read from (`BuildState.origin`), while it is as read:
        /// most records are kept from one build to the next, and are then
        /// saved as those bytes rather than encoded again.
        private(set) var encoded: Range<Int>?

        init(contentDigest: UInt64, cardDigest: UInt64, template: String, templateDigest: UInt64,
             dependencies: [(name: Int32, digest: UInt64)], outgoing: [String], ids: [String], outputPath: String,
             outputDigest: UInt64, diagnostics: [Diagnostic], encoded: Range<Int>? = nil) {
            self.contentDigest = contentDigest
            self.cardDigest = cardDigest
            self.templateDigest = templateDigest
            held = Held(template: template, dependencies: dependencies, lists: .made(outgoing: outgoing, ids: ids),
                        outputPath: outputPath, diagnostics: diagnostics)
            self.outputDigest = outputDigest
            self.encoded = encoded
        }

        /// A record as read from a saved state, its lists left where they lie in it.
        fileprivate init(contentDigest: UInt64, cardDigest: UInt64, template: String, templateDigest: UInt64,
                         dependencies: [(name: Int32, digest: UInt64)], lists: Lists, outputPath: String,
                         outputDigest: UInt64, diagnostics: [Diagnostic], encoded: Range<Int>) {
            self.contentDigest = contentDigest
            self.cardDigest = cardDigest
            self.templateDigest = templateDigest
            held = Held(template: template, dependencies: dependencies, lists: lists, outputPath: outputPath, diagnostics: diagnostics)
            self.outputDigest = outputDigest
            self.encoded = encoded
        }

        private final class Held: Sendable {
            let template: String
            let dependencies: [(name: Int32, digest: UInt64)]
            let lists: Lists
            let outputPath: String
            let diagnostics: [Diagnostic]

            init(template: String, dependencies: [(name: Int32, digest: UInt64)], lists: Lists, outputPath: String,
                 diagnostics: [Diagnostic]) {
                self.template = template
                self.dependencies = dependencies
                self.lists = lists
                self.outputPath = outputPath
                self.diagnostics = diagnostics
            }
        }

        /// A record's links and ids. Read from a saved state they are decoded
        /// only when asked for: a build reads few of them (the ids of pages
        /// linked to from the pages it lays out; the links only to make the
        /// link graph), and as strings made for every record they were a
        /// third of decoding the state.
        fileprivate enum Lists: Sendable {
            case made(outgoing: [String], ids: [String])
            /// Where each list lies in `origin`, checked when the state was read.
            case saved(origin: [UInt8], outgoing: Int, ids: Int)

            var outgoing: [String] {
                switch self {
                case .made(let outgoing, _): outgoing
                case .saved(let origin, let at, _): Self.strings(in: origin, at: at)
                }
            }

            var ids: [String] {
                switch self {
                case .made(_, let ids): ids
                case .saved(let origin, _, let at): Self.strings(in: origin, at: at)
                }
            }

            private static func strings(in origin: [UInt8], at offset: Int) -> [String] {
                var reader = BinaryReader(origin, at: offset)
                return (try? reader.readStrings()) ?? []
            }
        }
    }

    struct CachedAsset: Sendable {
        var stamp: FileStamp
        var digest: UInt64
    }

    var settingsDigest: UInt64
    var documentFolders: [String]
    /// Every dependency name the records use, each once: records hold their
    /// numbers, so deciding what to render compares integers, not strings.
    var dependencyNames: [String] {
        didSet {
            encodedPages = nil
            namesSaved = nil
        }
    }
    var sources: SourceTable { didSet { encodedPages = nil } }
    var records: RecordTable { didSet { encodedPages = nil } }
    var assets: [String: CachedAsset]
    /// Digest of everything the extra files (sitemap, feed, index.json) are made
    /// from, and the files it gave.
    var extrasDigest: UInt64
    var extras: [String: UInt64]
    /// Digest of every page's output, and the search index files made from it.
    var searchDigest: UInt64
    var searchFiles: [String: UInt64]
    /// The published folder's manifest when this state was saved: if it differs
    /// now, the folder was changed by something else and nothing is assumed.
    var outputStamp: FileStamp?
    var summary = Summary()
    /// The saved state this one was read from, if it was: kept records
    /// point into it (`PageRecord.encoded`).
    var origin: [UInt8]?
    /// Where the first names of `dependencyNames` lie in `origin`, as saved.
    var namesSaved: NamesSaved?
    /// `dependencyNames`, `sources` and `records` as `encodedParts` writes
    /// them, when encoded ahead (while the build that made them wrote the
    /// site); a change to any of the three drops it.
    private(set) var encodedPages: [ArraySlice<UInt8>]?

    /// The part of a state that grows with the site: made, and encoded for a
    /// state that will be saved, while the build writes the rest of the site.
    struct Pages: Sendable {
        var dependencyNames: [String]
        var sources: SourceTable
        var records: RecordTable
        var encoded: [ArraySlice<UInt8>]?
        /// The saved state the kept records were read from.
        var origin: [UInt8]?
        /// Where the first names lie in `origin`: the names are the last
        /// build's, then any new ones, unless they were renumbered.
        var namesSaved: NamesSaved?
    }

    /// The first `count` dependency names, as the strings (after their count)
    /// lie in the saved state, `range`.
    struct NamesSaved: Sendable {
        var count: Int
        var range: Range<Int>
    }

    init(settingsDigest: UInt64, documentFolders: [String], pages: Pages, assets: [String: CachedAsset], extrasDigest: UInt64,
         extras: [String: UInt64], searchDigest: UInt64, searchFiles: [String: UInt64], outputStamp: FileStamp?,
         summary: Summary = Summary()) {
        self.settingsDigest = settingsDigest
        self.documentFolders = documentFolders
        dependencyNames = pages.dependencyNames
        sources = pages.sources
        records = pages.records
        encodedPages = pages.encoded
        origin = pages.origin
        namesSaved = pages.namesSaved
        self.assets = assets
        self.extrasDigest = extrasDigest
        self.extras = extras
        self.searchDigest = searchDigest
        self.searchFiles = searchFiles
        self.outputStamp = outputStamp
        self.summary = summary
    }
}

extension BuildState {
    /// Where a page's record lies in `records`: found once per page, so that
    /// the phases that each read every page's record do not each look it up
    /// by its reference.
    typealias RecordSlot = Int

    func recordSlot(_ reference: String) -> RecordSlot? { records.place(of: reference) }

    /// Something of the record at `slot`. The slot must be of these records,
    /// unchanged since it was found.
    func record<Value>(at slot: RecordSlot, _ read: (PageRecord) -> Value) -> Value {
        read(records[place: slot])
    }

    /// The state as saved, in parts to be written one after the other: pages
    /// encoded ahead are then written as they are, not copied.
    ///
    /// The file: a mark of the format, the pages' part, the rest, then the
    /// head (what a build that finds nothing changed reads), and last where
    /// the head starts, as eight bytes. The pages' part, nearly all of it, is
    /// known before the rest of the site is written, and is saved meanwhile
    /// (`BuildStateStore.beginSaving`); the head holds the published
    /// manifest's stamp, known only once the site is published.
    func encodedParts() -> [ArraySlice<UInt8>] {
        let pages = encodedPagesPart(), tail = encodedTail()
        return [Self.mark[...]] + pages + Self.ending(tail: tail, head: encodedHead(),
                                                     at: Self.mark.count + pages.reduce(0) { $0 + $1.count })
    }

    /// The start of every state file: "BRST" and the format's version.
    static let mark: [UInt8] = Array("BRST".utf8) + withUnsafeBytes(of: UInt32(formatVersion).littleEndian) { Array($0) }

    /// The rest, the head and where the head starts, for a file whose mark
    /// and pages' part take `offset` bytes.
    static func ending(tail: [UInt8], head: [UInt8], at offset: Int) -> [ArraySlice<UInt8>] {
        let headStart = UInt64(offset + tail.count)
        return [tail[...], head[...], withUnsafeBytes(of: headStart.littleEndian) { Array($0) }[...]]
    }

    /// What a build that finds nothing changed reads.
    func encodedHead() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(Self.formatVersion)
        writer.write(outputStamp != nil)
        outputStamp?.encode(to: &writer)
        writer.write(summary.inputsDigest)
        writer.write(summary.pages)
        writer.write(summary.files)
        writer.write(summary.diagnostics) { $1.encode(to: &$0) }
        writer.write(settingsDigest)
        writer.write(documentFolders)
        return writer.bytes
    }

    /// The dependency names, sources and records, as saved.
    func encodedPagesPart() -> [ArraySlice<UInt8>] {
        encodedPages ?? Self.encode(Pages(dependencyNames: dependencyNames, sources: sources, records: records, origin: origin,
                                          namesSaved: namesSaved))
    }

    /// The assets, extras and search files, after the pages' part.
    func encodedTail() -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(assets.keys.sorted()) { writer, path in
            guard let asset = assets[path] else { return }
            writer.write(path)
            asset.stamp.encode(to: &writer)
            writer.write(asset.digest)
        }
        writer.write(extrasDigest)
        Self.write(extras, to: &writer)
        writer.write(searchDigest)
        Self.write(searchFiles, to: &writer)
        return writer.bytes
    }

    /// The dependency names, sources and records, as `encodedParts` writes
    /// them. `sources`: the sources' part, if encoded already (`encode(sources:onAllCores:)`).
    static func encode(_ pages: Pages, sources encodedSources: [ArraySlice<UInt8>]? = nil) -> [ArraySlice<UInt8>] {
        var names = BinaryWriter()
        let origin = pages.origin
        if let origin, let saved = pages.namesSaved, saved.count <= pages.dependencyNames.count {
            // The last build's names as saved, then the new ones.
            names.write(pages.dependencyNames.count)
            names.splice(origin, saved.range)
            for name in pages.dependencyNames[saved.count...] { names.write(name) }
        } else {
            names.writeOnAllCores(pages.dependencyNames) { $0.write($1) }
        }
        let table = pages.records
        let records = BinaryWriter.sliced(Array(table.keys.indices), onAllCores: true) { writer, place in
            let record = table[place: place]
            if let origin, let range = record.encoded {
                writer.splice(origin, range)
                return
            }
            writer.write(table.keys[place])
            writer.write(record.contentDigest)
            writer.write(record.cardDigest)
            writer.write(record.template)
            writer.write(record.templateDigest)
            writer.write(record.dependencies) { writer, dependency in
                writer.write(Int(dependency.name))
                writer.write(dependency.digest)
            }
            writer.write(record.outgoing)
            writer.write(record.ids)
            writer.write(record.outputPath)
            writer.write(record.outputDigest)
            writer.write(record.diagnostics) { $1.encode(to: &$0) }
        }
        // Each writer's parts are a stretch of the one stream, in order.
        return names.parts + (encodedSources ?? encode(sources: pages.sources, origin: origin, onAllCores: true)) + records
    }

    /// The sources' part of `encode`. A build encodes it ahead, on one core,
    /// as soon as its front matter is parsed: the sources are final then, and
    /// while the pages are planned and indexed a core is mostly idle, where
    /// at the end of the build both are busy writing.
    ///
    /// `origin`: the saved state the kept entries were read from. `placed`:
    /// the pages as planned this build, sorted by source path: each other
    /// entry's draft is saved placed, so the next build takes its page as it
    /// is (`PageDraft.placed`).
    static func encode(sources: SourceTable, origin: [UInt8]?, placed pages: [Page] = [], onAllCores: Bool) -> [ArraySlice<UInt8>] {
        let order = sources.keys, entries = sources.entries
        // Each file's planned page, found by walking the two sorted lists side by side.
        var planned = [Int?](repeating: nil, count: pages.isEmpty ? 0 : order.count)
        var next = 0
        for (offset, path) in order.enumerated() where !pages.isEmpty {
            while next < pages.count, pages[next].sourcePath < path { next += 1 }
            if next < pages.count, pages[next].sourcePath == path { planned[offset] = next }
        }
        let placedAt = planned
        let each: @Sendable (inout BinaryWriter, Int) -> Void = { writer, offset in
            let path = order[offset], source = entries[offset]
            if let origin, let range = source.encoded {
                writer.splice(origin, range)
                return
            }
            writer.write(path)
            source.stamp.encode(to: &writer)
            writer.write(source.digest)
            writer.write(source.declaredKind != nil)
            source.declaredKind?.encode(to: &writer)
            writer.write(source.draft != nil)
            if var draft = source.draft {
                // A chapter is placed by its document, and always anew.
                if draft.page.kind != .chapter, offset < placedAt.count, let place = placedAt[offset] {
                    draft.page = pages[place]
                    draft.placed = true
                }
                draft.encode(to: &writer, sourcePath: path)
            }
            writer.write(source.diagnostics) { $1.encode(to: &$0) }
        }
        return BinaryWriter.sliced(Array(order.indices), onAllCores: onAllCores, each)
    }

    /// Where the head of a saved state of `size` bytes starts, from its last
    /// eight bytes (`trailer`), checked to leave room for the mark.
    static func headStart(trailer: [UInt8], size: Int) throws -> Int {
        guard trailer.count == 8 else { throw BinaryReader.Malformed() }
        var value: UInt64 = 0
        for (index, byte) in trailer.enumerated() { value |= UInt64(byte) << UInt64(8 * index) }
        guard value >= UInt64(mark.count), value <= UInt64(size - 8) else { throw BinaryReader.Malformed() }
        return Int(value)
    }

    /// The summary and output stamp alone, read from the end of the file
    /// without reading the rest: its last bytes hold the head, unless its
    /// findings are more than they hold. The head's own version is checked.
    static func decodeSummary(file path: String) throws -> (Summary, FileStamp?) {
        guard let (last, size) = FileTree.lastBytes(of: path, atMost: 1 << 16), size >= mark.count + 8 else {
            throw BinaryReader.Malformed()
        }
        let start = try headStart(trailer: Array(last.suffix(8)), size: size)
        let lastStart = size - last.count
        let head = start >= lastStart ? Array(last[(start - lastStart)..<(last.count - 8)]) : FileTree.bytes(of: path, in: start..<size - 8)
        guard let head else { throw BinaryReader.Malformed() }
        var reader = BinaryReader(head)
        return try readHeader(&reader)
    }

    private static func readHeader(_ reader: inout BinaryReader) throws -> (Summary, FileStamp?) {
        guard try reader.readInt() == formatVersion else { throw BinaryReader.Malformed() }
        let outputStamp = try reader.readBool() ? try FileStamp.decode(from: &reader) : nil
        let summary = Summary(inputsDigest: try reader.readUInt64(), pages: try reader.readInt(), files: try reader.readInt(),
                              diagnostics: try reader.readArray { try Diagnostic.decode(from: &$0) })
        return (summary, outputStamp)
    }

    static func decode(_ bytes: [UInt8]) throws -> BuildState {
        guard bytes.count >= mark.count + 8, bytes.starts(with: mark) else { throw BinaryReader.Malformed() }
        let start = try headStart(trailer: Array(bytes[(bytes.count - 8)...]), size: bytes.count)
        var headReader = BinaryReader(bytes, at: start)
        let (summary, outputStamp) = try readHeader(&headReader)
        let settingsDigest = try headReader.readUInt64()
        let documentFolders = try headReader.readStrings()
        guard headReader.position == bytes.count - 8 else { throw BinaryReader.Malformed() }
        var reader = BinaryReader(bytes, at: mark.count)
        var counted = reader
        _ = try counted.readInt()
        let dependencyNames = try reader.readStrings()
        let namesSaved = NamesSaved(count: dependencyNames.count, range: counted.position..<reader.position)
        // The sources' and records' runs, decoded side by side once the rest is read.
        let sourceSlices = try reader.readSlices()
        let recordSlices = try reader.readSlices()
        let names = dependencyNames.count
        let readSource: @Sendable (inout BinaryReader) throws -> (String, CachedSource) = { reader in
            let start = reader.position
            let path = try reader.readString()
            let stamp = try FileStamp.decode(from: &reader)
            let digest = try reader.readUInt64()
            let kind = try reader.readBool() ? try PageKind.decode(from: &reader) : nil
            let draft = try reader.readBool() ? try PageDraft.decode(from: &reader, sourcePath: path) : nil
            let diagnostics = try reader.readArray { try Diagnostic.decode(from: &$0) }
            return (path, CachedSource(stamp: stamp, digest: digest, declaredKind: kind, draft: draft, diagnostics: diagnostics,
                                       encoded: start..<reader.position))
        }
        let readRecord: @Sendable (inout BinaryReader) throws -> (String, PageRecord) = { reader in
            let start = reader.position
            let reference = try reader.readString()
            let contentDigest = try reader.readUInt64(), cardDigest = try reader.readUInt64()
            let template = try reader.readString()
            let templateDigest = try reader.readUInt64()
            let dependencies = try reader.readArray { reader -> (name: Int32, digest: UInt64) in
                let name = try reader.readInt()
                guard name >= 0, name < names else { throw BinaryReader.Malformed() }
                return (Int32(name), try reader.readUInt64())
            }
            let outgoing = reader.position
            try reader.skipStrings()
            let ids = reader.position
            try reader.skipStrings()
            let outputPath = try reader.readString()
            let outputDigest = try reader.readUInt64()
            let diagnostics = try reader.readArray { try Diagnostic.decode(from: &$0) }
            return (reference, PageRecord(
                contentDigest: contentDigest, cardDigest: cardDigest, template: template, templateDigest: templateDigest,
                dependencies: dependencies, lists: .saved(origin: bytes, outgoing: outgoing, ids: ids), outputPath: outputPath,
                outputDigest: outputDigest, diagnostics: diagnostics, encoded: start..<reader.position))
        }
        let assets = try reader.readTable { reader -> (String, CachedAsset) in
            (try reader.readString(), CachedAsset(stamp: try FileStamp.decode(from: &reader), digest: try reader.readUInt64()))
        }
        let extrasDigest = try reader.readUInt64()
        let extras = try readDigests(from: &reader)
        let searchDigest = try reader.readUInt64()
        let searchFiles = try readDigests(from: &reader)
        guard reader.position == start else { throw BinaryReader.Malformed() }
        let decoded = ConcurrentMap.map(sourceSlices.map { ($0, true) } + recordSlices.map { ($0, false) }) { slice, isSource in
            isSource ? DecodedSlice(sources: try? BinaryReader.readSlice(bytes, slice, readSource))
                : DecodedSlice(records: try? BinaryReader.readSlice(bytes, slice, readRecord))
        }
        guard decoded.allSatisfy({ $0.sources != nil || $0.records != nil }) else { throw BinaryReader.Malformed() }
        // The two tables joined from their runs side by side too.
        let (sources, records) = ConcurrentMap.both({ SourceTable(sortedRuns: decoded.compactMap(\.sources)) },
                                                    { RecordTable(sortedRuns: decoded.compactMap(\.records)) })
        return BuildState(
            settingsDigest: settingsDigest, documentFolders: documentFolders,
            pages: Pages(dependencyNames: dependencyNames, sources: sources, records: records, encoded: nil, origin: bytes,
                         namesSaved: namesSaved), assets: assets,
            extrasDigest: extrasDigest, extras: extras, searchDigest: searchDigest, searchFiles: searchFiles, outputStamp: outputStamp,
            summary: summary)
    }

    /// One run of the sources or of the records, decoded (nil: malformed).
    private struct DecodedSlice: Sendable {
        var sources: [(String, CachedSource)]?
        var records: [(String, PageRecord)]?
    }

    private static func write(_ digests: [String: UInt64], to writer: inout BinaryWriter) {
        writer.write(digests.keys.sorted()) { writer, path in
            writer.write(path)
            writer.write(digests[path] ?? 0)
        }
    }

    private static func readDigests(from reader: inout BinaryReader) throws -> [String: UInt64] {
        try reader.readTable { (try $0.readString(), try $0.readUInt64()) }
    }
}

/// Where the state of builds into one output folder is kept.
struct BuildStateStore: Sendable {
    let file: URL

    /// `.briefings-cache/` beside the content folder, one state per output folder.
    init(options: BuildOptions) {
        let folder = options.contentFolder.deletingLastPathComponent().appendingPathComponent(".briefings-cache")
        let key = String(Digest(options.outputFolder.standardizedFileURL.path).final, radix: 16)
        file = folder.appendingPathComponent("state-\(key).bin")
    }

    /// Saves atomically (a whole new file, then a rename).
    func save(_ state: BuildState) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // A whole new file, then a rename: a build killed while saving leaves
        // the last state, never half of one.
        let parts = state.encodedParts()
        let partial = file.path + ".partial-\(getpid())"
        do {
            try FileTree.write(parts, to: partial)
            guard rename(partial, file.path) == 0 else { throw POSIXError(code: errno) }
        } catch {
            unlink(partial)
            throw error
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: file)
    }

    /// A save begun before the rest of the site is written: the mark and the
    /// pages' part (nearly all of the file) are written as soon as they are
    /// made, while the build writes and publishes the site, and the rest and
    /// the head (which holds the published manifest's stamp) once it is
    /// published (`finish`). Saving the whole state after publishing was
    /// most of the last milliseconds of a one-file rebuild, on one core.
    final class Saving: Sendable {
        let store: BuildStateStore
        private let partial: String
        /// The open file and how much of it is written; nil when that failed.
        private let written: Task<(descriptor: Int32, size: Int)?, Never>

        fileprivate init(store: BuildStateStore, pages: @escaping @Sendable () async -> [ArraySlice<UInt8>]) {
            self.store = store
            let partial = store.file.path + ".partial-\(getpid())"
            self.partial = partial
            let folder = store.file.deletingLastPathComponent(), name = store.file.lastPathComponent
            written = Task.detached {
                let parts = await pages()
                guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return nil }
                Self.removeLeftOvers(of: name, in: folder)
                let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { return nil }
                var offset = 0
                for part in [BuildState.mark[...]] + parts {
                    guard part.withUnsafeBytes({ FileTree.write($0, into: descriptor, at: offset) }) else {
                        close(descriptor)
                        unlink(partial)
                        return nil
                    }
                    offset += part.count
                }
                return (descriptor, offset)
            }
        }

        /// Writes the rest and the head, and puts the file in place; if the
        /// pages' part could not be written, saves the whole state anew.
        func finish(_ state: BuildState) async throws {
            guard let (descriptor, size) = await written.value else {
                try store.save(state)
                return
            }
            var offset = size, whole = true
            for part in BuildState.ending(tail: state.encodedTail(), head: state.encodedHead(), at: size) {
                whole = whole && part.withUnsafeBytes { FileTree.write($0, into: descriptor, at: offset) }
                offset += part.count
            }
            close(descriptor)
            guard whole, rename(partial, store.file.path) == 0 else {
                unlink(partial)
                try store.save(state)
                return
            }
        }

        /// Partial files of saves by builds that were killed (their process is gone).
        private static func removeLeftOvers(of name: String, in folder: URL) {
            let prefix = name + ".partial-"
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where entry.hasPrefix(prefix) {
                guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
                unlink(folder.appendingPathComponent(entry).path)
            }
        }

        /// For a build that did not publish: the partial file goes.
        func cancel() async {
            if let (descriptor, _) = await written.value {
                close(descriptor)
                unlink(partial)
            }
        }
    }

    /// Begins saving a state whose pages' part (`BuildState.encodedPagesPart`)
    /// `pages` makes.
    func beginSaving(pages: @escaping @Sendable () async -> [ArraySlice<UInt8>]) -> Saving {
        Saving(store: self, pages: pages)
    }
}

extension FileStamp {
    func encode(to writer: inout BinaryWriter) {
        writer.write(size)
        writer.write(modified)
        writer.write(inode)
    }

    static func decode(from reader: inout BinaryReader) throws -> FileStamp {
        FileStamp(size: try reader.readInt(), modified: try reader.readInt(), inode: try reader.readInt())
    }

    /// The stamp of a file, or nil when it does not exist.
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        return stat(path, &info) == 0 ? FileStamp(info) : nil
    }
}

extension PageDraft {
    /// `sourcePath`: the path the entry is saved under (`BuildState.sources`).
    func encode(to writer: inout BinaryWriter, sourcePath: String) {
        page.encode(to: &writer, sourcePath: sourcePath)
        for override in [slug, url] {
            writer.write(override != nil)
            if let override {
                writer.write(override.string)
                writer.write(override.described)
                override.location.encode(to: &writer)
            }
        }
        writer.write(isIndex)
        writer.write(folder)
        writer.write(placed)
    }

    static func decode(from reader: inout BinaryReader, sourcePath: String) throws -> PageDraft {
        let page = try Page.decode(from: &reader, sourcePath: sourcePath)
        func readOverride() throws -> PlanOverride? {
            guard try reader.readBool() else { return nil }
            return PlanOverride(string: try reader.readOptionalString(), described: try reader.readString(),
                                location: try SourceLocation.decode(from: &reader))
        }
        let slug = try readOverride(), url = try readOverride()
        let isIndex = try reader.readBool(), folder = try reader.readString(), placed = try reader.readBool()
        // A chapter's place depends on its document: never taken as saved.
        return PageDraft(page: page, slug: slug, url: url, isIndex: isIndex, folder: folder, placed: placed && page.kind != .chapter)
    }
}
