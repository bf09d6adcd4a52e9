import CCmark

/// A read-only snapshot of one node, handed out by `MarkdownDocument.walk`.
/// It copies what it holds, so it stays valid after the walk.
public struct MarkdownNode: Sendable {
    public enum Kind: Sendable, Hashable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
        case unknown
    }

    public let kind: Kind
    /// True on the way in, false on the way out (leaf nodes are only entered).
    public let entering: Bool
    /// Text of text, code, code-block and HTML nodes.
    public let literal: String?
    /// Destination of links and images.
    public let destination: String?
    /// Info string of fenced code blocks.
    public let info: String?
    public let headingLevel: Int?
    public let position: SourcePosition

    init(node: CmarkNode, entering: Bool, document: MarkdownDocument) {
        let kind = Self.kind(of: node.type)
        self.kind = kind
        self.entering = entering
        switch kind {
        case .text, .code, .codeBlock, .htmlBlock, .htmlInline: literal = node.literal
        default: literal = nil
        }
        destination = (kind == .link || kind == .image) ? node.url : nil
        info = kind == .codeBlock ? node.fenceInfo : nil
        headingLevel = kind == .heading ? node.headingLevel : nil
        position = document.position(of: node)
    }

    static func kind(of type: cmark_node_type) -> Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .unknown
        }
    }
}
