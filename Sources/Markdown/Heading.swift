/// One heading of a rendered document, in document order: what a contents list needs.
public struct Heading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// The heading's text without markup.
    public var text: String
    /// The `id` given to the heading element: unique within the document.
    public var id: String
    public var position: SourcePosition

    public init(level: Int, text: String, id: String, position: SourcePosition) {
        self.level = level
        self.text = text
        self.id = id
        self.position = position
    }
}
