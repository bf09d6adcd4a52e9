import Foundation
import Markdown

/// A controlled list of terms that pages are tagged with, defined as data in
/// `Content/taxonomies.yml`. Nothing about any particular vocabulary is in code.
public struct Vocabulary: Sendable, Hashable {
    public struct Term: Sendable, Hashable {
        public var id: String
        public var title: String
        public var meaning: String
    }

    /// Also the front-matter field that holds a page's terms: `principles`.
    public var id: String
    public var title: String
    /// "principle": for messages and for directive filters (`principle=innovate`).
    public var singular: String
    public var description: String?
    /// Kinds whose pages must carry this field.
    public var appliesTo: Set<PageKind>
    /// How much a shared term counts towards "related" pages.
    public var weight: Int
    public var terms: [Term]

    public func term(_ id: String) -> Term? { terms.first { $0.id == id } }
}

/// Every vocabulary of the site, in order, and which two the matrix crosses.
public struct Taxonomies: Sendable {
    public var vocabularies: [Vocabulary]
    public var matrix: (rows: String, columns: String)?

    public static let fileName = "taxonomies.yml"
    public static let empty = Taxonomies(vocabularies: [], matrix: nil)

    public func vocabulary(_ id: String) -> Vocabulary? { vocabularies.first { $0.id == id } }

    /// The vocabulary whose singular name is this (`principle`), or whose id is.
    public func vocabulary(named name: String) -> Vocabulary? {
        vocabularies.first { $0.singular == name } ?? vocabulary(name)
    }
}

extension Taxonomies {
    /// Reads `taxonomies.yml`; a site without one has no vocabularies.
    static func load(from url: URL, display: DisplayPath, reservedFields: Set<String>) -> (Taxonomies, [Diagnostic]) {
        let file = display(url)
        guard FileManager.default.fileExists(atPath: url.path) else { return (.empty, []) }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(validating: data, as: UTF8.self) else {
            return (.empty, [.error("file.encoding", "the file cannot be read as UTF-8 text", at: SourceLocation(file: file, line: 1, column: 1))])
        }
        let root: YAMLNode?
        switch YAMLReader.parse(text, file: file) {
        case .success(let node): root = node
        case .failure(let failure): return (.empty, [.error("yaml.syntax", failure.message, at: failure.location)])
        }
        guard let root else { return (.empty, []) }
        guard case .mapping(let pairs) = root.value else {
            return (.empty, [.error("taxonomies.shape", "taxonomies.yml must be a mapping with a 'vocabularies' list; got \(root.described)", at: root.location)])
        }
        var reader = FieldReader(pairs: pairs, location: SourceLocation(file: file, line: 1, column: 1), subject: "taxonomies.yml")
        var vocabularies: [Vocabulary] = []
        if let list = reader.node("vocabularies") {
            if case .sequence(let items) = list.value {
                for item in items {
                    if let vocabulary = readVocabulary(item, into: &reader, reservedFields: reservedFields, existing: vocabularies) {
                        vocabularies.append(vocabulary)
                    }
                }
            } else {
                reader.report(.error, "front-matter.type", "'vocabularies' must be a list; got \(list.described)", at: list.location)
            }
        }
        var matrix: (String, String)?
        if let node = reader.node("matrix") {
            if case .mapping(let matrixPairs) = node.value {
                var matrixReader = FieldReader(pairs: matrixPairs, location: node.location, subject: "the matrix")
                let rows = matrixReader.string("rows", required: true, example: "principles")
                let columns = matrixReader.string("columns", required: true, example: "capabilities")
                matrixReader.warnAboutUnknownKeys(known: ["rows", "columns"])
                for (key, id) in [("rows", rows), ("columns", columns)] {
                    guard let id, !vocabularies.contains(where: { $0.id == id }) else { continue }
                    let help = Suggestion.closest(to: id, in: vocabularies.map(\.id)).map { "did you mean '\($0)'?" }
                    matrixReader.report(.error, "taxonomies.matrix", "matrix \(key) '\(id)' is not a vocabulary defined above",
                                        at: matrixReader.node(key)?.location ?? node.location, help: help)
                }
                reader.merge(matrixReader)
                if let rows, let columns { matrix = (rows, columns) }
            } else {
                reader.report(.error, "front-matter.type", "'matrix' must have 'rows' and 'columns'; got \(node.described)", at: node.location)
            }
        }
        reader.warnAboutUnknownKeys(known: ["vocabularies", "matrix"])
        return (Taxonomies(vocabularies: vocabularies, matrix: matrix), reader.diagnostics)
    }

