/// The markup of footnotes, after DPUB-ARIA: references are `doc-noteref` links
/// described by the notes' heading; the notes are a `doc-endnotes` section
/// labelled by that heading; each note links back to every reference to it.
enum FootnoteHTML {
    static func reference(number: Int, noteID: String, referenceID: String, titleID: String) -> String {
        "<sup class=\"footnote-ref\"><a href=\"#\(noteID)\" id=\"\(referenceID)\" role=\"doc-noteref\" "
            + "aria-describedby=\"\(titleID)\">\(number)</a></sup>"
    }

    /// The links at the end of a note. The second and later ones carry a small
    /// number so that sighted readers can tell them apart too.
    static func backlinks(number: Int, referenceIDs: [String], label template: String) -> String {
        referenceIDs.enumerated().map { offset, id in
            let nth = offset + 1
            let label = HTMLText.escape(template.replacingOccurrences(of: "{n}", with: nth == 1 ? "\(number)" : "\(number)-\(nth)"))
            let mark = nth == 1 ? "↩" : "↩<sup>\(nth)</sup>"
            return " <a href=\"#\(id)\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"\(label)\">\(mark)</a>"
        }.joined()
    }

    static func note(id: String) -> String { "<li id=\"\(id)\">" }
    static let noteEnd = "</li>"

    static func sectionStart(titleID: String, heading: String) -> String {
        "<section class=\"footnotes\" role=\"doc-endnotes\" aria-labelledby=\"\(titleID)\">\n"
            + "<h2 id=\"\(titleID)\">\(HTMLText.escape(heading))</h2>\n<ol>"
    }

    static let sectionEnd = "</ol>\n</section>"
}
