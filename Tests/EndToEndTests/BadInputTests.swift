import Foundation
import TestSupport
import Testing

/// Every bad input gets a named error with its file (and line where there is
/// one), a non-zero exit, no crash, and the previous Output/ left as it was.
@Suite struct BadInputTests {
    /// A small good site, built once so that Output/ holds a previous site.
    static func builtSite() throws -> (TemporarySite, FolderSnapshot) {
        let site = try TemporarySite(files: [
            "taxonomies.yml": TemporarySite.taxonomies,
            "index.md": "---\ntitle: Home\nsummary: S\n---\nWelcome.\n",
            "case-studies/kent.md": caseStudy("Kent"),
        ])
        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        return (site, FolderSnapshot(site.output))
    }

    /// Builds and expects failure naming `message`, with Output/ unchanged.
    static func expectRejected(
        _ site: TemporarySite, _ before: FolderSnapshot, _ message: String, arguments: [String] = ["build"],
        unprivileged: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try briefings().run(arguments, in: site.root, unprivileged: unprivileged)
        #expect(result.status == 1, "exit status \(result.status): \(result.standardError)", sourceLocation: sourceLocation)
        #expect(!result.crashed, "the build crashed", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(message), "expected \(message) in:\n\(result.standardError)", sourceLocation: sourceLocation)
        #expect(FolderSnapshot(site.output).differences(from: before).isEmpty, "Output/ changed", sourceLocation: sourceLocation)
    }

