import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

extension SecretType: ExpressibleByArgument {}
extension SecretTarget: ExpressibleByArgument {}
extension PBEWriteScheme: ExpressibleByArgument {}

/// How `secret validate` and `secret fix` get the secret and the rules: a JSON or PEM file (or `-`), or
/// the mTLS parts as separate files.
struct SecretInputOptions: ParsableArguments {
    @Argument(help: "The secret: a JSON file as stored in Secrets Manager, a PEM file, or - for standard input.")
    var file: String?

    @Option(help: ArgumentHelp("The certificate chain as a PEM file (instead of FILE).", valueName: "FILE"))
    var certificate: String?

    @Option(
        name: .customLong("private-key"),
        help: ArgumentHelp("The private key as a PEM file (instead of FILE).", valueName: "FILE"))
    var privateKey: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp(
            "A file holding the key's password (one line) for PEM or part-file input.", valueName: "FILE"))
    var passwordFile: String?

    @Option(
        name: .customLong("secret-id"),
        help: ArgumentHelp(
            "Read the secret from Secrets Manager (its name or ARN) instead of FILE; its region is taken from the ARN.",
            valueName: "ARN"))
    var secretId: String?

    @Option(
        help: "The secret type: mtls, scram, basic, root-ca or oauth (default: detected; {username,password} is scram)."
    )
    var type: SecretType?

    @Option(name: .customLong("for"), help: "Whose rules apply: msk or self-managed.")
    var target: SecretTarget = .msk

    func validate() throws {
        if let secretId {
            if file != nil || certificate != nil || privateKey != nil || passwordFile != nil {
                throw ValidationError(
                    "--secret-id reads the secret from Secrets Manager: leave out FILE, --certificate, --private-key and --password-file"
                )
            }
            if secretId.isEmpty { throw ValidationError("--secret-id needs a secret name or ARN") }
            return
        }
        if file == nil && certificate == nil && privateKey == nil {
            throw ValidationError(
                "give the secret as FILE (or - for standard input), as --certificate and --private-key files, or --secret-id ARN"
            )
        }
        if file != nil && (certificate != nil || privateKey != nil) {
            throw ValidationError("give the secret either as FILE or as --certificate/--private-key files, not both")
        }
        if [file, certificate, privateKey, passwordFile].filter({ $0 == "-" }).count > 1 {
            throw ValidationError("only one input can be - (standard input)")
        }
    }

    /// Reads the secret from a file, or with `--secret-id` from Secrets Manager (GetSecretValue only).
    /// Unreadable input is a `ToolError` (exit 2); an AWS failure exit 3.
    func read(global: GlobalOptions) async throws -> SecretInput {
        guard let secretId else { return try read() }
        return try await Self.read(secretId: secretId, global: global)
    }

    /// Reads a secret's value from Secrets Manager (GetSecretValue, in the Region its ARN names); a missing
    /// secret is exit 2, another AWS failure exit 3. Shared by every `--secret-id` input.
    static func read(secretId: String, global: GlobalOptions, option: String = "--secret-id") async throws
        -> SecretInput
    {
        let client = try LiveDecoding.client(global)
        var configuration = client.configuration
        if secretId.contains(":secretsmanager:"), let region = LiveRead.arnField(secretId, 3) {
            configuration.region = region
        }
        let secrets = SecretsManagerClient(client: AWSClient(configuration: configuration))
        let value = try await LiveRead.run(
            "secret", input: "\(option) \(secretId)", lookup: "aws secretsmanager list-secrets"
        ) { try await secrets.getSecretValue(secretId: secretId) }
        return try parse(value, secretId: secretId)
    }

    /// A GetSecretValue result as the secret input, labelled with its ARN (never its content).
    static func parse(_ value: JSONValue, secretId: String) throws -> SecretInput {
        let label = value["ARN"]?.stringValue ?? secretId
        guard let text = value["SecretString"]?.stringValue else {
            throw ToolError.usage(
                "the secret has no SecretString (it holds SecretBinary)", input: "--secret-id \(secretId)",
                fix:
                    "store the secret as JSON text: aws secretsmanager put-secret-value --secret-id \(secretId) --secret-string file://secret.json"
            )
        }
        return try SecretInput.parse(text, label: label)
    }

    /// Reads the secret from files. Unreadable input is a `ToolError` (exit 2).
    func read() throws -> SecretInput {
        let password = try passwordFile.map { path -> String in
            let text = try InputReader.text(from: path, label: "--password-file")
            // A password file ends with a newline when written by echo or an editor; the password does not.
            var password = text
            while let last = password.last, last == "\n" || last == "\r" { password.removeLast() }
            return password
        }
        if let file {
            let label = file == "-" ? "standard input" : file
            return try SecretInput.parse(InputReader.text(from: file), label: label, password: password)
        }
        let certificateText = try certificate.map { try InputReader.text(from: $0, label: "--certificate") }
        let keyText = try privateKey.map { try InputReader.text(from: $0, label: "--private-key") }
        let label = [certificate, privateKey].compactMap { $0 }.joined(separator: " + ")
        return SecretInput.fromParts(
            certificate: certificateText, privateKey: keyText, password: password, label: label)
    }
}
