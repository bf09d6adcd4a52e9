import Foundation
import TestSupport
import Testing

/// An incremental build gives the same bytes as a clean one, whatever changed:
/// after each edit the site is built incrementally into Output/ and from
/// nothing (`--clean`) into Clean/, and the two folders are compared file by file.
@Suite struct IncrementalBuildTests {
    final class Site {
        let site: TemporarySite
        let runner: BinaryRunner

        init() throws {
            site = try copyOfShippedSite()
            runner = try briefings()
        }

        /// Builds both ways and returns how many pages the incremental build laid out.
        @discardableResult
        func buildBothWays(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
            let incremental = try runner.run(["build", "--no-search"], in: site.root)
            #expect(incremental.status == 0, "\(step): \(incremental.standardError)", sourceLocation: sourceLocation)
            let clean = try runner.run(["build", "--no-search", "--clean", "--output", "Clean"], in: site.root)
            #expect(clean.status == 0, "\(step): \(clean.standardError)", sourceLocation: sourceLocation)
            let differences = FolderSnapshot(site.output).differences(from: FolderSnapshot(site.root.appendingPathComponent("Clean")))
            #expect(differences.isEmpty, "\(step): incremental and clean builds differ in \(differences.prefix(8))", sourceLocation: sourceLocation)
            let summary = incremental.standardOutput
            if summary.contains("is up to date: nothing changed") { return 0 }
            if let range = summary.range(of: #"; (\d+) laid out again"#, options: .regularExpression) {
                return Int(summary[range].split(separator: " ")[1]) ?? -1
            }
            return Int(summary.split(separator: " ")[1]) ?? -1
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = site.content.appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }

        func editTemplate(_ path: String, _ change: (String) -> String) throws {
            let url = site.templates.appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test func editsAdditionsDeletionsRenamesAndTemplateChangesGiveTheSameBytesAsACleanBuild() throws {
        let it = try Site()
        let total = try it.buildBothWays("first build")
        #expect(total > 30)
        #expect(try it.buildBothWays("no change") == 0)

        try it.edit("case-studies/kent.md") { $0 + "\nA paragraph added to the body.\n" }
        let bodyEdit = try it.buildBothWays("body edit")
        #expect(bodyEdit >= 1 && bodyEdit < 6, "a body edit laid out \(bodyEdit) pages")

        try it.edit("case-studies/kent.md") { $0.replacingOccurrences(of: "title: Kent", with: "title: Kent County") }
        try it.buildBothWays("title change")

        try it.edit("case-studies/bristol.md") { $0.replacingOccurrences(of: "principles: [redesign]", with: "principles: [redesign, collaborate]") }
        try it.buildBothWays("terms change")

        try it.site.write(caseStudy("Norfolk", principles: "[collaborate]", capabilities: "[procurement]",
                                    body: "## Why it is cited\n\nSee [Kent](case-study:kent#why-it-is-cited).\n"), to: "case-studies/norfolk.md")
        try it.buildBothWays("a new case study that cites another")

        try it.edit("case-studies/kent.md") { $0.replacingOccurrences(of: "## What the sources do not say", with: "## What the sources leave out") }
        try it.buildBothWays("a heading renamed (anchors change)")

        try FileManager.default.moveItem(at: it.site.content.appendingPathComponent("case-studies/norfolk.md"),
                                         to: it.site.content.appendingPathComponent("case-studies/norfolk-county.md"))
        try it.buildBothWays("a rename")

        try FileManager.default.removeItem(at: it.site.content.appendingPathComponent("case-studies/norfolk-county.md"))
        try it.buildBothWays("a deletion")

        try it.editTemplate("partials/footer.mustache") { $0.replacingOccurrences(of: "Back to top", with: "Back to the top") }
        #expect(try it.buildBothWays("a partial every page uses") == total)

        try it.editTemplate("case-study.mustache") { $0.replacingOccurrences(of: "<article class=\"publication case-study\">", with: "<article class=\"publication case-study study\">") }
        let templateEdit = try it.buildBothWays("the case-study template")
        #expect(templateEdit >= 12 && templateEdit < total, "a case-study template change laid out \(templateEdit) of \(total) pages")

        try it.edit("site.yml") { $0.replacingOccurrences(of: "title: Digital Public Services", with: "title: Digital Public Services (test)") }
        #expect(try it.buildBothWays("site settings") == total)

        try it.site.write(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]), to: "assets/logo.png")
        try it.edit("about.md") { $0 + "\n![The site's logo](/assets/logo.png)\n" }
        try it.buildBothWays("an asset and a page using it")

        try it.edit("routemap/02-information.md") { $0 + "\nMore on information.\n" }
        try it.buildBothWays("a chapter, shown in full on the whole-document page")

        // The chapters after it are numbered again, though their files did not change.
        try it.site.write("---\ntitle: Joining up\nsummary: \"A chapter put between two others.\"\n---\n\n## Why join up\n\nText.\n",
                          to: "routemap/015-joining-up.md")
        try it.buildBothWays("a chapter added before others")

