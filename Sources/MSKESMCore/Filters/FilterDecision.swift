/// Whether Lambda keeps a record, which filter kept it and the clause that decided
/// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html: filters are ORed, a record
/// that matches none is dropped).
public struct FilterDecision: Sendable, Equatable {
    /// Whether the record reaches the function.
    public var kept: Bool
    /// The index (in `FilterCriteria.Filters`) of the first filter that kept it; nil when dropped or unfiltered.
    public var filter: Int?
    /// For a kept record the clauses of that filter that matched; for a dropped one, why each filter missed.
    public var clause: String
    /// Why each filter before the one that kept it (all of them, for a dropped record) did not match.
    public var misses: [FilterMiss]
}

/// The first clause of one filter that a record does not satisfy.
public struct FilterMiss: Sendable, Equatable, CustomStringConvertible {
    /// The filter's index in `FilterCriteria.Filters`.
    public var filter: Int
    /// The dotted path of the clause, e.g. `value.session.duration`.
    public var path: String
    /// What the clause asks for, as the pattern writes it.
    public var wanted: String
    /// What the record holds there: compact JSON, `absent`, or why it cannot match.
    public var found: String

    public var description: String {
        wanted.isEmpty ? "filter \(filter): \(found)" : "filter \(filter): \(path) is \(found), not \(wanted)"
    }
}
