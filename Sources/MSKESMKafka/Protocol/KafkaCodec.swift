import Foundation

/// A Kafka response that could not be read: too short, or a length that does not fit.
public struct KafkaProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Writes Kafka's primitive types, big-endian (https://kafka.apache.org/protocol#protocol_types): the classic
/// int16-length strings and int32-length arrays, and the "compact" forms of flexible versions whose lengths are
/// unsigned varints holding length + 1.
struct KafkaWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int8(_ value: Int8) { bytes.append(UInt8(bitPattern: value)) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func int16(_ value: Int16) { append(UInt16(bitPattern: value)) }
    mutating func int32(_ value: Int32) { append(UInt32(bitPattern: value)) }
    mutating func int64(_ value: Int64) { append(UInt64(bitPattern: value)) }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func unsignedVarint(_ value: UInt32) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        int16(Int16(clamping: utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func nullableString(_ value: String?) {
        guard let value else { return int16(-1) }
        string(value)
    }

    mutating func compactString(_ value: String) {
        let utf8 = Array(value.utf8)
        unsignedVarint(UInt32(utf8.count + 1))
        bytes.append(contentsOf: utf8)
    }

    mutating func bytesField(_ value: [UInt8]) {
        int32(Int32(clamping: value.count))
        bytes.append(contentsOf: value)
    }

    mutating func compactBytes(_ value: [UInt8]) {
        unsignedVarint(UInt32(value.count + 1))
        bytes.append(contentsOf: value)
    }

    mutating func arrayLength(_ count: Int) { int32(Int32(clamping: count)) }
    mutating func compactArrayLength(_ count: Int) { unsignedVarint(UInt32(count + 1)) }
    /// No tagged fields.
    mutating func emptyTaggedFields() { unsignedVarint(0) }
}

/// Reads what ``KafkaWriter`` writes; every read checks the remaining length first.
struct KafkaReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else {
            throw KafkaProtocolError("response truncated: wanted \(count) bytes at offset \(offset), \(remaining) left")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    private mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        try take(MemoryLayout<T>.size).reduce(T(0)) { ($0 << 8) | T($1) }
    }

    mutating func int8() throws -> Int8 { Int8(bitPattern: try integer(UInt8.self)) }
    mutating func bool() throws -> Bool { try integer(UInt8.self) != 0 }
    mutating func int16() throws -> Int16 { Int16(bitPattern: try integer(UInt16.self)) }
    mutating func int32() throws -> Int32 { Int32(bitPattern: try integer(UInt32.self)) }
    mutating func int64() throws -> Int64 { Int64(bitPattern: try integer(UInt64.self)) }

    mutating func unsignedVarint() throws -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = try integer(UInt8.self)
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            if shift > 28 { throw KafkaProtocolError("varint longer than 5 bytes") }
        }
    }

    mutating func string() throws -> String {
        guard let value = try nullableString() else { throw KafkaProtocolError("null where a string is required") }
        return value
    }

    mutating func nullableString() throws -> String? {
        let length = Int(try int16())
        if length < 0 { return nil }
        return String(decoding: try take(length), as: UTF8.self)
    }

    mutating func compactString() throws -> String {
        guard let value = try compactNullableString() else {
            throw KafkaProtocolError("null where a string is required")
        }
        return value
    }

    mutating func compactNullableString() throws -> String? {
        let length = Int(try unsignedVarint())
        if length == 0 { return nil }
        return String(decoding: try take(length - 1), as: UTF8.self)
    }

    mutating func bytesField() throws -> [UInt8] {
        let length = Int(try int32())
        if length < 0 { return [] }
        return Array(try take(length))
    }

    mutating func compactBytes() throws -> [UInt8] {
        let length = Int(try unsignedVarint())
        if length == 0 { return [] }
        return Array(try take(length - 1))
    }

    /// An int32 array length; -1 (null) reads as 0.
    mutating func arrayLength() throws -> Int {
        let count = Int(try int32())
        guard count <= remaining else { throw KafkaProtocolError("array of \(count) elements in \(remaining) bytes") }
        return max(count, 0)
    }

    mutating func compactArrayLength() throws -> Int {
        let count = Int(try unsignedVarint()) - 1
        guard count <= remaining else { throw KafkaProtocolError("array of \(count) elements in \(remaining) bytes") }
        return max(count, 0)
    }

    mutating func int32Array() throws -> [Int32] {
        try (0..<arrayLength()).map { _ in try int32() }
    }

    /// Skips a tagged-field section (KIP-482): a count, then tag, size and bytes for each.
    mutating func skipTaggedFields() throws {
        let count = try unsignedVarint()
        for _ in 0..<count {
            _ = try unsignedVarint()
            let size = Int(try unsignedVarint())
            _ = try take(size)
        }
    }
}
