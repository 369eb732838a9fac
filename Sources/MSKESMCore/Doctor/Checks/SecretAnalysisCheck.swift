/// The SEC findings of each secret the mapping uses, as stored in the snapshot's `Secrets[arn].Analysis`
/// (the `secret validate --output json` document for the value). A secret without an analysis is `skipped`.
public struct SecretAnalysisCheck: DoctorCheck {
    public init() {}
    public let name = "secret-analysis"
    public var codes: [FindingCode] { FindingCode.secretCodes }
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [] }

    /// The secret ARNs a mapping references (authentication and root CA).
    static func secretArns(_ mapping: EventSourceMappingConfiguration) -> [String] {
        (mapping.sourceAccessConfigurations ?? []).filter {
            $0.type.map { AuthMethod(sourceAccessType: $0) != nil || $0 == "SERVER_ROOT_CA_CERTIFICATE" } ?? false
        }.compactMap(\.uri)
    }

    public func run(_ context: DoctorContext) throws -> [Finding] {
        let snapshot = context.snapshot
        var findings: [Finding] = []
        for arn in SecretAnalysisCheck.secretArns(snapshot.eventSourceMapping) {
            guard let analysis = snapshot.secrets?[arn]?.analysis else {
                let errors = snapshot.errors(for: .secrets)
                findings.append(
                    Finding(
                        code: .sec001, severity: .skipped, title: "secret-analysis has no analysis of \(arn)",
                        detail: errors.isEmpty
                            ? "Secrets[\"\(arn)\"].Analysis is not in the snapshot."
                            : "The secret could not be read: "
                                + errors.map { "\($0.call): \($0.message.prefix(120))" }.joined(separator: "; "),
                        fix: "msk-esm secret validate --secret-id \(arn) --output json, stored as "
                            + "Secrets[\"\(arn)\"].Analysis",
                        evidence: ["check": .string(name), "secret": .string(arn)]))
                continue
            }
            for var finding in analysis.findings {
                finding.evidence["secret"] = .string(arn)
                findings.append(finding)
            }
        }
        return findings
    }
}
