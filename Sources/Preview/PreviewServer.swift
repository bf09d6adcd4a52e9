import BriefingsKit
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// What the preview tells the person running it.
public enum PreviewEvent: Sendable {
    case building
    case serving(url: String)
    case rebuilt(PreviewSession.Outcome, changed: [String])
    case notice(String)
}

public enum PreviewError: Error, CustomStringConvertible {
    case portInUse(host: String, port: Int, suggestion: Int?)

    public var description: String {
        switch self {
        case .portInUse(let host, let port, let suggestion):
            "port \(port) on \(host) is already in use"
                + (suggestion.map { "; try 'briefings serve --port \($0)'" } ?? "; stop the program using it or choose another --port")
        }
    }
}

/// `briefings serve`: build, serve on loopback, watch, rebuild, reload.
public enum PreviewServer {
    public static func run(
        _ options: PreviewOptions, open: Bool = false, report: @escaping @Sendable (PreviewEvent) -> Void
    ) async throws {
        guard PortProbe.isFree(host: options.host, port: options.port) else {
            throw PreviewError.portInUse(host: options.host, port: options.port,
                                         suggestion: PortProbe.nextFree(host: options.host, after: options.port))
        }
        if options.isExposed {
            report(.notice("warning: serving on \(options.host), reachable from other machines; the preview is for local use"))
        }
        let session = try PreviewSession(options: options)
        report(.building)
        let first = await session.rebuild()
        report(.rebuilt(first, changed: []))
        let hub = LiveReloadHub()
        var logger = Logger(label: "briefings.serve")
        logger.logLevel = .critical
        let displayHost = options.host.contains(":") ? "[\(options.host)]" : options.host
        let url = "http://\(displayHost):\(options.port)\(await session.currentBasePath())"
        let app = Application(
            responder: PreviewResponder(session: session, hub: hub),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { _ in
                report(.serving(url: url))
                if open { openInBrowser(url) }
            },
            logger: logger)
        let watcher = RebuildService(session: session, hub: hub, options: options, report: report)
        // The watcher is listed last so that, on SIGINT or SIGTERM, it stops
        // first and closes every event stream; then the server has no response
        // in flight and stops at once.
        let group = ServiceGroup(configuration: .init(
            services: [app, watcher], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer { Task { await session.close() } }
        try await group.run()
        await session.close()
    }

    static func openInBrowser(_ url: String) {
        for opener in ["/usr/bin/xdg-open", "/usr/bin/open", "/usr/bin/sensible-browser"] where FileManager.default.isExecutableFile(atPath: opener) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: opener)
            process.arguments = [url]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try? process.run()
            return
        }
    }
}

/// Watches the content and templates, rebuilds on each batch of changes, and
/// tells open pages to reload.
struct RebuildService: Service {
    let session: PreviewSession
    let hub: LiveReloadHub
    let options: PreviewOptions
    let report: @Sendable (PreviewEvent) -> Void

    func run() async throws {
        let watcher = FileWatcher(folders: [options.build.contentFolder, options.build.templatesFolder],
                                  debounce: options.debounce, polling: options.polling)
        let hub = self.hub
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Keep idle event streams alive through proxies and sleeping laptops.
                    while !Task.isCancelled {
                        try? await Task.sleep(nanoseconds: 15_000_000_000)
                        await hub.broadcast(.ping)
                    }
                }
                group.addTask {
                    for await batch in watcher.changes().cancelOnGracefulShutdown() {
                        let outcome = await session.rebuild()
                        let changed = batch.sorted()
                        report(.rebuilt(outcome, changed: changed))
                        let stylesOnly = outcome.succeeded && changed.allSatisfy { $0.hasSuffix(".css") }
                        await hub.broadcast(stylesOnly ? .stylesheets(version: outcome.version) : .reload(version: outcome.version))
                    }
                }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            Task { await hub.closeAll() }
        }
    }
}
