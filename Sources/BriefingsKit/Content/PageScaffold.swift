import Foundation
import Markdown

/// `briefings new`: a new page's file, with every front-matter field of its
/// kind ready to fill in and the vocabulary terms it may use listed beside them.
public enum PageScaffold {
    public enum Kind: String, CaseIterable, Sendable {
        case caseStudy = "case-study"
        case briefing
        case page

        var folder: String {
            switch self {
            case .caseStudy: "case-studies/"
            case .briefing: "briefings/"
            case .page: ""
            }
        }

        var pageKind: PageKind {
            switch self {
            case .caseStudy: .caseStudy
            case .briefing: .briefing
            case .page: .page
            }
        }
    }

    public struct Scaffold: Sendable {
        /// Relative to the content folder.
        public var path: String
        public var text: String
    }

    public enum Problem: Error, CustomStringConvertible {
        case noSlug(String)

        public var description: String {
            switch self {
            case .noSlug(let title): "the title '\(title)' has no letters or digits to make a file name from"
            }
        }
    }

    /// The new file for a title. `vocabularies` come from the site's taxonomies.yml;
    /// `today` is the day the page is started (the only date not from front matter).
    public static func make(_ kind: Kind, title: String, contentFolder: URL, today: Day) throws -> Scaffold {
        let slug = Slug.make(from: title)
        guard !slug.isEmpty, URLRules.isSlug(slug) else { throw Problem.noSlug(title) }
        let taxonomies = Taxonomies.load(
            from: contentFolder.appendingPathComponent(Taxonomies.fileName), display: DisplayPath(),
            reservedFields: Set(ContentParser.commonFields)).0
        var lines = ["---", "title: \(quoted(title))", "# One plain sentence: what this page is and why it matters.", "summary: "]
        switch kind {
        case .caseStudy:
            lines += [
                "# Who did the work, and where.",
                "organisation: ", "place: ",
                "# Which briefing, consultation or report cites it.",
                "source: ",
                "published: \(today.iso)",
            ]
        case .briefing:
            lines += ["published: \(today.iso)", "# organisation: (defaults to the site's organisation)",
                      "# label: Strategy   (the type shown above the title; Briefing by default)"]
        case .page:
            break
        }
        for vocabulary in taxonomies.vocabularies where vocabulary.appliesTo.contains(kind.pageKind) {
            lines.append("# \(vocabulary.title): one or more of")
            for term in vocabulary.terms { lines.append("#   \(term.id) - \(term.meaning)") }
            lines.append("\(vocabulary.id): []")
        }
        lines += ["# status: draft   (keeps the page out of the published site until removed)", "---", ""]
        switch kind {
        case .caseStudy: lines += ["## Why it is cited", "", "", "## What the sources say", "", ""]
        case .briefing: lines += ["## Summary", "", ""]
        case .page: lines += [""]
        }
        return Scaffold(path: kind.folder + slug + ".md", text: lines.joined(separator: "\n"))
    }

    /// YAML needs quotes around text with a colon, a leading symbol and so on.
    static func quoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || " ,.'()-–&".unicodeScalars.contains($0) }
            && !text.hasPrefix("-") && !text.hasPrefix("'")
        return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
