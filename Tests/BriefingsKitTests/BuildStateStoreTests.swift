@testable import BriefingsKit
import Foundation
import Testing

/// The state one build saves for the next, read back from its file: the
/// summary from the file's first bytes (all a build that finds nothing
/// changed needs), the whole state on another thread.
@Suite struct BuildStateStoreTests {
    private func store() throws -> (BuildStateStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Content"), withIntermediateDirectories: true)
        let options = BuildOptions(contentFolder: folder.appendingPathComponent("Content"), outputFolder: folder.appendingPathComponent("Output"))
        return (BuildStateStore(options: options), folder)
    }

    private func state(findings: Int) -> BuildState {
        let diagnostics = (0..<findings).map { number in
            Diagnostic.warning("link.anchor", "the link to #part-\(number) finds no heading of that id on the page",
                               at: SourceLocation(file: "Content/case-studies/study-\(number).md", line: number + 1, column: 3),
                               help: "link to an id the page has, or add the heading")
        }
        return BuildState(settingsDigest: 7, documentFolders: ["handbook"],
                          pages: BuildState.Pages(dependencyNames: ["kind:case-study"], sources: [:], records: [:], encoded: nil),
                          assets: [:], extrasDigest: 1, extras: ["sitemap.xml": 2], searchDigest: 3, searchFiles: [:],
                          outputStamp: FileStamp(size: 10, modified: 20, inode: 30),
                          summary: BuildState.Summary(inputsDigest: 42, pages: 5, files: 9, diagnostics: diagnostics))
    }

