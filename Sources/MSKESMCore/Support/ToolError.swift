/// An error the user can act on. The CLI prints it as one line,
/// `msk-esm: error: <what> (<input>): <fix>`, and exits with the code of its kind (docs/output.md#exit-codes).
/// Messages never carry secret values: callers name the input, never quote it.
public struct ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it is: decides the CLI's exit code (docs/output.md#exit-codes).
    public enum Kind: Sendable, Equatable {
        /// Bad flags or input that cannot be read as what it should be: exit 2.
        case usage
        /// AWS or the network failed after retries: exit 3.
        case remote
        /// The user interrupted: exit 130.
        case interrupted
    }

    /// A stable, documented identifier of the cause, for callers to switch on (docs/output.md#error-codes).
    /// The message may be reworded; the code is not renamed. New codes may be added, so a `switch` over codes
    /// needs a `default`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as docs/output.md#error-codes lists it, e.g. `input-not-found`.
        public let rawValue: String
        /// A code from its documented text.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input file (or directory) does not exist.
        public static let inputNotFound = Code(rawValue: "input-not-found")
        /// The input exists but cannot be read: permissions, a directory, a device or FIFO where a file belongs.
        public static let inputUnreadable = Code(rawValue: "input-unreadable")
        /// The input is larger than the limit for its kind.
        public static let inputTooLarge = Code(rawValue: "input-too-large")
        /// The input is empty.
        public static let inputEmpty = Code(rawValue: "input-empty")
        /// The input is not UTF-8 text, or has a line too long to be text.
        public static let inputNotText = Code(rawValue: "input-not-text")
        /// The input is not JSON (or YAML) at all.
        public static let inputSyntax = Code(rawValue: "input-syntax")
        /// The input is JSON of the wrong shape: a member missing or of the wrong type (the message names the path).
        public static let inputShape = Code(rawValue: "input-shape")
        /// A secret that is neither a JSON document nor PEM, or that `secret fix` cannot repair safely.
        public static let secretUnusable = Code(rawValue: "secret-unusable")
        /// An IAM policy document that cannot be evaluated.
        public static let policyInvalid = Code(rawValue: "policy-invalid")
        /// A flag or value that is not valid (e.g. an unknown Region).
        public static let invalidArgument = Code(rawValue: "invalid-argument")
        /// The output file cannot be written where it was asked for.
        public static let outputNotWritable = Code(rawValue: "output-not-writable")
        /// The AWS resource named does not exist: the mapping, function, secret, cluster or role.
        public static let notFound = Code(rawValue: "not-found")
        /// No source of AWS credentials is configured.
        public static let noCredentials = Code(rawValue: "no-credentials")
        /// A configured credential source failed: a profile's role, SSO, `credential_process`, the container or
        /// instance endpoint.
        public static let credentialsFailed = Code(rawValue: "credentials-failed")
        /// An AWS request failed after retries, or AWS refused it.
        public static let awsRequestFailed = Code(rawValue: "aws-request-failed")
        /// The user interrupted the command.
        public static let interrupted = Code(rawValue: "interrupted")

        /// Every code this version defines, for documentation and tests.
        public static let all: [Code] = [
            .inputNotFound, .inputUnreadable, .inputTooLarge, .inputEmpty, .inputNotText, .inputSyntax, .inputShape,
            .secretUnusable, .policyInvalid, .invalidArgument, .outputNotWritable, .notFound, .noCredentials,
            .credentialsFailed, .awsRequestFailed, .interrupted,
        ]

        /// The code of an error of `kind` that names no more specific cause.
        public static func general(_ kind: Kind) -> Code {
            switch kind {
            case .usage: .invalidArgument
            case .remote: .awsRequestFailed
            case .interrupted: .interrupted
            }
        }
    }

    /// The kind of failure, which decides the exit code.
    public var kind: Kind
    /// Why it failed, for a program: stable across releases.
    public var code: Code
    /// What went wrong, e.g. "not a JSON object".
    public var what: String
    /// The input it concerns: a file path, a flag, an ARN, a JSON path.
    public var input: String?
    /// What to do about it.
    public var fix: String

    /// An error of `kind` with what went wrong, the input it concerns and the fix; `code` defaults to the kind's
    /// general code (``Code/general(_:)``).
    public init(_ kind: Kind = .usage, _ what: String, input: String? = nil, fix: String, code: Code? = nil) {
        self.kind = kind
        self.code = code ?? .general(kind)
        self.what = what
        self.input = input
        self.fix = fix
    }

    /// A usage error (exit 2) with the general code ``Code/invalidArgument``.
    public static func usage(_ what: String, input: String? = nil, fix: String) -> ToolError {
        ToolError(.usage, what, input: input, fix: fix)
    }

    /// A usage error (exit 2) with the code of its cause.
    public static func usage(_ code: Code, _ what: String, input: String? = nil, fix: String) -> ToolError {
        ToolError(.usage, what, input: input, fix: fix, code: code)
    }

    /// A remote error (exit 3) with the general code ``Code/awsRequestFailed``.
    public static func remote(_ what: String, input: String? = nil, fix: String) -> ToolError {
        ToolError(.remote, what, input: input, fix: fix)
    }

    /// A remote error (exit 3) with the code of its cause.
    public static func remote(_ code: Code, _ what: String, input: String? = nil, fix: String) -> ToolError {
        ToolError(.remote, what, input: input, fix: fix, code: code)
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