    private static func readVocabulary(
        _ item: YAMLNode, into reader: inout FieldReader, reservedFields: Set<String>, existing: [Vocabulary]
    ) -> Vocabulary? {
        guard case .mapping(let pairs) = item.value else {
            reader.report(.error, "front-matter.type", "each vocabulary must be a mapping with 'id', 'title' and 'terms'; got \(item.described)", at: item.location)
            return nil
        }
        var vocabularyReader = FieldReader(pairs: pairs, location: item.location, subject: "a vocabulary")
        defer { reader.merge(vocabularyReader) }
        let id = vocabularyReader.string("id", required: true, example: "principles")
        let title = vocabularyReader.string("title", required: true, example: "Principles")
        let singular = vocabularyReader.string("singular")
        let description = vocabularyReader.string("description")
        var weight = 1
        if let node = vocabularyReader.node("weight") {
            if case .scalar(let text, .integer) = node.value, let value = Int(text), value >= 0 {
                weight = value
            } else {
                vocabularyReader.report(.error, "front-matter.type", "'weight' must be a whole number, 0 or more; got \(node.described)", at: node.location)
            }
        }
        var appliesTo: Set<PageKind> = [.caseStudy]
        if let kinds = vocabularyReader.stringList("applies_to") {
            appliesTo = []
            for (kind, location) in kinds {
                if let pageKind = PageKind(rawValue: kind), PageKind.authorable.contains(pageKind) {
                    appliesTo.insert(pageKind)
                } else {
                    vocabularyReader.report(.error, "taxonomies.kind", "'\(kind)' is not a kind of page", at: location,
                                            help: "use one of: \(PageKind.authorable.map(\.rawValue).joined(separator: ", "))")
                }
            }
        }
        var terms: [Vocabulary.Term] = []
        if let termList = vocabularyReader.node("terms") {
            if case .sequence(let termItems) = termList.value {
                for termItem in termItems {
                    guard case .mapping(let termPairs) = termItem.value else {
                        vocabularyReader.report(.error, "front-matter.type", "each term must have 'id', 'title' and 'meaning'; got \(termItem.described)", at: termItem.location)
                        continue
                    }
                    var termReader = FieldReader(pairs: termPairs, location: termItem.location, subject: "a term")
                    let termID = termReader.string("id", required: true, example: "innovate")
                    let termTitle = termReader.string("title", required: true, example: "Innovate")
                    let meaning = termReader.string("meaning", required: true, example: "One line on what the term means.")
                    termReader.warnAboutUnknownKeys(known: ["id", "title", "meaning"])
                    if let termID, !URLRules.isSlug(termID) {
                        termReader.report(.error, "taxonomies.id", "term id '\(termID)' must be lower-case letters, digits and hyphens",
                                          at: termReader.node("id")?.location ?? termItem.location, help: "try '\(Markdown.Slug.make(from: termID))'")
                    } else if let termID, terms.contains(where: { $0.id == termID }) {
                        termReader.report(.error, "taxonomies.duplicate", "term '\(termID)' is defined twice", at: termReader.node("id")?.location ?? termItem.location)
                    }
                    vocabularyReader.merge(termReader)
                    if let termID, let termTitle, let meaning, !termReader.diagnostics.hasErrors {
                        terms.append(.init(id: termID, title: termTitle, meaning: meaning))
                    }
                }
            } else {
                vocabularyReader.report(.error, "front-matter.type", "'terms' must be a list; got \(termList.described)", at: termList.location)
            }
        } else {
            vocabularyReader.report(.error, "front-matter.missing", "'terms' is required in a vocabulary", at: item.location)
        }
        vocabularyReader.warnAboutUnknownKeys(known: ["id", "title", "singular", "description", "applies_to", "weight", "terms"])
        guard let id, let title else { return nil }
        let idLocation = vocabularyReader.node("id")?.location ?? item.location
        if !URLRules.isSlug(id) {
            vocabularyReader.report(.error, "taxonomies.id", "vocabulary id '\(id)' must be lower-case letters, digits and hyphens", at: idLocation)
            return nil
        }
        if reservedFields.contains(id) {
            vocabularyReader.report(.error, "taxonomies.id", "vocabulary id '\(id)' is already a front-matter field", at: idLocation,
                                    help: "choose another id; front-matter fields are: \(reservedFields.sorted().joined(separator: ", "))")
            return nil
        }
        if existing.contains(where: { $0.id == id }) {
            vocabularyReader.report(.error, "taxonomies.duplicate", "vocabulary '\(id)' is defined twice", at: idLocation)
            return nil
        }
        let singularName = singular ?? (id.hasSuffix("ies") ? String(id.dropLast(3)) + "y" : id.hasSuffix("s") ? String(id.dropLast()) : id)
        return Vocabulary(id: id, title: title, singular: singularName, description: description, appliesTo: appliesTo,
                          weight: weight, terms: terms)
    }
}