        // A folder of pages becomes a document, and its pages its chapters,
        // though their files did not change; then it is pages again.
        try it.site.write("---\ntitle: First guide\nsummary: \"One page of a folder.\"\n---\n\n## First\n\nText.\n", to: "guides/01-first.md")
        try it.site.write("---\ntitle: Second guide\nsummary: \"Another page of it.\"\n---\n\n## Second\n\nText.\n", to: "guides/02-second.md")
        try it.buildBothWays("a folder of pages")
        try it.site.write("---\nkind: document\ntitle: Guides\nsummary: \"The folder as one document.\"\n---\n\n## About\n\nText.\n",
                          to: "guides/index.md")
        try it.buildBothWays("the folder made a document: its pages are chapters")
        try FileManager.default.removeItem(at: it.site.content.appendingPathComponent("guides/index.md"))
        try it.buildBothWays("the document's index removed: its chapters are pages again")
    }

    /// A build that finds nothing changed writes nothing and says so, with the
    /// last build's warnings; any change to an input, even only its time, or to
    /// the output folder, makes a real build again.
    @Test func aBuildWithNothingChangedLeavesTheOutputAloneAndRepeatsTheWarnings() throws {
        let it = try Site()
        try it.edit("case-studies/kent.md") { $0.replacingOccurrences(of: "title: Kent", with: "title: Kent\nmood: hopeful") }
        let first = try it.runner.run(["build", "--no-search"], in: it.site.root)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("mood"))
        let manifest = it.site.output.appendingPathComponent(".briefings-manifest")
        let written = try FileManager.default.attributesOfItem(atPath: manifest.path)[.modificationDate] as? Date

