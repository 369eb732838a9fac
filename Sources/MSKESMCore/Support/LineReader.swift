#if canImport(Glibc)
    import Glibc
#endif

/// Reads text lines from a descriptor (the REPL's piped standard input) with a bound on each line, so that
/// endless or binary input — `msk-esm repl < /dev/zero`, a file with no newline — ends with an error
/// after at most `maximumLineLength` bytes instead of being gathered without end. A line holding a NUL
/// byte or bytes that are not UTF-8 ends the input too: it is not a command someone typed or wrote down.
package struct LineReader {
    /// The longest line read, in bytes: the largest input any command reads.
    package static let maximumLineLength = InputReader.maximumSize

    private let descriptor: Int32
    private let source: String
    private let maximumLineLength: Int
    /// Bytes read but not yet returned; never more than one line's bound plus one chunk.
    private var pending: [UInt8] = []
    private var atEnd = false
    private var lineNumber = 0

    /// - Parameters:
    ///   - descriptor: the open descriptor to read from; the reader does not close it.
    ///   - source: names the input in errors, e.g. "standard input".
    ///   - maximumLineLength: the longest line accepted, in bytes.
    package init(descriptor: Int32, source: String, maximumLineLength: Int = LineReader.maximumLineLength) {
        self.descriptor = descriptor
        self.source = source
        self.maximumLineLength = maximumLineLength
    }

    /// The next line without its line end (`\n` or `\r\n`); nil at the end of the input.
    package mutating func nextLine() throws -> String? {
        var searched = 0
        while true {
            if let newline = pending[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return try text(line)
            }
            searched = pending.count
            if pending.count > maximumLineLength { throw tooLong() }
            if pending.contains(0) { throw notText("holds a NUL byte") }
            if atEnd {
                guard !pending.isEmpty else { return nil }
                defer { pending.removeAll() }
                return try text(pending)
            }
            let chunk = readChunk(min(1 << 16, maximumLineLength + 1 - pending.count))
            if chunk.isEmpty { atEnd = true } else { pending += chunk }
        }
    }

    private mutating func text(_ bytes: [UInt8]) throws -> String {
        guard bytes.count <= maximumLineLength else { throw tooLong() }
        guard !bytes.contains(0) else { throw notText("holds a NUL byte") }
        guard let line = String(validating: bytes, as: UTF8.self) else { throw notText("is not UTF-8 text") }
        lineNumber += 1
        return line
    }

    /// Reads up to `count` bytes; empty at the end of the input or on a read error.
    private func readChunk(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, filled in
            var result: Int
            repeat { result = read(descriptor, buffer.baseAddress, max(count, 1)) } while result < 0 && errno == EINTR
            filled = max(result, 0)
        }
    }

    private func tooLong() -> ToolError {
        let bound = maximumLineLength % (1 << 20) == 0 ? "\(maximumLineLength >> 20) MiB" : "\(maximumLineLength) bytes"
        return ToolError.usage(
            .inputNotText, "a line longer than \(bound)", input: "\(source), line \(lineNumber + 1)",
            fix: "give the commands as text, one per line, not a binary or endless stream")
    }

    private func notText(_ what: String) -> ToolError {
        ToolError.usage(
            .inputNotText, "the line \(what)", input: "\(source), line \(lineNumber + 1)",
            fix: "give the commands as UTF-8 text, one per line, not a binary file")
    }
}
