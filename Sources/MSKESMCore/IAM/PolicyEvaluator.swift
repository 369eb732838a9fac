/// The answer for one action on one resource (`policy check`, docs/findings.md#the-report-document).
public enum PolicyDecision: String, Codable, Sendable, CaseIterable {
    /// Some Allow statement applies and no Deny does.
    case allowed
    /// A Deny statement applies: it wins over every Allow.
    case explicitDeny
    /// No Allow statement applies (or the permissions boundary allows nothing for it).
    case implicitDeny
    /// The answer depends on request context keys that were not given.
    case conditional
}

/// A statement that took part in a decision: `{policy, sid, index, effect}`.
public struct StatementReference: Codable, Sendable, Equatable, Hashable {
    /// The name of the policy document the statement belongs to.
    public var policy: String
    /// The statement's `Sid`, nil (JSON `null`) when it has none.
    public var sid: String?
    /// The statement's position in its document's `Statement` list.
    public var index: Int
    /// The statement's `Allow` or `Deny`.
    public var effect: PolicyStatement.Effect

    /// A reference to statement `index` of policy `policy`.
    public init(policy: String, sid: String?, index: Int, effect: PolicyStatement.Effect) {
        self.policy = policy
        self.sid = sid
        self.index = index
        self.effect = effect
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(policy, forKey: .policy)
        try container.encode(sid, forKey: .sid)  // null when the statement has no Sid
        try container.encode(index, forKey: .index)
        try container.encode(effect, forKey: .effect)
    }

    /// The reference as `encode(to:)` writes it, built directly: an encode-and-parse round trip per finding
    /// took 4 % of linting a 500-resource template (Benchmarks/cases/lint-500.sh).
    public var jsonValue: JSONValue {
        [
            "policy": .string(policy), "sid": sid.map(JSONValue.string) ?? .null, "index": .number(Double(index)),
            "effect": .string(effect.rawValue),
        ]
    }

    /// `policy` statement `Sid` (or `#index`), for text output.
    public var label: String { "\(policy) statement \(sid.map { "\"\($0)\"" } ?? "#\(index)")" }
}

/// The decision of one set of policies (the identity policies, or the boundary) for one request.
public struct PolicySetDecision: Sendable, Equatable {
    /// What this set of policies says alone.
    public var decision: PolicyDecision
    /// The deciding statements: the Deny statements for `explicitDeny`, the Allow statements for `allowed`,
    /// every statement that may apply for `conditional`; empty for `implicitDeny`.
    public var statements: [StatementReference]
    /// The context keys the answer depends on (for `conditional`).
    public var dependsOn: [String]
}

/// The result of evaluating one action on one resource.
public struct PolicyEvaluation: Sendable, Equatable {
    /// The IAM action evaluated.
    public var action: String
    /// The resource ARN the action was evaluated on.
    public var resource: String
    /// The overall decision, identity policies and permissions boundary combined.
    public var decision: PolicyDecision
    /// The statements that decided it (see ``PolicySetDecision/statements``).
    public var statements: [StatementReference]
    /// The context keys a `conditional` decision depends on, sorted.
    public var dependsOn: [String]
    /// The identity policies' own decision.
    public var identity: PolicySetDecision
    /// The permissions boundary's decision, when there is one.
    public var boundary: PolicySetDecision?

    /// Whether the identity policies allow it and the boundary is what blocks it (IAM003).
    public var blockedByBoundary: Bool {
        guard let boundary else { return false }
        return identity.decision != .explicitDeny && identity.decision != .implicitDeny
            && (boundary.decision == .explicitDeny || boundary.decision == .implicitDeny)
    }
}

/// The offline counterpart of `aws iam simulate-custom-policy` for identity policies, following AWS's
/// evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
/// an explicit Deny in any policy wins; otherwise an Allow is needed; with a permissions boundary the
/// request is allowed only if the identity policies and the boundary both allow it.
/// Actions compare case-insensitively, resources case-sensitively, both with `*` and `?` wildcards.
public struct PolicyEvaluator: Sendable {
    /// The identity policies, inline and attached; an Allow in any of them grants.
    public var policies: [PolicyDocument]
    /// The permissions boundary, which caps what the identity policies can allow; nil when the role has none.
    public var boundary: PolicyDocument?

    /// An evaluator of `policies` under an optional `boundary`.
    public init(policies: [PolicyDocument], boundary: PolicyDocument? = nil) {
        self.policies = policies
        self.boundary = boundary
    }

