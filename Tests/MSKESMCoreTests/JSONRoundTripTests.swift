import Foundation
import Testing

@testable import MSKESMCore

/// The project's JSON parser, tree decoder and writer, held to Foundation's as the oracle: the same values from
/// the same text, the same models from the same documents, and the same output bytes.
struct JSONRoundTripTests {
    static let documents: [String] = [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e\"\\\/\b\f\n\r\t\u0001\u00e9\ud83d\ude00"}}"#,
        #"[]"#, #"{}"#, #"[[],{},[{}]]"#, #"-0.5"#, #"1e3"#, #"1.5E-7"#, #"9007199254740992"#, #""only""#,
        #"{"Port":9098,"Ratio":0.1,"Big":1.7976931348623157e308,"Neg":-42,"Tiny":5e-324}"#,
        #"{"ü":"ßτ","z":1,"Z":2,"a b":[1,2.25,-3.75]}"#,
    ]

    @Test(arguments: documents)
    func parserAgreesWithJSONSerialization(_ text: String) throws {
        let ours = try JSONParser.parse(Data(text.utf8))
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        // Re-serialise Foundation's reading with Foundation, ours with ours: same document, same bytes.
        let theirsText = String(
            decoding: try JSONSerialization.data(
                withJSONObject: theirs, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]),
            as: UTF8.self)
        let oursReread = try JSONSerialization.jsonObject(
            with: Data(JSONWriter.write(ours, pretty: false).utf8), options: [.fragmentsAllowed])
        let oursText = String(
            decoding: try JSONSerialization.data(
                withJSONObject: oursReread, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]),
            as: UTF8.self)
        #expect(oursText == theirsText)
    }

    /// RFC 8259 errors that Foundation's parser also rejects.
    @Test(arguments: [
        "", " ", "{", "01", "+1", "1.", ".5", "1e", "tru", "nul", "\"\u{01}\"", "\"\\x\"",
        "\"\\ud800x\"", "[1] 2", "{\"a\" 1}", "{1:2}", "\"abc", "1e999",
    ])
    func parserRejectsWhatJSONSerializationRejects(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Data(text.utf8)) }
        #expect(
            (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) == nil
                || text == "1e999" || text == "\"\\ud800x\"")
    }

    /// Foundation's parser accepts trailing commas; AWS never sends them and RFC 8259 has none.
    @Test(arguments: ["[1,]", "{\"a\":1,}"])
    func trailingCommasAreErrors(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Data(text.utf8)) }
    }

    @Test func nestingLimitIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Data(deep.utf8)) }
    }

    @Test func duplicateKeysAreReportedWithTheirPaths() throws {
        let (value, duplicates) = try JSONParser.parse(#"{"a":{"k":1,"k":2},"l":[{"x":1,"x":3}],"a":{"k":5}}"#)
        #expect(duplicates == ["$.a.k", "$.l[0].x", "$.a"])
        #expect(value["a"]?["k"] == .number(5))
    }

    @Test(arguments: documents)
    func writerMatchesJSONEncoderByteForByte(_ text: String) throws {
        let value = try JSONParser.parse(Data(text.utf8))
        for pretty in [true, false] {
            let encoder = JSONEncoder()
            encoder.outputFormatting =
                pretty
                ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
            let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
            #expect(JSONWriter.write(value, pretty: pretty) == expected, "pretty: \(pretty)")
        }
    }

    struct Model: Codable, Equatable {
        struct Inner: Codable, Equatable {
            var port: Int
            var name: String?
            var flags: [Bool]
        }
        var id: String
        var count: UInt16
        var ratio: Double
        var inner: Inner?
        var list: [Inner]
        var map: [String: Int]
        var raw: JSONValue?
    }

    static let models: [String] = [
        #"{"id":"x","count":3,"ratio":0.5,"inner":{"port":9098,"flags":[true]},"list":[],"map":{"a":1},"raw":{"q":[1,"s"]}}"#,
        #"{"id":"x","count":3,"ratio":2,"inner":null,"list":[{"port":1,"name":"n","flags":[]}],"map":{}}"#,
        // Failures: the same error case and coding path as JSONDecoder.
        #"{"id":"x","count":70000,"ratio":0.5,"list":[],"map":{}}"#,
        #"{"id":"x","count":1.5,"ratio":0.5,"list":[],"map":{}}"#,
        #"{"id":1,"count":1,"ratio":0.5,"list":[],"map":{}}"#,
        #"{"id":null,"count":1,"ratio":0.5,"list":[],"map":{}}"#,
        #"{"count":1,"ratio":0.5,"list":[],"map":{}}"#,
        #"{"id":"x","count":1,"ratio":0.5,"list":[{"port":"p","flags":[]}],"map":{}}"#,
        #"{"id":"x","count":1,"ratio":0.5,"list":[{"port":1,"flags":[1]}],"map":{}}"#,
        #"{"id":"x","count":1,"ratio":0.5,"list":[null],"map":{}}"#,
        #"{"id":"x","count":1,"ratio":0.5,"list":{},"map":{}}"#,
        #"{"id":"x","count":1,"ratio":0.5,"list":[],"map":{"a":"b"}}"#,
        #"[1]"#,
    ]

    /// What a decoding outcome says: the value, or the error's case and its coding path.
    static func outcome(_ body: () throws -> Model) -> String {
        do {
            return "value \(try body())"
        } catch let error as DecodingError {
            let path: (DecodingError.Context) -> String = { context in
                context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            }
            switch error {
            case .typeMismatch(_, let context): return "typeMismatch at \(path(context))"
            case .valueNotFound(_, let context): return "valueNotFound at \(path(context))"
            case .keyNotFound(let key, let context): return "keyNotFound \(key.stringValue) at \(path(context))"
            // JSONDecoder puts a number that does not fit at its container's path; ours names the member
            // (`treeDecoderNamesTheMemberOfABadNumber`).
            case .dataCorrupted: return "dataCorrupted"
            @unknown default: return "unknown"
            }
        } catch {
            return "other \(error)"
        }
    }

    @Test(arguments: models)
    func treeDecoderAgreesWithJSONDecoder(_ text: String) throws {
        let tree = try JSONParser.parse(Data(text.utf8))
        let ours = Self.outcome { try JSONValueDecoder().decode(Model.self, from: tree) }
        let theirs = Self.outcome { try JSONDecoder().decode(Model.self, from: Data(text.utf8)) }
        #expect(ours == theirs)
    }

    @Test func treeDecoderNamesTheMemberOfABadNumber() throws {
        let tree = try JSONParser.parse(Data(#"{"id":"x","count":70000,"ratio":0.5,"list":[],"map":{}}"#.utf8))
        #expect {
            try JSONValueDecoder().decode(Model.self, from: tree)
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.codingPath.map(\.stringValue) == ["count"]
        }
    }
}
