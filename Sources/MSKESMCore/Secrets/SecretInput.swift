import Foundation

/// A secret as read from the user, before any check: the JSON document Secrets Manager would store
/// (`{"certificate","privateKey","privateKeyPassword"}`, `{"username","password"}`, `{"certificate"}`),
/// built from a JSON file, a bare PEM file, or separate part files.
public struct SecretInput: Sendable {
    /// Where the secret came from.
    public enum Form: String, Sendable {
        /// A JSON document, as stored in Secrets Manager.
        case json
        /// A PEM file: its CERTIFICATE blocks become `certificate`, its key blocks `privateKey`.
        case pem
        /// `--certificate`, `--private-key` and `--password-file` files.
        case parts
    }

    /// Names the input in findings and errors (a path or "standard input"), never its content.
    public var label: String
    /// Whether the secret came as JSON, as PEM, or as part files.
    public var form: Form
    /// The parsed document; for JSON, later duplicates override earlier ones.
    public var document: JSONValue
    /// JSON paths of keys that occur more than once.
    public var duplicateKeys: [String]
    /// The size of the SecretString Secrets Manager would store, in bytes.
    public var byteCount: Int

    /// A secret from an already parsed `document`; `byteCount` defaults to the size of the document serialised.
    public init(label: String, form: Form, document: JSONValue, duplicateKeys: [String] = [], byteCount: Int? = nil) {
        self.label = label
        self.form = form
        self.document = document
        self.duplicateKeys = duplicateKeys
        self.byteCount = byteCount ?? Self.serialized(document).count
    }

    /// Reads a secret from text: a JSON document, or PEM blocks. `password` (from `--password-file`) is
    /// added as `privateKeyPassword` to a PEM input. Text that is neither is a `ToolError` (exit 2).
    public static func parse(_ text: String, label: String, password: String? = nil) throws -> SecretInput {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty else {
            throw ToolError.usage(
                .inputEmpty, "empty input", input: label, fix: "give a secret JSON document or PEM file")
        }
        if let first = trimmed.first, "{[\"".contains(first) {
            do {
                let (document, duplicates) = try JSONParser.parse(text)
                if password != nil {
                    throw ToolError.usage(
                        .invalidArgument, "--password-file is for PEM input", input: label,
                        fix: "put the password in the JSON as \"privateKeyPassword\", or drop --password-file")
                }
                return SecretInput(
                    label: label, form: .json, document: document, duplicateKeys: duplicates,
                    byteCount: text.utf8.count)
            } catch let error as JSONParser.SyntaxError {
                throw ToolError.usage(
                    .inputSyntax, "not valid JSON: \(error.reason) at line \(error.line), column \(error.column)",
                    input: label,
                    fix:
                        "check the quoting (newlines inside a JSON string are written \\n), e.g. with: python3 -m json.tool FILE"
                )
            }
        }
        if trimmed.contains("-----BEGIN ") {
            return fromPEM(text, label: label, password: password)
        }
        throw ToolError.usage(
            .secretUnusable, "neither JSON nor PEM", input: label,
            fix:
                "give the secret's JSON ({\"certificate\": …, \"privateKey\": …}) or a PEM file; for DER run: openssl x509 -inform DER -in FILE -out FILE.pem"
        )
    }

    /// A bare PEM file: certificates go to `certificate`, private keys to `privateKey`, with their text
    /// kept as written so that PEM problems are still reported.
    static func fromPEM(_ text: String, label: String, password: String?) -> SecretInput {
        let hasKey = PEMBlock.hasPrivateKeyHeader(text)
        let hasCertificate = text.contains("-----BEGIN CERTIFICATE-----")
        var members: [String: JSONValue] = [:]
        if hasKey {
            // Split the text between the two fields block by block, keeping each block's original text.
            var certificateText = ""
            var keyText = ""
            var current = ""
            var inKey = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.contains("-----BEGIN") { inKey = line.contains("PRIVATE KEY") }
                current += line + "\n"
                if line.contains("-----END") {
                    if inKey { keyText += current } else { certificateText += current }
                    current = ""
                }
            }
            if inKey { keyText += current } else { certificateText += current }
            if hasCertificate || !certificateText.trimmingWhitespaceAndNewlines().isEmpty {
                members["certificate"] = .string(certificateText)
            }
            members["privateKey"] = .string(keyText)
        } else {
            members["certificate"] = .string(text)
        }
        if let password { members["privateKeyPassword"] = .string(password) }
        return SecretInput(label: label, form: .pem, document: .object(members))
    }

    /// Separate files for the parts of an mTLS secret (`--certificate`, `--private-key`, `--password-file`).
    public static func fromParts(certificate: String?, privateKey: String?, password: String?, label: String)
        -> SecretInput
    {
        var members: [String: JSONValue] = [:]
        if let certificate { members["certificate"] = .string(certificate) }
        if let privateKey { members["privateKey"] = .string(privateKey) }
        if let password { members["privateKeyPassword"] = .string(password) }
        return SecretInput(label: label, form: .parts, document: .object(members))
    }

    /// The JSON text of a document as Secrets Manager would store it: compact, sorted keys.
    static func serialized(_ document: JSONValue) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data()
    }
}

/// The kind of secret, as `SourceAccessConfigurations` types name them
/// (docs/aws-facts.md#sourceaccessconfigurations-types, docs/aws-facts.md#secret-formats).
public enum SecretType: String, Sendable, CaseIterable, Codable {
    /// CLIENT_CERTIFICATE_TLS_AUTH: certificate chain, private key, optional password.
    case mtls
    /// SASL_SCRAM_512_AUTH / SASL_SCRAM_256_AUTH: username and password.
    case scram
    /// BASIC_AUTH (SASL/PLAIN, self-managed): username and password.
    case basic
    /// SERVER_ROOT_CA_CERTIFICATE (self-managed): the brokers' root CA certificate.
    case rootCA = "root-ca"
    /// OAUTHBEARER_AUTH (self-managed): the OAuth 2.0 client credentials and token endpoint.
    case oauth
}

/// Which rules apply: Amazon MSK's, or self-managed Kafka's.
public enum SecretTarget: String, Sendable, CaseIterable, Codable {
    case msk
    case selfManaged = "self-managed"
}