    @Test(arguments: [0, 3, 2_000])
    func aSavedSummaryIsReadBackWholeHoweverManyFindingsItHolds(findings: Int) throws {
        let (store, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.save(state(findings: findings))
        // 2,000 findings are far more than the first bytes read for the summary.
        if findings == 2_000 {
            let size = try FileManager.default.attributesOfItem(atPath: store.file.path)[.size] as? Int ?? 0
            #expect(size > 1 << 16)
        }
        let memory = BuildMemory(savedAt: store.file.path)
        let (summary, stamp) = try #require(memory.summary)
        #expect(summary.inputsDigest == 42 && summary.pages == 5 && summary.files == 9)
        #expect(summary.diagnostics.count == findings)
        #expect(summary.diagnostics.last?.line == (findings == 0 ? nil : findings))
        #expect(stamp == FileStamp(size: 10, modified: 20, inode: 30))

        // The whole state, decoded ahead on another thread, as a build reads it.
        memory.decodeAhead()
        let whole = try #require(memory.state)
        #expect(whole.settingsDigest == 7 && whole.documentFolders == ["handbook"] && whole.extras == ["sitemap.xml": 2])
        #expect(whole.summary.diagnostics.count == findings)
    }

    @Test func noFileOrABrokenOneIsNoStateNotACrash() throws {
        let (store, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = BuildMemory(savedAt: store.file.path)
        #expect(missing.summary == nil)
        missing.decodeAhead()
        #expect(missing.state == nil)

        try store.save(state(findings: 50))
        let bytes = try Data(contentsOf: store.file)
        for cut in [0, 5, bytes.count / 2, bytes.count - 1] {
            try bytes.prefix(cut).write(to: store.file)
            let memory = BuildMemory(savedAt: store.file.path)
            // A summary cut short is no summary; a state cut short is none.
            if cut < bytes.count / 2 { #expect(memory.summary == nil, "cut at \(cut)") }
            #expect(memory.state == nil, "cut at \(cut)")
        }
    }

    /// Records kept from the last build are saved by copying their bytes from
    /// the file they were read from; one changed since must be encoded anew.
    @Test func keptRecordsAreSavedAsTheyWereReadAndChangedOnesAnew() throws {
        func record(_ numbers: [Int32], ids: [String]) -> BuildState.PageRecord {
            BuildState.PageRecord(contentDigest: 1, cardDigest: 2, template: "case-study", templateDigest: 3,
                                  dependencies: numbers.map { ($0, UInt64($0) + 100) }, outgoing: ["case-study:kent"], ids: ids,
                                  outputPath: "case-studies/x/index.html", outputDigest: 4, diagnostics: [])
        }
        var original = state(findings: 1)
        original.dependencyNames = ["kind:case-study", "ref:case-study:kent", "body:case-study:kent"]
        original.records = ["case-study:a": record([0, 1], ids: ["why"]), "case-study:b": record([2], ids: ["how", "when"])]
        let saved = original.encodedParts().flatMap { $0 }

        var read = try BuildState.decode(saved)
        #expect(read.origin == saved)
        // Each record's links and ids, left in the file when read, are there when asked for.
        #expect(read.records["case-study:b"]?.ids == ["how", "when"])
        #expect(read.records["case-study:a"]?.outgoing == ["case-study:kent"])
        // Read and saved again, unchanged: the same bytes.
        #expect(read.encodedParts().flatMap { $0 } == saved)

        // A kept record whose dependencies were renumbered (as compacting does) is saved as it is now.
        read.records["case-study:b"]?.dependencies = [(0, 7)]
        let again = try BuildState.decode(read.encodedParts().flatMap { $0 })
        #expect(again.records["case-study:b"]?.dependencies.map(\.name) == [0])
        #expect(again.records["case-study:b"]?.dependencies.map(\.digest) == [7])
        #expect(again.records["case-study:b"]?.ids == ["how", "when"])
        #expect(again.records["case-study:a"]?.dependencies.map(\.name) == [0, 1])
    }

    /// Sources kept from the last build are saved by copying their bytes too,
    /// whether encoded ahead (as a build does) or with the rest; one read
    /// again since is encoded anew.
    @Test func keptSourcesAreSavedAsTheyWereReadAndReadOnesAnew() throws {
        func source(_ digest: UInt64, finding: String) -> BuildState.CachedSource {
            BuildState.CachedSource(stamp: FileStamp(size: 5, modified: Int(digest), inode: 9), digest: digest, declaredKind: .caseStudy,
                                    draft: nil, diagnostics: [.warning("front-matter.unknown", finding, at: SourceLocation(file: "a.md", line: 2))])
        }
        var original = state(findings: 0)
        original.sources = ["case-studies/a.md": source(11, finding: "first"), "case-studies/b.md": source(12, finding: "second")]
        let saved = original.encodedParts().flatMap { $0 }

        var read = try BuildState.decode(saved)
        #expect(read.sources.values.allSatisfy { $0.encoded != nil })
        #expect(read.encodedParts().flatMap { $0 } == saved)
        // Encoded ahead on its own, the sources' part is the same stretch of the file.
        let ahead = BuildState.encode(sources: read.sources, origin: read.origin, onAllCores: false).flatMap { $0 }
        #expect(saved.count > ahead.count && ahead.count > 0)
        #expect(saved.indices.contains { saved[$0...].starts(with: ahead) })

        // A file read again: its entry is made anew, and saved as it is now.
        read.sources["case-studies/b.md"] = source(13, finding: "changed")
        let again = try BuildState.decode(read.encodedParts().flatMap { $0 })
        #expect(again.sources["case-studies/b.md"]?.digest == 13)
        #expect(again.sources["case-studies/b.md"]?.diagnostics.first?.message == "changed")
        #expect(again.sources["case-studies/a.md"]?.digest == 11)
        #expect(again.sources["case-studies/a.md"]?.diagnostics.first?.message == "first")
    }

    /// A file read this build is saved with its draft placed (its page as
    /// planned), so the next build takes the page as it is; a chapter, placed
    /// by its document, is saved as read, and an entry kept is saved as it was.
    @Test func draftsAreSavedPlacedButChaptersAndKeptEntriesAsTheyWere() throws {
        func page(_ kind: PageKind, _ path: String, url: String, id: String) -> Page {
            Page(kind: kind, sourcePath: path, file: "Content/" + path, url: url, referenceID: id, title: "T", summary: "",
                 status: .published, terms: [:], body: "", bodyFirstLine: 4)
        }
        func source(_ draft: Page) -> BuildState.CachedSource {
            BuildState.CachedSource(stamp: FileStamp(size: 1, modified: 2, inode: 3), digest: 4, declaredKind: nil,
                                    draft: PageDraft(page: draft, slug: nil, url: nil, isIndex: false, folder: "x"), diagnostics: [])
        }
        let sources: SourceTable = ["a.md": source(page(.page, "a.md", url: "", id: "")),
                       "r/02-b.md": source(page(.chapter, "r/02-b.md", url: "", id: "")),
                       "z.md": source(page(.page, "z.md", url: "", id: ""))]
        // As planned this build, sorted by source path; z.md is left out (a draft, say).
        let planned = [page(.page, "a.md", url: "/a/", id: "a"), page(.chapter, "r/02-b.md", url: "/r/b/", id: "r/b")]
        var state = state(findings: 0)
        state.sources = sources
        // Saved as a build saves it: the sources' part encoded ahead, with the
        // pages planned, and the rest of the pages' part around it.
        let ahead = BuildState.encode(sources: sources, origin: nil, placed: planned, onAllCores: false)
        let pagesPart = BuildState.encode(BuildState.Pages(dependencyNames: state.dependencyNames, sources: sources, records: state.records),
                                          sources: ahead)
        let offset = BuildState.mark.count + pagesPart.reduce(0) { $0 + $1.count }
        let saved = ([BuildState.mark[...]] + pagesPart + BuildState.ending(tail: state.encodedTail(), head: state.encodedHead(), at: offset))
            .flatMap { $0 }

        let read = try BuildState.decode(saved)
        let placed = try #require(read.sources["a.md"]?.draft)
        #expect(placed.placed && placed.page.url == "/a/" && placed.page.referenceID == "a")
        #expect(read.sources["r/02-b.md"]?.draft?.placed == false, "a chapter is placed anew")
        #expect(read.sources["r/02-b.md"]?.draft?.page.url == "", "a chapter is saved as read")
        #expect(read.sources["z.md"]?.draft?.placed == false, "a draft not planned is saved as read")

        // Kept and saved again, each entry is the same bytes.
        #expect(read.encodedParts().flatMap { $0 } == saved)
    }

    /// A large site's sources and records are saved in runs that are decoded
    /// side by side: every entry comes back, in its own run or another, and a
    /// run whose length does not match its entries is no state, not a crash.
    @Test func aLargeStateIsSavedInRunsAndReadBackWhole() throws {
        var large = state(findings: 0)
        large.dependencyNames = ["kind:case-study", "body:case-study:x"]
        let count = 9_000
        for number in 0..<count {
            large.sources[String(format: "case-studies/study-%05d.md", number)] = BuildState.CachedSource(
                stamp: FileStamp(size: number, modified: 2, inode: 3), digest: UInt64(number), declaredKind: .caseStudy, draft: nil,
                diagnostics: [])
            large.records[String(format: "case-study:study-%05d", number)] = BuildState.PageRecord(
                contentDigest: UInt64(number), cardDigest: 2, template: "case-study", templateDigest: 3,
                dependencies: [(Int32(number % 2), UInt64(number))], outgoing: ["case-study:study-00001"], ids: ["part-\(number)"],
                outputPath: String(format: "case-studies/study-%05d/index.html", number), outputDigest: 4, diagnostics: [])
        }
        let saved = large.encodedParts().flatMap { $0 }
        let read = try BuildState.decode(saved)
        #expect(read.sources.count == count && read.records.count == count)
        #expect(read.sources["case-studies/study-08999.md"]?.stamp.size == 8_999)
        #expect(read.sources["case-studies/study-00000.md"]?.digest == 0)
        #expect(read.records["case-study:study-04096"]?.ids == ["part-4096"])
        #expect(read.records["case-study:study-04095"]?.dependencies.map(\.digest) == [4_095])
        #expect(read.encodedParts().flatMap { $0 } == saved)

        // The sources' part: its runs (more than one), each after its length.
        var parts = BuildState.encode(sources: large.sources, origin: nil, onAllCores: true)
        let plain = parts.flatMap { $0 }
        var runs = BinaryReader(plain)
        let slices = try runs.readSlices()
        #expect(slices.count > 1 && slices.last?.upperBound == plain.count)
        // A first run said to be a byte longer than its entries no longer ends where it says.
        var length = BinaryWriter()
        length.write(slices[0].count + 1)
        parts[1] = length.bytes[...]
        let start = try #require(saved.indices.first { saved[$0...].starts(with: plain) })
        let broken = Array(saved[..<start]) + parts.flatMap { $0 } + Array(saved[(start + plain.count)...])
        #expect(throws: (any Error).self) { try BuildState.decode(broken) }
    }
}
