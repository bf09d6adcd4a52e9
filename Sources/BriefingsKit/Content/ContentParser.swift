import Foundation

/// Turns the site's Markdown files into pages: splits off and reads the front
/// matter, decides each page's kind (chapters are the files beside a document's
/// `index.md`), checks every field, and plans the URLs. Every problem in every
/// file is collected; a file with errors yields no page.
struct ContentParser {
    let taxonomies: Taxonomies
    let includeDrafts: Bool

    /// The fields every kind may have; vocabulary ids are added per kind.
    static let commonFields = [
        "kind", "title", "summary", "subtitle", "label", "slug", "url", "status", "draft",
        "published", "updated", "closes", "organisation", "place", "source", "audience", "template",
    ]

    struct Header {
        var source: SourceFile
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        var body: String
        var bodyFirstLine: Int
        var declaredKind: (PageKind, SourceLocation)?
    }

    func parse(_ sources: [SourceFile]) -> (pages: [Page], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var headers: [Header] = []
        // YAML is the costly part of reading a page; files are independent.
        for outcome in ConcurrentMap.map(sources, { readHeader($0) }) {
            switch outcome {
            case .success(let header): headers.append(header)
            case .failure(let failure): diagnostics.append(contentsOf: failure.diagnostics)
            }
        }
        let documentFolders = Self.documentFolders(headers.map { ($0.source.relativePath, $0.declaredKind?.0) })
        var drafts: [PageDraft] = []
        for (draft, found) in ConcurrentMap.map(headers, { readPage($0, documentFolders: documentFolders) }) {
            diagnostics.append(contentsOf: found)
            if let draft { drafts.append(draft) }
        }
        let planned = plan(drafts)
        return (planned.pages, diagnostics + planned.diagnostics)
    }

    /// The folders whose `index.md` says `kind: document`: the other files
    /// there are its chapters.
    static func documentFolders(_ kinds: [(relativePath: String, declared: PageKind?)]) -> Set<String> {
        Set(kinds.compactMap { $0.declared == .document ? folder(of: $0.relativePath) : nil })
    }

    /// Leaves out drafts (unless asked for) and decides every URL.
    func plan(_ drafts: [PageDraft], checkingConflicts: Bool = true) -> (pages: [Page], diagnostics: [Diagnostic]) {
        guard !includeDrafts else { return URLPlanner().plan(drafts, checkingConflicts: checkingConflicts) }
        // A draft document's chapters are drafts too.
        let draftDocuments = Set(drafts.filter { $0.page.kind == .document && $0.page.status == .draft }.map(\.folder))
        func isDraft(_ draft: PageDraft) -> Bool {
            draft.page.status == .draft || (draft.page.kind == .chapter && draftDocuments.contains(draft.folder))
        }
        // Most sites have no drafts: the list is then passed on as it is, not copied.
        let published = drafts.contains(where: isDraft) ? drafts.filter { !isDraft($0) } : drafts
        return URLPlanner().plan(published, checkingConflicts: checkingConflicts)
    }

    struct HeaderFailure: Error { var diagnostics: [Diagnostic] }

