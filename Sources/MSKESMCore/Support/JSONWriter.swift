/// Writes a ``JSONValue`` as text, byte for byte as `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes the same value (and with `.prettyPrinted` when `pretty`), so commands that
/// print AWS shapes (`list`, `get`) give the same output as before but without the generic `Encodable` walk,
/// which took a quarter of `list`'s CPU time for a hundred mappings. A test holds the two to the same bytes.
package enum JSONWriter {
    /// The text of `value`; with `trailingNewline`, followed by a newline (written here rather than appended to
    /// the text, which would copy a document of megabytes once more).
    package static func write(_ value: JSONValue, pretty: Bool, trailingNewline: Bool = false) -> String {
        var output = Output()
        append(value, to: &output, pretty: pretty, depth: 0, mayFork: true)
        if trailingNewline { output.bytes.append(UInt8(ascii: "\n")) }
        return output.text()
    }

    /// The bytes written so far: a document larger than `chunkSize` is kept in chunks of about that size and
    /// copied once into the text at the end. One growing array was copied at every doubling and, above
    /// malloc's mmap threshold, every copy was fresh pages to fault in: a fifth of printing the 4.4 MB document
    /// of `lint --output json` on a 500-resource template (Benchmarks/cases/lint-500.sh).
    private struct Output: Sendable {
        static let chunkSize = 1 << 16
        var bytes: [UInt8] = []
        var chunks: [[UInt8]] = []

        init() { bytes.reserveCapacity(4096) }

        /// Starts a new chunk when the current one is full; called between the members of arrays and objects.
        mutating func endChunkIfFull() {
            guard bytes.count >= Self.chunkSize else { return }
            chunks.append(bytes)
            bytes = []
            bytes.reserveCapacity(Self.chunkSize + Self.chunkSize / 4)
        }

        /// Appends what `part` holds after what this holds, keeping `part`'s chunks as they are.
        mutating func splice(_ part: Output) {
            if !bytes.isEmpty { chunks.append(bytes) }
            chunks.append(contentsOf: part.chunks)
            bytes = part.bytes
        }

        func text() -> String {
            guard !chunks.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
            let all = chunks + [bytes]
            return String(unsafeUninitializedCapacity: all.reduce(0) { $0 + $1.count }) { text in
                var offset = 0
                for chunk in all {
                    chunk.withUnsafeBufferPointer { source in
                        guard let from = source.baseAddress, let to = text.baseAddress else { return }
                        (to + offset).initialize(from: from, count: source.count)
                    }
                    offset += chunk.count
                }
                return offset
            }
        }
    }

    /// A newline and the indentation of the deepest level a document usually reaches, copied in one piece:
    /// appending `repeatElement` was a generic element-by-element copy (4 % of `lint --output json` on a
    /// 500-resource template, Benchmarks/cases/lint-500.sh).
    private static let indentation = [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 128)

    private static func newline(_ output: inout Output, depth: Int) {
        let width = 1 + depth * 2
        guard width <= indentation.count else {
            output.bytes.append(contentsOf: indentation)
            output.bytes.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: width - indentation.count))
            return
        }
        indentation.withUnsafeBufferPointer {
            output.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<width]))
        }
    }

    /// The fewest objects, and the fewest values in them all, of an array that
    /// ``append(_:to:pretty:depth:mayFork:)`` writes on several cores: a doctor report's few findings, or a
    /// metric trend's hundreds of two-member points, are written faster than workers are woken for them.
    package static let forkingCount = 32
    package static let forkingValues = 4096

    /// With `mayFork`, the first large array of objects (``forkingCount``, ``forkingValues``) on a path from
    /// the root is written on every core, each object into its own chunks, spliced in order: such an array is
    /// where a large document's bytes are (a lint report's mappings, a long listing's), and its objects are
    /// independent. Writing the 124 mappings of a 500-resource template's lint report took a seventh of
    /// `lint --output json` (Benchmarks/cases/lint-500.sh).
    private static func append(_ value: JSONValue, to output: inout Output, pretty: Bool, depth: Int, mayFork: Bool) {
        switch value {
        case .null: output.bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): output.bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            // As `JSONValue.encode(to:)`: whole numbers without a fraction.
            if number.rounded() == number, abs(number) < 9e15 {
                output.bytes.append(contentsOf: String(Int64(number)).utf8)
            } else {
                output.bytes.append(contentsOf: numberText(number).utf8)
            }
        case .string(let text): appendString(text, to: &output.bytes)
        case .array(let elements):
            output.bytes.append(UInt8(ascii: "["))
            if mayFork, forks(elements) {
                let parts = elements.concurrentMap { element in
                    var part = Output()
                    if pretty { newline(&part, depth: depth + 1) }
                    append(element, to: &part, pretty: pretty, depth: depth + 1, mayFork: false)
                    return part
                }
                for (index, part) in parts.enumerated() {
                    if index > 0 { output.bytes.append(UInt8(ascii: ",")) }
                    output.splice(part)
                }
            } else {
                for (index, element) in elements.enumerated() {
                    if index > 0 { output.bytes.append(UInt8(ascii: ",")) }
                    if pretty { newline(&output, depth: depth + 1) }
                    append(element, to: &output, pretty: pretty, depth: depth + 1, mayFork: mayFork)
                    output.endChunkIfFull()
                }
            }
            if pretty {
                if elements.isEmpty { output.bytes.append(UInt8(ascii: "\n")) }
                newline(&output, depth: depth)
            }
            output.bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            output.bytes.append(UInt8(ascii: "{"))
            // The members sorted whole, not their keys: no second hash lookup per member.
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.bytes.append(UInt8(ascii: ",")) }
                if pretty { newline(&output, depth: depth + 1) }
                appendString(member.key, to: &output.bytes)
                output.bytes.append(contentsOf: (pretty ? " : " : ":").utf8)
                append(member.value, to: &output, pretty: pretty, depth: depth + 1, mayFork: mayFork)
                output.endChunkIfFull()
            }
            if pretty {
                if members.isEmpty { output.bytes.append(UInt8(ascii: "\n")) }
                newline(&output, depth: depth)
            }
            output.bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Whether an array of `elements` is large enough to be written on several cores.
    package static func forks(_ elements: [JSONValue]) -> Bool {
        elements.count >= forkingCount && elements.allSatisfy { $0.objectValue != nil }
            && holds(elements, atLeast: forkingValues)
    }

    /// Whether `elements` and what they contain are at least `count` values; counts no further than that.
    private static func holds(_ elements: [JSONValue], atLeast count: Int) -> Bool {
        var counted = 0
        func visit(_ value: JSONValue) {
            counted += 1
            switch value {
            case .array(let elements):
                for element in elements where counted < count { visit(element) }
            case .object(let members):
                for member in members.values where counted < count { visit(member) }
            default: break
            }
        }
        for element in elements where counted < count { visit(element) }
        return counted >= count
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
