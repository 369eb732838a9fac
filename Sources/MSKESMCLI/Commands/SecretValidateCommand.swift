import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm secret validate`: checks a secret the way Lambda reads it, from a file (no AWS call) or from
/// Secrets Manager (`--secret-id`, plus the checks that need AWS: SEC017, SEC019, SEC021).
struct SecretValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an mTLS, SASL/SCRAM, BASIC_AUTH or root-CA secret the way Lambda will read it.",
        discussion: """
            Checks the certificate chain (order, signatures, CA flags, validity, client-auth usage), the private \
            key (PKCS#8, PBES1 rather than PBES2, the password, the match with the leaf) and SASL credentials, \
            and prints each problem with the command that fixes it. The secret's key and password never appear \
            in the output. From a file no AWS call is made.

            With --secret-id the secret is read from Secrets Manager (GetSecretValue, DescribeSecret, and KMS \
            DescribeKey for its key) and validated exactly like a file, plus: SEC019 the secret is in another \
            region than the one in use (--region); for an MSK SCRAM secret SEC017 it is encrypted with the \
            default AWS-managed key, and with --cluster SEC021 it is not associated with the cluster \
            (ListScramSecrets).

            Examples:
              msk-esm secret validate secret.json
              msk-esm secret validate --certificate chain.pem --private-key key.pem --password-file pw.txt
              aws secretsmanager get-secret-value --secret-id ID --query SecretString --output text \\
                | msk-esm secret validate - --output json
              msk-esm secret validate scram.json --secret-name AmazonMSK_app
              msk-esm secret validate --secret-id arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_app-AbCdEf \\
                --cluster arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b3c4d-5e6f-2
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup var input: SecretInputOptions

    @Option(
        name: .customLong("trust-anchor"),
        help: ArgumentHelp(
            "A PEM file with the CA the brokers trust (e.g. the cluster's ACM Private CA); the chain must end there.",
            valueName: "FILE"))
    var trustAnchor: String?

    @Option(
        name: .customLong("secret-name"), help: "The secret's name or ARN in Secrets Manager, for the AmazonMSK_ rule.")
    var secretName: String?

    @Option(
        help: ArgumentHelp(
            "With --secret-id: the MSK cluster the SCRAM secret must be associated with (SEC021).", valueName: "ARN"))
    var cluster: String?

    func validate() throws {
        try global.validate()
        if cluster != nil && input.secretId == nil {
            throw ValidationError("--cluster checks a secret read with --secret-id: add --secret-id ARN")
        }
        if let cluster, !cluster.hasPrefix("arn:") || !cluster.contains(":kafka:") {
            throw ValidationError(
                "--cluster '\(cluster)' is not an MSK cluster ARN (arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/ID)")
        }
    }

    func run() async throws {
        if let secretId = input.secretId {
            try await runLive(secretId: secretId)
            return
        }
        let secret = try input.read()
        let anchors = try trustAnchor.map { try SecretTrustAnchor.read($0) } ?? []
        let options = SecretValidationOptions(
            type: input.type, target: input.target, now: global.now, trustAnchors: anchors, secretName: secretName)
        let report = SecretValidator(options: options).validate(secret)
        try global.finish(report, summaryLines: SecretSummaryLines.lines(report.summary))
    }
}

extension SecretValidateCommand {
    /// `--secret-id`: the file validation of the value, then SEC019, SEC017 and SEC021 from the AWS facts.
    func runLive(secretId: String) async throws {
        let client = try LiveDecoding.client(global)
        let live = try await LiveSecretReader(client: client).read(secretId: secretId, clusterArn: cluster)
        let arn = live.arn(orGiven: secretId)
        let secret = try SecretInput.parse(live.secretString, label: arn)
        let anchors = try trustAnchor.map { try SecretTrustAnchor.read($0) } ?? []
        let name = secretName ?? live.describe["Name"]?.stringValue ?? arn
        let options = SecretValidationOptions(
            type: input.type, target: input.target, now: global.now, trustAnchors: anchors, secretName: name)
        let validation = SecretValidator(options: options).validate(secret)
        var findings = validation.findings
        findings.append(
            SecretPlacementRules.region(
                secretArn: arn, region: client.configuration.region,
                regionSource: "the region in use, --region"))
        let type = validation.summary.secretType
        if type == .scram && input.target == .msk {
            var kms = SecretPlacementRules.kmsKey(secretArn: arn, describeSecret: live.describe, describeKey: live.key)
            if kms.severity == .skipped, let why = live.keyError { kms.detail += " \(why)" }
            findings.append(kms)
            if let cluster {
                findings.append(
                    SecretPlacementRules.association(
                        secretArn: arn, clusterArn: cluster, listScramSecrets: live.scramSecrets))
            } else {
                findings.append(
                    Finding(
                        code: .sec021, severity: .info, title: "the association with the cluster was not checked",
                        detail: "Give --cluster ARN to check that the secret is associated with the MSK cluster.",
                        fix: "msk-esm secret validate --secret-id \(arn) --cluster CLUSTER_ARN"))
            }
        }
        var summary = validation.summary
        summary.secretId = arn
        summary.region = live.region
        summary.kmsKeyId = live.describe["KmsKeyId"]?.stringValue
        summary.keyManager = live.key?["KeyMetadata"]?["KeyManager"]?.stringValue
        summary.cluster = cluster
        let report = CheckReport(findings: findings, summary: summary)
        var lines = ["secret \(arn) (\(live.region))"]
        lines += SecretSummaryLines.lines(validation.summary)
        try global.finish(report, summaryLines: lines)
    }
}

/// Reads `--trust-anchor`.
enum SecretTrustAnchor {
    static func read(_ path: String) throws -> [Certificate] {
        let text = try InputReader.text(from: path, label: "--trust-anchor")
        let document = PEMDocument(text: text)
        let certificates = document.blocks.filter { $0.kind == .certificate }.compactMap { Certificate(der: $0.der) }
        guard document.problems.isEmpty, !certificates.isEmpty else {
            throw ToolError.usage(
                "no readable CERTIFICATE block", input: "--trust-anchor \(path)",
                fix:
                    "give the CA certificate as PEM, e.g. aws acm-pca get-certificate-authority-certificate --certificate-authority-arn ARN --query Certificate --output text > ca.pem"
            )
        }
        return certificates
    }
}

/// The text lines about what was examined: the chain, the key, the SASL user.
enum SecretSummaryLines {
    static func lines(_ summary: SecretSummary) -> [String] {
        var lines: [String] = []
        if let type = summary.secretType {
            lines.append(
                "\(type.rawValue) secret, \((summary.rules ?? .msk).rawValue) rules, \(summary.sizeBytes ?? 0) bytes")
        }
        for (index, certificate) in (summary.certificates ?? []).enumerated() {
            let key = [certificate.keyType, certificate.keyBits.map(String.init)].compactMap { $0 }
                .joined(separator: " ")
            let ca = certificate.isCA ? ", CA" : ""
            lines.append(
                "certificate \(index + 1): \(certificate.subject) (\(key)\(ca), until \(certificate.notAfter ?? "?"))")
        }
        if let key = summary.key {
            var parts = [key.format]
            if let type = key.type {
                parts.append(
                    [type, key.curve ?? key.bits.map { "\($0) bits" }].compactMap { $0 }.joined(separator: " "))
            }
            if let encryption = key.encryption {
                parts.append("encrypted with \(encryption.scheme)")
            } else if !key.encrypted {
                parts.append("unencrypted")
            }
            lines.append("private key: " + parts.joined(separator: ", "))
        }
        if let username = summary.username {
            lines.append("username: \(username)")
        }
        if let length = summary.passwordLength {
            lines.append("password: \(length) characters (not shown)")
        }
        return lines
    }
}

extension SecretValidateCommand: CommandWithGlobalOptions {}
