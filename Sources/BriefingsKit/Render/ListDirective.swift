import Foundation
import Markdown

/// A list of pages inside prose, from a fenced block such as
/// ```` ```case-studies principle=collaborate capability=procurement ````.
/// The directive's name is a kind's folder-style plural (`case-studies`,
/// `briefings`, `documents`, `pages`); each argument filters by a vocabulary
/// (`principle=…` or `principles=…`); `limit=N` caps the list.
struct ListDirective {
    let site: SiteIndex

    static let kinds: [String: PageKind] = [
        "case-studies": .caseStudy, "briefings": .briefing, "documents": .document, "pages": .page,
    ]

    struct Selection {
        var kind: PageKind
        var pages: [Page]
        var filters: [(vocabulary: Vocabulary, term: Vocabulary.Term)]
    }

    /// Nil when the fence is not a list directive; otherwise the pages it lists
    /// (nil when its arguments have errors) and any problems with it.
    func select(_ directive: FencedDirective, file: String) -> (selection: Selection?, diagnostics: [Diagnostic])? {
        guard let kind = Self.kinds[directive.name] else { return nil }
        var problems: [Diagnostic] = []
        var filters: [(Vocabulary, Vocabulary.Term)] = []
        var limit: Int?
        for argument in directive.arguments {
            let location = SourceLocation(file: file, line: argument.position.line, column: argument.position.column)
            if argument.key == "limit" {
                if let value = Int(argument.value), value > 0 { limit = value } else {
                    problems.append(.error("directive.argument", "'limit' must be a whole number above 0; got '\(argument.value)'", at: location))
                }
                continue
            }
            guard let vocabulary = site.taxonomies.vocabulary(named: argument.key) else {
                let names = site.taxonomies.vocabularies.map(\.singular) + ["limit"]
                let guess = Suggestion.closest(to: argument.key, in: names).map { "did you mean '\($0)'?" }
                problems.append(.error("directive.argument", "'\(argument.key)' is not a filter of the \(directive.name) list", at: location,
                                       help: guess ?? "filters: \(names.joined(separator: ", "))"))
                continue
            }
            guard let term = vocabulary.term(argument.value) else {
                var message = "'\(argument.value)' is not \(ContentParser.article(vocabulary.singular)) \(vocabulary.singular)"
                if let closest = Suggestion.closest(to: argument.value, in: vocabulary.terms.map(\.id)) { message += "; did you mean '\(closest)'?" }
                problems.append(.error("taxonomy.unknown-term", message, at: location,
                                       help: "known \(vocabulary.id): \(vocabulary.terms.map(\.id).joined(separator: ", "))"))
                continue
            }
            filters.append((vocabulary, term))
        }
        if !directive.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(.warning("directive.body", "the text inside a \(directive.name) list block is ignored",
                                     at: SourceLocation(file: file, line: directive.bodyFirstLine, column: 1),
                                     help: "leave the block empty; its arguments choose the pages"))
        }
        guard !problems.hasErrors else { return (nil, problems) }
        var pages = site.pages(matching: filters.map { ($0.0.id, $0.1.id) }, kind: kind)
        if let limit { pages = Array(pages.prefix(limit)) }
        return (Selection(kind: kind, pages: pages, filters: filters), problems)
    }
}
