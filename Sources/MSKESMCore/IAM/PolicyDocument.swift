/// An IAM policy document: identity policy, permissions boundary or trust policy, as parsed by
/// `PolicyDocumentReader`. Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
public struct PolicyDocument: Sendable, Equatable {
    /// The policy language version. Only 2012-10-17 substitutes policy variables such as `${aws:username}`;
    /// under 2008-10-17 (the default when `Version` is absent) they are literal text.
    public enum Version: String, Sendable, Equatable {
        case v2012 = "2012-10-17"
        case v2008 = "2008-10-17"
    }

    /// The name findings and results use for this document (a policy name or the file name).
    public var name: String
    /// The document's `Version`; it decides whether policy variables are substituted.
    public var version: Version
    /// The `Statement` list, in document order.
    public var statements: [PolicyStatement]

    /// A document named `name` (the name findings use) with its statements.
    public init(name: String, version: Version = .v2012, statements: [PolicyStatement]) {
        self.name = name
        self.version = version
        self.statements = statements
    }

    /// Whether `${…}` in resources and condition values are policy variables.
    public var substitutesVariables: Bool { version == .v2012 }
}

/// One statement of a policy document.
public struct PolicyStatement: Sendable, Equatable {
    /// A statement's `Effect`: `Allow` grants what it matches, `Deny` refuses it whatever else allows it.
    public enum Effect: String, Sendable, Equatable, Codable {
        case allow = "Allow"
        case deny = "Deny"
    }

    /// A list element that is either positive (`Action`, `Resource`, `Principal`) or negated (`NotAction`,
    /// `NotResource`, `NotPrincipal`).
    public struct Matcher<Value: Sendable & Equatable>: Sendable, Equatable {
        /// The patterns or principals listed.
        public var values: [Value]
        /// True for the `Not…` form: the statement matches what none of `values` matches.
        public var negated: Bool

        /// A matcher of `values`, negated for `NotAction`, `NotResource` or `NotPrincipal`.
        public init(_ values: [Value], negated: Bool = false) {
            self.values = values
            self.negated = negated
        }
    }

    /// The statement's `Sid`, if it has one; findings name the statement by it.
    public var sid: String?
    /// The statement's position in its document's `Statement` list (0 when `Statement` is an object).
    public var index: Int
    /// Whether the statement allows or denies what it matches.
    public var effect: Effect
    /// `Action` or `NotAction` patterns.
    public var actions: Matcher<String>
    /// `Resource` or `NotResource` patterns; nil in trust policies, which name no resource.
    public var resources: Matcher<String>?
    /// `Principal` or `NotPrincipal` (trust and resource policies only).
    public var principals: Matcher<PolicyPrincipal>?
    /// The `Condition` block: all clauses must hold (AND across operators and keys).
    public var conditions: [ConditionClause]

    /// A statement with the given elements; `resources` nil for a trust policy.
    public init(
        sid: String? = nil, index: Int = 0, effect: Effect, actions: Matcher<String>,
        resources: Matcher<String>? = nil, principals: Matcher<PolicyPrincipal>? = nil,
        conditions: [ConditionClause] = []
    ) {
        self.sid = sid
        self.index = index
        self.effect = effect
        self.actions = actions
        self.resources = resources
        self.principals = principals
        self.conditions = conditions
    }
}

/// One principal of a `Principal` element: `"*"`, or a type (`AWS`, `Service`, `Federated`,
/// `CanonicalUser`) with an identifier.
public struct PolicyPrincipal: Sendable, Equatable, Hashable {
    /// `*` for the anonymous wildcard `"Principal": "*"`.
    public var type: String
    /// The principal's identifier, e.g. `lambda.amazonaws.com` for a `Service` principal or an account ARN for `AWS`.
    public var identifier: String

    /// A principal of `type` (`AWS`, `Service`, …) with its identifier.
    public init(type: String, identifier: String) {
        self.type = type
        self.identifier = identifier
    }

