import BriefingsKit
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Preview
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The preview server's HTTP behaviour, through HummingbirdTesting.
@Suite struct ServerTests {
    static func session(_ files: [String: String] = [:]) async throws -> (TemporarySite, PreviewSession) {
        var all = ["index.md": "---\ntitle: Home\nsummary: S\n---\n## Hello\n", "about.md": "---\ntitle: About\nsummary: S\n---\nAbout us.\n"]
        for (path, text) in files { all[path] = text }
        let site = try TemporarySite(files: all)
        try site.write(Data("a,b\n1,2\n".utf8), to: "assets/data.csv")
        let build = BuildOptions(contentFolder: site.content, templatesFolder: site.templates, outputFolder: site.output)
        let session = try PreviewSession(options: PreviewOptions(build: build))
        let outcome = await session.rebuild()
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        return (site, session)
    }

    static func app(_ session: PreviewSession, hub: LiveReloadHub = LiveReloadHub()) -> some ApplicationProtocol {
        Application(responder: PreviewResponder(session: session, hub: hub))
    }

    @Test func servesPagesAssetsAndFilesWithTheRightContentTypes() async throws {
        let (_, session) = try await Self.session()
        try await Self.app(session).test(.router) { client in
            let cases: [(String, String)] = [
                ("/", "text/html; charset=utf-8"), ("/about/", "text/html; charset=utf-8"),
                ("/assets/style.css", "text/css; charset=utf-8"), ("/sitemap.xml", "application/xml"),
                ("/assets/data.csv", "text/csv; charset=utf-8"), ("/_briefings/live-reload.js", "text/javascript; charset=utf-8"),
            ]
            for (path, type) in cases {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == type, "\(path)")
                }
            }
        }
        await session.close()
    }

    @Test func missingPagesGetTheSitesNotFoundPageWithStatus404AndNoListings() async throws {
        let (_, session) = try await Self.session()
        try await Self.app(session).test(.router) { client in
            for path in ["/no-such-page/", "/assets/", "/assets/nothing.css"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                    let body = String(buffer: response.body)
                    #expect(body.contains("Page not found"), "\(path)")
                    #expect(!body.contains("style.css</a>"), "a directory listing for \(path)")
                }
            }
            try await client.execute(uri: "/about", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/about/")
            }
        }
        await session.close()
    }

    @Test func pathsThatTryToLeaveTheSiteAreRefused() async throws {
        let (_, session) = try await Self.session()
        try await Self.app(session).test(.router) { client in
            for path in ["/../etc/passwd", "/assets/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd",
                         "/about%2f..%2f..%2fetc", "/a%5c..%5cb", "/about/%00", "/./about/"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .badRequest, "\(path) gave \(response.status)")
                    #expect(!String(buffer: response.body).contains("root:"))
                }
            }
        }
        await session.close()
    }

    @Test func headETagsAndIfNoneMatch() async throws {
        let (_, session) = try await Self.session()
        try await Self.app(session).test(.router) { client in
            let etag = try await client.execute(uri: "/assets/style.css", method: .get) { response -> String in
                #expect(response.status == .ok)
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/assets/style.css", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == etag)
                #expect(Int(response.headers[.contentLength] ?? "") ?? 0 > 1000)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/assets/style.css", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/assets/style.css", method: .get, headers: [.ifNoneMatch: "\"other\""]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
        await session.close()
    }

    @Test func htmlPagesCarryTheLiveReloadScriptButTheBuildDoesNot() async throws {
        let (site, session) = try await Self.session()
        try await Self.app(session).test(.router) { client in
            try await client.execute(uri: "/about/", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("<script src=\"/_briefings/live-reload.js\"></script>\n</body>"))
            }
            try await client.execute(uri: "/_briefings/live-reload.js", method: .get) { response in
                #expect(String(buffer: response.body).contains("new EventSource(\"/_briefings/events\")"))
            }
        }
        let built = try #require(try? String(contentsOf: session.outputFolder.appendingPathComponent("about/index.html"), encoding: .utf8))
        #expect(!built.contains("live-reload"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "the preview wrote into Output/")
        await session.close()
    }

    @Test func aFailedRebuildShowsTheErrorPageEverywhereAndTheFixRecovers() async throws {
        let (site, session) = try await Self.session()
        let app = Self.app(session)
        try site.write("---\ntitle: About\nsummary: [broken\n---\n", to: "about.md")
        let failed = await session.rebuild()
        #expect(!failed.succeeded)
        try await app.test(.router) { client in
            for path in ["/", "/about/", "/missing/"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .internalServerError)
                    let body = String(buffer: response.body)
                    #expect(body.contains("The site has 1 error"))
                    #expect(body.contains("Content/about.md:4:1") || body.contains("about.md:4:1"), "\(body)")
                    #expect(body.contains("<header class=\"site-header\""), "the error page is not in the site's layout")
                    #expect(body.contains("/_briefings/live-reload.js"))
                }
            }
            try await client.execute(uri: "/assets/style.css", method: .get) { response in
                #expect(response.status == .ok, "assets still come from the last good build")
            }
        }
        try site.write("---\ntitle: About again\nsummary: S\n---\n", to: "about.md")
        #expect(await session.rebuild().succeeded)
        try await app.test(.router) { client in
            try await client.execute(uri: "/about/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("About again"))
            }
        }
        await session.close()
    }

    @Test func eventsStreamTellsOpenPagesToReload() async throws {
        let (_, session) = try await Self.session()
        let hub = LiveReloadHub()
        try await Self.app(session, hub: hub).test(.live) { client in
            async let events = client.execute(uri: "/_briefings/events", method: .get) { response -> String in
                #expect(response.headers[.contentType] == "text/event-stream")
                return String(buffer: response.body)
            }
            // Wait for the page to connect, then rebuild and close the streams.
            for _ in 0..<100 where await hub.clientCount == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
            #expect(await hub.clientCount == 1)
            await hub.broadcast(.reload(version: 7))
            await hub.broadcast(.stylesheets(version: 8))
            await hub.closeAll()
            let text = try await events
            #expect(text == "retry: 500\n\nevent: reload\ndata: 7\n\nevent: css\ndata: 8\n\n")
        }
        await session.close()
    }

    @Test func requestPathsResolveUnderTheBasePath() {
        #expect(RequestPath.resolve("/policy/about/?x=1", basePath: "/policy/") == .path("about/", trailingSlash: true))
        #expect(RequestPath.resolve("/other/", basePath: "/policy/") == .outsideBase)
        #expect(RequestPath.resolve("/caf%C3%A9/", basePath: "/") == .path("café/", trailingSlash: true))
        if case .refused = RequestPath.resolve("/a/%2e%2e/b", basePath: "/") {} else { Issue.record("%2e%2e was not refused") }
    }

    @Test func aTakenPortIsReportedWithASuggestion() async throws {
        let (site, session) = try await Self.session()
        await session.close()
        let port = Ports.free()
        let listener = try Self.listen(on: port)
        defer { close(listener) }
        let build = BuildOptions(contentFolder: site.content, templatesFolder: site.templates, outputFolder: site.output)
        do {
            try await PreviewServer.run(PreviewOptions(build: build, port: port)) { _ in }
            Issue.record("the server started on a taken port")
        } catch let error as PreviewError {
            let text = "\(error)"
            #expect(text.hasPrefix("port \(port) on 127.0.0.1 is already in use; try 'briefings serve --port "))
        }
    }

    static func listen(on port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Ports.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        Glibc.listen(fd, 1)
        return fd
    }
}
