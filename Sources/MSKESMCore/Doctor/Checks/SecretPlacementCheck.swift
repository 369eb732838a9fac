import Foundation

/// SEC016, SEC017, SEC019, SEC021 over the snapshot (`SecretPlacementRules`): each secret the mapping reads is in the
/// function's Region; an MSK SCRAM secret is encrypted with a customer-managed key (`Secrets[arn].Describe`,
/// `KmsKeys`) and associated with the cluster (`ScramSecrets`); not on MSK Serverless, which has no SCRAM. A fact the snapshot lacks is `skipped`, naming
/// the `Errors` entry that explains it.
public struct SecretPlacementCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `secret-placement`, as listed in `summary.checks`.
    public let name = "secret-placement"
    /// SEC019, SEC016, SEC017 and SEC021.
    public var codes: [FindingCode] { [.sec019, .sec016, .sec017, .sec021] }
    /// None: a fact the snapshot lacks is reported `skipped` per secret, not for the whole check.
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [] }

    /// The placement findings for each secret the mapping reads.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let snapshot = context.snapshot
        let mapping = snapshot.eventSourceMapping
        let functionArn = snapshot.function?.functionArn ?? mapping.functionArn
        let functionRegion = DoctorContext.arnField(functionArn, 3)
        let region = functionRegion ?? snapshot.region
        let isMSK = !BrokerChoiceCheck.isSelfManaged(snapshot)
        // MSK Serverless takes IAM only (BRK004 says so): its SCRAM rules do not apply.
        let isServerless = snapshot.cluster?.clusterInfo?.isServerless == true
        let clusterArn = context.clusterArn
        var findings: [Finding] = []
        for entry in mapping.sourceAccessConfigurations ?? [] {
            guard let arn = entry.uri, let type = entry.type.flatMap(SecretPlacementRules.secretType) else { continue }
            if let region {
                findings.append(
                    tagged(
                        SecretPlacementRules.region(
                            secretArn: arn, region: region,
                            regionSource: functionRegion != nil ? "the function's region" : "the snapshot's region",
                            mappingUUID: mapping.uuid), arn))
            }
            guard type == .scram, isMSK, !isServerless else { continue }
            let secret = snapshot.secrets?[arn]
            // The name as Secrets Manager describes it decides SEC016 (an analysis may not have known it).
            if let name = secret?.describe?.name, !name.isEmpty {
                findings.append(tagged(SecretPlacementRules.mskName(name), arn))
            }
            let describe = try secret?.describe.map { try JSONValue(encoding: $0) }
            var kmsFinding = SecretPlacementRules.kmsKey(
                secretArn: arn, describeSecret: describe,
                describeKey: try keyOutput(secret?.describe?.kmsKeyId, snapshot))
            if kmsFinding.severity == .skipped { kmsFinding = explained(kmsFinding, [.secrets, .kmsKeys], snapshot) }
            findings.append(tagged(kmsFinding, arn))
            if let clusterArn {
                let list = try snapshot.scramSecrets.map { try JSONValue(encoding: $0) }
                var association = SecretPlacementRules.association(
                    secretArn: arn, clusterArn: clusterArn, listScramSecrets: list)
                if association.severity == .skipped { association = explained(association, [.scramSecrets], snapshot) }
                findings.append(tagged(association, arn))
            }
        }
        return findings
    }

    /// The `KmsKeys` entry of a secret's key: by key ARN or key id (a secret without a key fails SEC017 anyway).
    func keyOutput(_ keyId: String?, _ snapshot: Snapshot) throws -> JSONValue? {
        let keys = snapshot.kmsKeys ?? [:]
        let id = keyId.flatMap { $0.isEmpty ? nil : $0 } ?? SecretPlacementRules.defaultKeyAlias
        if let direct = keys[id] { return try JSONValue(encoding: direct) }
        for (arn, output) in keys {
            guard let metadata = output.keyMetadata else { continue }
            if metadata.arn == id || metadata.keyId == id || arn.hasSuffix("/" + id) {
                return try JSONValue(encoding: output)
            }
        }
        return nil
    }

    func tagged(_ finding: Finding, _ arn: String) -> Finding {
        var tagged = finding
        tagged.evidence["secret"] = .string(arn)
        tagged.evidence["check"] = .string(name)
        return tagged
    }

    /// A skipped finding names the snapshot's `Errors` entries that explain the missing fact.
    func explained(_ finding: Finding, _ parts: [SnapshotPart], _ snapshot: Snapshot) -> Finding {
        let errors = parts.flatMap { snapshot.errors(for: $0) }
        var explained = finding
        explained.detail +=
            errors.isEmpty
            ? " The snapshot does not hold it (\(parts.map(\.key).joined(separator: ", ")))."
            : " It could not be read: " + errors.map { "\($0.call): \($0.message.prefix(120))" }.joined(separator: "; ")
        return explained
    }
}
