/// Writes a ``JSONValue`` as text, byte for byte as `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes the same value (and with `.prettyPrinted` when `pretty`), so commands that
/// print AWS shapes (`list`, `get`) give the same output as before but without the generic `Encodable` walk,
/// which took a quarter of `list`'s CPU time for a hundred mappings. A test holds the two to the same bytes.
package enum JSONWriter {
    package static func write(_ value: JSONValue, pretty: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        append(value, to: &output, pretty: pretty, depth: 0)
        return String(decoding: output, as: UTF8.self)
    }

    private static func newline(_ output: inout [UInt8], depth: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private static func append(_ value: JSONValue, to output: inout [UInt8], pretty: Bool, depth: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            // As `JSONValue.encode(to:)`: whole numbers without a fraction.
            if number.rounded() == number, abs(number) < 9e15 {
                output.append(contentsOf: String(Int64(number)).utf8)
            } else {
                output.append(contentsOf: numberText(number).utf8)
            }
        case .string(let text): appendString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(&output, depth: depth + 1) }
                append(element, to: &output, pretty: pretty, depth: depth + 1)
            }
            if pretty {
                if elements.isEmpty { output.append(UInt8(ascii: "\n")) }
                newline(&output, depth: depth)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(&output, depth: depth + 1) }
                appendString(key, to: &output)
                output.append(contentsOf: (pretty ? " : " : ":").utf8)
                if let member = members[key] { append(member, to: &output, pretty: pretty, depth: depth + 1) }
            }
            if pretty {
                if members.isEmpty { output.append(UInt8(ascii: "\n")) }
                newline(&output, depth: depth)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A non-integral number as `JSONEncoder` prints a `Double`: Swift's shortest round-trip text, without a
    /// trailing `.0`.
    private static func numberText(_ number: Double) -> String {
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// Copies the runs between escapes whole: byte by byte, this took 4 % of `lint --output json` on a
    /// 500-resource template (Benchmarks/cases/lint-500.sh).
    private static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated()
            where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(byte, to: &output)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
        case 0x08: output.append(contentsOf: #"\b"#.utf8)
        case 0x0C: output.append(contentsOf: #"\f"#.utf8)
        case 0x0A: output.append(contentsOf: #"\n"#.utf8)
        case 0x0D: output.append(contentsOf: #"\r"#.utf8)
        case 0x09: output.append(contentsOf: #"\t"#.utf8)
        default:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: #"\u00"#.utf8)
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        }
    }
}