    /// Not bad input: an editor's byte-order mark before the front matter is
    /// dropped, and the page builds as if it were not there.
    @Test func aByteOrderMarkBeforeTheFrontMatterIsDropped() throws {
        let (site, _) = try Self.builtSite()
        try site.write("\u{FEFF}---\ntitle: Marked\nsummary: S\n---\nBody after a BOM.\n", to: "marked.md")
        let result = try briefings().run(["build", "--no-search"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        let page = try #require(site.built("marked/index.html"))
        #expect(page.contains("Marked") && page.contains("Body after a BOM."))
        #expect(!page.contains("\u{FEFF}") && !page.contains("title: Marked"))
    }

    @Test func invalidYAML() throws {
        let (site, before) = try Self.builtSite()
        try site.write("---\ntitle: Bad\nsummary: [unclosed\nplace: x\n---\n", to: "bad.md")
        try Self.expectRejected(site, before, "Content/bad.md:4:6: error: invalid YAML")
    }

    @Test func frontMatterNeverClosed() throws {
        let (site, before) = try Self.builtSite()
        try site.write("---\ntitle: Bad\nsummary: S\n\nThe body starts here.\n", to: "bad.md")
        try Self.expectRejected(site, before, "Content/bad.md:1:1: error: the front matter opened on line 1 is never closed")
    }

    @Test func frontMatterThatIsNotAMapping() throws {
        let (site, before) = try Self.builtSite()
        try site.write("---\njust a sentence\n---\nBody\n", to: "bad.md")
        try Self.expectRejected(site, before, "Content/bad.md:2:1: error: front matter must be a mapping of fields to values; got the string 'just a sentence'")
    }

    @Test func invalidUTF8() throws {
        let (site, before) = try Self.builtSite()
        try site.write(Data("---\ntitle: Bad\nsummary: S\n---\nCaf".utf8) + Data([0xE9, 0x20, 0x6F, 0x6B]), to: "bad.md")
        try Self.expectRejected(site, before, "Content/bad.md:5:4: error: the file is not valid UTF-8")
    }

    @Test func aBinaryFileInContent() throws {
        let (site, before) = try Self.builtSite()
        try site.write(Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46]), to: "case-studies/photo.jpg")
        try Self.expectRejected(site, before, "Content/case-studies/photo.jpg: error: a binary file among the pages")
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("case-studies/photo.jpg"))
        try site.write(Data([0x2D, 0x2D, 0x2D, 0x0A, 0x00, 0x01]), to: "binary.md")
        try Self.expectRejected(site, before, "Content/binary.md:2:1: error: the file is binary, not text")
    }

    @Test func anEmptyFile() throws {
        let (site, before) = try Self.builtSite()
        try site.write("", to: "empty.md")
        try Self.expectRejected(site, before, "Content/empty.md: error: the file is empty")
    }

    @Test func aTwentyMegabyteFileBuildsWithinMemoryBounds() throws {
        let (site, _) = try Self.builtSite()
        var text = "---\ntitle: Big\nsummary: A very large page.\n---\n\n"
        let paragraph = "Local public services *share* resources, **redesign** services and collaborate, with a [link](https://example.org/x) in each paragraph of this long page.\n\n"
        var section = 0
        while text.utf8.count < 20 * 1024 * 1024 {
            section += 1
            text += "## Section \(section)\n\n" + String(repeating: paragraph, count: 60)
        }
        try site.write(text, to: "big.md")
        let result = try briefings().run(["build", "--verbose"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        let memory = result.standardError.split(separator: "\n").first { $0.contains("peak memory") }
            .flatMap { Double($0.split(separator: " ").dropLast().last ?? "") }
        let megabytes = try #require(memory, "no peak memory in \(result.standardError)")
        #expect(megabytes < 600, "peak memory \(megabytes) MB for a 20 MB page")
        #expect(try #require(site.built("big/index.html")).contains("<h2 id=\"section-\(section)\">Section \(section)</h2>"))
    }

    @Test func tenThousandDeepListsAndQuotesBuild() throws {
        let (site, _) = try Self.builtSite()
        let lists = String(repeating: "- ", count: 10_000) + "deep list\n"
        let quotes = String(repeating: ">", count: 10_000) + " deep quote\n"
        try site.write("---\ntitle: Deep\nsummary: S\n---\n\(lists)\n\(quotes)", to: "deep.md")
        let result = try briefings().run(["build"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.crashed)
        let html = try #require(site.built("deep/index.html"))
        #expect(html.contains("deep list") && html.contains("deep quote"))
    }

    @Test func twoPagesWithOneSlug() throws {
        let (site, before) = try Self.builtSite()
        try site.write("---\ntitle: Kent again\nsummary: S\norganisation: K\nplace: K\nsource: S\nslug: kent\nprinciples: [innovate]\ncapabilities: [governance]\n---\n", to: "case-studies/kent-2.md")
        try Self.expectRejected(site, before, "Content/case-studies/kent-2.md:1:1: error: two pages claim the URL /case-studies/kent/: this one and Content/case-studies/kent.md")
    }

    @Test(arguments: [
        ("slug: ../../etc", "Content/bad.md:4:7: error: the slug '../../etc' contains '..'"),
        ("slug: /etc/passwd", "Content/bad.md:4:7: error: the slug '/etc/passwd' is an absolute path"),
        ("slug: \"sp ace\"", "Content/bad.md:4:7: error: the slug 'sp ace' has characters that are not URL-safe"),
        ("url: /a/../../b/", "Content/bad.md:4:6: error: 'url' contains '..'"),
        ("url: https://evil.example/", "Content/bad.md:4:6: error: 'url' is an absolute address"),
        ("url: \"/caf\u{E9}/\"", "Content/bad.md:4:6: error: 'url' has characters that are not URL-safe"),
    ])
    func unsafeSlugsAndURLs(field: String, message: String) throws {
        let (site, before) = try Self.builtSite()
        try site.write("---\ntitle: Bad\nsummary: S\n\(field)\n---\n", to: "bad.md")
        try Self.expectRejected(site, before, message)
    }

    @Test func symlinkLoopsAndSymlinksOutOfContent() throws {
        let (site, before) = try Self.builtSite()
        let loop = site.content.appendingPathComponent("loop.md")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: "loop.md")
        try Self.expectRejected(site, before, "Content/loop.md: error: the symlink loops back on itself")
        try FileManager.default.removeItem(at: loop)

        let folderLoop = site.content.appendingPathComponent("case-studies/again")
        try FileManager.default.createSymbolicLink(atPath: folderLoop.path, withDestinationPath: "..")
        try Self.expectRejected(site, before, "Content/case-studies/again: error: the symlink leads back to a folder already read")
        try FileManager.default.removeItem(at: folderLoop)

        let outside = site.root.appendingPathComponent("secret.md")
        try Data("---\ntitle: Secret\nsummary: S\n---\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: site.content.appendingPathComponent("secret.md").path, withDestinationPath: outside.path)
        try Self.expectRejected(site, before, "Content/secret.md: error: the symlink points outside the content folder")
    }

    @Test func aMissingTemplate() throws {
        let (site, before) = try Self.builtSite()
        try FileManager.default.removeItem(at: site.templates.appendingPathComponent("case-study.mustache"))
        try Self.expectRejected(site, before, "Templates/case-study.mustache: error: the template 'case-study' does not exist (needed by Content/case-studies/kent.md)")
        try site.write("---\ntitle: Other\nsummary: S\ntemplate: fancy\n---\n", to: "other.md")
        try Self.expectRejected(site, before, "Templates/fancy.mustache: error: the template 'fancy' does not exist (needed by Content/other.md)")
    }

    @Test func aMustacheSyntaxError() throws {
        let (site, before) = try Self.builtSite()
        try "{{<layout}}\n{{$main}}\n<h1>{{page.title}</h1>\n{{/main}}\n{{/layout}}\n"
            .write(to: site.templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try Self.expectRejected(site, before, "Templates/page.mustache:3:")
        try Self.expectRejected(site, before, "error: Mustache syntax error:")
    }

    @Test func anUnknownPartial() throws {
        let (site, before) = try Self.builtSite()
        let layout = site.templates.appendingPathComponent("layout.mustache")
        let text = try String(contentsOf: layout, encoding: .utf8).replacingOccurrences(of: "{{> partials/footer}}", with: "{{> partials/fotter}}")
        try text.write(to: layout, atomically: true, encoding: .utf8)
        try Self.expectRejected(site, before, "Templates/layout.mustache:15:1: error: the partial 'partials/fotter' does not exist")
        try Self.expectRejected(site, before, "help: did you mean 'partials/footer'?")
    }

    @Test func aTemplateVariableThatIsNeverSetIsAWarning() throws {
        let (site, before) = try Self.builtSite()
        let header = site.templates.appendingPathComponent("partials/page-header.mustache")
        let text = try String(contentsOf: header, encoding: .utf8).replacingOccurrences(of: "{{page.title}}", with: "{{page.titel}}")
        try text.write(to: header, atomically: true, encoding: .utf8)
        let lenient = try briefings().run(["build", "--output", "Lenient"], in: site.root)
        #expect(lenient.status == 0)
        #expect(lenient.standardError.contains(
            "Templates/partials/page-header.mustache:3:21: warning: the template variable 'page.titel' is never set, so it always renders as nothing"))
        #expect(lenient.standardError.contains("help: did you mean 'title'?"))
        try Self.expectRejected(site, before, "warning: the template variable 'page.titel' is never set", arguments: ["build", "--strict"])
    }

    @Test(.enabled(if: BinaryRunner.canDropPrivileges, "needs a non-root user, or setpriv to become one"))
    func anUnreadableFile() throws {
        let (site, before) = try Self.builtSite()
        try site.write("---\ntitle: Private\nsummary: S\n---\n", to: "private.md")
        chmod(site.content.appendingPathComponent("private.md").path, 0o000)
        try Self.expectRejected(site, before, "Content/private.md: error: the file cannot be read: permission denied", unprivileged: true)
    }

    @Test(.enabled(if: BinaryRunner.canDropPrivileges, "needs a non-root user, or setpriv to become one"))
    func anOutputFolderOnAReadOnlyPath() throws {
        let (site, _) = try Self.builtSite()
        let locked = site.root.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        let result0 = try briefings().run(["build", "--output", "locked/Output"], in: site.root)
        #expect(result0.status == 0)
        // A change to publish: a build with nothing to do would write nothing.
        try site.write("---\ntitle: New\nsummary: S\n---\n", to: "new.md")
        let before = FolderSnapshot(locked)
        chmod(locked.path, 0o555)
        let result = try briefings().run(["build", "--output", "locked/Output"], in: site.root, unprivileged: true)
        #expect(result.status == 1)
        #expect(!result.crashed)
        #expect(result.standardError.contains("locked/Output: error: cannot write beside the output folder: permission denied"), "\(result.standardError)")
        #expect(FolderSnapshot(locked).differences(from: before).isEmpty)
    }

    /// Folders and files with one-letter names: Foundation's path functions
    /// trap on some of them on Linux, and a build once crashed on `Content/x/`.
    @Test func oneLetterFoldersAndFilesBuild() throws {
        let site = try TemporarySite(files: [
            "taxonomies.yml": TemporarySite.taxonomies,
            "index.md": "---\ntitle: Home\nsummary: S\n---\nSee [x](page:x) and [y](page:y/z).\n",
            "x/index.md": "---\ntitle: X\nsummary: A folder with a one-letter name.\n---\nHello.\n",
            "y/z.md": "---\ntitle: Z\nsummary: A one-letter page in a one-letter folder.\n---\nHello.\n",
        ])
        let result = try briefings().run(["build", "--no-search"], in: site.root)
        #expect(!result.crashed, "the build crashed: \(result.standardError)")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(site.built("x/index.html")?.contains("<h1") == true)
        #expect(site.built("y/z/index.html")?.contains("<h1") == true)
        #expect(site.built("y/index.html")?.contains("/y/z/") == true)
    }
}
