import Foundation

/// Why bytes did not decode with a schema: one line, with the byte offset where decoding stopped.
public struct AvroDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offset, from the start of the Avro body, where decoding stopped.
    public var offset: Int
    /// What was wrong there.
    public var reason: String

    /// The one-line form, e.g. `at byte 3: string length 1000000 exceeds the 2 bytes left`.
    public var description: String { "at byte \(offset): \(reason)" }
}

/// Decodes Avro binary encoding (docs/aws-facts.md#schema-registry-payloads) into
/// JSON values: records as objects, enums as their symbol, unions as the branch's value, bytes and fixed as
/// `{"base64": …}`, longs beyond ±2^53 (which a JSON number cannot hold exactly) as decimal strings, and
/// float NaN and infinities as the strings `NaN`, `Infinity`, `-Infinity`. Hostile input fails with an
/// ``AvroDecodingError`` and never reads past the input: varints stop at 10 bytes, every length is checked
/// against the bytes left, array and map blocks cannot announce more items than the input can hold, and
/// nesting is bounded.
public struct AvroBinaryDecoder {
    /// The decoded value and the bytes after it (a schema that reads fewer bytes than the payload holds is
    /// likely the wrong schema).
    public struct Result: Sendable, Equatable {
        /// The decoded value.
        public var value: JSONValue
        /// Bytes left after the value.
        public var trailingBytes: Int
    }

    /// The deepest nesting of values decoded.
    static let maximumDepth = 500
    /// At most this many array or map items of types that take no bytes (null, empty records) are decoded.
    static let maximumZeroSizeItems = 1 << 20

    let document: AvroSchemaDocument
    let bytes: [UInt8]
    var position = 0
    var zeroSizeItems = 0

    /// Decodes `bytes` with `document`.
    public static func decode(_ bytes: [UInt8], with document: AvroSchemaDocument) throws(AvroDecodingError) -> Result {
        var decoder = AvroBinaryDecoder(document: document, bytes: bytes)
        let value = try decoder.value(document.root, depth: 0)
        return Result(value: value, trailingBytes: bytes.count - decoder.position)
    }

    var remaining: Int { bytes.count - position }

    func error(_ reason: String, at offset: Int? = nil) -> AvroDecodingError {
        AvroDecodingError(offset: offset ?? position, reason: reason)
    }