        let again = try it.runner.run(["build", "--no-search"], in: it.site.root)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("is up to date: nothing changed since the last build"), "\(again.standardOutput)")
        #expect(again.standardError.contains("mood"), "the last build's warning is reported again")
        #expect(try FileManager.default.attributesOfItem(atPath: manifest.path)[.modificationDate] as? Date == written)

        let strict = try it.runner.run(["build", "--no-search", "--strict"], in: it.site.root)
        #expect(strict.status != 0, "--strict fails on the warning even when nothing changed")

        // Only the time changes: the page is read again, and the output is the same.
        let kent = it.site.content.appendingPathComponent("case-studies/kent.md")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: kent.path)
        let touched = try it.runner.run(["build", "--no-search"], in: it.site.root)
        #expect(touched.standardOutput.contains("; 0 laid out again"), "\(touched.standardOutput)")

        // Something else changed the output folder: the build checks every file.
        try FileManager.default.removeItem(at: it.site.output.appendingPathComponent("about/index.html"))
        #expect(try it.buildBothWays("a page removed from the output by hand") >= 0)
        #expect(FileManager.default.fileExists(atPath: it.site.output.appendingPathComponent("about/index.html").path))
    }

    /// Builds that keep pages from the last one keep the numbers of the names
    /// those pages depend on, adding new ones at the end, and number them
    /// afresh once most are no longer used (after many pages go): the builds
    /// after that still decide rightly what to lay out again.
    @Test func manyPagesAddedThenRemovedGiveTheSameBytesAsACleanBuild() throws {
        let it = try Site()
        try it.buildBothWays("first build")
        let extras = (1...60).map { "case-studies/extra-\($0).md" }
        for (number, path) in extras.enumerated() {
            try it.site.write(caseStudy("Extra \(number + 1)", principles: "[collaborate]", capabilities: "[procurement]"), to: path)
        }
        try it.buildBothWays("sixty case studies added")
        for path in extras { try FileManager.default.removeItem(at: it.site.content.appendingPathComponent(path)) }
        try it.buildBothWays("the sixty removed: most names are no longer used, and are numbered afresh")

        // Numbered wrongly, the kept records would name other dependencies,
        // whose digests differ from those recorded: every page would be laid
        // out again (or, where two digests agree, one wrongly kept).
        try it.edit("case-studies/kent.md") { $0 + "\nOne more paragraph.\n" }
        let bodyEdit = try it.buildBothWays("a body edit, after the names were numbered afresh")
        #expect(bodyEdit >= 1 && bodyEdit < 6, "a body edit laid out \(bodyEdit) pages")
        try it.edit("case-studies/kent.md") { $0.replacingOccurrences(of: "title: Kent", with: "title: Kent County") }
        try it.buildBothWays("a title change")
        try it.edit("case-studies/bristol.md") { $0.replacingOccurrences(of: "principles: [redesign]", with: "principles: [redesign, innovate]") }
        try it.buildBothWays("a terms change")
    }

    /// The cache is only ever an aid: one damaged after its summary (where a
    /// build that changed something begins decoding it before it needs it),
    /// cut short, or not a cache at all gives a full build with the same bytes,
    /// never a failure.
    @Test func aDamagedCacheGivesAFullBuildWithTheSameBytes() throws {
        let it = try Site()
        let total = try it.buildBothWays("first build")
        let cache = it.site.root.appendingPathComponent(".briefings-cache")
        // One state per output folder (Output/ and Clean/): all are damaged.
        func stateFiles() throws -> [URL] {
            let names = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".bin") }
            try #require(!names.isEmpty, "a build leaves its state in \(cache.path)")
            return names.map { cache.appendingPathComponent($0) }
        }
        let damages: [(String, (Data) -> Data)] = [
            ("bytes after the summary overwritten", { data in
                var damaged = data
                let start = data.count / 2
                damaged.replaceSubrange(start..<min(data.count, start + 64), with: Data(repeating: 0xFF, count: min(64, data.count - start)))
                return damaged
            }),
            ("cut short", { $0.prefix($0.count / 3) }),
            ("not a cache", { _ in Data("not a cache".utf8) }),
        ]
        for (number, (damage, change)) in damages.enumerated() {
            for file in try stateFiles() { try change(try Data(contentsOf: file)).write(to: file) }
            try it.edit("case-studies/kent.md") { $0 + "\nA paragraph added, number \(number).\n" }
            #expect(try it.buildBothWays("a page edited, the cache \(damage)") == total, "the cache \(damage): every page laid out again")
            #expect(try it.buildBothWays("no change after that") == 0)
        }
        // A partial state left by a build killed while saving (its process
        // gone) is removed by the next save; the state saved is used.
        let stateFile = try #require(try stateFiles().first)
        let leftOver = URL(fileURLWithPath: stateFile.path + ".partial-2147483600")
        try Data("half a state".utf8).write(to: leftOver)
        try it.edit("case-studies/kent.md") { $0 + "\nOne more paragraph.\n" }
        #expect(try it.buildBothWays("a page edited, a partial state left over") < total)
        #expect(!FileManager.default.fileExists(atPath: leftOver.path), "a killed build's partial state was left")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).allSatisfy { !$0.contains(".partial-") })
    }

    /// With no template showing "Cited in", the build makes no link graph;
    /// links added, removed and retargeted, and headings renamed, still give
    /// the same bytes as a clean build, and so does showing "Cited in" again.
    @Test func withoutCitedInNoLinkGraphIsNeededForTheSameBytes() throws {
        let it = try Site()
        for template in ["case-study.mustache", "chapter.mustache", "document.mustache", "briefing.mustache"] {
            try it.editTemplate(template) { $0.replacingOccurrences(of: "{{> partials/cited-in}}", with: "") }
        }
        let total = try it.buildBothWays("templates without Cited in")
        try it.edit("case-studies/kent.md") { $0 + "\nSee [Bristol](case-study:bristol) and [the routemap](document:routemap).\n" }
        let linksAdded = try it.buildBothWays("links added")
        #expect(linksAdded >= 1 && linksAdded < 6, "adding links laid out \(linksAdded) pages")
        try it.edit("case-studies/kent.md") { $0.replacingOccurrences(of: "[Bristol](case-study:bristol)", with: "Bristol") }
        try it.buildBothWays("a link removed")
        try it.edit("case-studies/bristol.md") { $0 + "\n## A new part\n\nSee [Kent](case-study:kent#a-new-part).\n" }
        try it.edit("case-studies/kent.md") { $0 + "\n## A new part\n\nText.\n" }
        try it.buildBothWays("a heading added and linked to")
        try it.editTemplate("case-study.mustache") { $0.replacingOccurrences(of: "{{/main}}", with: "{{> partials/cited-in}}{{/main}}") }
        #expect(try it.buildBothWays("Cited in shown again") >= 5 && total > 30)
    }

    /// A page whose template shows no "Cited in" is laid out as soon as its
    /// Markdown is rendered; when its headings change, the unchanged pages
    /// linking to its anchors are still checked again, as a clean build would.
    @Test func anchorsChangedOnAPageLaidOutWithItsBodyAreCheckedAgainWhereLinked() throws {
        let it = try Site()
        try it.edit("case-studies/kent.md") { $0 + "\nSee [how case studies are tagged](page:about#how-case-studies-are-tagged).\n" }
        try it.buildBothWays("a case study links to a heading of the about page")
        try it.edit("about.md") { $0.replacingOccurrences(of: "## How case studies are tagged", with: "## Tagging") }
        let incremental = try it.runner.run(["build", "--no-search"], in: it.site.root)
        let clean = try it.runner.run(["build", "--no-search", "--clean", "--output", "Clean"], in: it.site.root)
        for (name, result) in [("incremental", incremental), ("clean", clean)] {
            #expect(result.status == 1, "\(name): \(result.standardError)")
            #expect(result.standardError.contains("Content/case-studies/kent.md:")
                        && result.standardError.contains("points to the anchor '#how-case-studies-are-tagged', which /about/ does not have"),
                    "\(name): \(result.standardError)")
        }
    }
}
