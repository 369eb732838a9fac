import Foundation

/// A deliberately small evaluator for VPC endpoint policies (NET010). Endpoint policies are resource-based
/// policies attached to the endpoint; a request through the endpoint must be allowed by it
/// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
///
/// What it does, and what it assumes:
/// - No policy document: the default endpoint policy, which allows everything.
/// - A statement matches when its principal, action and resource match the request. `Principal: "*"` and
///   `{"AWS": "*"}` match anyone; `{"Service": …}` matches that service; `{"AWS": …}` matches the role ARN or its
///   account (id or `:root`). Actions match case-insensitively with `*` and `?` wildcards; `NotAction` and
///   `NotResource` invert the match. Resources match case-sensitively with wildcards.
/// - An explicit `Deny` that matches wins; otherwise a matching `Allow` allows; otherwise the request is
///   implicitly denied.
/// - An `Allow` whose `Condition` requires a principal-identity key (`aws:PrincipalOrgID`, `aws:PrincipalAccount`,
///   `aws:PrincipalOrgPaths`, `aws:PrincipalArn`, `aws:PrincipalTag/…`) never matches a call made by an AWS
///   service principal: those keys are not in the request context of a service principal's call
///   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid).
///   Only the `…IfExists` operators match a missing key. When nothing else allows the call, the answer is
///   `unmatchable`, naming those statements.
/// - What it cannot decide makes the answer `conditional` (reported as a warning, not a failure): a statement
///   with a `Condition`, `NotPrincipal`, a specific resource when the request's resource is not known, a
///   specific AWS principal when the role is not known, or a document it cannot parse.
package enum EndpointPolicyEvaluator {
    /// Who makes the call through the endpoint.
    package enum Caller: Sendable, Hashable, CustomStringConvertible {
        /// A service principal, e.g. `lambda.amazonaws.com`.
        case service(String)
        /// An IAM role (the execution role); nil when its ARN is not known.
        case role(String?)

        package var description: String {
            switch self {
            case .service(let name): name
            case .role(let arn): arn ?? "the execution role"
            }
        }
    }

    /// One call to evaluate.
    package struct Request: Sendable, Hashable {
        package var action: String
        package var caller: Caller
        /// The resource ARN, when known.
        package var resource: String?

        package init(action: String, caller: Caller, resource: String?) {
            self.action = action
            self.caller = caller
            self.resource = resource
        }
    }

    package enum Decision: Sendable, Hashable {
        /// Allowed by these statements (`#index` or `Sid`), or by the default policy when empty.
        case allowed([String])
        case explicitDeny([String])
        /// No statement allows it.
        case implicitDeny
        /// No statement allows it, and the Allow statements that would have are conditioned on keys the caller's
        /// request never carries; the strings say which.
        case unmatchable([String])
        /// The answer depends on what the evaluator cannot see; `reason` says what.
        case conditional(reason: String)
    }

    enum Match {
        case yes, no
        case unknown(String)
        /// The statement would match but for a condition the caller can never meet (why).
        case never(String)
    }

    /// Condition keys a service principal's request does not carry.
    static let principalIdentityKeys = [
        "aws:principalorgid", "aws:principalaccount", "aws:principalorgpaths", "aws:principalarn",
    ]

    /// The first principal-identity key a condition block requires (with an operator that fails on a missing
    /// key), or nil.
    static func requiredPrincipalKey(_ condition: JSONValue) -> String? {
        for (operation, block) in condition.objectValue ?? [:] {
            let op = operation.lowercased()
            if op.hasSuffix("ifexists") || op == "null" { continue }
            for key in (block.objectValue ?? [:]).keys {
                let lowered = key.lowercased()
                if principalIdentityKeys.contains(lowered) || lowered.hasPrefix("aws:principaltag/") { return key }
            }
        }
        return nil
    }

    package static func evaluate(policyDocument: String?, request: Request) -> Decision {
        guard let text = policyDocument, !text.trimmingWhitespaceAndNewlines().isEmpty else {
            return .allowed([])
        }
        guard let document = try? JSONValue.parse(text),
            let statementValue = document["Statement"]
        else {
            return .conditional(reason: "the policy document is not a JSON policy with a Statement")
        }
        let statements: [JSONValue] = statementValue.arrayValue ?? [statementValue]
        var allows: [String] = []
        var denies: [String] = []
        var uncertain: [String] = []
        var never: [String] = []
        for (index, statement) in statements.enumerated() {
            let label = statement["Sid"]?.stringValue.map { "Sid \($0)" } ?? "statement #\(index + 1)"
            let effect = statement["Effect"]?.stringValue ?? ""
            let match = matches(statement, request: request)
            switch match {
            case .no:
                continue
            case .unknown(let why):
                uncertain.append("\(label) (\(effect)): \(why)")
            case .never(let why):
                // A Deny that cannot match denies nothing; an Allow that cannot match allows nothing.
                if effect == "Allow" { never.append("\(label): \(why)") }
            case .yes:
                if effect == "Deny" {
                    denies.append(label)
                } else if effect == "Allow" {
                    allows.append(label)
                }
            }
        }
        if !denies.isEmpty { return .explicitDeny(denies) }
        if !uncertain.isEmpty {
            return .conditional(reason: uncertain.joined(separator: "; "))
        }
        if !allows.isEmpty { return .allowed(allows) }
        if !never.isEmpty { return .unmatchable(never) }
        return .implicitDeny
    }

    static func matches(_ statement: JSONValue, request: Request) -> Match {
        if statement["NotPrincipal"] != nil { return .unknown("NotPrincipal is not evaluated") }
        let principal = principalMatch(statement["Principal"], caller: request.caller)
        if case .no = principal { return .no }
        let action = listMatch(
            statement["Action"], statement["NotAction"], value: request.action, caseSensitive: false)
        if case .no = action { return .no }
        var resource: Match = .yes
        if let arn = request.resource {
            resource = listMatch(statement["Resource"], statement["NotResource"], value: arn, caseSensitive: true)
        } else {
            let patterns = strings(statement["Resource"])
            if statement["NotResource"] != nil || (!patterns.isEmpty && !patterns.contains("*")) {
                resource = .unknown("the statement names resources and the request's resource ARN is not known")
            }
        }
        if case .no = resource { return .no }
        if let condition = statement["Condition"], condition.objectValue?.isEmpty == false {
            if case .service(let name) = request.caller, let key = requiredPrincipalKey(condition) {
                return .never(
                    "its Condition requires \(key), which a call by the service principal \(name) never carries")
            }
            return .unknown("its Condition is not evaluated")
        }
        for part in [principal, action, resource] {
            if case .unknown = part { return part }
        }
        return .yes
    }

    static func principalMatch(_ value: JSONValue?, caller: Caller) -> Match {
        guard let value else { return .no }
        if value.stringValue == "*" { return .yes }
        guard let object = value.objectValue else { return .no }
        let aws = strings(object["AWS"])
        if aws.contains("*") { return .yes }
        switch caller {
        case .service(let name):
            return strings(object["Service"]).contains(name) ? .yes : .no
        case .role(let arn):
            guard !aws.isEmpty else { return .no }
            guard let arn else { return .unknown("it names AWS principals and the execution role ARN is not known") }
            let account = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(
                String.init)
            for principal in aws {
                if principal == arn { return .yes }
                if let account, principal == account || principal.hasSuffix(":\(account):root") { return .yes }
            }
            return .no
        }
    }

    static func listMatch(_ positive: JSONValue?, _ negative: JSONValue?, value: String, caseSensitive: Bool) -> Match {
        if let positive {
            return strings(positive).contains { wildcard($0, matches: value, caseSensitive: caseSensitive) }
                ? .yes : .no
        }
        if let negative {
            return strings(negative).contains { wildcard($0, matches: value, caseSensitive: caseSensitive) }
                ? .no : .yes
        }
        return .no
    }

    static func strings(_ value: JSONValue?) -> [String] {
        guard let value else { return [] }
        if let text = value.stringValue { return [text] }
        return value.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// IAM wildcard matching: `*` any run of characters, `?` exactly one.
    package static func wildcard(_ pattern: String, matches value: String, caseSensitive: Bool) -> Bool {
        let p = Array(caseSensitive ? pattern : pattern.lowercased())
        let v = Array(caseSensitive ? value : value.lowercased())
        var pi = 0
        var vi = 0
        var star = -1
        var mark = 0
        while vi < v.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == v[vi]) {
                pi += 1
                vi += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = vi
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                vi = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
