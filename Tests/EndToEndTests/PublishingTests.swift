import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BriefingsKit
import TestSupport
import Testing

/// What the site publishes besides its pages (the Atom feed, the sitemap,
/// robots.txt, JSON-LD), the whole-document page, and how `build` runs Pagefind.
/// The browser proves the rest (Tests/browser/, run by scripts/browser-tests).
@Suite struct PublishingTests {
    /// PATH without any real Pagefind, so these tests do not depend on the machine.
    static let plainPath = "/usr/local/bin:/usr/bin:/bin"

    func builtShippedSite(_ arguments: [String] = []) throws -> TemporarySite {
        let site = try copyOfShippedSite()
        let result = try briefings().run(["build", "--no-search"] + arguments, in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        return site
    }

    // MARK: Feed, sitemap, robots.txt

    @Test func theFeedIsWellFormedAtomWithEveryDatedPublication() throws {
        let site = try builtShippedSite()
        let feed = try XMLOutline(parsing: try #require(site.built("feed.xml")))
        #expect(feed.root == "feed")
        #expect(feed.namespaces.contains("http://www.w3.org/2005/Atom"))
        let entries = feed.elements.filter { $0.path == "feed/entry/id" }.map(\.text)
        #expect(entries.contains("https://briefings.example.org/briefings/vision-to-value/"))
        #expect(entries.contains("https://briefings.example.org/routemap/"))
        #expect(entries.contains("https://briefings.example.org/case-studies/kent/"))
        #expect(Set(entries).count == entries.count)
        let updated = feed.elements.filter { $0.path == "feed/entry/updated" }.map(\.text)
        #expect(updated.count == entries.count)
        #expect(updated == updated.sorted(by: >), "entries are not newest first")
        #expect(updated.allSatisfy { $0.hasSuffix("T00:00:00Z") && $0.count == 20 })
        #expect(feed.elements.first { $0.path == "feed/updated" }?.text == updated.first)
        // Chapters, term pages and the site's own pages are not news.
        #expect(!entries.contains { $0.contains("/routemap/information/") || $0.contains("/principles/") || $0.contains("/about/") })
    }

    @Test func theSitemapIsWellFormedAndRobotsNamesIt() throws {
        let site = try builtShippedSite()
        let sitemap = try XMLOutline(parsing: try #require(site.built("sitemap.xml")))
        #expect(sitemap.root == "urlset")
        let locations = sitemap.elements.filter { $0.path == "urlset/url/loc" }.map(\.text)
        #expect(locations.contains("https://briefings.example.org/routemap/whole-document/"))
        #expect(locations.contains("https://briefings.example.org/search/"))
        #expect(!locations.contains { $0.contains("404") })
        let robots = try #require(site.built("robots.txt"))
        #expect(robots.contains("User-agent: *\n"))
        #expect(robots.contains("Sitemap: https://briefings.example.org/sitemap.xml\n"))
    }

    @Test func theFeedCarriesAsManyEntriesAsSiteYmlAllows() throws {
        var files = ["index.md": "---\ntitle: Home\nsummary: S\n---\n"]
        for day in 1...4 { files["briefings/b\(day).md"] = "---\ntitle: B\(day)\nsummary: S\npublished: 2020-01-0\(day)\n---\nText.\n" }
        let limited = try TemporarySite(files: files.merging(["site.yml": "title: T\nfeed_entries: 2\n"]) { $1 })
        #expect(try briefings().run(["build", "--no-search"], in: limited.root).status == 0)
        let feed = try XMLOutline(parsing: try #require(limited.built("feed.xml")))
        let titles = feed.elements.filter { $0.path == "feed/entry/title" }.map(\.text)
        #expect(titles == ["B4", "B3"], "the newest two")

        let wrong = try TemporarySite(files: files.merging(["site.yml": "title: T\nfeed_entries: many\n"]) { $1 })
        let result = try briefings().run(["build", "--no-search"], in: wrong.root)
        #expect(result.status == 1)
        #expect(result.standardError.contains("Content/site.yml:2:15: error: 'feed_entries' must be a whole number, zero or more; got the string 'many'"),
                "\(result.standardError)")
    }

    @Test func feedEscapesWhatEditorsType() throws {
        let site = try TemporarySite(files: [
            "index.md": "---\ntitle: Home\nsummary: S\n---\n",
            "briefings/b.md": "---\ntitle: \"Fish & <Chips>\"\nsummary: \"Say \\\"hello\\\" & 'bye'\"\npublished: 2020-01-02\n---\nText.\n",
        ])
        #expect(try briefings().run(["build", "--no-search"], in: site.root).status == 0)
        let text = try #require(site.built("feed.xml"))
        let feed = try XMLOutline(parsing: text)
        #expect(feed.elements.first { $0.path == "feed/entry/title" }?.text == "Fish & <Chips>")
        #expect(feed.elements.first { $0.path == "feed/entry/summary" }?.text == "Say \"hello\" & 'bye'")
    }

    // MARK: JSON-LD

    @Test func everyPublicationHasParseableJSONLD() throws {
        let site = try builtShippedSite()
        let expected: [(String, String)] = [
            ("index.html", "WebSite"), ("briefings/vision-to-value/index.html", "Report"),
            ("briefings/planting-the-flag/index.html", "Report"), ("routemap/index.html", "Report"),
            ("routemap/information/index.html", "Report"), ("routemap/whole-document/index.html", "Report"),
            ("case-studies/kent/index.html", "Article"),
        ]
        for (path, type) in expected {
            let html = try #require(site.built(path), "\(path) was not built")
            let blocks = Self.jsonLD(in: html)
            #expect(blocks.count == 1, "\(path)")
            let data = try #require(blocks.first)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any], "\(path)")
            #expect(object["@context"] as? String == "https://schema.org")
            #expect(object["@type"] as? String == type, "\(path)")
            let publisher = try #require(object["publisher"] as? [String: Any])
            #expect(publisher["name"] as? String == "Socitm")
            if type != "WebSite" {
                #expect((object["datePublished"] as? String)?.count == 10, "\(path)")
                #expect(object["dateModified"] != nil, "\(path)")
            }
        }
        for path in ["principles/innovate/index.html", "case-studies/index.html", "404.html", "search/index.html"] {
            #expect(Self.jsonLD(in: try #require(site.built(path))).isEmpty, "\(path) should have no JSON-LD")
        }
    }

    @Test func jsonLDCannotCloseItsScriptElement() throws {
        let site = try TemporarySite(files: [
            "index.md": "---\ntitle: Home\nsummary: S\n---\n",
            "briefings/b.md": "---\ntitle: \"</script><script>alert(1)</script>\"\nsummary: \"A & B\"\npublished: 2020-01-02\n---\nText.\n",
        ])
        #expect(try briefings().run(["build", "--no-search"], in: site.root).status == 0)
        let html = try #require(site.built("briefings/b/index.html"))
        let block = try #require(Self.jsonLD(in: html).first)
        #expect(!block.contains("<") && !block.contains("&"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        #expect(object["headline"] as? String == "</script><script>alert(1)</script>")
        #expect(object["description"] as? String == "A & B")
    }

    static func jsonLD(in html: String) -> [String] {
        html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().compactMap {
            $0.components(separatedBy: "</script>").first
        }
    }

    // MARK: Documents

    @Test func theWholeDocumentPageHoldsEveryChapterInOrder() throws {
        let site = try builtShippedSite()
        let html = try #require(site.built("routemap/whole-document/index.html"))
        let titles = ["Capabilities", "Information", "Public services ICT infrastructure", "Shared services and supplier management",
                      "Digital access and inclusion", "Sustainability and green ICT"]
        var cursor = html.startIndex
        for (number, title) in titles.enumerated() {
            let heading = "\">Chapter \(number + 1): \(title)</h2>"
            let found = try #require(html.range(of: heading, range: cursor..<html.endIndex), "chapter \(number + 1) missing or out of order")
            cursor = found.upperBound
        }
        // The chapters' own `##` headings sit one level below their chapter.
        #expect(html.contains(#"<h3 id="what-this-area-covers-1">What this area covers</h3>"#))
        #expect(html.contains(#"<nav class="contents" id="contents" aria-label="Contents, 16 sections""#))
        // It repeats the chapters' text, so it is not what cites a case study,
        // and it is not indexed for search (the chapters are).
        #expect(!html.contains("data-pagefind-body"))
        let hampshire = try #require(site.built("case-studies/hampshire/index.html"))
        #expect(!hampshire.contains("whole document"))
        for slug in ["routemap/index.html", "routemap/information/index.html"] {
            #expect(try #require(site.built(slug)).contains(#"<a href="/routemap/whole-document/">Read the whole document on one page</a>"#))
        }
    }

    @Test func chaptersShowTheirDocumentsMetadataAndMarkTheCurrentChapter() throws {
        let site = try builtShippedSite()
        let html = try #require(site.built("routemap/information/index.html"))
        #expect(html.contains(#"<div><dt>First published</dt><dd><time datetime="2011-05-11">11 May 2011</time></dd></div>"#))
        #expect(html.contains(#"<div><dt>Status</dt><dd>Published</dd></div>"#))
        #expect(html.contains(#"<div class="print-only"><dt>Online at</dt><dd>https://briefings.example.org/routemap/information/</dd></div>"#))
        #expect(html.contains(#"aria-label="Chapters of Routemap for Local Public Services Reform, 6 chapters""#))
        #expect(html.contains(#"<a href="/routemap/information/" aria-current="page">Information</a>"#))
    }

    @Test func headingDemotionLeavesCodeAlone() {
        let markdown = "# One\n\n## Two\n\n```\n# not a heading\n```\n\n###### Six\n\nSetext\n---\n\n    # indented code\n\n#hashtag\n"
        #expect(WholeDocument.demoteHeadings(markdown)
            == "## One\n\n### Two\n\n```\n# not a heading\n```\n\n###### Six\n\n### Setext\n\n\n    # indented code\n\n#hashtag\n")
        #expect(WholeDocument.escapeInline("1. *Not* a [list] <b>") == "1\\. \\*Not\\* a \\[list\\] \\<b\\>")
        #expect(WholeDocument.escapeInline("- dash") == "\\- dash")
    }

    // MARK: Search

    @Test func pagesMarkTheirBodyAndFiltersForTheSearchPage() throws {
        let site = try builtShippedSite()
        let kent = try #require(site.built("case-studies/kent/index.html"))
        #expect(kent.contains(#"<div class="prose" data-pagefind-body>"#))
        #expect(kent.contains(#"<span hidden data-pagefind-filter="type">Case study</span>"#))
        #expect(kent.contains(#"data-pagefind-filter="principle">Redesign</a>"#))
        #expect(kent.contains(#"data-pagefind-filter="capability">Organisational change</a>"#))
        let search = try #require(site.built("search/index.html"))
        for box in [#"name="principle" value="Innovate""#, #"name="capability" value="Governance""#, #"name="type" value="Case study""#] {
            #expect(search.contains(box), "\(box)")
        }
        // Pagefind's files come after the link checks, so only script asks for them.
        #expect(!search.contains(#"src="/pagefind/"#) && !search.contains(#"href="/pagefind/"#))
        #expect(search.contains(#"data-bundle="/pagefind/""#))
        #expect(search.contains(#"<script src="/assets/search.js" defer></script>"#))
    }

    @Test func searchAskedForWithoutPagefindFailsAndLeavesOutputAlone() throws {
        let site = try builtShippedSite()
        let before = FolderSnapshot(site.output)
        let result = try briefings().run(["build", "--search"], in: site.root, environment: ["PATH": Self.plainPath])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: search index not built: pagefind is not on PATH"))
        #expect(result.standardError.contains("pip install pagefind-bin"))
        #expect(FolderSnapshot(site.output).differences(from: before).isEmpty)
    }

    @Test func searchByDefaultWarnsWhenPagefindIsMissingButNotUnderStrict() throws {
        let site = try copyOfShippedSite()
        let plain = try briefings().run(["build"], in: site.root, environment: ["PATH": Self.plainPath])
        #expect(plain.status == 0)
        #expect(plain.standardError.contains("warning: search index not built: pagefind is not on PATH"))
        let strict = try briefings().run(["build", "--strict"], in: site.root, environment: ["PATH": Self.plainPath])
        #expect(strict.status == 0, "\(strict.standardError)")
        #expect(strict.standardError.isEmpty)
        let off = try briefings().run(["build", "--no-search"], in: site.root, environment: ["PATH": Self.plainPath])
        #expect(off.standardError.isEmpty)
    }

    @Test func pagefindOnPathIsRunOverTheStagedSiteAndItsFilesAreOurs() throws {
        let site = try copyOfShippedSite()
        let bin = try Self.fakePagefind(in: site, script: """
            #!/bin/sh
            # Records what it was given, and writes a bundle where it was told to.
            site=""; out=""
            while [ $# -gt 0 ]; do
              case "$1" in --site) site="$2"; shift;; --output-path) out="$2"; shift;; esac; shift
            done
            mkdir -p "$out/fragment"
            ls "$site/case-studies/kent/index.html" > "$out/fragment/saw-kent.txt"
            echo "// index" > "$out/pagefind.js"
            """)
        let environment = ["PATH": bin.path + ":" + Self.plainPath]
        let first = try briefings().run(["build", "--search"], in: site.root, environment: environment)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(site.built("pagefind/pagefind.js") == "// index\n")
        #expect(site.built("pagefind/fragment/saw-kent.txt")?.hasSuffix("/case-studies/kent/index.html\n") == true)
        let manifest = try #require(site.built(".briefings-manifest"))
        #expect(manifest.contains("pagefind/pagefind.js\n"))
        // Built again: the old index is replaced, not kept as a stranger's file.
        let second = try briefings().run(["build"], in: site.root, environment: environment)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardError.isEmpty)
        let off = try briefings().run(["build", "--no-search"], in: site.root, environment: environment)
        #expect(off.status == 0)
        #expect(site.built("pagefind/pagefind.js") == nil)
    }

    @Test func aFailingPagefindIsAnErrorThatNamesWhatItSaid() throws {
        let site = try builtShippedSite()
        let before = FolderSnapshot(site.output)
        let bin = try Self.fakePagefind(in: site, script: "#!/bin/sh\necho 'Error: could not parse the site' >&2\nexit 3\n")
        let result = try briefings().run(["build"], in: site.root, environment: ["PATH": bin.path + ":" + Self.plainPath])
        #expect(result.status == 1)
        #expect(result.standardError.contains("exited with status 3"))
        #expect(result.standardError.contains("could not parse the site"))
        #expect(FolderSnapshot(site.output).differences(from: before).isEmpty)
    }

    static func fakePagefind(in site: TemporarySite, script: String) throws -> URL {
        let bin = site.root.appendingPathComponent("fake-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let file = bin.appendingPathComponent("pagefind")
        try script.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        return bin
    }
}

/// An XML document as the list of its elements (slash-joined path and text),
/// read with Foundation's parser: a document that is not well-formed throws.
struct XMLOutline {
    struct Element {
        var path: String
        var text: String
    }

    var root = ""
    var namespaces: Set<String> = []
    var elements: [Element] = []

    init(parsing text: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        guard parser.parse() else {
            throw XMLProblem(message: parser.parserError.map { "\($0)" } ?? "not well-formed", line: parser.lineNumber)
        }
        root = delegate.root
        namespaces = delegate.namespaces
        elements = delegate.elements
    }

    struct XMLProblem: Error {
        var message: String
        var line: Int
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var root = ""
        var namespaces: Set<String> = []
        var elements: [Element] = []
        private var stack: [(name: String, text: String)] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if stack.isEmpty { root = name }
            if let namespaceURI, !namespaceURI.isEmpty { namespaces.insert(namespaceURI) }
            stack.append((name, ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let path = stack.map(\.name).joined(separator: "/")
            if let last = stack.popLast() { elements.append(Element(path: path, text: last.text.trimmingCharacters(in: .whitespacesAndNewlines))) }
        }
    }
}
