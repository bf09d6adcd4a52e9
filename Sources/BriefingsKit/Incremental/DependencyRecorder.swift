import Foundation
import Synchronization

/// Notes what rendering one page read from the rest of the site, so a later
/// build can tell whether that page could have changed. The site's lookups
/// (`SiteIndex`, `EvidenceIndex`, `LinkGraph`) report every read to the
/// recorder of the task rendering the page; nothing else needs to know.
///
/// Two kinds of read: a *card* is one page's front-matter facts, looked up by
/// reference, URL or source path; a *key* is a set of pages (a term's pages, a
/// kind's pages, a document's chapters, a page's citations or related pages),
/// whose digest covers each member's card.
public final class DependencyRecorder: Sendable {
    @TaskLocal public static var current: DependencyRecorder?

    /// A page is rendered by one task, so the lock is never contended; a
    /// `Mutex` (an atomic swap when free) costs a fraction of an `NSLock`,
    /// and a page records a read for every lookup it makes.
    private let reads = Mutex<(cards: Set<String>, keys: Set<String>)>(([], []))

    public init() {}

    public var cards: Set<String> { reads.withLock { $0.cards } }
    public var keys: Set<String> { reads.withLock { $0.keys } }

    static func card(_ name: String) {
        guard let recorder = current else { return }
        recorder.reads.withLock { _ = $0.cards.insert(name) }
    }

    static func key(_ name: String) {
        guard let recorder = current else { return }
        recorder.reads.withLock { _ = $0.keys.insert(name) }
    }

    /// Runs `body` with this recorder noting what it reads.
    public func recording<Result>(_ body: () throws -> Result) rethrows -> Result {
        try Self.$current.withValue(self, operation: body)
    }
}

/// The names the recorder uses, in one place.
enum DependencyName {
    static func reference(_ reference: String) -> String { "ref:" + reference }
    static func url(_ url: String) -> String { "url:" + url }
    static func source(_ path: String) -> String { "src:" + path }
    static func kind(_ kind: PageKind) -> String { "kind:" + kind.rawValue }
    static func term(_ vocabulary: String, _ term: String) -> String { "term:" + vocabulary + "/" + term }
    static func chapters(_ document: String) -> String { "chapters:" + document }
    static func folder(_ folder: String) -> String { "folder:" + folder }
    static func citations(_ reference: String) -> String { "citations:" + reference }
    static func related(_ reference: String) -> String { "related:" + reference }
    static func body(_ reference: String) -> String { "body:" + reference }
    static func template(_ name: String) -> String { "template:" + name }
    static let matrix = "matrix"
    static let everyPage = "pages"
}
