/// How long one page took to lay out, for `--verbose`.
public struct PageTiming: Sendable {
    public var url: String
    public var seconds: Double
}
