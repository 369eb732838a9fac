/// Checks an execution role against everything its event source mapping needs (IAM001–IAM008): derives
/// the required permissions (`MappingPermissions.required`), evaluates each with `PolicyEvaluator` (identity
/// policies and permissions boundary) and the trust policy for lambda.amazonaws.com, and returns findings
/// with fixes — the least-privilege statement to add, as an `aws iam put-role-policy` command.
public struct MappingPermissionCheck: Sendable {
    /// The mapping, its role's policies and its resources, which the required permissions are derived from.
    public var context: MappingPermissionContext

    /// The outcome for one required permission.
    public struct Outcome: Sendable, Equatable {
        /// The permission the mapping needs.
        public var permission: RequiredPermission
        /// The evaluation of the action that decided (the first allowed alternative, else the first).
        public var evaluation: PolicyEvaluation
    }

    /// A check of the role described by `context`.
    public init(context: MappingPermissionContext) {
        self.context = context
    }

    /// Every required permission with its evaluation. Lambda's requests are evaluated without context keys,
    /// so a condition makes the outcome `conditional`.
    public func outcomes() -> [Outcome] {
        let evaluator = PolicyEvaluator(policies: context.identityPolicies, boundary: context.permissionsBoundary)
        return MappingPermissions.required(for: context).map { permission in
            let evaluations = permission.actions.map { evaluator.evaluate(action: $0, resource: permission.resource) }
            let chosen =
                evaluations.first { $0.decision == .allowed } ?? evaluations.first { $0.decision == .conditional }
                ?? evaluations[0]
            return Outcome(permission: permission, evaluation: chosen)
        }
    }

    /// The grants that would make every implicitly denied permission allowed by the identity policies.
    package func missingGrants() -> [PolicySuggestion.Grant] {
        outcomes().filter { $0.evaluation.identity.decision == .implicitDeny }.map {
            PolicySuggestion.Grant(action: $0.permission.actions[0], resource: $0.permission.resource)
        }
    }

    /// The least-privilege policy document adding exactly what the identity policies lack; nil when nothing is.
    public func suggestedPolicy() -> JSONValue? {
        let grants = missingGrants()
        guard !grants.isEmpty else { return nil }
        return PolicySuggestion.document(PolicySuggestion.statements(for: grants))
    }

    /// The statements the permissions boundary lacks for the permissions the identity policies grant but the
    /// boundary blocks; nil when it blocks none.
    public func suggestedBoundary() -> [JSONValue]? {
        let grants = outcomes().filter {
            $0.evaluation.identity.decision != .implicitDeny && $0.evaluation.blockedByBoundary
        }
        .map { PolicySuggestion.Grant(action: $0.permission.actions[0], resource: $0.permission.resource) }
        return grants.isEmpty ? nil : PolicySuggestion.statements(for: grants, sidPrefix: "MskEsmBoundary")
    }

    /// The findings: one per required permission (pass when allowed), plus the trust policy (IAM004).
    public func findings() -> [Finding] {
        let outcomes = outcomes()
        var findings: [Finding] = []
        // Suggestions are grouped by purpose, so every finding of one purpose carries the same fix that adds
        // all of that purpose's missing grants in one inline policy.
        var grantsByPurpose: [RequiredPermission.Purpose: [PolicySuggestion.Grant]] = [:]
        var boundaryGrants: [PolicySuggestion.Grant] = []
        for outcome in outcomes {
            let grant = PolicySuggestion.Grant(
                action: outcome.permission.actions[0], resource: outcome.permission.resource)
            if outcome.evaluation.identity.decision == .implicitDeny {
                grantsByPurpose[outcome.permission.purpose, default: []].append(grant)
            } else if outcome.evaluation.blockedByBoundary {
                boundaryGrants.append(grant)
            }
        }
        for outcome in outcomes {
            findings.append(finding(outcome, grantsByPurpose: grantsByPurpose, boundaryGrants: boundaryGrants))
        }
        findings.append(trustFinding())
        return findings
    }

