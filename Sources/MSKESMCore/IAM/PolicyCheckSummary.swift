/// What `policy check` evaluated: the summary of its ``CheckReport`` (docs/output.md).
///
/// In JSON: `results` (one row per action and resource), `role` and `consumerGroup` when a mapping's role was
/// checked, and — when suggestions were asked for — `suggestion`, `boundarySuggestion` (each `null` when nothing
/// is missing) and `denyStatementsToRemove`.
public struct PolicyCheckSummary: ReportSummary {
    /// One evaluated action on one resource.
    public struct Result: Codable, Sendable, Equatable {
        /// The IAM action evaluated, e.g. `kafka-cluster:Connect`.
        public var action: String
        /// The resource ARN (or pattern) the action was evaluated on.
        public var resource: String
        /// Whether the policies allow the action on the resource.
        public var decision: PolicyDecision
        /// The statements that decided.
        public var statements: [StatementReference]
        /// Context keys a `conditional` decision depends on (empty otherwise).
        public var dependsOn: [String]
        /// What the mapping needs the permission for, when a mapping's role was checked.
        public var purpose: RequiredPermission.Purpose?

        /// A result row as `policy check` prints it.
        public init(
            action: String, resource: String, decision: PolicyDecision, statements: [StatementReference],
            dependsOn: [String], purpose: RequiredPermission.Purpose? = nil
        ) {
            self.action = action
            self.resource = resource
            self.decision = decision
            self.statements = statements
            self.dependsOn = dependsOn
            self.purpose = purpose
        }

        init(_ evaluation: PolicyEvaluation, purpose: RequiredPermission.Purpose? = nil) {
            self.init(
                action: evaluation.action, resource: evaluation.resource, decision: evaluation.decision,
                statements: evaluation.statements, dependsOn: evaluation.dependsOn, purpose: purpose)
        }
    }

    /// The least-privilege changes that would make every evaluated pair allowed.
    public struct Suggestions: Sendable, Equatable {
        /// The identity policy to add, granting the implicitly denied pairs; nil when nothing is missing.
        public var policy: JSONValue?
        /// The statements the permissions boundary lacks; nil when the boundary blocks nothing.
        public var boundaryStatements: [JSONValue]?
        /// The explicit Deny statements, which no added Allow can override.
        public var denyStatementsToRemove: [StatementReference]

        /// The suggestions; a `policy` of `JSONValue.null` is stored as nil.
        public init(policy: JSONValue?, boundaryStatements: [JSONValue]?, denyStatementsToRemove: [StatementReference])
        {
            self.policy = policy
            self.boundaryStatements = boundaryStatements
            self.denyStatementsToRemove = denyStatementsToRemove
        }
    }

    /// One row per action and resource, in the order they were evaluated.
    public var results: [Result]
    /// The execution role's name, when a mapping's role was checked.
    public var role: String?
    /// The consumer group the `kafka-cluster:*Group*` actions were evaluated on.
    public var consumerGroup: String?
    /// Present when suggestions were asked for (`--suggest`).
    public var suggestions: Suggestions?

    /// A summary of `results`, with the role, the consumer group and the suggestions when they apply.
    public init(results: [Result], role: String? = nil, consumerGroup: String? = nil, suggestions: Suggestions? = nil) {
        self.results = results
        self.role = role
        self.consumerGroup = consumerGroup
        self.suggestions = suggestions
    }

    enum CodingKeys: String, CodingKey {
        case results, role, consumerGroup, suggestion, boundarySuggestion, denyStatementsToRemove
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        results = try container.decodeIfPresent([Result].self, forKey: .results) ?? []
        role = try container.decodeIfPresent(String.self, forKey: .role)
        consumerGroup = try container.decodeIfPresent(String.self, forKey: .consumerGroup)
        if container.contains(.suggestion) || container.contains(.denyStatementsToRemove) {
            let policy = try container.decodeIfPresent(JSONValue.self, forKey: .suggestion)
            let boundary = try container.decodeIfPresent([JSONValue].self, forKey: .boundarySuggestion)
            suggestions = Suggestions(
                policy: policy == .null ? nil : policy, boundaryStatements: boundary,
                denyStatementsToRemove: try container.decodeIfPresent(
                    [StatementReference].self, forKey: .denyStatementsToRemove) ?? [])
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(results, forKey: .results)
        try container.encodeIfPresent(role, forKey: .role)
        try container.encodeIfPresent(consumerGroup, forKey: .consumerGroup)
        if let suggestions {
            // Asked for and nothing to suggest is an explicit null, so a script can tell it from "not asked".
            try container.encode(suggestions.policy ?? .null, forKey: .suggestion)
            try container.encode(
                suggestions.boundaryStatements.map(JSONValue.array) ?? .null, forKey: .boundarySuggestion)
            try container.encode(suggestions.denyStatementsToRemove, forKey: .denyStatementsToRemove)
        }
    }
}