    /// A zig-zag varint of at most 10 bytes (a 64-bit long).
    mutating func long() throws(AvroDecodingError) -> Int64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw error("truncated varint", at: start) }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw error("varint overflows 64 bits", at: start) }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift <= 63 else { throw error("varint longer than 10 bytes", at: start) }
        }
        return Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
    }

    mutating func int() throws(AvroDecodingError) -> Int64 {
        let start = position
        let value = try long()
        guard value >= Int64(Int32.min), value <= Int64(Int32.max) else {
            throw error("int \(value) does not fit 32 bits", at: start)
        }
        return value
    }

    mutating func take(_ count: Int, _ what: String) throws(AvroDecodingError) -> ArraySlice<UInt8> {
        guard count <= remaining else { throw error("\(what) needs \(count) bytes, \(remaining) left") }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func length(_ what: String) throws(AvroDecodingError) -> Int {
        let start = position
        let value = try long()
        guard value >= 0 else { throw error("negative \(what) length \(value)", at: start) }
        guard value <= Int64(remaining) else {
            throw error("\(what) length \(value) exceeds the \(remaining) bytes left", at: start)
        }
        return Int(value)
    }

    static func number(_ value: Int64) -> JSONValue {
        value.magnitude <= 1 << 53 ? .number(Double(value)) : .string(String(value))
    }

    static func floating(_ value: Double) -> JSONValue {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        return .number(value)
    }

    func resolved(_ schema: AvroSchema) -> AvroSchema {
        if case .reference(let name) = schema, let named = document.named[name] { return named }
        return schema
    }

    /// The fewest bytes a value of `schema` takes (0 for null and records of such fields).
    func minimumSize(_ schema: AvroSchema, visiting: Set<String> = []) -> Int {
        switch schema {
        case .null: return 0
        case .float: return 4
        case .double: return 8
        case .fixed(_, let size): return size
        case .record(let name, let fields):
            guard !visiting.contains(name) else { return 0 }
            return fields.reduce(0) { $0 + minimumSize($1.type, visiting: visiting.union([name])) }
        case .reference(let name):
            guard !visiting.contains(name), let named = document.named[name] else { return 0 }
            return minimumSize(named, visiting: visiting)
        default: return 1
        }
    }

    mutating func value(_ schema: AvroSchema, depth: Int) throws(AvroDecodingError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("values nested deeper than \(Self.maximumDepth)") }
        switch resolved(schema) {
        case .null: return .null
        case .boolean:
            let byte = try take(1, "boolean").first ?? 0
            guard byte <= 1 else { throw error("boolean byte \(byte) is neither 0 nor 1", at: position - 1) }
            return .bool(byte == 1)
        case .int: return Self.number(try int())
        case .long: return Self.number(try long())
        case .float:
            let raw = try take(4, "float")
            let bits = raw.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return Self.floating(Double(Float(bitPattern: bits)))
        case .double:
            let raw = try take(8, "double")
            let bits = raw.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return Self.floating(Double(bitPattern: bits))
        case .bytes:
            let count = try length("bytes")
            return .object(["base64": .string(Data(try take(count, "bytes")).base64EncodedString())])
        case .string:
            let start = position
            let count = try length("string")
            guard let text = String(bytes: try take(count, "string"), encoding: .utf8) else {
                throw error("string is not UTF-8", at: start)
            }
            return .string(text)
        case .fixed(let name, let size):
            return .object(["base64": .string(Data(try take(size, "fixed \(name)")).base64EncodedString())])
        case .enumeration(let name, let symbols):
            let start = position
            let index = try int()
            guard index >= 0, index < Int64(symbols.count) else {
                throw error("enum \(name) index \(index) is not one of its \(symbols.count) symbols", at: start)
            }
            return .string(symbols[Int(index)])
        case .union(let branches):
            let start = position
            let index = try int()
            guard index >= 0, index < Int64(branches.count) else {
                throw error("union index \(index) is not one of its \(branches.count) branches", at: start)
            }
            return try value(branches[Int(index)], depth: depth + 1)
        case .record(_, let fields):
            var object: [String: JSONValue] = [:]
            for field in fields { object[field.name] = try value(field.type, depth: depth + 1) }
            return .object(object)
        case .array(let items):
            var list: [JSONValue] = []
            try blocks(of: items, what: "array") { (decoder: inout AvroBinaryDecoder) throws(AvroDecodingError) in
                list.append(try decoder.value(items, depth: depth + 1))
            }
            return .array(list)
        case .map(let values):
            var object: [String: JSONValue] = [:]
            try blocks(of: values, what: "map", keyed: true) {
                (decoder: inout AvroBinaryDecoder) throws(AvroDecodingError) in
                let start = decoder.position
                let count = try decoder.length("map key")
                guard let key = String(bytes: try decoder.take(count, "map key"), encoding: .utf8) else {
                    throw decoder.error("map key is not UTF-8", at: start)
                }
                object[key] = try decoder.value(values, depth: depth + 1)
            }
            return .object(object)
        case .reference(let name):
            throw error("unknown named type \(name)")
        }
    }

    /// Array and map blocks: a count, (a byte size when the count is negative), the items; a count of 0 ends.
    mutating func blocks(
        of items: AvroSchema, what: String, keyed: Bool = false,
        _ item: (inout AvroBinaryDecoder) throws(AvroDecodingError) -> Void
    ) throws(AvroDecodingError) {
        let itemSize = minimumSize(items) + (keyed ? 1 : 0)
        while true {
            let start = position
            var count = try long()
            if count == 0 { return }
            if count < 0 {
                guard count != Int64.min else { throw error("\(what) block count overflows", at: start) }
                count = -count
                _ = try length("\(what) block")
            }
            if itemSize > 0 {
                guard count <= Int64(remaining / itemSize) else {
                    throw error(
                        "\(what) block of \(count) items cannot fit in the \(remaining) bytes left", at: start)
                }
            } else {
                zeroSizeItems += Int(min(count, Int64(Self.maximumZeroSizeItems) + 1))
                guard zeroSizeItems <= Self.maximumZeroSizeItems else {
                    throw error("\(what) holds more than \(Self.maximumZeroSizeItems) empty items", at: start)
                }
            }
            for _ in 0..<count { try item(&self) }
        }
    }
}