    func readHeader(_ source: SourceFile) -> Result<Header, HeaderFailure> {
        let file = source.displayPath
        let top = SourceLocation(file: file, line: 1, column: 1)
        switch FrontMatter.split(source.text) {
        case .none:
            return .failure(HeaderFailure(diagnostics: [.error(
                "front-matter.none", "the file has no front matter", at: top,
                help: "start the file with a line '---', then 'title: …' and 'summary: …', then a line '---'")]))
        case .unclosed:
            return .failure(HeaderFailure(diagnostics: [.error(
                "front-matter.unclosed", "the front matter opened on line 1 is never closed", at: top,
                help: "add a line '---' after the last front-matter field")]))
        case .found(let yaml, let body, let bodyFirstLine):
            let root: YAMLNode?
            switch YAMLReader.parse(yaml, file: file, firstLine: 2) {
            case .success(let node): root = node
            case .failure(let failure):
                return .failure(HeaderFailure(diagnostics: [.error("yaml.syntax", failure.message, at: failure.location,
                                                                  help: "fix the YAML between the '---' lines")]))
            }
            guard let root, case .mapping(let pairs) = root.value else {
                let got = root?.described ?? "nothing"
                return .failure(HeaderFailure(diagnostics: [.error(
                    "front-matter.shape", "front matter must be a mapping of fields to values; got \(got)",
                    at: root?.location ?? top, help: "write one 'field: value' per line, e.g. 'title: Kent'")]))
            }
            var declared: (PageKind, SourceLocation)?
            var kindProblems: [Diagnostic] = []
            if let kindNode = pairs.first(where: { $0.key.string == "kind" })?.value {
                if let text = kindNode.string, let kind = PageKind(rawValue: text), PageKind.authorable.contains(kind) {
                    declared = (kind, kindNode.location)
                } else {
                    let given = kindNode.string ?? ""
                    let names = PageKind.authorable.map(\.rawValue)
                    let help = Suggestion.closest(to: given, in: names).map { "did you mean '\($0)'?" } ?? "use one of: \(names.joined(separator: ", "))"
                    kindProblems.append(.error("front-matter.kind", "'kind' must be one of \(names.joined(separator: ", ")); got \(kindNode.described)",
                                               at: kindNode.location, help: help))
                }
            }
            if !kindProblems.isEmpty { return .failure(HeaderFailure(diagnostics: kindProblems)) }
            // The body is a copy; the whole text is not needed again.
            var source = source
            source.text = ""
            return .success(Header(source: source, pairs: pairs, body: body, bodyFirstLine: bodyFirstLine, declaredKind: declared))
        }
    }

    func readPage(_ header: Header, documentFolders: Set<String>) -> (PageDraft?, [Diagnostic]) {
        let relative = header.source.relativePath
        let folder = Self.folder(of: relative)
        let isIndex = RelativePath.name(of: relative) == "index.md"
        var kind = header.declaredKind?.0 ?? PageKind.defaultKind(forFolder: folder)
        var extra: [Diagnostic] = []
        if !isIndex, documentFolders.contains(folder) {
            if let declared = header.declaredKind {
                extra.append(.error("front-matter.kind", "files beside a document's index.md are its chapters; 'kind: \(declared.0.rawValue)' cannot be used here",
                                    at: declared.1, help: "remove the 'kind' line, or move the file out of the document's folder"))
            }
            kind = .chapter
        }
        if kind == .document, !isIndex, let declared = header.declaredKind {
            extra.append(.error("front-matter.kind", "a document is a folder: 'kind: document' belongs in the folder's index.md",
                                at: declared.1, help: "move this file to a folder of its own named index.md; the other .md files there become its chapters"))
        }
        let location = SourceLocation(file: header.source.displayPath, line: 1, column: 1)
        var reader = FieldReader(pairs: header.pairs, location: location, subject: kind.described)
        _ = reader.node("kind")
        let title = reader.string("title", required: true, example: "Kent")
        let summary = reader.string("summary", required: true, example: "One sentence on what this page is.")
        let isCaseStudy = kind == .caseStudy
        let organisation = reader.string("organisation", required: isCaseStudy, example: "Kent County Council")
        let place = reader.string("place", required: isCaseStudy, example: "Kent")
        let source = reader.string("source", required: isCaseStudy, example: "Digital: Vision to Value (2014)")
        let status = readStatus(&reader)
        let page = Page(
            kind: kind, sourcePath: relative, file: header.source.displayPath, url: "", referenceID: "",
            title: title ?? "", summary: summary ?? "",
            subtitle: reader.string("subtitle"), label: reader.string("label"),
            organisation: organisation, place: place, source: source,
            audience: reader.string("audience"), template: reader.string("template"),
            published: reader.day("published"), updated: reader.day("updated"),
            closes: reader.day("closes", required: status == .consultation),
            status: status,
            terms: readTerms(&reader, kind: kind),
            body: header.body, bodyFirstLine: header.bodyFirstLine,
            documentID: nil, chapterNumber: nil)
        let slug = reader.node("slug").map(PlanOverride.init)
        let url = reader.node("url").map(PlanOverride.init)
        let known = Self.commonFields + taxonomies.vocabularies.map(\.id)
        reader.warnAboutUnknownKeys(known: known)
        let diagnostics = extra + reader.diagnostics
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (PageDraft(page: page, slug: slug, url: url, isIndex: isIndex, folder: folder), diagnostics)
    }

