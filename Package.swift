// swift-tools-version:6.0
import Foundation
import PackageDescription

// The pipeline reads top to bottom: CCmark (C library) → Markdown (Swift over cmark)
// → BriefingsKit (content, index, templates, build) → Preview (server) → briefings (CLI).
// Each target depends only on those above it; see docs/architecture.md.
let package = Package(
    name: "Briefings",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "briefings", targets: ["briefings"]),
        .library(name: "BriefingsKit", targets: ["BriefingsKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "CFileSystem"
        ),
        // libcurl, loaded only when `check --external` asks the web (see web_probe.c).
        .target(
            name: "CWebProbe",
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        // Tells mimalloc, where it is the allocator, how the one-off commands use memory.
        .target(
            name: "CAllocator"
        ),
        .target(
            name: "Markdown",
            dependencies: ["CCmark"]
        ),
        .target(
            name: "BriefingsKit",
            dependencies: [
                "Markdown",
                "CFileSystem",
                "CWebProbe",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Preview",
            dependencies: [
                "BriefingsKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "briefings",
            dependencies: [
                "BriefingsKit",
                "Preview",
                "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc replaces glibc's allocator for the whole process: a build
            // allocates millions of small strings and nodes from two threads, and
            // spends an eighth of its time less (docs/performance.md).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "MarkdownTests",
            dependencies: ["Markdown", "TestSupport"]
        ),
        .testTarget(
            name: "BriefingsKitTests",
            dependencies: ["BriefingsKit", "TestSupport", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(
            name: "PreviewTests",
            dependencies: [
                "Preview",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["BriefingsKit", "TestSupport", .product(name: "Yams", package: "Yams")]
        ),
    ]
)

// The libFuzzer target exists only when scripts/fuzz asks for it: it has no
// main() of its own, so an ordinary build could not link it.
if ProcessInfo.processInfo.environment["BRIEFINGS_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "BriefingsFuzz",
            dependencies: ["BriefingsKit"],
            path: "Fuzz/Sources/BriefingsFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    )
}