    func finding(
        _ outcome: Outcome, grantsByPurpose: [RequiredPermission.Purpose: [PolicySuggestion.Grant]],
        boundaryGrants: [PolicySuggestion.Grant]
    ) -> Finding {
        let permission = outcome.permission
        let evaluation = outcome.evaluation
        let actionText = permission.actions.joined(separator: " or ")
        var evidence: [String: JSONValue] = [
            "actions": .array(permission.actions.map { .string($0) }),
            "resource": .string(permission.resource),
            "decision": .string(evaluation.decision.rawValue),
            "statements": .array(evaluation.statements.map(\.jsonValue)),
        ]
        switch evaluation.decision {
        case .allowed:
            return Finding(
                code: permission.purpose.code, severity: .pass,
                title: "\(actionText) allowed on \(permission.resource)",
                detail: permission.reason, evidence: evidence)
        case .explicitDeny where !evaluation.blockedByBoundary:
            let names = evaluation.statements.map(\.label).joined(separator: ", ")
            return Finding(
                code: .iam002, severity: .fail,
                title: "an explicit Deny blocks \(actionText) on \(permission.resource)",
                detail: "\(permission.reason). Denied by \(names); an explicit Deny wins over every Allow.",
                fix:
                    "remove the Deny statement (\(names)) or narrow it so it no longer covers \(permission.actions[0]) on \(permission.resource)",
                evidence: evidence)
        case .explicitDeny where evaluation.blockedByBoundary, .implicitDeny where evaluation.blockedByBoundary:
            let statements = PolicySuggestion.statements(for: boundaryGrants, sidPrefix: "MskEsmBoundary")
            let how =
                evaluation.decision == .explicitDeny
                ? "denies it (\(evaluation.statements.map(\.label).joined(separator: ", ")))"
                : "does not allow it"
            evidence["boundary"] = .string(context.permissionsBoundary?.name ?? "")
            // The snapshot names the boundary by its ARN when it knows it.
            let boundaryName = context.permissionsBoundary?.name ?? ""
            let boundaryArn = boundaryName.hasPrefix("arn:") ? boundaryName : "<boundary-policy-arn>"
            return Finding(
                code: .iam003, severity: .fail,
                title: "the permissions boundary blocks \(actionText) on \(permission.resource)",
                detail: "\(permission.reason). The role's policies allow it, but the permissions boundary "
                    + "(\(context.permissionsBoundary?.name ?? "")) \(how); an action needs both.",
                fix: evaluation.decision == .explicitDeny
                    ? "remove or narrow the boundary's Deny statement"
                    : "add to the permissions boundary policy (aws iam create-policy-version --policy-arn "
                        + boundaryArn + " --set-as-default --policy-document file://boundary.json): "
                        + PolicySuggestion.json(.array(statements)),
                evidence: evidence)
        case .implicitDeny, .explicitDeny:
            let statements = PolicySuggestion.statements(
                for: grantsByPurpose[permission.purpose] ?? [],
                sidPrefix: "MskEsm" + permission.purpose.rawValue.capitalizedFirst)
            let title: String
            switch permission.purpose {
            case .consumerGroup:
                title =
                    "the group resources do not cover the consumer group \(context.consumerGroup): "
                    + "\(actionText) is not allowed on \(permission.resource)"
            case .secretKey:
                title = "kms:Decrypt is not allowed on the secret's key \(permission.resource)"
            case .onFailureDestination:
                title = "\(actionText) is not allowed on the on-failure destination \(permission.resource)"
            default:
                title = "\(actionText) is not allowed on \(permission.resource)"
            }
            return Finding(
                // IAM009 rests on an inference (MappingPermissions), so it warns where the others fail.
                code: permission.purpose.code, severity: permission.purpose == .webIdentityToken ? .warn : .fail,
                title: title,
                detail: "\(permission.reason). No Allow statement of the role's policies "
                    + "(\(context.identityPolicies.map(\.name).joined(separator: ", "))) covers it.",
                fix: PolicySuggestion.putRolePolicyCommand(
                    roleName: context.roleName, policyName: "msk-esm-" + permission.purpose.rawValue.kebabCased,
                    statements: statements),
                evidence: evidence)
        case .conditional:
            evidence["dependsOn"] = .array(evaluation.dependsOn.map { .string($0) })
            return Finding(
                code: .iam008, severity: .warn,
                title:
                    "\(actionText) on \(permission.resource) depends on \(evaluation.dependsOn.joined(separator: ", "))",
                detail: "\(permission.reason). The deciding statements "
                    + "(\(evaluation.statements.map(\.label).joined(separator: ", "))) have conditions on keys whose "
                    + "value in Lambda's request is not known offline.",
                fix: "check that the condition holds for Lambda's requests, or grant \(permission.actions[0]) on "
                    + "\(permission.resource) without the condition",
                evidence: evidence)
        }
    }

