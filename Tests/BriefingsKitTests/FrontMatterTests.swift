@testable import BriefingsKit
import Testing

@Suite struct FrontMatterTests {
    @Test func splitsOnDelimiterLinesOnly() {
        let text = "---\ntitle: A --- B\nnote: |\n  not --- a delimiter\n---\nBody\n\n---\n\nMore\n"
        guard case .found(let yaml, let body, let firstLine) = FrontMatter.split(text) else {
            Issue.record("front matter not found")
            return
        }
        #expect(yaml == "title: A --- B\nnote: |\n  not --- a delimiter\n")
        #expect(body == "Body\n\n---\n\nMore\n")
        #expect(firstLine == 6)
    }

    @Test func acceptsDotsAsCloserAndTrailingSpacesAndCRLF() {
        #expect(FrontMatter.split("---  \r\ntitle: x\r\n...\r\nBody") == .found(yaml: "title: x\r\n", body: "Body", bodyFirstLine: 4))
        #expect(FrontMatter.split("---\n---\n") == .found(yaml: "", body: "", bodyFirstLine: 3))
    }

    @Test func reportsNoFrontMatterAndUnclosedFrontMatter() {
        #expect(FrontMatter.split("# Just Markdown\n") == .none)
        #expect(FrontMatter.split("----\ntitle: x\n----\n") == .none)
        #expect(FrontMatter.split("---\ntitle: x\nBody without a closing line\n") == .unclosed)
        #expect(FrontMatter.split("---") == .unclosed)
    }
}
