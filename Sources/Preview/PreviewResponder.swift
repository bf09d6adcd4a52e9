import BriefingsKit
import Foundation
import Hummingbird
import NIOCore

/// Serves the previewed site as a small, correct web server: GET and HEAD only,
/// the right content type, ETag and If-None-Match, the site's 404 page with
/// status 404, no directory listings, and every path that tries to leave the
/// site refused. HTML pages get the live-reload script; while the site has
/// errors, every page is the error page.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let session: PreviewSession
    let hub: LiveReloadHub

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD", .contentType: "text/plain; charset=utf-8"],
                            body: body("Only GET and HEAD are served.\n", for: request))
        }
        let raw = request.head.path ?? "/"
        if raw == LiveReloadHub.eventsPath || raw.hasPrefix(LiveReloadHub.eventsPath + "?") { return events() }
        if raw == LiveReloadHub.scriptPath {
            return ok(Data(LiveReloadHub.script.utf8), type: "text/javascript; charset=utf-8", request: request)
        }
        let basePath = await session.currentBasePath()
        switch RequestPath.resolve(raw, basePath: basePath) {
        case .refused(let reason):
            return Response(status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: body("Bad request: \(reason).\n", for: request))
        case .outsideBase:
            if raw == "/" { return redirect(to: basePath) }
            return await notFound(request)
        case .path(let relative, let trailingSlash):
            return await serve(relative, trailingSlash: trailingSlash, raw: raw, request: request)
        }
    }

    private func serve(_ relative: String, trailingSlash: Bool, raw: String, request: Request) async -> Response {
        let candidate = relative.isEmpty || trailingSlash ? relative + "index.html" : relative
        if let data = session.file(candidate) {
            let type = ContentTypes.forPath(candidate)
            if ContentTypes.isHTML(type), let error = await session.errorPage() {
                return page(LiveReloadHub.inject(into: error), status: .internalServerError, request: request)
            }
            if ContentTypes.isHTML(type) {
                return page(LiveReloadHub.inject(into: String(decoding: data, as: UTF8.self)), status: .ok, request: request)
            }
            return ok(data, type: type, request: request)
        }
        // `/about` is the folder `/about/`: redirect rather than list or guess.
        if !trailingSlash, !relative.isEmpty, session.isFolder(relative), session.file(relative + "/index.html") != nil {
            let path = raw.split(separator: "?", maxSplits: 1)
            return redirect(to: String(path[0]) + "/" + (path.count > 1 ? "?" + path[1] : ""))
        }
        return await notFound(request)
    }

    private func notFound(_ request: Request) async -> Response {
        if let error = await session.errorPage() {
            return page(LiveReloadHub.inject(into: error), status: .internalServerError, request: request)
        }
        let html = session.file("404.html").map { String(decoding: $0, as: UTF8.self) }
            ?? "<!DOCTYPE html><html lang=\"en\"><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>"
        return page(LiveReloadHub.inject(into: html), status: .notFound, request: request)
    }

    private func page(_ html: String, status: HTTPResponse.Status, request: Request) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"]
        let data = Data(html.utf8)
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func ok(_ data: Data, type: String, request: Request) -> Response {
        let tag = PreviewSession.etag(data)
        var headers: HTTPFields = [.contentType: type, .eTag: tag, .cacheControl: "no-cache"]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: {
            let candidate = $0.trimmingCharacters(in: .whitespaces)
            return candidate == tag || candidate == "W/" + tag || candidate == "*"
        }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(data.count)
        return Response(status: .ok, headers: headers, body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location, .contentLength: "0"])
    }

    private func body(_ text: String, for request: Request) -> ResponseBody {
        request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text))
    }

    /// The event stream: `retry` first, then one event per rebuild, until the
    /// page goes away or the server shuts down.
    private func events() -> Response {
        let hub = self.hub
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                let (id, stream) = await hub.subscribe()
                do {
                    try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
                    for await event in stream { try await writer.write(ByteBuffer(string: event.text)) }
                } catch {
                    // The page closed the connection.
                }
                await hub.unsubscribe(id)
                try? await writer.finish(nil)
            })
    }
}
