import Foundation

/// Reads the records of a large Kafka event straight from its bytes, without building the whole JSON tree: of each
/// record only `topic`, `partition`, `offset` and `value` are kept; everything else (keys, headers, timestamps) is
/// checked as strict JSON and skipped. For 10,000 records this is most of `filter test`'s time otherwise
/// (BENCHMARKS.md).
///
/// It answers only for documents it can read exactly as ``JSONParser`` would: it validates what it skips (strict
/// RFC 8259, the parser's depth limit) and refuses a key repeated in one object. Whenever it meets what it does not
/// handle (an escaped key or needed string, an object of more than 32 keys, an unexpected shape), it returns nil and the
/// caller parses the document in full, which also words any error.
struct KafkaEventScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// The records, or nil when the caller should parse the document in full.
    static func records(in data: Data) -> [FilterTestRecord]? {
        data.withUnsafeBytes { raw in
            var scanner = KafkaEventScanner(bytes: raw.bindMemory(to: UInt8.self))
            return scanner.event()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private struct Refusal: Error {}

    private mutating func event() -> [FilterTestRecord]? {
        do {
            skipWhitespace()
            var records: [FilterTestRecord]?
            try object { scanner, key in
                if key == "records" {
                    records = try scanner.groups()
                } else {
                    try scanner.skipValue(depth: 2)
                }
            }
            skipWhitespace()
            guard index == bytes.count, let records else { return nil }
            return records
        } catch {
            return nil
        }
    }

    /// `records`: topic-partition → list of records, in the order of the names (as the full path sorts them).
    private mutating func groups() throws -> [FilterTestRecord] {
        var groups: [(String, [FilterTestRecord])] = []
        try object { scanner, name in
            var list: [FilterTestRecord] = []
            try scanner.array { scanner in list.append(try scanner.record()) }
            groups.append((name, list))
        }
        return groups.sorted { $0.0 < $1.0 }.flatMap(\.1)
    }

    private mutating func record() throws -> FilterTestRecord {
        var record = FilterTestRecord(value: .absent)
        try object { scanner, key in
            switch key {
            case "topic": record.topic = try scanner.string()
            case "partition": record.partition = try scanner.integer()
            case "offset": record.offset = try scanner.integer()
            case "value":
                if scanner.peek() == UInt8(ascii: "n") {
                    try scanner.literal("null")
                } else {
                    record.value = FilterRecordValue(base64: try scanner.string())
                }
            default: try scanner.skipValue(depth: 5)
            }
        }
        return record
    }

    // MARK: structure

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard peek() == byte else { throw Refusal() }
        index += 1
    }

    /// An object whose keys are plain (no escapes), at most 32 and none twice; `member` reads each value.
    private mutating func object(_ member: (inout KafkaEventScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        // Keys are compared by hash, on the stack: two equal hashes (a repeated key, or a collision) leave the
        // document to the parser, which decides exactly.
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.maximumKeys) { seen in
            var count = 0
            while true {
                skipWhitespace()
                let key = try string()
                let hash = key.hashValue
                guard count < Self.maximumKeys, !seen[..<count].contains(hash) else { throw Refusal() }
                seen[count] = hash
                count += 1
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                try member(&self, key)
                skipWhitespace()
                guard let next = peek() else { throw Refusal() }
                index += 1
                if next == UInt8(ascii: "}") { return }
                guard next == UInt8(ascii: ",") else { throw Refusal() }
            }
        }
    }

    /// The most keys of one object the scanner reads; a larger object is left to the parser.
    private static let maximumKeys = 32

    private mutating func array(_ element: (inout KafkaEventScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            guard let next = peek() else { throw Refusal() }
            index += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw Refusal() }
        }
    }

    /// A string without escapes (the input is known to be UTF-8); one with escapes is left to the full parser.
    private mutating func string() throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw Refusal() }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] >= 0x20, bytes[end] != UInt8(ascii: "\\") else { throw Refusal() }
            end += 1
        }
        guard end < bytes.count else { throw Refusal() }
        index = end + 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// A whole number of at most 15 digits (partitions and offsets), else refused.
    private mutating func integer() throws -> Int {
        let start = index
        try skipNumber()
        guard index - start <= 15 else { throw Refusal() }
        var value = 0
        for offset in start..<index {
            guard bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") else { throw Refusal() }
            value = value * 10 + Int(bytes[offset] - UInt8(ascii: "0"))
        }
        return value
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Refusal() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Refusal() }
        index += count
    }

    // MARK: strict skipping

    private mutating func skipValue(depth: Int) throws {
        guard depth < JSONParser.maximumDepth, let byte = peek() else { throw Refusal() }
        switch byte {
        case UInt8(ascii: "{"): try object { scanner, _ in try scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try array { scanner in try scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try skipNumber()
        }
    }

    /// A string, escapes validated as the parser validates them.
    private mutating func skipString() throws {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            guard byte >= 0x20 else { throw Refusal() }
            if byte == UInt8(ascii: "\\") {
                // Escaped surrogates need the parser's pairing rules: leave them to it.
                guard index + 1 < bytes.count else { throw Refusal() }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                default: throw Refusal()
                }
                continue
            }
            index += 1
        }
        throw Refusal()
    }

    private func isDigit(_ offset: Int) -> Bool {
        offset < bytes.count && bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9")
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as the parser reads numbers; one that is not a
    /// finite Double (which the parser refuses) is refused.
    private mutating func skipNumber() throws {
        let start = index
        try skipNumberSyntax()
        let digits = bytes[start..<index]
        if digits.count > 15 || digits.contains(UInt8(ascii: "e")) || digits.contains(UInt8(ascii: "E")) {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else { throw Refusal() }
        }
    }

    private mutating func skipNumberSyntax() throws {
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw Refusal() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw Refusal() }
        } else {
            while isDigit(index) { index += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw Refusal() }
            while isDigit(index) { index += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw Refusal() }
            while isDigit(index) { index += 1 }
        }
    }
}
