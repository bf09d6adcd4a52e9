/// A link or image destination found in a document, as written by the author
/// (before any rewriting), with where it was written: what link checks need.
public struct LinkReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case link
        case image
    }

    public var kind: Kind
    public var destination: String
    /// The link text, or an image's alt text, without markup.
    public var text: String
    public var position: SourcePosition

    public init(kind: Kind, destination: String, text: String, position: SourcePosition) {
        self.kind = kind
        self.destination = destination
        self.text = text
        self.position = position
    }
}