    /// Evaluates `action` on `resource`. `principal` is only matched by statements that name principals
    /// (trust policies); identity policy statements have none.
    public func evaluate(
        action: String, resource: String, context: RequestContext = RequestContext(), principal: PolicyPrincipal? = nil
    ) -> PolicyEvaluation {
        let identity = Self.decide(policies, action: action, resource: resource, context: context, principal: principal)
        let boundaryDecision = boundary.map {
            Self.decide([$0], action: action, resource: resource, context: context, principal: principal)
        }
        var decision = identity.decision
        var statements = identity.statements
        var dependsOn = identity.dependsOn
        if let boundaryDecision {
            switch (identity.decision, boundaryDecision.decision) {
            case (.explicitDeny, _):
                break
            case (_, .explicitDeny):
                decision = .explicitDeny
                statements = boundaryDecision.statements
                dependsOn = []
            case (.implicitDeny, _):
                break
            case (_, .implicitDeny):
                decision = .implicitDeny
                statements = []
                dependsOn = []
            case (.allowed, .allowed):
                statements += boundaryDecision.statements
            default:
                decision = .conditional
                statements += boundaryDecision.statements
                dependsOn = Array(Set(dependsOn).union(boundaryDecision.dependsOn)).sorted()
            }
        }
        return PolicyEvaluation(
            action: action, resource: resource, decision: decision, statements: statements, dependsOn: dependsOn,
            identity: identity, boundary: boundaryDecision)
    }

    static func decide(
        _ documents: [PolicyDocument], action: String, resource: String, context: RequestContext,
        principal: PolicyPrincipal?
    ) -> PolicySetDecision {
        var allowYes: [StatementReference] = []
        var allowMaybe: [(StatementReference, Set<String>)] = []
        var denyYes: [StatementReference] = []
        var denyMaybe: [(StatementReference, Set<String>)] = []
        for document in documents {
            for statement in document.statements {
                let applies = Self.applies(
                    statement, action: action, resource: resource, context: context, principal: principal,
                    variables: document.substitutesVariables)
                let reference = StatementReference(
                    policy: document.name, sid: statement.sid, index: statement.index, effect: statement.effect)
                switch (statement.effect, applies) {
                case (_, .no): continue
                case (.allow, .yes): allowYes.append(reference)
                case (.deny, .yes): denyYes.append(reference)
                case (.allow, .unknown(let keys)): allowMaybe.append((reference, keys))
                case (.deny, .unknown(let keys)): denyMaybe.append((reference, keys))
                }
            }
        }
        if !denyYes.isEmpty {
            return PolicySetDecision(decision: .explicitDeny, statements: denyYes, dependsOn: [])
        }
        if !allowYes.isEmpty && denyMaybe.isEmpty {
            return PolicySetDecision(decision: .allowed, statements: allowYes, dependsOn: [])
        }
        if allowYes.isEmpty && allowMaybe.isEmpty {
            return PolicySetDecision(decision: .implicitDeny, statements: [], dependsOn: [])
        }
        var keys = Set(denyMaybe.flatMap(\.1))
        if allowYes.isEmpty { keys.formUnion(allowMaybe.flatMap(\.1)) }
        return PolicySetDecision(
            decision: .conditional, statements: allowYes + allowMaybe.map(\.0) + denyMaybe.map(\.0),
            dependsOn: keys.sorted())
    }

    /// Whether one statement applies to the request.
    static func applies(
        _ statement: PolicyStatement, action: String, resource: String, context: RequestContext,
        principal: PolicyPrincipal?, variables: Bool
    ) -> Tristate {
        let actionMatch = statement.actions.values.contains {
            WildcardPattern.matches(pattern: $0, value: action, ignoringCase: true)
        }
        guard actionMatch != statement.actions.negated else { return .no }
        var result = Tristate.yes
        if let resources = statement.resources {
            var any = Tristate.no
            for pattern in resources.values {
                any = any || resourceMatches(pattern, resource, context: context, variables: variables)
                if any == .yes { break }
            }
            result = resources.negated ? !any : any
            if result == .no { return .no }
        }
        if let principals = statement.principals {
            let any = principal.map { given in principals.values.contains { principalMatches($0, given) } } ?? false
            if any == principals.negated { return .no }
        }
        return result && ConditionEvaluator.evaluate(statement.conditions, context: context, variables: variables)
    }

    static func resourceMatches(_ pattern: String, _ resource: String, context: RequestContext, variables: Bool)
        -> Tristate
    {
        if !variables || !WildcardPattern.containsVariable(pattern) {
            return Tristate(WildcardPattern.matches(pattern: pattern, value: resource))
        }
        let substituted = PolicyVariables.substitute(pattern, enabled: variables, context: context)
        guard let tokens = substituted.tokens else { return .no }
        let matches = WildcardPattern(tokens: tokens).matches(resource)
        if !matches { return .no }
        return substituted.unresolved.isEmpty ? .yes : .unknown(substituted.unresolved)
    }

    static func principalMatches(_ pattern: PolicyPrincipal, _ given: PolicyPrincipal) -> Bool {
        // "*" and {"AWS": "*"} both mean every principal.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
        if pattern.type == "*" || (pattern.type == "AWS" && pattern.identifier == "*") { return true }
        guard pattern.type.lowercased() == given.type.lowercased() else { return false }
        if pattern.identifier == "*" { return true }
        if pattern.type == "Service" { return pattern.identifier.lowercased() == given.identifier.lowercased() }
        return pattern.identifier == given.identifier
    }
}
