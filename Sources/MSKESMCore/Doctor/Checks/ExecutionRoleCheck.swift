import Foundation

/// IAM001–IAM008: the execution role against everything the mapping needs (``MappingPermissionCheck``): the
/// cluster and network-interface actions, logs, the IAM-auth data plane with the consumer group, the secrets
/// and their customer-managed keys, the on-failure destination, the permissions boundary and the trust policy.
/// Needs `Role` and `RolePolicies`; when the snapshot says some policies could not be read (an `Errors` entry
/// of an IAM policy call), a missing Allow is reported `skipped`, since an unread policy might grant it.
public struct ExecutionRoleCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `execution-role`, as listed in `summary.checks`.
    public let name = "execution-role"
    /// IAM001–IAM009, and REG005 for a Glue schema registry's permissions.
    public var codes: [FindingCode] { FindingCode.iamCodes + [.reg005] }
    /// The role (`Role`) and its policies (`RolePolicies`).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.role, .rolePolicies] }

    /// The IAM findings, with a missing Allow reported `skipped` when some of the role's policies could not be read.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let permissions = try context.mappingPermissionContext()
        var findings = MappingPermissionCheck(context: permissions.context).findings()
        let unread = context.snapshot.errors(for: .rolePolicies).filter { $0.call != "iam.GetRole" }
        if !unread.isEmpty {
            let why = unread.map { "\($0.call): \($0.message.prefix(120))" }.joined(separator: "; ")
            findings = findings.map { finding in
                guard finding.severity == .fail, finding.evidence["decision"] == "implicitDeny",
                    ![FindingCode.iam002.code, FindingCode.iam003.code].contains(finding.code)
                else { return finding }
                var skipped = finding
                skipped.severity = .skipped
                skipped.detail +=
                    " Some of the role's policies could not be read (\(why)); one of them may allow it."
                return skipped
            }
        }
        return findings + permissions.unknowns
    }
}

extension ExecutionRoleCheck {
    /// `policy check --snapshot`: the execution role of the snapshot's mapping against every permission the
    /// mapping needs, as a report whose findings are this check's (IAM001–IAM008) and whose
    /// `summary.results[]` holds `{action, resource, decision, statements[], dependsOn, purpose}` like
    /// simulate mode's, plus `role` and `consumerGroup`; with `suggest`, `summary.suggestion` is the
    /// least-privilege policy to add (null when nothing is missing) and `summary.denyStatementsToRemove` the
    /// explicit Deny statements. Without `Role` or `RolePolicies` the one finding is `skipped`, naming why.
    public static func policyReport(for snapshot: Snapshot, at now: Date, suggest: Bool) throws
        -> CheckReport<PolicyCheckSummary>
    {
        let check = ExecutionRoleCheck()
        let missing = check.requiredParts(in: snapshot).filter { !snapshot.isPresent($0) }
        if !missing.isEmpty {
            return CheckReport(
                findings: [Doctor.skipped(check, missing: missing, snapshot: snapshot)],
                summary: PolicyCheckSummary(results: []))
        }
        let context = DoctorContext(snapshot: snapshot, now: now)
        let facts = try context.mappingPermissionContext()
        let permissionCheck = MappingPermissionCheck(context: facts.context)
        let outcomes = permissionCheck.outcomes()
        var summary = PolicyCheckSummary(
            results: outcomes.map { PolicyCheckSummary.Result($0.evaluation, purpose: $0.permission.purpose) },
            role: facts.context.roleName, consumerGroup: facts.context.consumerGroup)
        if suggest {
            let denies = Set(
                outcomes.filter { $0.evaluation.decision == .explicitDeny && !$0.evaluation.blockedByBoundary }
                    .flatMap(\.evaluation.statements)
            ).sorted { ($0.policy, $0.index) < ($1.policy, $1.index) }
            summary.suggestions = PolicyCheckSummary.Suggestions(
                policy: permissionCheck.suggestedPolicy(), boundaryStatements: permissionCheck.suggestedBoundary(),
                denyStatementsToRemove: denies)
        }
        return CheckReport(findings: try check.run(context), summary: summary)
    }
}

