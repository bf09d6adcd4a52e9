import Mustache

/// Text renders after one cast. swift-mustache renders a value it cannot
/// cast to `MustacheCustomRenderable` through three more runtime conformance
/// checks (is it a lambda, an optional, then `String(describing:)`), and every
/// value a page shows is text: the checks were a tenth of the time spent in
/// templates, and the runtime's conformance cache is shared by every core.
/// The text is the same either way; `{{>*name}}`, transforms and sections see
/// a `String` as before.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}
