import Foundation

/// The page that puts a document and all its chapters on one page, for reading
/// end to end and for printing (`/routemap/whole-document/`).
///
/// It is made from Markdown, not from the chapters' HTML: the document's text,
/// then for each chapter a `## Chapter N: Title` heading, its summary and its
/// text with every heading one level lower. So the page goes through the same
/// Markdown pass as every other page (cross-references, list blocks, unique
/// heading ids, link checks), and its contents list is built from its headings
/// like any page's. A mistake in a chapter's Markdown is reported once, for
/// the chapter's own file and line, not again for this page; each chapter's
/// footnote labels are its own (`footnoteScopes`), numbered on through the page.
enum WholeDocument {
    /// The last segment of the page's URL, under the document's.
    static let slug = "whole-document"
    /// The template it is laid out with.
    static let template = "whole-document"

    /// One page per document that has chapters, unless a page already has its URL
    /// (then the author's page wins, as with the home page).
    static func pages(for pages: [Page], templatesFolder: String) -> [Page] {
        let documents = pages.filter { $0.kind == .document }
        guard !documents.isEmpty else { return [] }
        // Only the URLs these pages would have are looked for among the
        // pages' (a table of every page's URL was most of this, with or
        // without documents), and only among URLs of their lengths.
        let wanted = Set(documents.map { $0.url + slug + "/" })
        let lengths = Set(wanted.map(\.utf8.count))
        let taken = Set(pages.lazy.map(\.url).filter { lengths.contains($0.utf8.count) && wanted.contains($0) })
        return documents.sorted { $0.url < $1.url }.compactMap { document in
            let chapters = pages.filter { $0.kind == .chapter && $0.documentID == document.referenceID }
                .sorted { ($0.chapterNumber ?? 0) < ($1.chapterNumber ?? 0) }
            let url = document.url + slug + "/"
            guard !chapters.isEmpty, !taken.contains(url) else { return nil }
            let (body, scopes) = markdown(document: document, chapters: chapters)
            var page = Page(
                kind: .page, sourcePath: "", file: templatesFolder + "/\(template).mustache", url: url,
                referenceID: document.referenceID + "/" + slug,
                title: "\(document.title) (whole document)", summary: document.summary, subtitle: document.subtitle,
                label: document.displayLabel, organisation: document.organisation, place: document.place,
                source: document.source, audience: document.audience, template: template,
                published: document.published, updated: document.updated, closes: document.closes,
                status: document.status, terms: [:], body: body, bodyFirstLine: 1,
                documentID: document.referenceID)
            page.footnoteScopes = scopes
            return page
        }
    }

    /// Whether a page is a whole-document page (made here, or an author's page
    /// that asks for the same template).
    static func isWholeDocument(_ page: Page) -> Bool {
        page.template == template && page.documentID != nil
    }

    /// The page's Markdown, and the line where each chapter starts: each
    /// chapter's footnote labels are its own.
    static func markdown(document: Page, chapters: [Page]) -> (text: String, scopes: [Int]) {
        var parts: [String] = []
        var scopes: [Int] = []
        // Parts are joined by a blank line: each starts one line after the last
        // one's last line.
        var nextLine = 1
        func append(_ part: String) {
            parts.append(part)
            nextLine += part.utf8.count { $0 == UInt8(ascii: "\n") } + 2
        }
        let intro = document.body.trimmingCharacters(in: .whitespacesAndNewlines)
        if !intro.isEmpty { append(intro) }
        for chapter in chapters {
            let number = chapter.chapterNumber.map { "Chapter \($0): " } ?? ""
            scopes.append(nextLine)
            append("## " + escapeInline(number + chapter.title))
            let summary = chapter.summary.trimmingCharacters(in: .whitespacesAndNewlines)
            if !summary.isEmpty { append(escapeInline(summary)) }
            let body = demoteHeadings(chapter.body).trimmingCharacters(in: .whitespacesAndNewlines)
            if !body.isEmpty { append(body) }
        }
        return (parts.joined(separator: "\n\n") + "\n", scopes)
    }

    /// Plain text (a title, a summary) as Markdown that renders as that text:
    /// characters Markdown would read as markup are backslash-escaped, and line
    /// breaks become spaces. Quotes and dashes are left alone so that smart
    /// punctuation still curls them.
    static func escapeInline(_ text: String) -> String {
        let special: Set<Character> = ["\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "+", "!", "|", "~", "&"]
        var result = ""
        for character in text {
            if character == "\n" || character == "\r" {
                result.append(" ")
            } else {
                if special.contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        // A line that starts like a list item ("- ", "1. ") or a thematic break
        // would become one. A backslash only escapes punctuation, so for "1." it
        // goes before the dot.
        if result.first == "-" { return "\\" + result }
        let digits = result.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = result.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + result.dropFirst(digits.count)
        }
        return result
    }

    /// Every heading one level lower (`#` → `##`, … `#####` → `######`; level 6
    /// stays 6), outside fenced code. Setext headings (a line underlined with
    /// `===` or `---`) become ATX headings one level lower when the underline
    /// follows a single plain line after a blank line, the common way they are
    /// written; anything subtler is left as it is.
    static func demoteHeadings(_ markdown: String) -> String {
        var lines = markdown.components(separatedBy: "\n")
        var fence: (marker: Character, length: Int)?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let trimmed = line.dropFirst(indent)
            if let open = fence {
                let run = trimmed.prefix { $0 == open.marker }.count
                if indent < 4, run >= open.length, trimmed.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                    fence = nil
                }
                index += 1
                continue
            }
            guard indent < 4 else { index += 1; continue }
            if let marker = trimmed.first, marker == "`" || marker == "~" {
                let run = trimmed.prefix { $0 == marker }.count
                if run >= 3, marker == "~" || !trimmed.dropFirst(run).contains("`") {
                    fence = (marker, run)
                    index += 1
                    continue
                }
            }
            let hashes = trimmed.prefix { $0 == "#" }.count
            if (1...6).contains(hashes) {
                let after = trimmed.dropFirst(hashes)
                if after.isEmpty || after.first == " " || after.first == "\t" || after.first == "\r" {
                    if hashes < 6 { lines[index] = String(line.prefix(indent)) + "#" + trimmed }
                    index += 1
                    continue
                }
            }
            if index > 0, let level = setextLevel(trimmed), isSetextText(lines, at: index - 1) {
                lines[index - 1] = String(repeating: "#", count: min(level + 1, 6)) + " "
                    + lines[index - 1].trimmingCharacters(in: .whitespaces)
                lines[index] = ""
            }
            index += 1
        }
        return lines.joined(separator: "\n")
    }

    /// 1 for a `===` underline, 2 for `---`.
    private static func setextLevel(_ trimmed: Substring) -> Int? {
        let body = trimmed.trimmingCharacters(in: .whitespaces)
        guard let first = body.first, first == "=" || first == "-", body.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// A single line of plain paragraph text with a blank line (or the start)
    /// before it: not a list item, quote, heading, table row or HTML.
    private static func isSetextText(_ lines: [String], at index: Int) -> Bool {
        let line = lines[index]
        let indent = line.prefix { $0 == " " }.count
        let trimmed = line.dropFirst(indent).trimmingCharacters(in: .whitespaces)
        guard indent < 4, let first = trimmed.first else { return false }
        if "-*+>#|<`~=".contains(first) { return false }
        if first.isNumber, trimmed.drop(while: { $0.isNumber }).first.map({ $0 == "." || $0 == ")" }) == true { return false }
        return index == 0 || lines[index - 1].trimmingCharacters(in: .whitespaces).isEmpty
    }
}