extension DoctorContext {
    /// The IAM checks' view of the mapping (``MappingPermissionContext``), built from the snapshot, with the
    /// findings for what the snapshot leaves unknown (a boundary that is attached but not in the snapshot, a
    /// secret's key that `KmsKeys` does not describe).
    public struct MappingPermissionFacts: Sendable {
        /// The role, its policies, the mapping's resources and the Region and account the actions are evaluated in.
        public var context: MappingPermissionContext
        /// `skipped` findings for facts the snapshot does not hold.
        public var unknowns: [Finding]
    }

    /// Builds the ``MappingPermissionContext`` of the snapshot's mapping. Throws a `ToolError` (exit 2) for a
    /// policy document that cannot be read, naming the snapshot and the JSON path.
    public func mappingPermissionContext() throws -> MappingPermissionFacts {
        try decoded.permissionFacts(decodeMappingPermissionContext)
    }

    private func decodeMappingPermissionContext() throws -> MappingPermissionFacts {
        let mapping = snapshot.eventSourceMapping
        let role = snapshot.role?.role
        let roleArn = snapshot.function?.role ?? role?.arn
        let functionArn = snapshot.function?.functionArn ?? mapping.functionArn
        let region =
            snapshot.region ?? Self.arnField(functionArn, 3) ?? Self.arnField(mapping.eventSourceArn, 3) ?? "us-east-1"
        let account =
            Self.arnField(functionArn, 4) ?? Self.arnField(roleArn, 4) ?? Self.arnField(mapping.eventSourceArn, 4)
            ?? "<account>"
        let roleName = role?.roleName ?? roleArn.flatMap { $0.split(separator: "/").last.map(String.init) }
        var unknowns: [Finding] = []

        var identity: [PolicyDocument] = []
        if let policies = snapshot.rolePolicies {
            guard let entries = policies.arrayValue else {
                throw ToolError.usage(
                    .inputShape, "RolePolicies is not a list", input: snapshot.source,
                    fix: "give RolePolicies as [{\"PolicyName\", \"PolicyArn\", \"PolicyDocument\"}]")
            }
            for (index, entry) in entries.enumerated() {
                let name =
                    entry["PolicyName"]?.stringValue ?? entry["PolicyArn"]?.stringValue ?? "RolePolicies[\(index)]"
                guard let document = entry["PolicyDocument"] else {
                    throw ToolError.usage(
                        .inputShape, "RolePolicies[\(index)] (\(name)) has no PolicyDocument", input: snapshot.source,
                        fix: "add the document from `aws iam get-role-policy` / `aws iam get-policy-version`")
                }
                identity.append(
                    try PolicyDocumentReader.document(
                        document, name: name, source: snapshot.source, path: "RolePolicies[\(index)].PolicyDocument"))
            }
        }
        var boundary: PolicyDocument?
        let boundaryArn = role?.permissionsBoundary?.permissionsBoundaryArn
        if let part = snapshot.permissionsBoundary, part.objectValue == nil {
            throw ToolError.usage(
                .inputShape, "wrong type at PermissionsBoundary: expected an object", input: snapshot.source,
                fix: "give PermissionsBoundary as {\"PolicyDocument\": <the boundary's policy document>}")
        }
        if let part = snapshot.permissionsBoundary, let document = part["PolicyDocument"] ?? part["Document"] {
            boundary = try PolicyDocumentReader.document(
                document, name: boundaryArn ?? "permissions boundary", source: snapshot.source,
                path: "PermissionsBoundary.PolicyDocument")
        } else if let boundaryArn {
            let errors = snapshot.errors(for: .permissionsBoundary)
            unknowns.append(
                Finding(
                    code: .iam003, severity: .skipped,
                    title: "the permissions boundary \(boundaryArn) is not in the snapshot",
                    detail: "The role has a permissions boundary, but "
                        + (errors.isEmpty
                            ? "PermissionsBoundary is not in the snapshot"
                            : "it could not be read: "
                                + errors.map { "\($0.call): \($0.message.prefix(120))" }.joined(separator: "; "))
                        + "; the actions found allowed may still be blocked by it.",
                    fix: "add PermissionsBoundary = {\"PolicyDocument\": <`aws iam get-policy-version --policy-arn "
                        + "\(boundaryArn) --version-id <default version>`'s Document>}",
                    evidence: ["check": "execution-role", "boundary": .string(boundaryArn)]))
        }
        var trust: PolicyDocument?
        if let document = role?.assumeRolePolicyDocument, document != .null {
            trust = try PolicyDocumentReader.document(
                document, name: "\(roleName ?? "role") trust policy", source: snapshot.source,
                path: "Role.Role.AssumeRolePolicyDocument")
        }

        // A cross-account mapping's source is a VPC connection; the permissions name the target cluster.
        let clusterArn = self.clusterArn
        let method = brokerChoice?.attemptedMethod ?? brokerChoice?.method
        let secrets = secretArns
        var keys: [String] = []
        for secret in secrets {
            guard let keyId = snapshot.secrets?[secret]?.describe?.kmsKeyId, !keyId.isEmpty else { continue }
            if keyId.hasPrefix("alias/aws/") || keyId.contains(":alias/aws/") { continue }
            if let metadata = Self.keyMetadata(keyId, in: snapshot.kmsKeys ?? [:]) {
                if metadata.keyManager == "CUSTOMER", let arn = metadata.arn ?? (keyId.hasPrefix("arn:") ? keyId : nil)
                {
                    keys.append(arn)
                }
                continue
            }
            let errors = snapshot.errors(for: .kmsKeys)
            unknowns.append(
                Finding(
                    code: .iam006, severity: .skipped, title: "the key of \(secret) is not described in the snapshot",
                    detail:
                        "The secret is encrypted with \(keyId); whether it is customer-managed (then the role needs "
                        + "kms:Decrypt on it) is unknown: "
                        + (errors.isEmpty
                            ? "KmsKeys has no entry for it."
                            : "it could not be read: "
                                + errors.map { "\($0.call): \($0.message.prefix(120))" }.joined(separator: "; ")),
                    fix: "add KmsKeys[\"<key ARN>\"] = `aws kms describe-key --key-id \(keyId) --output json`",
                    evidence: ["check": "execution-role", "secret": .string(secret), "kmsKeyId": .string(keyId)]))
        }
        let vpcTypes: Set<String> = ["VPC_SUBNET", "VPC_SECURITY_GROUP"]
        let functionName =
            snapshot.function?.functionName
            ?? Self.arnField(functionArn, 6)
        let context = MappingPermissionContext(
            region: region, account: account, roleName: roleName, identityPolicies: identity,
            permissionsBoundary: boundary, trustPolicy: trust, mappingUUID: mapping.uuid ?? "<mapping-uuid>",
            consumerGroupId: mapping.consumerGroupId == mapping.uuid ? nil : mapping.consumerGroupId,
            clusterArn: clusterArn,
            clusterIsServerless: snapshot.cluster?.clusterInfo?.isServerless ?? false,
            topic: settings.topic ?? "<topic>", authMethod: method,
            secretArns: secrets, secretKmsKeyArns: keys, onFailureDestination: onFailureDestination,
            usesVpcAccessConfigs: (mapping.sourceAccessConfigurations ?? []).contains {
                vpcTypes.contains($0.type ?? "")
            },
            functionName: functionName,
            vpcConnectionArn: BrokerSelectionInput.isVpcConnectionArn(mapping.eventSourceArn)
                ? mapping.eventSourceArn : nil,
            glueRegistry: SchemaRegistrySettings(mapping).flatMap {
                if case .glue(let arn) = $0.location { return arn }
                return nil
            })
        return MappingPermissionFacts(context: context, unknowns: unknowns)
    }

    /// Field `index` (0-based, split on `:`) of an ARN; nil when absent or empty.
    static func arnField(_ arn: String?, _ index: Int) -> String? {
        guard let arn, arn.hasPrefix("arn:") else { return nil }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > index, !parts[index].isEmpty else { return nil }
        return String(parts[index])
    }

    /// A `KmsKeys` entry for a secret's `KmsKeyId`, which may be the key ARN, the key id, or an alias.
    static func keyMetadata(_ keyId: String, in keys: [String: DescribeKeyOutput]) -> DescribeKeyOutput.KeyMetadata? {
        if let direct = keys[keyId]?.keyMetadata { return direct }
        for (arn, output) in keys {
            guard let metadata = output.keyMetadata else { continue }
            if metadata.arn == keyId || metadata.keyId == keyId || arn.hasSuffix("/" + keyId) { return metadata }
        }
        return nil
    }
}
