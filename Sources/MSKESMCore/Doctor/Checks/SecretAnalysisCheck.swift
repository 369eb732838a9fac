import Foundation

/// The SEC findings of each secret the mapping uses. When the snapshot holds the secret's value
/// (`SecretString`, `snapshot --include-secrets`) the doctor analyses it itself, with the mapping's rules and the
/// type its `SourceAccessConfigurations` entry gives; a precomputed `Analysis` (the `secret validate --output
/// json` document `snapshot` stores) is used only when the value is absent. A secret with neither is SEC024
/// `skipped`. SEC016 (the `AmazonMSK_` name) is left to ``SecretPlacementCheck`` when the snapshot describes
/// the secret's name.
public struct SecretAnalysisCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `secret-analysis`, as listed in `summary.checks`.
    public let name = "secret-analysis"
    /// Every SEC code.
    public var codes: [FindingCode] { FindingCode.secretCodes }
    /// None: a secret whose value and analysis are both absent is reported SEC024 `skipped` on its own.
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [] }

    /// The secret ARNs a mapping references (authentication and root CA).
    static func secretArns(_ mapping: EventSourceMappingConfiguration) -> [String] {
        (mapping.sourceAccessConfigurations ?? []).filter {
            $0.type.map { SecretPlacementRules.secretType(sourceAccessType: $0) != nil } ?? false
        }.compactMap(\.uri)
    }

    /// The SEC findings of each secret in the mapping's `SourceAccessConfigurations` and its schema registry's
    /// `AccessConfigs`, each secret once.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let snapshot = context.snapshot
        let target: SecretTarget = BrokerChoiceCheck.isSelfManaged(snapshot) ? .selfManaged : .msk
        var findings: [Finding] = []
        var seen: Set<String> = []
        var secrets: [(arn: String, type: SecretType, target: SecretTarget, registry: Bool)] = []
        for entry in snapshot.eventSourceMapping.sourceAccessConfigurations ?? [] {
            guard let arn = entry.uri, let type = entry.type.flatMap(SecretPlacementRules.secretType) else { continue }
            secrets.append((arn, type, target, false))
        }
        // A Confluent registry's secrets are validated like the mapping's own, by the rules of a self-managed
        // source: the registry is not an MSK cluster whatever the mapping's source is.
        for secret in SchemaRegistrySettings(snapshot.eventSourceMapping)?.secrets ?? [] {
            secrets.append((secret.arn, secret.type, .selfManaged, true))
        }
        for (arn, type, target, registry) in secrets {
            guard seen.insert(arn).inserted else { continue }
            let secret = snapshot.secrets?[arn]
            let describedName = secret?.describe?.name.flatMap { $0.isEmpty ? nil : $0 }
            let report: CheckReport<SecretSummary>
            if let value = secret?.secretString {
                report = SecretAnalysis.report(
                    secretString: value, type: type, for: target, secretName: describedName ?? arn, now: context.now,
                    label: arn)
            } else if let analysis = secret?.analysis {
                report = analysis
            } else {
                findings.append(notChecked(arn, snapshot))
                continue
            }
            for var finding in report.findings where !(describedName != nil && finding.code == FindingCode.sec016.code)
            {
                finding.evidence["secret"] = .string(arn)
                if registry { finding.evidence["schemaRegistry"] = true }
                findings.append(finding)
            }
        }
        return findings
    }

    /// SEC024 `skipped`: neither the value nor its analysis is in the snapshot; names the `Errors` entry when
    /// reading it failed.
    func notChecked(_ arn: String, _ snapshot: Snapshot) -> Finding {
        let errors = snapshot.errors(for: .secrets)
        return Finding(
            code: .sec024, severity: .skipped, title: "the content of \(arn) was not checked",
            detail: errors.isEmpty
                ? "The snapshot holds neither Secrets[\"\(arn)\"].SecretString nor its Analysis."
                : "The secret could not be read: "
                    + errors.map { "\($0.call): \($0.message.prefix(120))" }.joined(separator: "; "),
            fix:
                "msk-esm snapshot \(snapshot.eventSourceMapping.uuid ?? "UUID") (it stores the Analysis), or msk-esm secret validate --secret-id \(arn)",
            evidence: ["check": .string(name), "secret": .string(arn)])
    }
}
