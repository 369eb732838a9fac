import Foundation
import Testing

@testable import MSKESMCore

/// `JSONValueEncoder` printed by `JSONWriter` against `JSONEncoder` as the oracle: the same bytes for the same
/// value, and a refusal (so that callers fall back to `JSONEncoder`) where a `JSONValue` cannot hold the text.
struct JSONValueEncoderTests {
    /// Uses every kind of container, including nested ones written after their parent's later members.
    struct Layered: Encodable, Sendable {
        enum Keys: String, CodingKey { case name, nested, list, tail, missing, zeta, Alpha }
        enum InnerKeys: String, CodingKey { case port, label }
        var name: String
        var port: Int
        var label: String?

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var nested = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .nested)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try container.encode(name, forKey: .name)
            try container.encodeIfPresent(label, forKey: .missing)
            try container.encodeNil(forKey: .tail)
            try container.encode(-1.25, forKey: .zeta)
            try container.encode(UInt8(7), forKey: .Alpha)
            try nested.encode(port, forKey: .port)
            try nested.encode(label, forKey: .label)
            try list.encode("é😀\u{01}/\"")
            var inner = list.nestedContainer(keyedBy: InnerKeys.self)
            try inner.encode(port, forKey: .port)
            try list.encodeNil()
            try Int64(1 << 53).encode(to: container.superEncoder())
        }
    }

    struct Plain: Encodable, Sendable {
        var id: String
        var count: UInt16
        var ratio: Double
        var map: [String: [Int]]
        var byNumber: [Int: String]
        var raw: JSONValue?
        var flags: [Bool?]
        var empty: [String]
    }

    static let values: [any Encodable & Sendable] = [
        Layered(name: "a", port: 9098, label: nil),
        Layered(name: "b\nc", port: -3, label: "x"),
        Plain(
            id: "x", count: 3, ratio: 0.1, map: ["b": [1, 2], "a": [], "B": [3]], byNumber: [10: "ten", 2: "two"],
            raw: ["q": [1, "s", nil, 2.5]], flags: [true, nil, false], empty: []),
        Plain(id: "", count: 0, ratio: 1e20, map: [:], byNumber: [:], raw: nil, flags: [], empty: []),
        ["top", "level"], 42, "text",
    ]

    @Test(arguments: 0..<values.count)
    func printsWhatJSONEncoderPrints(_ index: Int) throws {
        let value = Self.values[index]
        for pretty in [false, true] {
            let encoder = JSONEncoder()
            encoder.outputFormatting =
                pretty
                ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
            let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
            #expect(JSONWriter.write(try JSONValueEncoder().encode(value), pretty: pretty) == expected)
        }
    }

    /// An array of at least `JSONWriter.forkingCount` objects is written on several cores, each object into
    /// its own chunks; the text must still be `JSONEncoder`'s, including the arrays of objects inside them
    /// (written where they are) and chunks larger than the writer's 64 KiB.
    @Test func aLongArrayOfObjectsPrintsWhatJSONEncoderPrints() throws {
        let count = JSONWriter.forkingCount * 3 + 1
        let objects = (0..<count).map { index in
            Plain(
                id: index == 5 ? String(repeating: "x", count: 70_000) : "mapping-\(index)\u{1}\"",
                count: UInt16(index), ratio: Double(index) / 7,
                map: ["z": Array(0..<index), "a": []], byNumber: [index: "n"],
                raw: .array((0..<JSONWriter.forkingCount).map { .object(["at": .number(Double($0))]) }),
                flags: [index.isMultiple(of: 2)], empty: [])
        }
        #expect(JSONWriter.forks(try #require(JSONValueEncoder().encode(objects).arrayValue)))
        for pretty in [false, true] {
            let encoder = JSONEncoder()
            encoder.outputFormatting =
                pretty
                ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
            for value in [objects as any Encodable & Sendable, ["outer": objects], [objects, objects]] {
                let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
                #expect(JSONWriter.write(try JSONValueEncoder().encode(value), pretty: pretty) == expected)
            }
        }
    }

    /// A long array of small objects (a metric trend's points) or a short one of large objects is written in
    /// place: waking workers would cost more than it saves.
    @Test func smallOrFewObjectsAreWrittenInPlace() {
        let point = { (index: Int) -> JSONValue in
            ["Timestamp": "2026-12-07T00:00:00Z", "Value": .number(Double(index))]
        }
        #expect(!JSONWriter.forks((0..<288).map(point)))
        let large = JSONValue.object(["points": .array((0..<JSONWriter.forkingValues).map(point))])
        #expect(!JSONWriter.forks(Array(repeating: large, count: JSONWriter.forkingCount - 1)))
        #expect(JSONWriter.forks(Array(repeating: large, count: JSONWriter.forkingCount)))
        #expect(!JSONWriter.forks(Array(repeating: .array([large]), count: JSONWriter.forkingCount)))
    }

    struct Dated: Encodable, Sendable { var at: Date? }

    static let unsupported: [any Encodable & Sendable] = [
        Dated(at: Date(timeIntervalSince1970: 0)), [Data([1])], [Float(0.1)], [-0.0], [Double.infinity],
        [Int64(1 << 53) + 1], [UInt64.max], [URL(fileURLWithPath: "/tmp")], [Decimal(1)],
    ]

    @Test(arguments: 0..<unsupported.count)
    func leavesToJSONEncoderWhatAJSONValueCannotHold(_ index: Int) {
        #expect(throws: JSONValueEncoder.Unsupported.self) { try JSONValueEncoder().encode(Self.unsupported[index]) }
    }

    @Test func aMissingDateIsNoReasonToRefuse() throws {
        #expect(try JSONValueEncoder().encode(Dated(at: nil)) == .object([:]))
    }
}
