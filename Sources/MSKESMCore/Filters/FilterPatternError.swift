/// Why a `Pattern` is not a filter pattern Lambda accepts: the FLT001 finding's reason, with the JSON path of the
/// offending member (`$.value.amount[0]`).
public struct FilterPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `wildcard is not an operator of Lambda's filter rule syntax`.
    public var reason: String
    /// Where in the pattern; `$` for the whole.
    public var path: String
    /// Whether the pattern is well-formed JSON but uses an operator Lambda's page does not list.
    public var isUnlistedOperator: Bool

    /// An error at `path` (a JSON path of the pattern) for `reason`.
    public init(_ reason: String, path: String, isUnlistedOperator: Bool = false) {
        self.reason = reason
        self.path = path
        self.isUnlistedOperator = isUnlistedOperator
    }

    public var description: String { path == "$" ? reason : "\(reason) (at \(path))" }
}
