import Foundation

/// A Kafka record's `value` as Lambda's filters see it: base64-decoded, then JSON when it parses as JSON,
/// otherwise the plain string (https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html). Keys and
/// headers are not part of it: Lambda filters Kafka records on `value` only.
public enum FilterRecordValue: Sendable, Equatable {
    /// The value parsed as JSON.
    case json(JSONValue)
    /// The value as text (bytes that are not UTF-8 are replaced), when it is not JSON.
    case plain(String)
    /// The record has no value (a tombstone, or no `value` member).
    case absent

    /// The value of a record whose `value` member is `base64` as Lambda delivers it. Text that is not base64
    /// is taken as the value's text.
    public init(base64: String?) {
        guard let base64 else {
            self = .absent
            return
        }
        guard let bytes = Data(base64Encoded: base64) else {
            self = .plain(base64)
            return
        }
        self.init(bytes: bytes)
    }

    /// The value of a record whose bytes are `bytes`.
    public init(bytes: Data) {
        if let value = try? JSONParser.parse(bytes) {
            self = .json(value)
        } else {
            self = .plain(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The value of a record given as text (`filter test --value TEXT`).
    public init(text: String) { self.init(bytes: Data(text.utf8)) }

    /// Whether the value parsed as JSON.
    public var isJSON: Bool {
        if case .json = self { return true }
        return false
    }

    /// The value as the filters' `value` field: a JSON value, the plain text as a string, or nil when absent.
    var field: JSONValue? {
        switch self {
        case .json(let value): value
        case .plain(let text): .string(text)
        case .absent: nil
        }
    }
}
