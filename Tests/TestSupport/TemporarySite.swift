import Foundation

/// A site in a fresh temporary folder: `Content/` from the given files, and the
/// repository's own `Templates/` (the real theme), so tests exercise what ships.
public final class TemporarySite: @unchecked Sendable {
    public let root: URL
    public var content: URL { root.appendingPathComponent("Content") }
    public var templates: URL { root.appendingPathComponent("Templates") }
    public var output: URL { root.appendingPathComponent("Output") }

    public static let minimalSettings = """
        title: Test Site
        base_url: https://test.example/
        language: en-GB
        organisation: Test Council

        """

    /// A small vocabulary file like the shipped one: two vocabularies crossed
    /// by the matrix.
    public static let taxonomies = """
        vocabularies:
          - id: principles
            title: Principles
            singular: principle
            terms:
              - {id: innovate, title: Innovate, meaning: Innovate to empower.}
              - {id: redesign, title: Redesign, meaning: Redesign services.}
              - {id: collaborate, title: Collaborate, meaning: Collaborate to share.}
          - id: capabilities
            title: Capabilities
            singular: capability
            terms:
              - {id: governance, title: Governance, meaning: How decisions are made.}
              - {id: procurement, title: Procurement, meaning: How things are bought.}
        matrix:
          rows: principles
          columns: capabilities

        """

    /// - Parameters:
    ///   - files: paths relative to `Content/` and their text.
    ///   - copyTemplates: copy the repository's templates (true) or leave none.
    public init(files: [String: String], copyTemplates: Bool = true, withSettings: Bool = true) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("briefings-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        var all = files
        if withSettings, all["site.yml"] == nil { all["site.yml"] = Self.minimalSettings }
        for (path, text) in all { try write(text, to: path) }
        if copyTemplates {
            try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Templates"), to: templates)
        }
    }

    /// Writes a file under `Content/`, making folders as needed.
    public func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public func write(_ data: Data, to path: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// The text of a built file under `Output/`, or nil.
    public func built(_ path: String, in folder: URL? = nil) -> String? {
        let url = (folder ?? output).appendingPathComponent(path)
        return (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
    }

    deinit {
        // Tests may make folders read-only; give permission back before removing.
        if let enumerator = FileManager.default.enumerator(atPath: root.path) {
            while let path = enumerator.nextObject() as? String {
                chmod(root.appendingPathComponent(path).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: root)
    }
}

/// A case study's front matter, for fixtures.
public func caseStudy(
    _ title: String, principles: String = "[innovate]", capabilities: String = "[governance]",
    extra: String = "", body: String = "Body text.\n"
) -> String {
    """
    ---
    title: \(title)
    summary: Why \(title) is cited.
    organisation: \(title) Council
    place: \(title)
    source: A test briefing
    principles: \(principles)
    capabilities: \(capabilities)
    \(extra)---

    \(body)
    """
}
