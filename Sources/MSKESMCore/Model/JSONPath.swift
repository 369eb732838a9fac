import Foundation

/// Turns decoding errors into the one-line `ToolError`s of docs/output.md#errors, naming the file and the JSON path
/// (`SecurityGroups.SecurityGroups[2].IpPermissions`).
package enum JSONPath {
    /// The dotted path of a coding path: keys joined with `.`, array indices as `[n]`.
    package static func render(_ codingPath: [CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return path
    }

    /// A `ToolError` for a `DecodingError` met while reading `source`; `prefix` is the path of the part
    /// that was being decoded (empty for the whole document).
    package static func toolError(_ error: DecodingError, source: String, prefix: String = "", expected: String)
        -> ToolError
    {
        func joined(_ codingPath: [CodingKey]) -> String {
            let rendered = render(codingPath)
            if prefix.isEmpty { return rendered.isEmpty ? "the top level" : rendered }
            if rendered.isEmpty { return prefix }
            return rendered.hasPrefix("[") ? prefix + rendered : prefix + "." + rendered
        }
        switch error {
        case .typeMismatch(let type, let context):
            return ToolError.usage(
                .inputShape, "wrong type at \(joined(context.codingPath)): expected \(typeName(type))",
                input: source, fix: "give \(expected) exactly as the AWS CLI prints it (--output json)")
        case .valueNotFound(let type, let context):
            return ToolError.usage(
                .inputShape, "null at \(joined(context.codingPath)): expected \(typeName(type))",
                input: source, fix: "give \(expected) exactly as the AWS CLI prints it (--output json)")
        case .keyNotFound(let key, let context):
            return ToolError.usage(
                .inputShape, "missing \(joined(context.codingPath + [key]))", input: source,
                fix: "give \(expected) exactly as the AWS CLI prints it (--output json)")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty && prefix.isEmpty {
                return ToolError.usage(
                    .inputSyntax, "not JSON", input: source, fix: "give \(expected) as JSON (--output json)")
            }
            return ToolError.usage(
                .inputShape, "bad value at \(joined(context.codingPath)): \(context.debugDescription.prefix(80))",
                input: source, fix: "give \(expected) exactly as the AWS CLI prints it (--output json)")
        @unknown default:
            return ToolError.usage(.inputShape, "cannot read", input: source, fix: "give \(expected) as JSON")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is AWSTimestamp.Type: "a timestamp"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }

    /// Decodes `T` from JSON bytes, mapping every failure to a `ToolError` naming `source` and the path.
    package static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String, expected: String) throws
        -> T
    {
        let document = try JSONParser.parseDocument(
            data, source: source, fix: "give \(expected) as JSON (--output json)")
        do {
            return try JSONValueDecoder().decode(type, from: document)
        } catch let error as DecodingError {
            throw toolError(error, source: source, expected: expected)
        }
    }
}
