@testable import BriefingsKit
import Testing
import Yams

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

    /// Plain scalars get YAML's core-schema kinds, with dates found without
    /// Yams' regular expressions giving the same answers as with them.
    @Test func scalarKindsFollowTheCoreSchema() throws {
        let yaml = "a: 2024-03-01\nb: 2024-3-1\nc: 12\nd: 1.5\ne: yes\nf: ~\ng: '2024-03-01'\nh: 2024-03-01x\ni: 20240301\n"
        guard case .success(let root?) = YAMLReader.parse(yaml, file: "t.yml"), case .mapping(let pairs) = root.value else {
            Issue.record("not parsed as a mapping")
            return
        }
        var kinds: [String: YAMLNode.ScalarKind] = [:]
        for pair in pairs {
            if case .scalar(let key, _) = pair.key.value, case .scalar(_, let kind) = pair.value.value { kinds[key] = kind }
        }
        // Yams reads a date only with two-digit months and days: 2024-3-1 is text.
        #expect(kinds == ["a": .timestamp, "b": .string, "c": .integer, "d": .float, "e": .boolean, "f": .null,
                          "g": .string, "h": .string, "i": .integer])
        // Integers found without Yams' rules get the kind Yams' rules give.
        for text in ["0", "7", "-7", "+12", "2024", "98765432109876543210", "00", "0755", "-0", "1_000", "12abc", "+", "0x1F", "1e3"] {
            let yams = Resolver.default.resolveTag(of: .scalar(.init(text, Tag(.implicit), .plain))).rawValue == Tag.Name.int.rawValue
            if YAMLReader.isPlainInteger(text.utf8) { #expect(yams, "\(text) is an integer only here") }
            guard case .success(let node?) = YAMLReader.parse("x: \(text)\n", file: "t.yml"), case .mapping(let pairs) = node.value,
                case .scalar(_, let kind) = pairs.first?.value.value else {
                Issue.record("\(text) not parsed")
                continue
            }
            #expect((kind == .integer) == yams, "\(text): \(kind)")
        }
    }
}
