import BriefingsKit
import Foundation

/// libFuzzer's entry point: one input through the front-matter and Markdown
/// pipeline. Built only by `scripts/fuzz` (see Package.swift and docs/fuzzing.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzHarness.process(Data(bytes: start, count: count))
    return 0
}
