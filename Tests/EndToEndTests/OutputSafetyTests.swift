import Foundation
import TestSupport
import Testing

/// Byte-identical builds, atomic publication, and the folders Briefings must
/// never build into.
@Suite struct OutputSafetyTests {
    /// Without the search index: Pagefind writes its files in hash-map order,
    /// which differs from run to run (docs/theme.md); everything Briefings writes
    /// itself is the same bytes.
    @Test func twoBuildsAreByteIdentical() throws {
        let site = try copyOfShippedSite()
        let runner = try briefings()
        #expect(try runner.run(["build", "--no-search", "--output", "First"], in: site.root).status == 0)
        #expect(try runner.run(["build", "--no-search", "--output", "Second"], in: site.root).status == 0)
        let first = FolderSnapshot(site.root.appendingPathComponent("First"))
        let second = FolderSnapshot(site.root.appendingPathComponent("Second"))
        #expect(first.files.count > 40)
        #expect(first.differences(from: second).isEmpty)
    }

    @Test func aDateOnlyComesFromSourceDateEpoch() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        #expect(try briefings().run(["build"], in: site.root).status == 0)
        #expect(try #require(site.built("index.html")).contains("Built with Briefings.</p>"))
        #expect(try briefings().run(["build"], in: site.root, environment: ["SOURCE_DATE_EPOCH": "1413849600"]).status == 0)
        #expect(try #require(site.built("index.html")).contains(#"Built with Briefings on <time datetime="2014-10-21">21 October 2014</time>."#))
    }

    @Test func aFailingBuildLeavesThePreviousOutputByteForByte() throws {
        let site = try copyOfShippedSite()
        let runner = try briefings()
        #expect(try runner.run(["build"], in: site.root).status == 0)
        let before = FolderSnapshot(site.output)
        let template = site.templates.appendingPathComponent("case-study.mustache")
        try "{{<layout}}{{$main}}{{#page}}unclosed{{/main}}{{/layout}}".write(to: template, atomically: true, encoding: .utf8)
        let failed = try runner.run(["build"], in: site.root)
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("Templates/case-study.mustache:1:"))
        #expect(FolderSnapshot(site.output).differences(from: before).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).allSatisfy { !$0.contains("staging") })
    }

    @Test(arguments: [SIGKILL, SIGINT])
    func anInterruptedBuildLeavesThePreviousOutputByteForByte(signal: Int32) throws {
        let site = try TemporarySite(files: ["taxonomies.yml": TemporarySite.taxonomies])
        let paragraph = String(repeating: "Local public services share *resources* and [data](case-study:study-1). ", count: 40)
        for number in 1...600 {
            try site.write(caseStudy("Study \(number)", body: "## Summary\n\n\(paragraph)\n\n## More\n\n\(paragraph)\n"),
                           to: "case-studies/study-\(number).md")
        }
        let runner = try briefings()
        #expect(try runner.run(["build"], in: site.root).status == 0)
        let before = FolderSnapshot(site.output)
        try site.write(caseStudy("Study 1", body: "Changed.\n"), to: "case-studies/study-1.md")

        let process = try runner.start(["build"], in: site.root)
        let staging = ".Output.staging-\(process.processIdentifier)"
        var sawStaging = false
        for _ in 0..<4000 where process.isRunning {
            if FileManager.default.fileExists(atPath: site.root.appendingPathComponent(staging).path) { sawStaging = true; break }
            usleep(2_000)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(sawStaging, "the build finished before it could be interrupted")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(FolderSnapshot(site.output).differences(from: before).isEmpty)

        // The next build clears what the killed one left and publishes.
        #expect(try runner.run(["build"], in: site.root).status == 0)
        #expect(try #require(site.built("case-studies/study-1/index.html")).contains("Changed."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).allSatisfy { !$0.contains("staging") })
    }

    @Test func refusesFoldersWhoseLossWouldHurt() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        let runner = try briefings()
        let home = site.root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let cases: [(String, [String: String], String)] = [
            ("Content", [:], "refusing to build into the folder Content"),
            ("Templates", [:], "refusing to build into the folder Templates"),
            (".", [:], "refusing to build into the site's own folder"),
            ("/", [:], "refusing to build into the root folder"),
            (home.path, ["HOME": home.path], "refusing to build into your home folder"),
            ("Content/out", [:], "is inside Content"),
            ("..", [:], "contains Content"),
        ]
        for (output, environment, message) in cases {
            let before = FolderSnapshot(site.root)
            let result = try runner.run(["build", "--output", output, "--force"], in: site.root, environment: environment)
            #expect(result.status == 1, "\(output)")
            #expect(result.standardError.contains(message), "\(output): \(result.standardError)")
            #expect(FolderSnapshot(site.root).differences(from: before).isEmpty, "\(output) was changed")
        }
    }

    @Test func keepsWhatItDidNotWriteAndRefusesForeignFolders() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        let runner = try briefings()
        let foreign = site.root.appendingPathComponent("Elsewhere")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        let refused = try runner.run(["build", "--output", "Elsewhere"], in: site.root)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("the output folder is not empty and was not made by Briefings"))

        #expect(try runner.run(["build", "--output", "Elsewhere", "--force"], in: site.root).status == 0)
        #expect(try String(contentsOf: foreign.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("index.html").path))
        // Now it is Briefings' folder: later builds need no --force and still keep the file.
        #expect(try runner.run(["build", "--output", "Elsewhere"], in: site.root).status == 0)
        #expect(try String(contentsOf: foreign.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")

    }

    /// Incremental builds list only the published folders changed since the
    /// last build (PublishedListing): files and empty folders added by hand
    /// to a page's folder, to a new folder or beside the site are kept, build
    /// after build, and those removed by hand stay removed (the spare, which
    /// also held them, lets them go). They are added right after a build,
    /// often within the same tick of the clock as its last write.
    @Test func filesAddedOrRemovedByHandBetweenIncrementalBuildsAreKeptOrStayGone() throws {
        let site = try TemporarySite(files: [
            "index.md": "---\ntitle: Home\nsummary: S\n---\n",
            "about.md": "---\ntitle: About\nsummary: S\n---\nText.\n",
            "guides/setup.md": "---\ntitle: Setup\nsummary: S\n---\nSteps.\n",
        ])
        let runner = try briefings()
        func edit(_ step: Int) throws {
            try site.write("---\ntitle: About\nsummary: S\n---\nText \(step).\n", to: "about.md")
        }
        func build(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try runner.run(["build", "--no-search"], in: site.root)
            #expect(result.status == 0, "\(step): \(result.standardError)", sourceLocation: sourceLocation)
            #expect(result.standardOutput.contains("laid out again"), "\(step) was not incremental: \(result.standardOutput)",
                    sourceLocation: sourceLocation)
        }
        func put(_ text: String, at path: String) throws {
            let url = site.output.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        func read(_ path: String) -> String? { site.built(path) }

        #expect(try runner.run(["build", "--no-search"], in: site.root).status == 0)
        try edit(1)
        try build("first incremental build")
        try put("notes", at: "about/notes.txt")
        // In a page's folder two down, looked up from its parent's.
        try put("deeper", at: "guides/setup/notes.txt")
        try put("a,b", at: "extra/deep/data.csv")
        try put("example.org", at: "CNAME")
        let folders = FileManager.default
        try folders.createDirectory(at: site.output.appendingPathComponent("reports/2024"), withIntermediateDirectories: true)
        try folders.createDirectory(at: site.output.appendingPathComponent("about/drafts"), withIntermediateDirectories: true)
        func isFolder(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return folders.fileExists(atPath: site.output.appendingPathComponent(path).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        try edit(2)
        try build("build 2")
        #expect(isFolder("reports/2024") && isFolder("about/drafts"), "an empty folder made by hand was lost")
        #expect(read("about/notes.txt") == "notes")
        #expect(read("extra/deep/data.csv") == "a,b")
        #expect(read("CNAME") == "example.org")
        #expect(read("about/index.html")?.contains("Text 2.") == true)
        // Removed one build after they were added: the spare is then the
        // folder they were added to, whose own manifest predates them.
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("extra/deep/data.csv"))
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("CNAME"))
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("reports/2024"))
        try put("more", at: "about/more.txt")
        for step in 3...6 {
            try edit(step)
            try build("build \(step)")
            #expect(read("extra/deep/data.csv") == nil, "build \(step) brought back a file removed by hand")
            #expect(read("CNAME") == nil, "build \(step) brought back a file removed by hand")
            #expect(read("about/notes.txt") == "notes", "build \(step)")
            #expect(read("guides/setup/notes.txt") == "deeper", "build \(step)")
            #expect(read("about/more.txt") == "more", "build \(step)")
            #expect(read("about/index.html")?.contains("Text \(step).") == true)
            #expect(isFolder("reports") && isFolder("about/drafts"), "build \(step) lost an empty folder made by hand")
            #expect(!isFolder("reports/2024"), "build \(step) brought back a folder removed by hand")
        }
        // A clean build lists the whole folder, and keeps them too.
        #expect(try runner.run(["build", "--no-search", "--clean"], in: site.root).status == 0)
        #expect(isFolder("reports") && isFolder("about/drafts") && read("about/more.txt") == "more")
    }

    @Test func aForeignFileInTheWayIsAnErrorWithoutForce() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        let runner = try briefings()
        #expect(try runner.run(["build"], in: site.root).status == 0)
        try Data("hand-made".utf8).write(to: site.output.appendingPathComponent("404.html.keep"))
        try FileManager.default.removeItem(at: site.output.appendingPathComponent(".briefings-manifest"))
        let before = FolderSnapshot(site.output)
        let result = try runner.run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(result.standardError.contains("the output folder has files Briefings did not write but would replace: 404.html, assets/favicon.svg, assets/search.js, assets/style.css, feed.xml, …"))
        #expect(FolderSnapshot(site.output).differences(from: before).isEmpty)
        #expect(try runner.run(["build", "--force"], in: site.root).status == 0)
        #expect(try String(contentsOf: site.output.appendingPathComponent("404.html.keep"), encoding: .utf8) == "hand-made")
    }
}
