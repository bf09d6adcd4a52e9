import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How `check --external` treats other sites: politely (a few requests per host
/// at a time) and briefly (a timeout per request).
public struct ExternalLinkOptions: Sendable {
    public var timeout: TimeInterval
    public var perHost: Int
    public var hostsAtOnce: Int

    public init(timeout: TimeInterval = 10, perHost: Int = 2, hostsAtOnce: Int = 8) {
        self.timeout = timeout
        self.perHost = max(1, perHost)
        self.hostsAtOnce = max(1, hostsAtOnce)
    }
}

/// What `--external` found, for the summary line.
public struct ExternalLinkSummary: Sendable {
    public var checked: Int
    public var hosts: Int
    public var ok: Int
    public var broken: Int
    public var unreachable: Int
}

/// Checks external URLs: HEAD first, then GET when a server refuses HEAD.
/// 404 and 410 are errors (the page is gone); other failures, timeouts and
/// unreachable hosts are warnings, since they are often passing.
struct ExternalLinkChecker {
    let options: ExternalLinkOptions

    enum Outcome: Sendable {
        case ok
        case gone(Int)
        case failed(String)
    }

    func check(_ locations: [String: [SourceLocation]]) async -> (ExternalLinkSummary, [Diagnostic]) {
        let urls = locations.keys.sorted()
        let byHost = Dictionary(grouping: urls) { URL(string: $0)?.host?.lowercased() ?? "" }
        let hosts = byHost.keys.sorted()
        let session = URLSession(configuration: {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = options.timeout
            configuration.timeoutIntervalForResource = options.timeout * 2
            configuration.httpAdditionalHeaders = ["User-Agent": "briefings-link-check/\(1)"]
            return configuration
        }())
        var outcomes: [String: Outcome] = [:]
        for batchStart in stride(from: 0, to: hosts.count, by: options.hostsAtOnce) {
            let batch = hosts[batchStart..<min(batchStart + options.hostsAtOnce, hosts.count)]
            let results = await withTaskGroup(of: [(String, Outcome)].self) { group in
                for host in batch {
                    let hostURLs = byHost[host] ?? []
                    group.addTask { await checkHost(hostURLs, session: session) }
                }
                var all: [(String, Outcome)] = []
                for await part in group { all += part }
                return all
            }
            for (url, outcome) in results { outcomes[url] = outcome }
        }
        session.invalidateAndCancel()
        var diagnostics: [Diagnostic] = []
        var summary = ExternalLinkSummary(checked: urls.count, hosts: hosts.count, ok: 0, broken: 0, unreachable: 0)
        for url in urls {
            for location in locations[url] ?? [] {
                switch outcomes[url] ?? .failed("not checked") {
                case .ok: break
                case .gone(let status):
                    diagnostics.append(.error("link.external", "the external link \(url) is gone (HTTP \(status))", at: location,
                                              help: "update or remove the link; an archived copy may exist at web.archive.org"))
                case .failed(let reason):
                    diagnostics.append(.warning("link.external", "the external link \(url) could not be checked: \(reason)", at: location))
                }
            }
            switch outcomes[url] ?? .failed("") {
            case .ok: summary.ok += 1
            case .gone: summary.broken += 1
            case .failed: summary.unreachable += 1
            }
        }
        return (summary, diagnostics)
    }

    /// One host's URLs, at most `perHost` at a time.
    private func checkHost(_ urls: [String], session: URLSession) async -> [(String, Outcome)] {
        var results: [(String, Outcome)] = []
        for start in stride(from: 0, to: urls.count, by: options.perHost) {
            let slice = urls[start..<min(start + options.perHost, urls.count)]
            await withTaskGroup(of: (String, Outcome).self) { group in
                for url in slice { group.addTask { (url, await probe(url, session: session)) } }
                for await result in group { results.append(result) }
            }
        }
        return results
    }

    private func probe(_ address: String, session: URLSession) async -> Outcome {
        guard let url = URL(string: address) else { return .failed("not a valid URL") }
        let head = await request(url, method: "HEAD", session: session)
        if case .ok = head { return .ok }
        // Many servers refuse or mishandle HEAD; GET is the real test.
        let get = await request(url, method: "GET", session: session)
        return get
    }

    private func request(_ url: URL, method: String, session: URLSession) async -> Outcome {
        var request = URLRequest(url: url, timeoutInterval: options.timeout)
        request.httpMethod = method
        do {
            let (_, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { return .failed("no HTTP response") }
            switch http.statusCode {
            case 200..<400: return .ok
            case 404, 410: return .gone(http.statusCode)
            default: return .failed("HTTP \(http.statusCode)")
            }
        } catch let error as URLError where error.code == .timedOut {
            return .failed("no answer within \(Int(options.timeout)) s")
        } catch {
            return .failed(error.localizedDescription)
        }
    }
}
