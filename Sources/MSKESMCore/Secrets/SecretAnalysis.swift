import Foundation

/// The `secret validate --output json` document of a secret value, as the snapshot stores it in
/// `Secrets[arn].Analysis` (docs/snapshot.md#members). Shared by `snapshot`, `secret validate --secret-id` and the
/// doctor's live mode, so that a stored analysis and a live one are the same document.
package enum SecretAnalysis {
    /// Validates `secretString` like `secret validate` does a file and returns the report as JSON
    /// (`{verdict, findings, summary}`). Text that is neither JSON nor PEM becomes a SEC001 finding. The
    /// document never holds a private key or a password.
    /// - Parameters:
    ///   - secretString: the secret's value, as Secrets Manager's `SecretString` holds it.
    ///   - type: the secret type (nil: detected from the keys).
    ///   - target: Amazon MSK's rules or self-managed Kafka's.
    ///   - secretName: the secret's name or ARN, for the `AmazonMSK_` rule (SEC016).
    ///   - now: the instant certificate validity is judged at.
    package static func analyze(
        secretString: String, type: SecretType?, for target: SecretTarget, secretName: String? = nil,
        now: Date = Date()
    ) -> JSONValue {
        let report = self.report(
            secretString: secretString, type: type, for: target, secretName: secretName, now: now,
            label: secretName ?? "SecretString")
        return (try? JSONValue(encoding: report)) ?? .null
    }

    /// The same analysis as a ``CheckReport``.
    package static func report(
        secretString: String, type: SecretType?, for target: SecretTarget, secretName: String? = nil,
        now: Date = Date(), label: String = "SecretString"
    ) -> CheckReport<SecretSummary> {
        let options = SecretValidationOptions(type: type, target: target, now: now, secretName: secretName)
        do {
            let input = try SecretInput.parse(secretString, label: label)
            return SecretValidator(options: options).validate(input)
        } catch let error as ToolError {
            let finding = Finding(
                code: .sec001, severity: .fail, title: "the secret value is not readable: \(error.what)",
                detail: "Lambda reads SecretString as a JSON object of string values "
                    + "(https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).",
                fix: error.fix)
            return CheckReport(
                findings: [finding],
                summary: SecretSummary(input: label, sizeBytes: secretString.utf8.count, rules: target))
        } catch {
            return CheckReport(findings: [], summary: SecretSummary(input: label))
        }
    }

    /// The secrets a mapping (`aws lambda get-event-source-mapping` output) reads, with the type its
    /// `SourceAccessConfigurations` entry gives (CLIENT_CERTIFICATE_TLS_AUTH → mtls, SASL_SCRAM_* → scram,
    /// BASIC_AUTH → basic, SERVER_ROOT_CA_CERTIFICATE → root-ca), in the mapping's order.
    package static func secrets(ofMapping mapping: JSONValue) -> [(arn: String, type: SecretType)] {
        var out: [(arn: String, type: SecretType)] = []
        for entry in mapping["SourceAccessConfigurations"]?.arrayValue ?? [] {
            guard let uri = entry["URI"]?.stringValue, let kind = entry["Type"]?.stringValue,
                let type = SecretPlacementRules.secretType(sourceAccessType: kind),
                !out.contains(where: { $0.arn == uri })
            else { continue }
            out.append((uri, type))
        }
        return out
    }

    /// The secrets of the mapping's schema registry (`SchemaRegistryConfig.AccessConfigs`) with their types.
    package static func registrySecrets(ofMapping mapping: JSONValue) -> [(arn: String, type: SecretType)] {
        let config =
            mapping["AmazonManagedKafkaEventSourceConfig"]?["SchemaRegistryConfig"]
            ?? mapping["SelfManagedKafkaEventSourceConfig"]?["SchemaRegistryConfig"]
        guard let config, case .object = config else { return [] }
        return SchemaRegistrySettings(config: config).secrets
    }

    /// Whose rules apply to a mapping: Amazon MSK's when its source is an MSK cluster or VPC connection.
    package static func target(ofMapping mapping: JSONValue) -> SecretTarget {
        let source = mapping["EventSourceArn"]?.stringValue ?? ""
        return source.contains(":kafka:") ? .msk : .selfManaged
    }

    /// The analysis of secret `arn` of `mapping`: its type from the mapping, the mapping's rules, and the ARN
    /// as the name for SEC016.
    package static func analyze(secretString: String, arn: String, mapping: JSONValue, now: Date = Date()) -> JSONValue
    {
        if let type = secrets(ofMapping: mapping).first(where: { $0.arn == arn })?.type {
            return analyze(
                secretString: secretString, type: type, for: target(ofMapping: mapping), secretName: arn, now: now)
        }
        // A schema registry's secret: judged by the rules of a self-managed source (see SecretAnalysisCheck).
        let type = registrySecrets(ofMapping: mapping).first { $0.arn == arn }?.type
        return analyze(secretString: secretString, type: type, for: .selfManaged, secretName: arn, now: now)
    }
}
