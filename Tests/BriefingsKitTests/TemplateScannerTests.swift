@testable import BriefingsKit
import Testing

/// Pages whose templates cannot show "Cited in" are laid out before the site's
/// link graph exists; these are the cases that decide which those are.
@Suite struct TemplateScannerTests {
    func canRead(_ sources: [String: String], _ name: String = "page") -> Bool {
        TemplateScanner.template(name, canRead: "citedIn", sources: sources)
    }

    @Test func aNameIsFoundWhereverTheTemplateReachesIt() {
        #expect(canRead(["page": "{{#citedIn}}{{#items}}{{title}}{{/items}}{{/citedIn}}"]))
        #expect(canRead(["page": "{{citedIn.count}}"]))
        #expect(canRead(["page": "{{#page}}{{^ citedIn }}none{{/ citedIn }}{{/page}}"]), "looked up through the stack")
        #expect(canRead(["page": "{{count(citedIn)}}"]), "inside a transform")
        #expect(canRead(["page": "{{> partials/a}}", "partials/a": "{{> partials/b}}", "partials/b": "{{{citedIn}}}"]))
        #expect(canRead(["page": "{{<layout}}{{$main}}x{{/main}}{{/layout}}", "layout": "{{$main}}{{/main}}{{> partials/c}}",
                         "partials/c": "{{&citedIn}}"]))
    }

    @Test func whenTheTextCannotTellTheAnswerIsYes() {
        #expect(canRead(["page": "{{>*which}}"]), "a dynamic partial")
        #expect(canRead(["page": "{{=<% %>=}}<%citedIn%>"]), "changed delimiters")
        #expect(canRead(["page": "{{> partials/missing}}"]), "a partial that is not there")
    }

    @Test func otherNamesAndLoopsAreNotMistakenForIt() {
        #expect(!canRead(["page": "{{page.citedIn}}{{citedInAll}}{{! citedIn }}{{$citedIn}}{{/citedIn}}"]))
        #expect(!canRead(["page": "{{> partials/a}}", "partials/a": "{{> page}}{{title}}"]), "partials that include each other")
        #expect(!canRead(["page": "{{<layout}}{{$main}}{{content}}{{/main}}{{/layout}}", "layout": "<main>{{$main}}{{/main}}</main>"]))
    }

    /// Line and column are where a warning points: columns count characters,
    /// tags may span lines, and Windows line ends count as line ends (the
    /// scanner before counted none of them: "\r\n" is one character).
    @Test func tagsAreFoundWithTheirSigilNameLineAndColumn() {
        let text = "<p>Café {{ title }}</p>\n  {{{body}}} {{! a\nnote }}{{#list}}x{{/list}}\n€{{> partials/a}}{{unclosed"
        let tags = TemplateScanner.tags(in: text)
        #expect(tags.map(\.sigil) == ["", "{", "!", "#", "/", ">"])
        #expect(tags.map(\.name) == ["title", "body", "a\nnote", "list", "list", "partials/a"])
        #expect(tags.map(\.line) == [1, 2, 2, 3, 3, 4])
        #expect(tags.map(\.column) == [9, 3, 14, 8, 18, 2])
        #expect(tags.map { String(text[$0.range]) } == ["{{ title }}", "{{{body}}}", "{{! a\nnote }}", "{{#list}}", "{{/list}}", "{{> partials/a}}"])
        // A template saved with Windows line ends counts its lines too.
        let windows = TemplateScanner.tags(in: "<p>\r\n  {{title}}\r\n{{body}}")
        #expect(windows.map(\.line) == [2, 3])
        #expect(windows.map(\.column) == [3, 1])
    }
}
