/// An error the user can act on. The CLI prints it as one line,
/// `msk-esm: error: <what> (<input>): <fix>`, and exits with the code of its kind (docs/output.md#errors).
/// Messages never carry secret values: callers name the input, never quote it.
public struct ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Bad flags or input that cannot be read as what it should be: exit 2.
        case usage
        /// AWS or the network failed after retries: exit 3.
        case remote
        /// The user interrupted: exit 130.
        case interrupted
    }

    public var kind: Kind
    /// What went wrong, e.g. "not a JSON object".
    public var what: String
    /// The input it concerns: a file path, a flag, an ARN, a JSON path.
    public var input: String?
    /// What to do about it.
    public var fix: String

    public init(_ kind: Kind = .usage, _ what: String, input: String? = nil, fix: String) {
        self.kind = kind
        self.what = what
        self.input = input
        self.fix = fix
    }

    public static func usage(_ what: String, input: String? = nil, fix: String) -> ToolError {
        ToolError(.usage, what, input: input, fix: fix)
    }

    public static func remote(_ what: String, input: String? = nil, fix: String) -> ToolError {
        ToolError(.remote, what, input: input, fix: fix)
    }

    public var exitCode: Int32 {
        switch kind {
        case .usage: 2
        case .remote: 3
        case .interrupted: 130
        }
    }

    /// The one-line message, without the `msk-esm: error: ` prefix.
    public var description: String {
        var line = what
        if let input { line += " (\(input))" }
        if !fix.isEmpty { line += ": \(fix)" }
        // One line, always, and nothing a terminal would act on: inputs such as file names and AWS error
        // messages may hold newlines or escape sequences. Escaped first, then cut: whatever a cut leaves is
        // already harmless text.
        return Self.readable(line.escapingControlCharacters())
    }

    /// The longest word (a path, a value, an option) an error line shows whole.
    public static let maximumWordLength = 160
    /// The longest error line.
    public static let maximumLineLength = 1000

    /// `line` with every word longer than ``maximumWordLength`` cut in the middle, and the whole cut to
    /// ``maximumLineLength``: an argument echoed in an error (a 100 KB path) must not make a 100 KB line.
    /// The cut says how much is left out; the start and end of a word (a path's directory and file name) stay.
    static func readable(_ line: String) -> String {
        func cut(_ text: Substring, keeping limit: Int) -> String {
            let head = limit * 2 / 3
            let tail = limit - head
            return "\(text.prefix(head))…[\(text.count - head - tail) characters cut]…\(text.suffix(tail))"
        }
        guard line.utf8.count > maximumWordLength else { return line }
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.count > maximumWordLength ? cut(word, keeping: maximumWordLength) : String(word)
        }
        let shortened = words.joined(separator: " ")
        return shortened.count > maximumLineLength ? cut(shortened[...], keeping: maximumLineLength) : shortened
    }
}
