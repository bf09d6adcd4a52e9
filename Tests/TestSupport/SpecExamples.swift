import Foundation

/// One example from the CommonMark spec (or its smart-punctuation examples).
public struct SpecExample: Decodable, Sendable, CustomStringConvertible {
    public let example: Int
    public let section: String
    public let markdown: String
    public let html: String

    public var description: String { "example \(example) (\(section))" }
}

public enum Fixtures {
    /// The repository's root folder, found from this source file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var folder: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures") }

    /// The CommonMark 0.30 examples carried in `Tests/Fixtures/commonmark/`
    /// (copied from the spec, CC BY-SA 4.0).
    public static func specExamples(_ name: String) throws -> [SpecExample] {
        let url = folder.appendingPathComponent("commonmark/\(name)")
        return try JSONDecoder().decode([SpecExample].self, from: Data(contentsOf: url))
    }
}
