import Foundation

/// One rule of a filter pattern's leaf list (`"field": [rule, rule, …]`, the rules ORed): the comparison
/// operators of Lambda's filter rule syntax, and only those
/// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
///
/// | Lambda's operator | rule syntax | case |
/// |---|---|---|
/// | Null | `"UserID": [ null ]` | ``null`` |
/// | Empty | `"LastName": [ "" ]` | ``equals(_:)`` of `""` |
/// | Equals | `"Name": [ "Alice" ]` | ``equals(_:)`` |
/// | Equals (ignore case) | `"Name": [ { "equals-ignore-case": "alice" } ]` | ``equalsIgnoreCase(_:)`` |
/// | And | `"Location": [ "New York" ], "Day": [ "Monday" ]` | two fields of one ``FilterPattern/Object`` |
/// | Or | `"PaymentType": [ "Credit", "Debit" ]` | two rules of one list |
/// | Or (multiple fields) | `"$or": [ { "Location": [ "New York" ] }, { "Day": [ "Monday" ] } ]` | ``FilterPattern/Object/alternatives`` |
/// | Not | `"Weather": [ { "anything-but": [ "Raining" ] } ]` | ``anythingBut(_:)`` |
/// | Numeric (equals) | `"Price": [ { "numeric": [ "=", 100 ] } ]` | ``numeric(_:)`` |
/// | Numeric (range) | `"Price": [ { "numeric": [ ">", 10, "<=", 20 ] } ]` | ``numeric(_:)`` |
/// | Exists | `"ProductName": [ { "exists": true } ]` | ``exists(_:)`` |
/// | Does not exist | `"ProductName": [ { "exists": false } ]` | ``exists(_:)`` |
/// | Begins with | `"Region": [ { "prefix": "us-" } ]` | ``prefix(_:)`` |
/// | Ends with | `"FileName": [ { "suffix": ".png" } ]` | ``suffix(_:)`` |
///
/// EventBridge has more (`wildcard`, `cidr`, `anything-but` with `prefix`/`suffix`/`equals-ignore-case`/`wildcard`,
/// `prefix` with `equals-ignore-case`); Lambda's page does not list them, so ``FilterPatternParser`` refuses them
/// (FLT001) rather than guess how Lambda evaluates them. `anything-but` takes a list, as the page shows it, or
/// one string or number (the same operator over one value).
///
/// Strings compare byte for byte, without case folding or Unicode normalisation, as the page says of
/// EventBridge's matching, which Lambda's follows.
public enum FilterRule: Sendable, Equatable {
    /// `null`: the field is JSON null.
    case null
    /// A string, number or Boolean: the field equals it (strings byte for byte).
    case equals(FilterScalar)
    /// `{"equals-ignore-case": "alice"}`: a string equal to it when both are lowercased.
    case equalsIgnoreCase(String)
    /// `{"prefix": "us-"}`: a string that begins with it.
    case prefix(String)
    /// `{"suffix": ".png"}`: a string that ends with it.
    case suffix(String)
    /// `{"anything-but": [ … ]}`: a present value equal to none of them.
    case anythingBut([FilterScalar])
    /// `{"numeric": [ op, n (, op, n) ]}`: a JSON number within every bound.
    case numeric([NumericBound])
    /// `{"exists": true|false}`: whether the field is present as a leaf (not an object, not an empty list).
    case exists(Bool)

    /// One `op, n` pair of a numeric rule.
    public struct NumericBound: Sendable, Equatable {
        /// `<`, `<=`, `=`, `>=` or `>`.
        public var comparison: String
        /// The number compared with.
        public var value: Double

        /// Whether `number` satisfies this bound.
        public func admits(_ number: Double) -> Bool {
            switch comparison {
            case "<": number < value
            case "<=": number <= value
            case "=": number == value
            case ">=": number >= value
            default: number > value
            }
        }
    }

    /// Whether one leaf value of the record satisfies the rule (``exists(_:)`` is decided by the caller, which
    /// knows whether the field is present).
    func admits(_ value: JSONValue) -> Bool {
        switch self {
        case .null: return value == .null
        case .equals(let scalar): return scalar.equals(value)
        case .equalsIgnoreCase(let text):
            guard case .string(let string) = value else { return false }
            return string.lowercased().utf8.elementsEqual(text.lowercased().utf8)
        case .prefix(let text):
            guard case .string(let string) = value else { return false }
            return string.utf8.starts(with: text.utf8)
        case .suffix(let text):
            guard case .string(let string) = value else { return false }
            return string.utf8.reversed().starts(with: text.utf8.reversed())
        case .anythingBut(let excluded):
            switch value {
            case .string, .number, .bool, .null: return !excluded.contains { $0.equals(value) }
            case .array, .object: return false
            }
        case .numeric(let bounds):
            guard case .number(let number) = value else { return false }
            return bounds.allSatisfy { $0.admits(number) }
        case .exists: return true
        }
    }

    /// The rule as the pattern writes it, e.g. `{"numeric":[">",10]}`, for explanations.
    public var patternText: String {
        switch self {
        case .null: return "null"
        case .equals(let scalar): return scalar.patternText
        case .equalsIgnoreCase(let text): return #"{"equals-ignore-case":\#(FilterScalar.string(text).patternText)}"#
        case .prefix(let text): return #"{"prefix":\#(FilterScalar.string(text).patternText)}"#
        case .suffix(let text): return #"{"suffix":\#(FilterScalar.string(text).patternText)}"#
        case .anythingBut(let values):
            return #"{"anything-but":[\#(values.map(\.patternText).joined(separator: ","))]}"#
        case .numeric(let bounds):
            let items = bounds.map { "\"\($0.comparison)\",\(FilterScalar.number($0.value).patternText)" }
            return #"{"numeric":[\#(items.joined(separator: ","))]}"#
        case .exists(let flag): return #"{"exists":\#(flag)}"#
        }
    }
}

/// A literal of a pattern: what ``FilterRule/equals(_:)`` and ``FilterRule/anythingBut(_:)`` compare with.
public enum FilterScalar: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)

    /// Whether the record's `value` equals this literal: strings byte for byte, numbers by value, Booleans.
    func equals(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string(let literal), .string(let string)): return literal.utf8.elementsEqual(string.utf8)
        case (.number(let literal), .number(let number)): return literal == number
        case (.bool(let literal), .bool(let flag)): return literal == flag
        default: return false
        }
    }

    /// The literal as JSON text.
    public var patternText: String {
        switch self {
        case .string(let text): return JSONStringLiteral.quoted(text)
        case .number(let number):
            return number.rounded() == number && abs(number) < 9e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): return String(flag)
        }
    }
}

/// JSON text of small values for explanations (``FilterRule/patternText``, record values in a miss).
enum JSONOutputText {
    /// Compact JSON of `value`, cut to `limit` characters (a record's value may be large).
    static func compact(_ value: JSONValue, limit: Int = 80) -> String {
        var text: String
        switch value {
        case .null: text = "null"
        case .bool(let flag): text = String(flag)
        case .number(let number): text = FilterScalar.number(number).patternText
        case .string(let string): text = JSONStringLiteral.quoted(string)
        case .array(let items):
            text =
                "[" + items.prefix(8).map { compact($0, limit: limit) }.joined(separator: ",")
                + (items.count > 8 ? ",…]" : "]")
        case .object(let members):
            text =
                "{"
                + members.keys.sorted().prefix(8).map {
                    JSONStringLiteral.quoted($0) + ":" + compact(members[$0] ?? .null, limit: limit)
                }
                .joined(separator: ",") + (members.count > 8 ? ",…}" : "}")
        }
        return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}
