@testable import BriefingsKit
import Foundation
import Testing

@Suite struct SupportTests {
    @Test func suggestionsFindLikelyTypos() {
        #expect(Suggestion.closest(to: "colaborate", in: ["innovate", "redesign", "collaborate"]) == "collaborate")
        #expect(Suggestion.closest(to: "inovate", in: ["innovate", "redesign"]) == "innovate")
        #expect(Suggestion.closest(to: "goverance", in: ["governance", "procurement"]) == "governance")
        #expect(Suggestion.closest(to: "xyz", in: ["innovate", "redesign"]) == nil)
        #expect(Suggestion.editDistance("ab", "ba") == 1)
    }

    @Test func daysParseFormatAndComeFromEpochSeconds() {
        #expect(Day(iso: "2014-10-21")?.long == "21 October 2014")
        #expect(Day(iso: "2014-02-30") == nil)
        #expect(Day(iso: "2014-10-21T09:30:00Z")?.iso == "2014-10-21")
        #expect(Day(iso: "21/10/2014") == nil)
        #expect(Day(unixSeconds: 0)?.iso == "1970-01-01")
        #expect(Day(unixSeconds: 1_413_849_600)?.iso == "2014-10-21")
        #expect(Day(iso: "2024-02-29") != nil)
    }

    /// The build cache keeps days as one number: each comes back the same,
    /// and a number that is no day is refused (the cache is then not used).
    @Test func daysPackIntoOneNumberAndBack() {
        for text in ["2014-10-21", "1970-01-01", "2024-02-29", "0001-01-01", "9999-12-31"] {
            let day = Day(iso: text)
            #expect(day.flatMap { Day(packed: $0.packed) } == day, "\(text)")
        }
        #expect(Day(iso: "2014-10-21")?.packed == 20_141_021)
        #expect(Day(packed: 20_140_230) == nil)
        #expect(Day(packed: 20_141_300) == nil)
        #expect(Day(packed: 0) == nil)
    }

    @Test func urlRules() {
        #expect(URLRules.isSlug("case-studies"))
        #expect(!URLRules.isSlug("Case"))
        #expect(!URLRules.isSlug("a--b"))
        #expect(URLRules.normalisePagePath("/about") == .valid("/about/"))
        #expect(URLRules.normalisePagePath("/") == .valid("/"))
        #expect(URLRules.outputFile(forPath: "/case-studies/kent/") == "case-studies/kent/index.html")
        #expect(URLRules.outputFile(forPath: "/404.html") == "404.html")
    }

    @Test func diagnosticsFormatForPeopleCIAndTools() {
        let diagnostic = Diagnostic(.error, code: "link.broken", "the link 'x' points nowhere, really", file: "Content/a.md", line: 3, column: 7, help: "fix it")
        #expect(DiagnosticFormatter(format: .text).text(diagnostic) == "Content/a.md:3:7: error: the link 'x' points nowhere, really\n  help: fix it\n")
        #expect(DiagnosticFormatter(format: .github).github(diagnostic)
            == "::error file=Content/a.md,line=3,col=7,title=link.broken::the link 'x' points nowhere, really%0Afix it\n")
        let json = DiagnosticFormatter(format: .json).json([diagnostic])
        #expect(json.contains("\"severity\" : \"error\""))
        #expect(json.contains("\"line\" : 3"))
    }

    /// The byte-level path helpers give what NSString gives for the paths a
    /// build uses, including names with accents and odd dots.
    @Test func relativePathsSplitAsNSStringDoes() {
        let paths = ["case-studies/kent.md", "kent.md", "routemap/02-information.md", "a/b/c/index.md", "café/ünï.md", "a.b/c",
                     ".md", "a/.hidden", "a/b/", "archive.tar.gz"]
        for path in paths {
            #expect(RelativePath.folder(of: path) == (path as NSString).deletingLastPathComponent, "folder of \(path)")
            #expect(RelativePath.name(of: path) == (path as NSString).lastPathComponent, "name of \(path)")
            #expect(RelativePath.removingExtension(path) == (path as NSString).deletingPathExtension, "extension of \(path)")
        }
        // Where NSString traps on Linux (an empty path, a one-letter name), these answer.
        #expect(RelativePath.folder(of: "") == "" && RelativePath.name(of: "") == "" && RelativePath.removingExtension("") == "")
        #expect(RelativePath.folder(of: "a") == "" && RelativePath.name(of: "a") == "a" && RelativePath.removingExtension("a") == "a")
    }

    @Test func byteStringSetsFindExactlyTheirStrings() {
        let links = (0..<5000).map { "/case-studies/study-\($0)/" } + ["", "/", "/caf\u{E9}/"]
        let set = ByteStringSet(links + links.prefix(10))
        #expect(set.count == links.count)
        for link in links { #expect(set.contains(link)) }
        for other in ["/case-studies/study-5000/", "/case-studies/study-1", "/case-studies/study-1//", "//", "x"] {
            #expect(!set.contains(other))
        }
        // Bytes, not canonical equivalence: the other spelling is not found,
        // and goes the slower, exact way.
        #expect(!set.contains("/cafe\u{301}/"))
        #expect(!ByteStringSet([]).contains(""))
    }
}

