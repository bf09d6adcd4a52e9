import Foundation
import TestSupport
import Testing

/// `briefings render` against the CommonMark spec: the binary, the whole way.
@Suite struct RenderCommandTests {
    static let spec = (try? Fixtures.specExamples("spec-0.30.json")) ?? []
    static let smart = (try? Fixtures.specExamples("smart-punct-0.30.json")) ?? []

    /// All 652 examples through `briefings render --unsafe`, several processes at a time.
    @Test func passesEveryCommonMarkSpecExample() async throws {
        let runner = try briefings()
        let folder = FileManager.default.temporaryDirectory
        #expect(Self.spec.count == 652)
        let failures = try await withThrowingTaskGroup(of: [Int].self) { group in
            let workers = 4
            for worker in 0..<workers {
                let examples = Self.spec.enumerated().filter { $0.offset % workers == worker }.map(\.element)
                group.addTask {
                    var failed: [Int] = []
                    for example in examples {
                        let result = try runner.run(["render", "--unsafe", "-"], in: folder, input: example.markdown)
                        if result.status != 0 || HTMLNormaliser.normalise(result.standardOutput) != HTMLNormaliser.normalise(example.html) {
                            failed.append(example.example)
                        }
                    }
                    return failed
                }
            }
            var all: [Int] = []
            for try await failed in group { all += failed }
            return all.sorted()
        }
        #expect(failures.isEmpty, "failing examples: \(failures)")
    }

    @Test func smartPunctuationMatchesItsExamples() throws {
        let runner = try briefings()
        for example in Self.smart {
            let result = try runner.run(["render", "--smart", "--unsafe", "-"], in: FileManager.default.temporaryDirectory, input: example.markdown)
            #expect(HTMLNormaliser.normalise(result.standardOutput) == HTMLNormaliser.normalise(example.html), "\(example)")
        }
    }

    @Test func rendersAFileWithoutItsFrontMatterAndResolvesCrossReferencesInASite() throws {
        let site = try TemporarySite(files: [
            "case-studies/kent.md": caseStudy("Kent"),
            "note.md": "---\ntitle: Note\nsummary: S\n---\n## Hello\n\nSee [Kent](case-study:kent).\n",
        ])
        let result = try briefings().run(["render", "Content/note.md"], in: site.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "<h2 id=\"hello\">Hello</h2>\n<p>See <a href=\"/case-studies/kent/\">Kent</a>.</p>\n")
    }

    @Test func safeByDefault() throws {
        let result = try briefings().run(["render", "-"], in: FileManager.default.temporaryDirectory,
                                         input: "<script>x()</script>\n\n[a](javascript:alert(1))\n")
        #expect(result.standardOutput == "<!-- raw HTML omitted -->\n<p><a href=\"\">a</a></p>\n")
    }
}
