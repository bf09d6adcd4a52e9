import Foundation
import TestSupport
import Testing

/// `briefings serve` as an editor runs it: the real binary on loopback.
@Suite(.serialized) struct ServeTests {
    /// Starts the server and waits until it answers.
    static func start(_ site: TemporarySite, arguments: [String] = []) throws -> (Process, Int) {
        let port = Ports.free()
        let process = try briefings().start(["serve", "--port", String(port)] + arguments, in: site.root)
        #expect(Ports.waitUntilOpen(port, timeout: 20), "the server did not start")
        return (process, port)
    }

    static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Polls until `check` passes or `seconds` pass; returns whether it passed.
    static func eventually(_ seconds: Double, _ check: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if check() { return true }
            usleep(20_000)
        }
        return check()
    }

    @Test func servesTheSiteAndRebuildsOnSaveWithoutTouchingOutput() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\nFirst version.\n"])
        let (server, port) = try Self.start(site)
        defer { Self.stop(server) }
        let page = try #require(LoopbackHTTP.get(port: port, path: "/"))
        #expect(page.status == 200)
        #expect(page.body.contains("First version."))
        #expect(page.body.contains("/_briefings/live-reload.js"))

        try site.write("---\ntitle: Home\nsummary: S\n---\nSecond version.\n", to: "index.md")
        #expect(Self.eventually(3) { LoopbackHTTP.get(port: port, path: "/")?.body.contains("Second version.") == true })

        try site.write("---\ntitle: Home\nsummary: [broken\n---\n", to: "index.md")
        #expect(Self.eventually(3) {
            let response = LoopbackHTTP.get(port: port, path: "/")
            return response?.status == 500 && response?.body.contains("Content/index.md:4:1") == true
        })
        try site.write("---\ntitle: Home\nsummary: S\n---\nThird version.\n", to: "index.md")
        #expect(Self.eventually(3) { LoopbackHTTP.get(port: port, path: "/")?.body.contains("Third version.") == true })
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("index.html").path), "serve wrote into Output/")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func shutsDownGracefullyEvenWithPagesListening(signal: Int32) throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        let (server, port) = try Self.start(site)
        defer { Self.stop(server) }
        // An open page: an event stream that stays open.
        let listener = Thread { _ = LoopbackHTTP.get(port: port, path: "/_briefings/events", timeout: 30) }
        listener.start()
        usleep(300_000)
        kill(server.processIdentifier, signal)
        #expect(Self.eventually(5) { !server.isRunning }, "the server did not stop")
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
    }

    @Test func aTakenPortSaysSoAndSuggestsAnother() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        let (server, port) = try Self.start(site)
        defer { Self.stop(server) }
        let second = try briefings().run(["serve", "--port", String(port)], in: site.root)
        #expect(second.status == 1)
        #expect(second.standardError.contains("error: port \(port) on 127.0.0.1 is already in use; try 'briefings serve --port"))
    }

    @Test func anyOtherHostMustBeAskedForAndWarns() throws {
        let site = try TemporarySite(files: ["index.md": "---\ntitle: Home\nsummary: S\n---\n"])
        let port = Ports.free()
        let log = site.root.appendingPathComponent("serve.log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = try briefings().executable
        process.arguments = ["serve", "--port", String(port), "--host", "0.0.0.0"]
        process.currentDirectoryURL = site.root
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        defer { Self.stop(process) }
        #expect(Ports.waitUntilOpen(port, timeout: 20))
        // The port can open a moment before the line announcing it is written.
        let serving = "Serving http://0.0.0.0:\(port)/"
        var text = ""
        #expect(Self.eventually(5) {
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return text.contains(serving)
        }, "no '\(serving)' line: \(text)")
        #expect(text.contains("warning: serving on 0.0.0.0, reachable from other machines"))
    }
}
