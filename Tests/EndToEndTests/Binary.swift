import Foundation
import TestSupport
import Testing

/// The built `briefings` executable; tests that need it fail with a clear
/// message when it has not been built (run `swift build` first).
func briefings() throws -> BinaryRunner {
    try #require(BinaryRunner.locate(), "the briefings binary was not found; run 'swift build' before 'swift test'")
}

/// A copy of the repository's own site (Content and Templates) in a temporary
/// folder, to build or to break.
func copyOfShippedSite() throws -> TemporarySite {
    let site = try TemporarySite(files: [:], copyTemplates: true, withSettings: false)
    try FileManager.default.removeItem(at: site.content)
    try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Content"), to: site.content)
    return site
}
