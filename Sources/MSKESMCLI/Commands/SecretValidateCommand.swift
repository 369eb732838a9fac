import ArgumentParser
import Foundation
import MSKESMCore

/// `msk-esm secret validate`: checks a secret the way Lambda reads it, with no AWS call.
struct SecretValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an mTLS, SASL/SCRAM, BASIC_AUTH or root-CA secret the way Lambda will read it.",
        discussion: """
            Checks the certificate chain (order, signatures, CA flags, validity, client-auth usage), the private \
            key (PKCS#8, PBES1 rather than PBES2, the password, the match with the leaf) and SASL credentials, \
            and prints each problem with the command that fixes it. No AWS call is made; the secret's key and \
            password never appear in the output.

            Examples:
              msk-esm secret validate secret.json
              msk-esm secret validate --certificate chain.pem --private-key key.pem --password-file pw.txt
              aws secretsmanager get-secret-value --secret-id ID --query SecretString --output text \\
                | msk-esm secret validate - --output json
              msk-esm secret validate scram.json --secret-name AmazonMSK_app
            """
    )

    @OptionGroup var global: GlobalOptions
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

    func validate() throws {
        try global.validate()
    }

    func run() async throws {
        let secret = try input.read()
        let anchors = try trustAnchor.map { try SecretTrustAnchor.read($0) } ?? []
        let options = SecretValidationOptions(
            type: input.type, target: input.target, now: global.now, trustAnchors: anchors, secretName: secretName)
        let report = SecretValidator(options: options).validate(secret)
        try global.finish(report, summaryLines: SecretSummaryLines.lines(report.summary))
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
    static func lines(_ summary: [String: JSONValue]) -> [String] {
        var lines: [String] = []
        if let type = summary["secretType"]?.stringValue {
            lines.append(
                "\(type) secret, \(summary["rules"]?.stringValue ?? "msk") rules, \(summary["sizeBytes"]?.intValue ?? 0) bytes"
            )
        }
        for (index, certificate) in (summary["certificates"]?.arrayValue ?? []).enumerated() {
            let subject = certificate["subject"]?.stringValue ?? "?"
            let key = [certificate["keyType"]?.stringValue, certificate["keyBits"]?.intValue.map(String.init)]
                .compactMap { $0 }.joined(separator: " ")
            let until = certificate["notAfter"]?.stringValue ?? "?"
            let ca = certificate["isCA"] == .bool(true) ? ", CA" : ""
            lines.append("certificate \(index + 1): \(subject) (\(key)\(ca), until \(until))")
        }
        if let key = summary["key"]?.objectValue {
            var parts = [key["format"]?.stringValue ?? "?"]
            if let type = key["type"]?.stringValue {
                parts.append(
                    [type, key["curve"]?.stringValue ?? key["bits"]?.intValue.map { "\($0) bits" }].compactMap { $0 }
                        .joined(separator: " "))
            }
            if let encryption = key["encryption"]?.objectValue {
                parts.append("encrypted with \(encryption["scheme"]?.stringValue ?? "?")")
            } else if key["encrypted"] == .bool(false) {
                parts.append("unencrypted")
            }
            lines.append("private key: " + parts.joined(separator: ", "))
        }
        if let username = summary["username"]?.stringValue {
            lines.append("username: \(username)")
        }
        if let length = summary["passwordLength"]?.intValue {
            lines.append("password: \(length) characters (not shown)")
        }
        return lines
    }
}
