import CCmark

/// Thin, internal accessors over a borrowed `cmark_node *`. The tree that owns the
/// node (`MarkdownDocument`) must outlive every use.
struct CmarkNode {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    var type: cmark_node_type { cmark_node_get_type(pointer) }

    var literal: String {
        cmark_node_get_literal(pointer).map { String(cString: $0) } ?? ""
    }

    var url: String {
        cmark_node_get_url(pointer).map { String(cString: $0) } ?? ""
    }

    var fenceInfo: String {
        cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? ""
    }

    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }

    var firstChild: CmarkNode? { cmark_node_first_child(pointer).map(CmarkNode.init) }
    var next: CmarkNode? { cmark_node_next(pointer).map(CmarkNode.init) }
    var parent: CmarkNode? { cmark_node_parent(pointer).map(CmarkNode.init) }

    /// The text a reader sees, without markup: text, code spans, and line breaks as
    /// spaces. Iterative, so very deep nesting cannot overflow the stack.
    var plainText: String {
        var result = ""
        guard let iterator = cmark_iter_new(pointer) else { return result }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { result += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                result += " "
            default:
                break
            }
        }
        return result
    }

    /// Renders this node and its subtree as cmark would render it inside a document.
    func renderHTML(options: Int32) -> String {
        guard let buffer = cmark_render_html(pointer, options) else { return "" }
        defer { CmarkMemory.free(buffer) }
        return String(cString: buffer)
    }
}

enum CmarkMemory {
    /// Frees a buffer that cmark allocated and handed to us.
    static func free(_ buffer: UnsafeMutablePointer<CChar>) {
        let allocator = cmark_get_default_mem_allocator()
        allocator?.pointee.free(buffer)
    }
}

/// Building and rearranging the tree. A node made here is owned by the tree as
/// soon as it is inserted; an insertion cmark refuses frees the node at once, so
/// nothing made here can leak.
extension CmarkNode {
    /// A custom block or inline that renders `enter` and `exit` verbatim around its
    /// children. Nil only when cmark cannot allocate.
    static func custom(_ type: cmark_node_type, enter: String = "", exit: String = "") -> CmarkNode? {
        guard let pointer = cmark_node_new(type) else { return nil }
        cmark_node_set_on_enter(pointer, enter)
        cmark_node_set_on_exit(pointer, exit)
        return CmarkNode(pointer)
    }

    static func new(_ type: cmark_node_type) -> CmarkNode? {
        cmark_node_new(type).map(CmarkNode.init)
    }

    static func text(_ literal: String) -> CmarkNode? {
        guard let node = new(CMARK_NODE_TEXT) else { return nil }
        node.setLiteral(literal)
        return node
    }

    var previous: CmarkNode? { cmark_node_previous(pointer).map(CmarkNode.init) }
    var lastChild: CmarkNode? { cmark_node_last_child(pointer).map(CmarkNode.init) }
    var title: String { cmark_node_get_title(pointer).map { String(cString: $0) } ?? "" }

    func setLiteral(_ literal: String) { cmark_node_set_literal(pointer, literal) }
    func setTitle(_ title: String) { cmark_node_set_title(pointer, title) }
    func setEnter(_ html: String) { cmark_node_set_on_enter(pointer, html) }

    /// Moves `child` (detached or elsewhere in a tree) to the end of this node.
    @discardableResult
    func append(_ child: CmarkNode) -> Bool {
        guard cmark_node_append_child(pointer, child.pointer) != 0 else {
            cmark_node_free(child.pointer)
            return false
        }
        return true
    }

    /// Moves `sibling` to just after this node.
    @discardableResult
    func insertAfter(_ sibling: CmarkNode) -> Bool {
        guard cmark_node_insert_after(pointer, sibling.pointer) != 0 else {
            cmark_node_free(sibling.pointer)
            return false
        }
        return true
    }

    /// Takes this node and its subtree out of the tree and frees them.
    func remove() {
        cmark_node_free(pointer)
    }

    func isSame(as other: CmarkNode?) -> Bool { other?.pointer == pointer }
}
