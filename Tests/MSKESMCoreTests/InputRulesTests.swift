import Foundation
import Testing

@testable import MSKESMCore

/// The rules every user-given document is read by (issue 13): UTF-8, with the offset of the first bad byte
/// named, and no key twice in an object, with its JSON path named.
struct InputRulesTests {
    @Test(arguments: [
        (Data([0x7B, 0xFF]), 1), (Data("é".utf8) + Data([0xC3]), 2), (Data("ab".utf8) + Data([0xED, 0xA0, 0x80]), 2),
        (Data([0xC0, 0x80]), 0),
    ])
    func theFirstInvalidUTF8ByteIsFound(_ data: Data, offset: Int) {
        #expect(InputReader.invalidUTF8Offset(in: data) == offset)
    }

    @Test func validUTF8HasNoOffset() {
        #expect(InputReader.invalidUTF8Offset(in: Data("{\"a\": \"€ 😀\"}".utf8)) == nil)
        #expect(InputReader.invalidUTF8Offset(in: Data()) == nil)
    }

    @Test func aDocumentIsRefusedForNotUTF8RepeatedKeysAndSyntax() throws {
        func error(_ text: Data) -> ToolError? {
            do {
                _ = try JSONParser.parseDocument(text, source: "f.json", fix: "fix it")
                return nil
            } catch {
                return error as? ToolError
            }
        }
        #expect(
            error(Data(#"{"a": [{"b": 1}, {"c": 2, "c": 3}]}"#.utf8))?.description
                == "the key $.a[1].c appears more than once (f.json): keep one c member")
        #expect(
            error(Data(#"{"a": "x"#.utf8) + Data([0xFE]) + Data(#""}"#.utf8))?.description.hasPrefix(
                "not UTF-8 text: invalid byte at offset 8 (f.json)") == true)
        #expect(error(Data(#"{"a": }"#.utf8))?.description.hasPrefix("not JSON: ") == true)
        #expect(try JSONParser.parseDocument(Data(#"{"a": {"a": 1}}"#.utf8), source: "f", fix: "") == ["a": ["a": 1]])
    }
}
