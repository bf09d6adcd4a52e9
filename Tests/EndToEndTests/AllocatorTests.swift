import Foundation
import TestSupport
import Testing

/// On Linux the binary allocates with mimalloc rather than glibc's malloc
/// (linked in Package.swift; docs/performance.md says why). A linker that
/// dropped the library would lose the speed silently, so the test asks the
/// running process: mimalloc announces itself when MIMALLOC_VERBOSE is set.
@Suite struct AllocatorTests {
    #if os(Linux)
    @Test func theBinaryAllocatesWithMimalloc() throws {
        let result = try briefings().run(["--version"], environment: ["MIMALLOC_VERBOSE": "1"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("mimalloc: process init"), "\(result.standardError)")
    }
    #endif
}
