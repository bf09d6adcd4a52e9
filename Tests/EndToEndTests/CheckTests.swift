import Foundation
import TestSupport
import Testing

/// `briefings check`: the same build, writing nothing, reporting every problem.
@Suite struct CheckTests {
    static func brokenSite() throws -> TemporarySite {
        let site = try TemporarySite(files: [
            "taxonomies.yml": TemporarySite.taxonomies,
            "index.md": "---\ntitle: Home\nsummary: S\n---\nWelcome.\n",
            "case-studies/kent.md": caseStudy("Kent", body: "## Why it is cited\n\nText.\n"),
            "page.md": """
                ---
                title: Page
                summary: S
                ---
                ## Section

                A [broken link](/no-such-page/) and a [missing anchor](case-study:kent#nowhere).

                ![](/assets/real.png)

                ![A map](/assets/missing.png)

                """,
        ])
        try site.write(Data([0x89, 0x50, 0x4E, 0x47]), to: "assets/real.png")
        return site
    }

    @Test func fourProblemsGiveFourFindingsInEveryFormat() throws {
        let site = try Self.brokenSite()
        let runner = try briefings()
        let text = try runner.run(["check"], in: site.root)
        #expect(text.status == 1)
        let lines = text.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("  help:") }
        #expect(lines == [
            "Content/page.md:7:3: error: the link '/no-such-page/' points to /no-such-page/, which is not part of this site",
            "Content/page.md:7:39: error: the link 'case-study:kent#nowhere' points to the anchor '#nowhere', which /case-studies/kent/ does not have",
            "Content/page.md:9:1: error: the image '/assets/real.png' has no alt text",
            "Content/page.md:11:1: error: the image '/assets/missing.png' points to /assets/missing.png, which is not part of this site",
        ])

        let github = try runner.run(["check", "--format", "github"], in: site.root)
        #expect(github.status == 1)
        let annotations = github.standardOutput.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count == 4)
        #expect(annotations[0].hasPrefix("::error file=Content/page.md,line=7,col=3,title=link.broken::"))
        #expect(annotations.map { $0.components(separatedBy: "title=")[1].components(separatedBy: "::")[0] }
            == ["link.broken", "link.anchor", "image.alt", "image.missing"])

        let json = try runner.run(["check", "--format", "json"], in: site.root)
        #expect(json.status == 1)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(findings.count == 4)
        for finding in findings {
            for key in ["file", "line", "column", "severity", "code", "message"] { #expect(finding[key] != nil, "\(key) missing") }
        }
        #expect(findings.map { $0["code"] as? String } == ["link.broken", "link.anchor", "image.alt", "image.missing"])
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("index.html").path), "check wrote the site")
    }

    @Test func theShippedContentChecksCleanUnderStrict() throws {
        let site = try copyOfShippedSite()
        let result = try briefings().run(["check", "--strict"], in: site.root)
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("no problems"))
    }

    @Test func strictFailsOnAWarningThatOtherwisePasses() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\nsubtitel: typo\n---\n"])
        #expect(try briefings().run(["check"], in: site.root).status == 0)
        let strict = try briefings().run(["check", "--strict"], in: site.root)
        #expect(strict.status == 1)
        #expect(strict.standardOutput.contains("Content/index.md:4:1: warning: unknown field 'subtitel'"))
        #expect(try briefings().run(["build", "--strict"], in: site.root).status == 1)
        #expect(try briefings().run(["build"], in: site.root).status == 0)
    }

    @Test func templateLinksAndImagesAreCheckedAndReportedAtTheTemplate() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        let footer = site.templates.appendingPathComponent("partials/footer.mustache")
        var text = try String(contentsOf: footer, encoding: .utf8)
        text = text.replacingOccurrences(of: "<p class=\"site-footer-meta\">", with: "<p><a href=\"/policies/\">Policies</a> <img src=\"/assets/logo.svg\"></p>\n<p class=\"site-footer-meta\">")
        try text.write(to: footer, atomically: true, encoding: .utf8)
        let result = try briefings().run(["check"], in: site.root)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Templates/partials/footer.mustache:5:13: error: the template links to /policies/, which is not part of this site (on 3 pages, such as /)"))
        #expect(result.standardOutput.contains("Templates/partials/footer.mustache:5:48: error: an image (/assets/logo.svg) has no alt text"))
        #expect(result.standardOutput.contains("Templates/partials/footer.mustache:5:48: error: the template links to /assets/logo.svg"))
    }

    @Test func externalLinksAreCheckedOnlyWhenAskedFor() throws {
        let served = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-served-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: served) }
        try Data("ok".utf8).write(to: served.appendingPathComponent("ok.html"))
        let port = Ports.free()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", served.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        #expect(Ports.waitUntilOpen(port), "the test server did not start")

        let site = try TemporarySite(files: ["index.md": """
            ---
            title: Home
            summary: S
            ---
            [Fine](http://127.0.0.1:\(port)/ok.html) and [gone](http://127.0.0.1:\(port)/gone.html).
            """])
        let offline = try briefings().run(["check"], in: site.root)
        #expect(offline.status == 0, "external links must not be checked by default")
        let result = try briefings().run(["check", "--external", "--timeout", "5"], in: site.root)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Content/index.md:5:44: error: the external link http://127.0.0.1:\(port)/gone.html is gone (HTTP 404)"))
        #expect(!result.standardOutput.contains("ok.html"))
        #expect(result.standardError.contains("Checked 2 external links on 1 hosts: 1 ok, 1 gone, 0 could not be checked."))
    }
}
