import Foundation

/// Tells every open page that the site was rebuilt, over Server-Sent Events
/// (`/_briefings/events`). Pages reload; when only stylesheets changed they
/// swap them in place and keep their scroll position.
actor LiveReloadHub {
    enum Event: Sendable, Equatable {
        case reload(version: Int)
        case stylesheets(version: Int)
        case ping

        /// The event as it goes on the wire.
        var text: String {
            switch self {
            case .reload(let version): "event: reload\ndata: \(version)\n\n"
            case .stylesheets(let version): "event: css\ndata: \(version)\n\n"
            case .ping: ": ping\n\n"
            }
        }
    }

    private var clients: [UUID: AsyncStream<Event>.Continuation] = [:]
    private var closed = false

    var clientCount: Int { clients.count }

    func subscribe() -> (UUID, AsyncStream<Event>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        if closed {
            continuation.finish()
        } else {
            clients[id] = continuation
        }
        return (id, stream)
    }

    func unsubscribe(_ id: UUID) {
        clients.removeValue(forKey: id)?.finish()
    }

    func broadcast(_ event: Event) {
        for continuation in clients.values { continuation.yield(event) }
    }

    /// Ends every stream, so a shutting-down server has no response in flight.
    func closeAll() {
        closed = true
        for continuation in clients.values { continuation.finish() }
        clients.removeAll()
    }

    static let eventsPath = "/_briefings/events"
    static let scriptPath = "/_briefings/live-reload.js"

    /// The script every served HTML page gets. `build` output never carries it.
    static let script = """
        // Briefings preview: reload when the site is rebuilt (briefings serve only).
        (function () {
          if (!window.EventSource) return;
          var source = new EventSource("\(eventsPath)");
          window.__briefingsLiveReload = source;
          source.addEventListener("reload", function () { location.reload(); });
          source.addEventListener("css", function (event) {
            var links = document.querySelectorAll('link[rel="stylesheet"]');
            for (var i = 0; i < links.length; i++) {
              var link = links[i];
              var url = new URL(link.href, location.href);
              if (url.origin !== location.origin) continue;
              url.searchParams.set("briefings-reload", event.data);
              var fresh = link.cloneNode();
              fresh.href = url.pathname + url.search;
              fresh.addEventListener("load", function (old) { return function () { old.remove(); }; }(link));
              link.after(fresh);
            }
          });
        })();

        """

    /// Adds the script to an HTML page, just before `</body>`.
    static func inject(into html: String) -> String {
        let tag = "<script src=\"\(scriptPath)\"></script>\n"
        guard let end = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) else { return html + tag }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: tag)
    }
}
