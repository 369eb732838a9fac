import Foundation
import MSKESMCore

enum JSONNormalizer {
    /// Timestamps cut to whole seconds in UTC ("2026-11-18T11:06:40"), so that the AWS CLI v1's
    /// "…40.500000+00:00" and our "…40.500Z" compare equal; everything else unchanged.
    static func normalize(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            if text.range(
                of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00|\+0000)$"#, options: .regularExpression)
                != nil
            {
                return .string(String(text.prefix(19)))
            }
            return value
        case .array(let items): return .array(items.map(normalize))
        case .object(let members): return .object(members.mapValues(normalize))
        default: return value
        }
    }

    /// Paths where two documents differ, for a readable failure.
    static func differences(_ left: JSONValue, _ right: JSONValue, path: String = "$") -> [String] {
        switch (left, right) {
        case (.object(let a), .object(let b)):
            return Set(a.keys).union(b.keys).sorted().flatMap { key -> [String] in
                guard let x = a[key] else { return ["\(path).\(key): missing on the left"] }
                guard let y = b[key] else { return ["\(path).\(key): missing on the right"] }
                return differences(x, y, path: "\(path).\(key)")
            }
        case (.array(let a), .array(let b)):
            if a.count != b.count { return ["\(path): \(a.count) items vs \(b.count)"] }
            return zip(a, b).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        case (.string(let text), .number(let seconds)), (.number(let seconds), .string(let text)):
            // AWS CLI v1 prints json-protocol timestamps as epoch seconds; the snapshot writes ISO 8601.
            if let date = ISO8601Instant.parse(text + "Z"),
                Int(date.timeIntervalSince1970) == Int(seconds.rounded(.down))
            {
                return []
            }
            return ["\(path): \(left) vs \(right)"]
        default:
            return left == right ? [] : ["\(path): \(left) vs \(right)"]
        }
    }
}
