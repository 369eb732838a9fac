import MSKESMCore

/// The JMESPath view of ``JSONValue``: type names, truthiness, equality and ordering as the specification
/// defines them. Strings compare by Unicode scalars (code points), as the Python `jmespath` package does,
/// not by Swift's canonical equivalence.
extension JSONValue {
    /// The JMESPath type name (https://jmespath.org/specification.html#type).
    var jmesPathType: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// False for `null`, `false`, `""`, `[]` and `{}`; true otherwise (numbers, including 0, are true).
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let flag): return flag
        case .number: return true
        case .string(let text): return !text.isEmpty
        case .array(let elements): return !elements.isEmpty
        case .object(let members): return !members.isEmpty
        }
    }

    /// Deep equality with strings compared by code points.
    func jmesPathEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.jmesPathEquals($1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { key, value in b[key].map { value.jmesPathEquals($0) } ?? false }
        default: return false
        }
    }

    /// The members of an object in a stable order (keys by code point), for `*`, `keys` and `values`:
    /// ``JSONValue`` keeps no insertion order, and JSONWriter prints objects with sorted keys too.
    static func orderedMembers(_ members: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        members.sorted { JSONValue.precedes($0.key, $1.key) }.map { (key: $0.key, value: $0.value) }
    }

    /// Code-point order of two strings.
    static func precedes(_ left: String, _ right: String) -> Bool {
        left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
    }

    /// Ordering of two numbers or two strings; nil when they are not both numbers or both strings.
    static func compare(_ left: JSONValue, _ right: JSONValue) -> ComparisonResult? {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
        case (.string(let a), .string(let b)):
            if a.unicodeScalars.elementsEqual(b.unicodeScalars) { return .orderedSame }
            return precedes(a, b) ? .orderedAscending : .orderedDescending
        default:
            return nil
        }
    }

    /// The result of the ordering comparisons, one of `<`, `<=`, `>`, `>=`.
    enum ComparisonResult { case orderedAscending, orderedSame, orderedDescending }
}
