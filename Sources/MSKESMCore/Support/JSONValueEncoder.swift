import Foundation

/// Encodes an `Encodable` value into a ``JSONValue`` tree, which `JSONWriter` prints byte for byte as
/// `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) prints the value. `JSONEncoder`'s generic walk
/// and writer took a third of `lint --output json`'s CPU time on a 500-resource template (a 4.4 MB document,
/// Benchmarks/cases/lint-500.sh); this walk builds the plain tree and nothing else.
///
/// Values whose text `JSONEncoder` decides by a strategy or writes in a way a `JSONValue` cannot hold
/// (`Date`, `Data`, `URL`, `Decimal`, `Float`, integers beyond 2^53, `-0.0`, infinities and NaN) throw
/// `JSONValueEncoder.Unsupported`: the caller then encodes with `JSONEncoder`, so the text never differs.
package struct JSONValueEncoder {
    /// A value this encoder leaves to `JSONEncoder`.
    package struct Unsupported: Error {
        /// The type of the value.
        package var type: String
    }

    package init() {}

    package func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try Self.box(value, codingPath: [])
    }

    static func box<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws -> JSONValue {
        switch value {
        case let json as JSONValue: return json
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let double as Double: return try number(double)
        case let whole as Int: return try integer(whole)
        case is Date, is Data, is URL, is Decimal, is Float: throw Unsupported(type: "\(T.self)")
        case let representable as any JSONValueRepresentable: return representable.jsonValue
        default: break
        }
        let storage = JSONEncodingStorage()
        try value.encode(to: JSONValueEncoding(storage: storage, codingPath: codingPath))
        return storage.json
    }

    static func number(_ value: Double) throws -> JSONValue {
        guard value.isFinite, !(value == 0 && value.sign == .minus) else { throw Unsupported(type: "Double") }
        return .number(value)
    }

    static func integer<I: BinaryInteger>(_ value: I) throws -> JSONValue {
        // Beyond 2^53 a Double no longer holds every integer.
        guard value.magnitude <= 1 << 53 else { throw Unsupported(type: "\(I.self)") }
        return .number(Double(value))
    }
}

/// A value that gives the document its `encode(to:)` writes directly, so that `JSONValueEncoder` takes it without
/// the `Encoder` walk: for the documents printed by the thousand (a finding and its location), where the walk's
/// containers, coding paths and dynamic casts took about 15 % of `lint --output json` on a 500-resource template
/// (Benchmarks/cases/lint-500.sh). `JSONValueEncoderTests` holds each conforming type's `jsonValue` to what
/// `JSONEncoder` writes for it.
package protocol JSONValueRepresentable: Encodable {
    /// The value as its `encode(to:)` writes it.
    var jsonValue: JSONValue { get }
}

/// What one encoder or container writes; containers share it so that a nested container's members land in
/// the document however late they are written.
private final class JSONEncodingStorage {
    enum Entry {
        case value(JSONValue)
        case nested(JSONEncodingStorage)

        var json: JSONValue {
            switch self {
            case .value(let value): value
            case .nested(let storage): storage.json
            }
        }
    }

    enum Content {
        case empty
        case value(JSONValue)
        case object([String: Entry])
        case array([Entry])
    }

    var content = Content.empty

    /// `JSONEncoder` writes a value that encoded nothing as an empty object.
    var json: JSONValue {
        switch content {
        case .empty: .object([:])
        case .value(let value): value
        case .object(let members): .object(members.mapValues(\.json))
        case .array(let elements): .array(elements.map(\.json))
        }
    }

    func set(_ key: String, _ entry: Entry) {
        guard case .object(var members) = content else {
            content = .object([key: entry])
            return
        }
        content = .empty  // keeps `members` uniquely referenced while it changes
        members[key] = entry
        content = .object(members)
    }

    func append(_ entry: Entry) {
        guard case .array(var elements) = content else {
            content = .array([entry])
            return
        }
        content = .empty
        elements.append(entry)
        content = .array(elements)
    }

