import Foundation

/// Decodes an AWS CLI `--output json` document into its typed mirror, turning failures into one-line
/// `ToolError`s (exit 2) that name the input and the JSON path, e.g.
/// `not the expected shape: SecurityGroups[0].IpPermissions[1].FromPort: expected a number (sg.json)`.
package enum AWSOutputDecoder {
    package static func decode<T: Decodable>(_ type: T.Type, from data: Data, input: String, command: String) throws
        -> T
    {
        let fix = "give the output of `\(command) --output json`"
        let document = try JSONParser.parseDocument(data, source: input, fix: fix)
        do {
            return try JSONValueDecoder().decode(type, from: document)
        } catch let error as DecodingError {
            throw ToolError.usage(.inputShape, "not the expected shape: \(describe(error))", input: input, fix: fix)
        } catch {
            throw ToolError.usage(.inputShape, "not the expected shape", input: input, fix: fix)
        }
    }

    /// `$.A[0].B` from a coding path.
    static func path(_ codingPath: [CodingKey]) -> String {
        var text = "$"
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += "." + key.stringValue
            }
        }
        return text
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): unreadable value"
        @unknown default:
            return "unreadable"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Int.self || type == Double.self { return "a number" }
        if type == Bool.self { return "true or false" }
        // DecodingError names containers as Array<Any> and Dictionary<String, Any>.
        return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
    }
}
