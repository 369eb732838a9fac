/// An error the user can act on. The CLI prints it as one line,
/// `msk-esm: error: <what> (<input>): <fix>`, and exits with the code of its kind (DESIGN §5).
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
        // messages may hold newlines or escape sequences.
        return line.escapingControlCharacters()
    }
}