    var count: Int {
        switch content {
        case .array(let elements): elements.count
        case .object(let members): members.count
        default: 0
        }
    }
}

private struct JSONEncodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

/// The `Encoder` handed to a model's `encode(to:)`.
private struct JSONValueEncoding: Encoder {
    let storage: JSONEncodingStorage
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = storage.content {} else { storage.content = .object([:]) }
        return KeyedEncodingContainer(JSONKeyedEncoding<Key>(storage: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = storage.content {} else { storage.content = .array([]) }
        return JSONUnkeyedEncoding(storage: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        JSONSingleValueEncoding(storage: storage, codingPath: codingPath)
    }
}

private struct JSONKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: JSONEncodingStorage
    let codingPath: [CodingKey]

    private func set(_ key: Key, _ value: JSONValue) { storage.set(key.stringValue, .value(value)) }

    mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, try JSONValueEncoder.number(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        throw JSONValueEncoder.Unsupported(type: "Float")
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, try JSONValueEncoder.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try JSONValueEncoder.box(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONEncodingStorage()
        nested.content = .object([:])
        storage.set(key.stringValue, .nested(nested))
        return KeyedEncodingContainer(JSONKeyedEncoding<NestedKey>(storage: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONEncodingStorage()
        nested.content = .array([])
        storage.set(key.stringValue, .nested(nested))
        return JSONUnkeyedEncoding(storage: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder { superEncoder(named: JSONEncodingKey(stringValue: "super")) }
    mutating func superEncoder(forKey key: Key) -> Encoder { superEncoder(named: key) }

    private func superEncoder(named key: CodingKey) -> Encoder {
        let nested = JSONEncodingStorage()
        storage.set(key.stringValue, .nested(nested))
        return JSONValueEncoding(storage: nested, codingPath: codingPath + [key])
    }
}

private struct JSONUnkeyedEncoding: UnkeyedEncodingContainer, JSONValuePlacing {
    let storage: JSONEncodingStorage
    let codingPath: [CodingKey]
    var count: Int { storage.count }

    private var nextKey: CodingKey { JSONEncodingKey(intValue: count) }

    func put(_ value: JSONValue) { storage.append(.value(value)) }
    var elementPath: [CodingKey] { codingPath + [nextKey] }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = JSONEncodingStorage()
        nested.content = .object([:])
        let path = codingPath + [nextKey]
        storage.append(.nested(nested))
        return KeyedEncodingContainer(JSONKeyedEncoding<NestedKey>(storage: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = JSONEncodingStorage()
        nested.content = .array([])
        let path = codingPath + [nextKey]
        storage.append(.nested(nested))
        return JSONUnkeyedEncoding(storage: nested, codingPath: path)
    }

    mutating func superEncoder() -> Encoder {
        let nested = JSONEncodingStorage()
        let path = codingPath + [nextKey]
        storage.append(.nested(nested))
        return JSONValueEncoding(storage: nested, codingPath: path)
    }
}

private struct JSONSingleValueEncoding: SingleValueEncodingContainer, JSONValuePlacing {
    let storage: JSONEncodingStorage
    let codingPath: [CodingKey]

    func put(_ value: JSONValue) { storage.content = .value(value) }
    var elementPath: [CodingKey] { codingPath }
}

/// What the unkeyed and the single-value containers share: each value becomes one `JSONValue`, put in place.
private protocol JSONValuePlacing {
    func put(_ value: JSONValue)
    /// The coding path of the value being put.
    var elementPath: [CodingKey] { get }
}

extension JSONValuePlacing {
    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try JSONValueEncoder.number(value)) }
    mutating func encode(_ value: Float) throws { throw JSONValueEncoder.Unsupported(type: "Float") }
    mutating func encode(_ value: Int) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int8) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int16) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int32) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: Int64) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt16) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt32) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt64) throws { put(try JSONValueEncoder.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        put(try JSONValueEncoder.box(value, codingPath: elementPath))
    }
}
