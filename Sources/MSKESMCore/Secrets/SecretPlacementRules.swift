/// The secret checks that need AWS facts rather than the secret's value: SEC017 (the KMS key of an MSK SCRAM
/// secret), SEC019 (the secret's region) and SEC021 (the SCRAM secret's association with the cluster). Pure
/// functions over the AWS CLI's JSON (`aws secretsmanager describe-secret`, `aws kms describe-key`,
/// `aws kafka list-scram-secrets`), used by `secret validate --secret-id` and the doctor's
/// ``SecretPlacementCheck``. Each returns one finding: `fail`, `pass`, or `skipped` when its input is unknown.
package enum SecretPlacementRules {
    /// The alias of the AWS-managed key Secrets Manager uses when a secret names none.
    package static let defaultKeyAlias = "alias/aws/secretsmanager"

    /// SEC017: an MSK SASL/SCRAM secret must be encrypted with a symmetric customer-managed KMS key; "a secret
    /// created with the default AWS KMS key cannot be used with an Amazon MSK cluster"
    /// (https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).
    /// - Parameters:
    ///   - secretArn: the secret the finding is about.
    ///   - describeSecret: `aws secretsmanager describe-secret` output (nil: unknown).
    ///   - describeKey: `aws kms describe-key` output for the secret's `KmsKeyId` (or the default alias when
    ///     it has none); nil when it could not be read.
    package static func kmsKey(secretArn: String, describeSecret: JSONValue?, describeKey: JSONValue?) -> Finding {
        let evidence: [String: JSONValue] = ["secret": .string(secretArn)]
        guard let describeSecret else {
            return Finding(
                code: .sec017, severity: .skipped, title: "the KMS key of \(secretArn) is unknown",
                detail: "The secret's description (DescribeSecret) could not be read.",
                fix: "aws secretsmanager describe-secret --secret-id \(secretArn) --query KmsKeyId", evidence: evidence)
        }
        let keyId = describeSecret["KmsKeyId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let fix = kmsFix(secretArn)
        let isDefaultAlias = keyId.map { $0 == defaultKeyAlias || $0.hasSuffix(":" + defaultKeyAlias) } ?? true
        let metadata = describeKey?["KeyMetadata"]
        var keyEvidence = evidence
        keyEvidence["kmsKeyId"] = keyId.map(JSONValue.string) ?? .null
        if let manager = metadata?["KeyManager"]?.stringValue { keyEvidence["keyManager"] = .string(manager) }
        if isDefaultAlias || metadata?["KeyManager"]?.stringValue == "AWS" {
            let how =
                keyId == nil
                ? "DescribeSecret shows no KmsKeyId, so Secrets Manager encrypts it with the AWS-managed key "
                    + "aws/secretsmanager"
                : "its key \(keyId ?? "") is AWS-managed (KeyManager AWS)"
            return Finding(
                code: .sec017, severity: .fail,
                title: "the SCRAM secret is encrypted with the default AWS-managed KMS key",
                detail: "\(how). Amazon MSK cannot use a SCRAM secret encrypted with the default key; it needs a "
                    + "symmetric customer-managed key "
                    + "(https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).",
                fix: fix, evidence: keyEvidence)
        }
        guard let metadata else {
            return Finding(
                code: .sec017, severity: .skipped,
                title: "the KMS key \(keyId ?? "") of the secret could not be described",
                detail: "Whether \(keyId ?? "the key") is customer-managed is unknown (kms:DescribeKey was not read).",
                fix: "aws kms describe-key --key-id \(keyId ?? "") --query KeyMetadata.KeyManager",
                evidence: keyEvidence)
        }
        if let spec = metadata["KeySpec"]?.stringValue, spec != "SYMMETRIC_DEFAULT" {
            keyEvidence["keySpec"] = .string(spec)
            return Finding(
                code: .sec017, severity: .fail, title: "the SCRAM secret's KMS key is asymmetric (\(spec))",
                detail: "Amazon MSK needs a symmetric customer-managed key for SCRAM secrets; asymmetric keys are "
                    + "not allowed (https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).",
                fix: fix, evidence: keyEvidence)
        }
        return Finding(
            code: .sec017, severity: .pass,
            title:
                "the SCRAM secret is encrypted with a customer-managed key (\(metadata["Arn"]?.stringValue ?? keyId ?? ""))",
            evidence: keyEvidence)
    }

    static func kmsFix(_ secretArn: String) -> String {
        "aws kms create-key --description \"MSK SCRAM secrets\" --query KeyMetadata.Arn --output text; then "
            + "aws secretsmanager update-secret --secret-id \(secretArn) --kms-key-id <that key ARN>, and grant the "
            + "execution role kms:Decrypt on it"
    }

    /// SEC019: a mapping's secrets must be in the same Region as the function
    /// (https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html).
    /// - Parameters:
    ///   - secretArn: the secret's ARN (a name has no region: `skipped`).
    ///   - region: the function's region, or the `--region` in use.
    ///   - regionSource: what `region` is, for the text ("the function", "--region").
    ///   - mappingUUID: the mapping, for the fix; nil before it exists.
    package static func region(secretArn: String, region: String, regionSource: String, mappingUUID: String? = nil)
        -> Finding
    {
        let parts = secretArn.split(separator: ":", omittingEmptySubsequences: false)
        var evidence: [String: JSONValue] = ["secret": .string(secretArn), "expectedRegion": .string(region)]
        guard secretArn.hasPrefix("arn:"), parts.count > 3, !parts[3].isEmpty else {
            return Finding(
                code: .sec019, severity: .skipped, title: "the region of the secret \(secretArn) is unknown",
                detail: "Only a secret ARN names its region.",
                fix: "aws secretsmanager describe-secret --secret-id \(secretArn) --query ARN", evidence: evidence)
        }
        let secretRegion = String(parts[3])
        evidence["secretRegion"] = .string(secretRegion)
        guard secretRegion == region else {
            return Finding(
                code: .sec019, severity: .fail,
                title: "the secret is in \(secretRegion), not in \(region) (\(regionSource))",
                detail: "Lambda reads the mapping's secrets in the function's own Region; a secret in another "
                    + "Region is not found (https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html).",
                // Without KmsKeyId the replica is encrypted with aws/secretsmanager in the new Region, which an MSK
                // SCRAM secret must not be (SEC017); a customer-managed key there keeps it usable
                // (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ReplicaRegionType.html).
                fix: "aws secretsmanager replicate-secret-to-regions --secret-id \(secretArn) --add-replica-regions "
                    + "Region=\(region),KmsKeyId=<customer-managed key ARN in \(region)>, grant the execution role "
                    + "kms:Decrypt on that key, then point the mapping at the replica's ARN (aws lambda "
                    + "update-event-source-mapping --uuid \(mappingUUID ?? "<uuid>") --source-access-configurations …)",
                evidence: evidence)
        }
        return Finding(
            code: .sec019, severity: .pass, title: "the secret is in \(region) (\(regionSource))", evidence: evidence)
    }

    /// SEC016: an MSK SCRAM secret's name starts with `AmazonMSK_`
    /// (https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).
    /// - Parameter name: the secret's name (`describe-secret`'s `Name`) or its ARN.
    package static func mskName(_ name: String) -> Finding {
        let shortName = SecretCheckRun.secretName(fromNameOrARN: name)
        if shortName.hasPrefix("AmazonMSK_") {
            return Finding(code: .sec016, severity: .pass, title: "the secret name starts with AmazonMSK_")
        }
        return Finding(
            code: .sec016, severity: .fail, title: "the secret name \(shortName) does not start with AmazonMSK_",
            detail: "Amazon MSK associates only SCRAM secrets whose name starts with AmazonMSK_ "
                + "(https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).",
            fix: "aws secretsmanager create-secret --name AmazonMSK_\(shortName) --kms-key-id <customer-managed key> "
                + "--secret-string file://secret.json",
            evidence: ["secretName": .string(shortName)])
    }

    /// SEC021: an MSK SCRAM secret works only once associated with the cluster (BatchAssociateScramSecret,
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).
    /// - Parameters:
    ///   - secretArn: the SCRAM secret the mapping reads.
    ///   - clusterArn: the MSK cluster it must be associated with.
    ///   - listScramSecrets: `aws kafka list-scram-secrets --cluster-arn …` output (all pages).
    package static func association(secretArn: String, clusterArn: String, listScramSecrets: JSONValue?) -> Finding {
        let evidence: [String: JSONValue] = ["secret": .string(secretArn), "cluster": .string(clusterArn)]
        guard let list = listScramSecrets?["SecretArnList"]?.arrayValue else {
            return Finding(
                code: .sec021, severity: .skipped, title: "the cluster's SCRAM secrets are unknown",
                detail: "ListScramSecrets of \(clusterArn) could not be read.",
                fix: "aws kafka list-scram-secrets --cluster-arn \(clusterArn)", evidence: evidence)
        }
        if list.contains(where: { $0.stringValue == secretArn }) {
            return Finding(
                code: .sec021, severity: .pass, title: "the SCRAM secret is associated with the cluster",
                evidence: evidence)
        }
        var listed = evidence
        listed["associatedSecrets"] = .number(Double(list.count))
        return Finding(
            code: .sec021, severity: .fail, title: "the SCRAM secret is not associated with the MSK cluster",
            detail: "ListScramSecrets of the cluster lists \(list.count) secret(s), not this one; the brokers reject "
                + "its user (https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).",
            fix: "aws kafka batch-associate-scram-secret --cluster-arn \(clusterArn) --secret-arn-list \(secretArn)",
            evidence: listed)
    }

    /// The `SourceAccessConfigurations` type of a secret → its ``SecretType`` (nil for non-secret types).
    package static func secretType(sourceAccessType: String) -> SecretType? {
        switch sourceAccessType {
        case "CLIENT_CERTIFICATE_TLS_AUTH": .mtls
        case "SASL_SCRAM_512_AUTH", "SASL_SCRAM_256_AUTH": .scram
        case "BASIC_AUTH": .basic
        case "SERVER_ROOT_CA_CERTIFICATE": .rootCA
        case "OAUTHBEARER_AUTH": .oauth
        default: nil
        }
    }
}