    /// IAM004: the trust policy must let lambda.amazonaws.com call sts:AssumeRole.
    /// https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
    func trustFinding() -> Finding {
        let statement: JSONValue = [
            "Effect": "Allow", "Principal": ["Service": "lambda.amazonaws.com"], "Action": "sts:AssumeRole",
        ]
        // Only the findings that fail or warn print the command: written for them alone, not for every passing
        // role (it took 1 % of linting a 500-resource template, Benchmarks/cases/lint-500.sh).
        var fix: String {
            "aws iam update-assume-role-policy --role-name \(PolicySuggestion.shellQuoted(context.roleName ?? "<role-name>")) "
                + "--policy-document \(PolicySuggestion.shellQuoted(PolicySuggestion.json(PolicySuggestion.document([statement]))))"
        }
        guard let trust = context.trustPolicy else {
            return Finding(
                code: .iam004, severity: .skipped, title: "the trust policy could not be read",
                detail: "without the role's AssumeRolePolicyDocument the trust check cannot run")
        }
        let roleArn = context.roleName.map { "arn:aws:iam::\(context.account):role/\($0)" } ?? "*"
        let evaluation = PolicyEvaluator(policies: [trust]).evaluate(
            action: "sts:AssumeRole", resource: roleArn,
            principal: PolicyPrincipal(type: "Service", identifier: "lambda.amazonaws.com"))
        let evidence: [String: JSONValue] = [
            "decision": .string(evaluation.decision.rawValue),
            "statements": .array(evaluation.statements.map(\.jsonValue)),
        ]
        switch evaluation.decision {
        case .allowed:
            return Finding(
                code: .iam004, severity: .pass, title: "the trust policy lets lambda.amazonaws.com assume the role",
                evidence: evidence)
        case .conditional:
            return Finding(
                code: .iam004, severity: .warn,
                title:
                    "lambda.amazonaws.com may assume the role only if \(evaluation.dependsOn.joined(separator: ", ")) match",
                detail: "the trust policy's conditions depend on keys whose value is not known offline",
                fix: "check the conditions, or use: \(fix)", evidence: evidence)
        case .explicitDeny, .implicitDeny:
            return Finding(
                code: .iam004, severity: .fail,
                title: "the trust policy does not let lambda.amazonaws.com assume the role",
                detail: evaluation.decision == .explicitDeny
                    ? "denied by \(evaluation.statements.map(\.label).joined(separator: ", "))"
                    : "no statement allows the service principal lambda.amazonaws.com to call sts:AssumeRole; "
                        + "Lambda cannot act as the execution role. The fix replaces the trust policy: keep any other "
                        + "statements it needs",
                fix: fix, evidence: evidence)
        }
    }
}

fileprivate extension String {
    /// `onFailureDestination` → `on-failure-destination`.
    var kebabCased: String {
        // ASCII (every purpose's name) byte by byte: Character's Unicode properties took 1 % of linting a
        // 500-resource template (Benchmarks/cases/lint-500.sh).
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            for byte in utf8 {
                if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
                    bytes += [UInt8(ascii: "-"), byte + 32]
                } else {
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var result = ""
        for character in self {
            if character.isUppercase {
                result += "-" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `dataPlane` → `DataPlane`.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