    /// The wildcard principal `"*"`: anyone.
    public static let anyone = PolicyPrincipal(type: "*", identifier: "*")
}

/// One `operator: {key: values}` pair of a `Condition` block.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
public struct ConditionClause: Sendable, Equatable {
    /// The operator, e.g. `StringEquals` or `ForAnyValue:StringLike`.
    public var conditionOperator: ConditionOperator
    /// The condition key as written (keys compare case-insensitively).
    public var key: String
    /// The policy's values: any one may match (OR within values).
    public var values: [String]

    /// A clause testing `key` with `conditionOperator` against `values`.
    public init(conditionOperator: ConditionOperator, key: String, values: [String]) {
        self.conditionOperator = conditionOperator
        self.key = key
        self.values = values
    }
}

/// A condition operator with its set qualifier (`ForAllValues:` / `ForAnyValue:`) and `…IfExists` suffix.
public struct ConditionOperator: Sendable, Equatable, CustomStringConvertible {
    /// The set operators for multivalued keys: `ForAllValues:` (every request value must match) or `ForAnyValue:`
    /// (at least one must).
    public enum SetQualifier: String, Sendable, Equatable {
        case forAllValues = "ForAllValues"
        case forAnyValue = "ForAnyValue"
    }

    /// The operator families and their members, without the negation.
    public enum Base: String, Sendable, Equatable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringLike = "StringLike"
        case numericEquals = "NumericEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case null = "Null"
    }

    /// `ForAllValues:` or `ForAnyValue:`, or nil for a single-valued comparison.
    public var qualifier: SetQualifier?
    /// The operator family, without negation or qualifier (e.g. `stringEquals` for `StringNotEqualsIfExists`).
    public var base: Base
    /// `StringNotEquals`, `NotIpAddress`, `ArnNotLike`, …: true when no policy value matches.
    public var negated: Bool
    /// The `…IfExists` suffix: the clause holds when the key is absent from the request.
    public var ifExists: Bool

    /// An operator assembled from its parts: `ForAnyValue:StringNotLike` is `.forAnyValue`, `.stringLike`,
    /// negated.
    public init(qualifier: SetQualifier? = nil, base: Base, negated: Bool = false, ifExists: Bool = false) {
        self.qualifier = qualifier
        self.base = base
        self.negated = negated
        self.ifExists = ifExists
    }

    /// The negated spellings AWS accepts (there is no `NotNull`, `NotBool` or `NotBinaryEquals`).
    static let negatedNames: [String: Base] = [
        "StringNotEquals": .stringEquals, "StringNotEqualsIgnoreCase": .stringEqualsIgnoreCase,
        "StringNotLike": .stringLike, "NumericNotEquals": .numericEquals, "DateNotEquals": .dateEquals,
        "NotIpAddress": .ipAddress, "ArnNotEquals": .arnEquals, "ArnNotLike": .arnLike,
    ]

    /// Parses an operator name such as `ForAnyValue:StringNotLikeIfExists`; nil when AWS would not know it.
    public init?(parsing name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        if let colon = rest.firstIndex(of: ":") {
            guard let parsed = SetQualifier(rawValue: String(rest[..<colon])) else { return nil }
            qualifier = parsed
            rest = rest[rest.index(after: colon)...]
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        if let base = Base(rawValue: String(rest)) {
            self.init(qualifier: qualifier, base: base, negated: false, ifExists: ifExists)
        } else if let base = Self.negatedNames[String(rest)] {
            self.init(qualifier: qualifier, base: base, negated: true, ifExists: ifExists)
        } else {
            return nil
        }
        // `Null` checks presence itself: it takes no IfExists.
        if base == .null && (ifExists || negated) { return nil }
    }

    public var description: String {
        var name = base.rawValue
        if negated {
            name = Self.negatedNames.first { $0.value == base }?.key ?? name
        }
        if ifExists { name += "IfExists" }
        if let qualifier { name = qualifier.rawValue + ":" + name }
        return name
    }
}
