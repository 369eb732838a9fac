import MSKESMCore

/// A compiled JMESPath expression (https://jmespath.org/specification.html), evaluated over ``JSONValue``
/// so that commands can filter the documents they print (`--query`) without converting them.
///
/// Results agree with the Python `jmespath` package, which the AWS CLI uses, except where ``JSONValue`` cannot
/// hold what Python keeps: object key order (results list members in code-point key order) and the
/// difference between `1` and `1.0`.
public struct JMESPathQuery: Sendable {
    /// The expression as given.
    public let text: String
    private let tree: Expression

    /// Compiles `text`.
    /// - Throws: ``JMESPathError`` of kind `.syntax`, with the column, when `text` is not an expression.
    public init(_ text: String) throws(JMESPathError) {
        self.text = text
        tree = try Parser.parse(text)
    }

    /// The keys of the expression's multi-select hashes (`{state: State, size: BatchSize}` → `["state", "size"]`),
    /// each in the order written: the order Python's `jmespath` gives such an object's members, which
    /// ``JSONValue`` does not keep, so that a printer can restore it.
    public var hashKeyOrders: [[String]] { tree.hashKeyOrders }

    /// The value the expression selects from `document`.
    /// - Throws: ``JMESPathError`` of kind invalid-type, invalid-value, invalid-arity or unknown-function.
    public func search(_ document: JSONValue) throws(JMESPathError) -> JSONValue {
        try Interpreter().evaluate(tree, document)
    }
}
