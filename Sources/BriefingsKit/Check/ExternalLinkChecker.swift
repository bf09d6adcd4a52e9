import CWebProbe
import Foundation

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
        var outcomes: [String: Outcome] = [:]
        for batchStart in stride(from: 0, to: hosts.count, by: options.hostsAtOnce) {
            let batch = hosts[batchStart..<min(batchStart + options.hostsAtOnce, hosts.count)]
            let results = await withTaskGroup(of: [(String, Outcome)].self) { group in
                for host in batch {
                    let hostURLs = byHost[host] ?? []
                    group.addTask { await checkHost(hostURLs) }
                }
                var all: [(String, Outcome)] = []
                for await part in group { all += part }
                return all
            }
            for (url, outcome) in results { outcomes[url] = outcome }
        }
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
    private func checkHost(_ urls: [String]) async -> [(String, Outcome)] {
        var results: [(String, Outcome)] = []
        for start in stride(from: 0, to: urls.count, by: options.perHost) {
            let slice = urls[start..<min(start + options.perHost, urls.count)]
            await withTaskGroup(of: (String, Outcome).self) { group in
                for url in slice { group.addTask { (url, await probe(url)) } }
                for await result in group { results.append(result) }
            }
        }
        return results
    }

    private func probe(_ address: String) async -> Outcome {
        guard URL(string: address) != nil else { return .failed("not a valid URL") }
        let head = await request(address, head: true)
        if case .ok = head { return .ok }
        // Many servers refuse or mishandle HEAD; GET is the real test.
        return await request(address, head: false)
    }

    /// One request, on a thread of its own: libcurl's call blocks until the
    /// answer, and on the tasks' few threads it would hold up the other hosts.
    private func request(_ address: String, head: Bool) async -> Outcome {
        let timeout = options.timeout
        let answer = await withCheckedContinuation { (continuation: CheckedContinuation<briefings_web_probe, Never>) in
            Thread {
                let milliseconds = Int(min(max(timeout * 1000, 1), 86_400_000).rounded(.up))
                continuation.resume(returning: briefings_web_request(address, head ? 1 : 0, milliseconds, "briefings-link-check/1"))
            }.start()
        }
        switch answer.failure {
        case 0: break
        case 1: return .failed("no answer within \(Self.seconds(timeout)) s")
        default: return .failed(Self.text(of: answer))
        }
        switch answer.status {
        case 200..<400: return .ok
        case 404, 410: return .gone(answer.status)
        default: return .failed("HTTP \(answer.status)")
        }
    }

    private static func text(of answer: briefings_web_probe) -> String {
        withUnsafeBytes(of: answer.reason) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    private static func seconds(_ timeout: TimeInterval) -> String {
        timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
    }
}
