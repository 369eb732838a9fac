/// An error from compiling or evaluating a JMESPath expression, with the kind the JMESPath compliance suite
/// names (Tests/Fixtures/jmespath-compliance/README.md) so tests and callers can tell them apart.
public struct JMESPathError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The error classes of the JMESPath specification (https://jmespath.org/specification.html#errors).
    public enum Kind: String, Sendable {
        case syntax
        case invalidType = "invalid-type"
        case invalidValue = "invalid-value"
        case invalidArity = "invalid-arity"
        case unknownFunction = "unknown-function"
    }

    public var kind: Kind
    public var message: String
    /// For syntax errors: the 1-based column (in Unicode scalars) of the expression where the error was found.
    public var column: Int?

    public init(_ kind: Kind, _ message: String, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.column = column
    }

    public var description: String {
        if let column { return "\(kind.rawValue) error at column \(column): \(message)" }
        return "\(kind.rawValue) error: \(message)"
    }
}
