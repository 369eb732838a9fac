import Foundation

extension JSONValue {
    /// Converts what `JSONSerialization` returns into a `JSONValue`. Much faster than decoding `JSONValue`
    /// with `JSONDecoder` for large parts (which tries each type in turn), so the snapshot reads its raw parts
    /// this way. Booleans arrive as `NSNumber`s whose `objCType` is `c`.
    init?(foundationObject object: Any) {
        // Containers and strings first: casting a Swift dictionary or array to `NSNumber` would bridge the
        // whole container to Objective-C before failing.
        switch object {
        case let dictionary as [String: Any]:
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(dictionary.count)
            for (key, item) in dictionary {
                guard let value = JSONValue(foundationObject: item) else { return nil }
                members[key] = value
            }
            self = .object(members)
        case let array as [Any]:
            var values: [JSONValue] = []
            values.reserveCapacity(array.count)
            for item in array {
                guard let value = JSONValue(foundationObject: item) else { return nil }
                values.append(value)
            }
            self = .array(values)
        case let string as String:
            self = .string(string)
        case is NSNull:
            self = .null
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        default:
            return nil
        }
    }
}

extension JSONValue {
    /// Parses JSON with `JSONSerialization`, several times faster than decoding `JSONValue` with
    /// `JSONDecoder` (AWS responses of a hundred mappings).
    /// - Throws: the parser's error when `data` is not JSON.
    public static func parse(_ data: Data) throws -> JSONValue {
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        guard let value = JSONValue(foundationObject: object) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not JSON"))
        }
        return value
    }
}
