import Foundation

/// The project's JSON parser: UTF-8 bytes straight to a ``JSONValue``.
///
/// Two reasons to have our own rather than Foundation's:
/// - it reports duplicate object keys, which `JSONSerialization` silently drops: Secrets Manager stores whatever
///   string it is given, and which of two `privateKey` members Lambda reads is not documented;
/// - it is several times faster than `JSONSerialization` (whose `NSDictionary`/`NSNumber` results must then be
///   cast member by member) and than decoding `JSONValue` with `JSONDecoder` (which tries each type in turn).
///   Snapshots, policies and AWS responses are all read through it; `JSONValueDecoder` then builds the
///   typed models from the tree without parsing again.
///
/// Strict RFC 8259: no comments, no trailing commas, no leading zeros or `+`, no control characters inside
/// strings. Errors are located by line and column and never quote the input (it may be a secret).
package struct JSONParser {
    /// A syntax error, located by line and column; never quotes the input.
    package struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        package var reason: String
        package var line: Int
        package var column: Int

        package var description: String { "\(reason) at line \(line), column \(column)" }
    }

    /// Nesting deeper than this is an error rather than a stack overflow (Foundation's limit too).
    package static let maximumDepth = 512

    /// Parses one JSON value (any type at the top level); surrounding whitespace is allowed.
    package static func parse(_ data: Data) throws(SyntaxError) -> JSONValue {
        try parse(data, reportingDuplicates: false).value
    }

    /// Parses a document a user gave (a snapshot, a policy, a request file) as input must be: UTF-8 (else
    /// the byte offset of the first invalid byte is named), JSON, and no key twice in one object (else its
    /// JSON path is named, e.g. `$.RolePolicies[0].PolicyDocument.Statement`; which value AWS would use is not
    /// documented, so neither is picked). Each failure is a usage error (exit 2) naming `source`; `fix` says
    /// what to give instead.
    package static func parseDocument(_ data: Data, source: String, fix: String) throws -> JSONValue {
        if let offset = InputReader.invalidUTF8Offset(in: data) {
            throw InputReader.notUTF8(offset: offset, input: source)
        }
        do {
            let (value, duplicates) = try parse(data, reportingDuplicates: false)
            guard !duplicates.isEmpty else { return value }
            // Parsed again to name the key: paths cost allocations that documents without duplicates are spared.
            let path = try parse(data, reportingDuplicates: true).duplicateKeys.first ?? "$"
            throw ToolError.usage(
                .inputShape, "the key \(path) appears more than once", input: source,
                fix: "keep one \(path.split(separator: ".").last.map(String.init) ?? "") member")
        } catch let error as SyntaxError {
            throw ToolError.usage(.inputSyntax, "not JSON: \(error)", input: source, fix: fix)
        }
    }

    /// Parses `text`, also returning the JSON paths of every duplicated key (e.g. `$.privateKey`); a later
    /// duplicate overrides the earlier one.
    package static func parse(_ text: String) throws(SyntaxError) -> (value: JSONValue, duplicateKeys: [String]) {
        try parse(Data(text.utf8), reportingDuplicates: true)
    }

    static func parse(_ data: Data, reportingDuplicates: Bool) throws(SyntaxError) -> (
        value: JSONValue, duplicateKeys: [String]
    ) {
        let result: Result<(JSONValue, [String]), SyntaxError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self), reportingDuplicates: reportingDuplicates)
            do throws(SyntaxError) {
                parser.skipWhitespace()
                let value = try parser.parseValue(depth: 0)
                parser.skipWhitespace()
                guard parser.index == parser.bytes.count else {
                    throw parser.error("unexpected text after the JSON value")
                }
                return .success((value, parser.duplicates))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private let reportingDuplicates: Bool
    private var duplicates: [String] = []
    /// The path to the value being parsed, kept only when reporting duplicates (paths cost allocations).
    private var path: [String] = ["$"]

    private init(bytes: UnsafeBufferPointer<UInt8>, reportingDuplicates: Bool) {
        self.bytes = bytes
        self.reportingDuplicates = reportingDuplicates
    }

    private func error(_ reason: String) -> SyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SyntaxError(reason: reason, line: line, column: column)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nested too deeply") }
        guard index < bytes.count else { throw error("the JSON ends early") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try parseNumber()
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count, let base = bytes.baseAddress,
            memcmp(base + index, word.utf8Start, count) == 0
        else { throw error("unexpected character") }
        index += count
        return value
    }

    private mutating func expect(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if expect(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key string") }
            let key = try parseString()
            skipWhitespace()
            guard expect(UInt8(ascii: ":")) else { throw error("expected ':'") }
            skipWhitespace()
            if reportingDuplicates { path.append(".\(key)") }
            let value = try parseValue(depth: depth + 1)
            if members.updateValue(value, forKey: key) != nil {
                // Counted always (cheap), located only when asked: see ``parseDocument(_:source:fix:)``.
                duplicates.append(reportingDuplicates ? path.joined() : "")
            }
            if reportingDuplicates { path.removeLast() }
            skipWhitespace()
            guard index < bytes.count else { throw error("the JSON ends inside an object") }
            if expect(UInt8(ascii: ",")) { continue }
            guard expect(UInt8(ascii: "}")) else { throw error("expected ',' or '}'") }
            return .object(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if expect(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipWhitespace()
            if reportingDuplicates { path.append("[\(elements.count)]") }
            elements.append(try parseValue(depth: depth + 1))
            if reportingDuplicates { path.removeLast() }
            skipWhitespace()
            guard index < bytes.count else { throw error("the JSON ends inside an array") }
            if expect(UInt8(ascii: ",")) { continue }
            guard expect(UInt8(ascii: "]")) else { throw error("expected ',' or ']'") }
            return .array(elements)
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, the string is a slice of the input.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw error("a control character inside a string (escape newlines as \\n)") }
            index += 1
        }
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw error("the JSON ends inside a string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): utf8.append(0x22)
                case UInt8(ascii: "\\"): utf8.append(0x5C)
                case UInt8(ascii: "/"): utf8.append(0x2F)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    utf8.append(contentsOf: String(Character(scalar)).utf8)
                default:
                    throw error("invalid escape in a string")
                }
            default:
                guard byte >= 0x20 else { throw error("a control character inside a string (escape newlines as \\n)") }
                utf8.append(byte)
            }
        }
        throw error("the JSON ends inside a string")
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw error("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func isDigit(_ offset: Int) -> Bool {
        offset < bytes.count && bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9")
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func parseNumber() throws(SyntaxError) -> JSONValue {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw error("unexpected character") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw error("a number with a leading zero") }
        } else {
            while isDigit(index) { index += 1 }
        }
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard isDigit(index) else { throw error("expected a digit after '.'") }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(index) else { throw error("expected a digit in the exponent") }
            while isDigit(index) { index += 1 }
        }
        // Ports, sizes and epoch seconds: small integers are exact in a Double, no text conversion needed.
        if integral, index - start <= 15 {
            var value = 0
            var negative = false
            for offset in start..<index {
                if bytes[offset] == UInt8(ascii: "-") {
                    negative = true
                } else {
                    value = value * 10 + Int(bytes[offset] - UInt8(ascii: "0"))
                }
            }
            return .number(Double(negative ? -value : value))
        }
        guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)),
            value.isFinite
        else { throw error("a number out of range") }
        return .number(value)
    }
}
