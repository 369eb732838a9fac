import Foundation

extension JSONValue {
    /// Parses JSON bytes with `JSONParser` (AWS responses, snapshots, policy documents).
    /// - Throws: `JSONParser/SyntaxError` when `data` is not JSON.
    package static func parse(_ data: Data) throws(JSONParser.SyntaxError) -> JSONValue {
        try JSONParser.parse(data)
    }

    /// Parses JSON text; see ``parse(_:)-(Data)``.
    package static func parse(_ text: String) throws(JSONParser.SyntaxError) -> JSONValue {
        try JSONParser.parse(Data(text.utf8))
    }
}
