@testable import BriefingsKit
import Foundation
import Testing

/// The evidence index's JSON is written by hand for speed; it must stay the
/// bytes Foundation's encoder writes with the options it replaced, which is
/// what these tests hold it to, escapes and empty containers included.
@Suite struct PrettyJSONTests {
    struct Sample: Encodable {
        var name: String
        var count: Int
        var list: [String]
        var empty: [String]
        var nested: [String: [String]]
        var none: [String: [String]]
        var children: [Child]
    }

    struct Child: Encodable {
        var zeta: String
        var alpha: Int
    }

    static func encoder(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func hand(_ sample: Sample) -> String {
        typealias Value = PrettyJSON.Value
        return PrettyJSON.text(.object([
            ("name", .string(sample.name)), ("count", .int(sample.count)), ("list", PrettyJSON.strings(sample.list)),
            ("empty", PrettyJSON.strings(sample.empty)),
            ("nested", .object(sample.nested.map { ($0.key, PrettyJSON.strings($0.value)) })),
            ("none", .object(sample.none.map { ($0.key, PrettyJSON.strings($0.value)) })),
            ("children", .array(sample.children.map { .object([("zeta", .string($0.zeta)), ("alpha", .int($0.alpha))]) })),
        ]))
    }

    @Test func matchesFoundationsEncoderByteForByte() throws {
        let samples = [
            Sample(name: "Kent", count: 3, list: ["a", "b/c"], empty: [], nested: ["principles": ["innovate"], "capabilities": []],
                   none: [:], children: [Child(zeta: "z", alpha: -1), Child(zeta: "", alpha: 0)]),
            Sample(name: "quote \" back \\ slash / tab \t nl \n cr \r bell \u{7} bs \u{8} ff \u{C} esc \u{1B} del \u{7F} £ é 😀 \u{2028}",
                   count: Int.max, list: ["\u{1F}", "x"], empty: [], nested: ["B": ["1"], "a10": [], "a9": [], "_x": [], "é": []],
                   none: [:], children: []),
        ]
        for sample in samples {
            #expect(Self.hand(sample) == (try Self.encoder(sample)))
        }
    }
}