    private func readStatus(_ reader: inout FieldReader) -> PageStatus {
        let draftFlag = reader.bool("draft")
        var status = draftFlag == true ? PageStatus.draft : .published
        if let node = reader.node("status") {
            if let text = node.string, let given = PageStatus(rawValue: text) {
                if draftFlag == true, given != .draft {
                    reader.report(.error, "front-matter.status", "'draft: true' contradicts 'status: \(text)'", at: node.location,
                                  help: "keep one of them")
                }
                status = given
            } else {
                let names = PageStatus.allCases.map(\.rawValue)
                let help = node.string.flatMap { Suggestion.closest(to: $0, in: names) }.map { "did you mean '\($0)'?" }
                reader.report(.error, "front-matter.status", "'status' must be one of \(names.joined(separator: ", ")); got \(node.described)",
                              at: node.location, help: help)
            }
        }
        return status
    }

    /// Reads each vocabulary's field. Missing on a kind the vocabulary applies to
    /// is an error; an empty list a warning; an unknown term an error with the
    /// nearest known term.
    private func readTerms(_ reader: inout FieldReader, kind: PageKind) -> [String: [TermUse]] {
        var terms: [String: [TermUse]] = [:]
        for vocabulary in taxonomies.vocabularies {
            let applies = vocabulary.appliesTo.contains(kind)
            guard applies || reader.has(vocabulary.id) else { continue }
            guard let list = reader.stringList(vocabulary.id, required: applies) else { continue }
            if list.isEmpty {
                reader.report(.warning, "taxonomy.empty", "\(kind.described.capitalisedFirst) with no \(vocabulary.singular)",
                              at: reader.node(vocabulary.id)?.location ?? reader.location,
                              help: "tag it with at least one of: \(vocabulary.terms.map(\.id).joined(separator: ", "))")
            }
            var uses: [TermUse] = []
            for (id, location) in list {
                guard vocabulary.term(id) != nil else {
                    let help = Suggestion.closest(to: id, in: vocabulary.terms.map(\.id)).map { "did you mean '\($0)'?" }
                    let message = "'\(id)' is not \(Self.article(vocabulary.singular)) \(vocabulary.singular)"
                        + (help.map { "; \($0)" } ?? "")
                    reader.report(.error, "taxonomy.unknown-term", message, at: location,
                                  help: "known \(vocabulary.id): \(vocabulary.terms.map(\.id).joined(separator: ", "))")
                    continue
                }
                if uses.contains(where: { $0.id == id }) {
                    reader.report(.warning, "taxonomy.repeated-term", "'\(id)' is listed twice in '\(vocabulary.id)'", at: location)
                    continue
                }
                uses.append(TermUse(id: id, location: location))
            }
            terms[vocabulary.id] = uses
        }
        return terms
    }

    static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    static func folder(of relativePath: String) -> String {
        let folder = RelativePath.folder(of: relativePath)
        return folder == "." ? "" : folder
    }
}

extension String {
    var capitalisedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }

    /// "Case studies" → "case studies", but "ICT projects" stays as it is.
    var lowercasedFirstWord: String {
        let word = prefix { !$0.isWhitespace }
        guard word.count > 1, word.dropFirst().allSatisfy({ !$0.isUppercase }) else { return self }
        return word.lowercased() + dropFirst(word.count)
    }
}
