import Foundation

/// What `SecretValidator` checks against.
public struct SecretValidationOptions: Sendable {
    /// Force the secret type instead of detecting it (`{"username","password"}` is detected as SCRAM).
    public var type: SecretType?
    /// Amazon MSK's rules or self-managed Kafka's.
    public var target: SecretTarget
    /// The instant certificate validity is judged at (`--at`).
    public var now: Date
    /// The CA(s) the brokers trust, e.g. the cluster's ACM Private CA (`--trust-anchor`); empty to skip SEC023.
    public var trustAnchors: [Certificate]
    /// The secret's name in Secrets Manager, for the `AmazonMSK_` rule (SEC016); nil when unknown.
    public var secretName: String?

    /// Options with Amazon MSK's rules, judged now, with no trust anchor and no secret name unless given.
    public init(
        type: SecretType? = nil, target: SecretTarget = .msk, now: Date = Date(), trustAnchors: [Certificate] = [],
        secretName: String? = nil
    ) {
        self.type = type
        self.target = target
        self.now = now
        self.trustAnchors = trustAnchors
        self.secretName = secretName
    }
}

/// Checks a secret the way Lambda's Kafka poller will read it (docs/aws-facts.md#secret-formats) and reports SEC
/// findings. Runs no AWS call: SEC017, SEC019 and SEC021 belong to the AWS layer. Findings and summary never hold a
/// private key or a password (only the password's length).
public struct SecretValidator: Sendable {
    /// The rules, instant and trust anchors the secret is checked against.
    public var options: SecretValidationOptions

    /// A validator with `options`.
    public init(options: SecretValidationOptions = SecretValidationOptions()) {
        self.options = options
    }

    /// Validates one secret. Never throws: input that reads but is wrong becomes findings.
    public func validate(_ input: SecretInput) -> CheckReport<SecretSummary> {
        var run = SecretCheckRun(options: options, input: input)
        run.check()
        return CheckReport(findings: run.findings, summary: run.summary)
    }

    /// The secret's type: forced, or detected from its keys (nil when it cannot be told).
    public static func detectType(_ document: JSONValue, forced: SecretType?) -> SecretType? {
        if let forced { return forced }
        guard let members = document.objectValue else { return nil }
        let keys = Set(members.keys)
        if keys.contains("privateKey") || keys.contains("privateKeyPassword") { return .mtls }
        if keys.contains("username") || keys.contains("password") { return .scram }
        if keys.contains("certificate") { return .rootCA }
        if SecretCheckRun.looksLikeOAuth(members) { return .oauth }
        return nil
    }
}

/// One run of the checks over one secret: collects findings and the summary.
struct SecretCheckRun {
    let options: SecretValidationOptions
    let input: SecretInput
    var findings: [Finding] = []
    var summary = SecretSummary()

    init(options: SecretValidationOptions, input: SecretInput) {
        self.options = options
        self.input = input
    }

    mutating func add(
        _ code: FindingCode, _ severity: Severity, _ title: String, detail: String = "", fix: String = "",
        evidence: [String: JSONValue] = [:]
    ) {
        findings.append(
            Finding(code: code, severity: severity, title: title, detail: detail, fix: fix, evidence: evidence))
    }

    mutating func check() {
        summary.input = input.label
        summary.sizeBytes = input.byteCount
        summary.rules = options.target
        guard let members = input.document.objectValue else {
            add(
                .sec001, .fail, "the secret is not a JSON object",
                detail:
                    "Lambda reads the secret's SecretString as a JSON object of string values (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).",
                fix: Self.shapeFix(options.type ?? .mtls))
            return
        }
        for path in input.duplicateKeys {
            add(
                .sec001, .fail, "the key \(path) appears more than once",
                detail: "Which of the values Lambda reads is not documented; this check used the last one.",
                fix:
                    "keep one \(path.split(separator: ".").last.map(String.init) ?? "") member, then re-check: msk-esm secret validate FILE",
                evidence: ["key": .string(path)])
        }
        checkSize()
        guard let type = SecretValidator.detectType(input.document, forced: options.type) else {
            add(
                .sec001, .fail, "the secret has none of the expected keys",
                detail:
                    "Found keys: \(members.keys.sorted().joined(separator: ", ")). Expected certificate + privateKey "
                    + "(mTLS), username + password (SASL/SCRAM, BASIC_AUTH), certificate (self-managed root CA), or the OAuth "
                    + "client id, client secret and token endpoint URL (OAUTHBEARER_AUTH).",
                fix: Self.shapeFix(.mtls), evidence: ["keys": .array(members.keys.sorted().map { .string($0) })])
            return
        }
        summary.secretType = type
        let expected: Set<String> =
            switch type {
            case .mtls: ["certificate", "privateKey", "privateKeyPassword"]
            case .scram, .basic: ["username", "password"]
            case .rootCA: ["certificate"]
            case .oauth: SecretCheckRun.oauthKeys(members)
            }
        let unexpected = members.keys.filter { !expected.contains($0) }.sorted()
        if !unexpected.isEmpty {
            add(
                .sec001, .info,
                "keys that a \(type.rawValue) secret does not use: \(unexpected.joined(separator: ", "))",
                detail: "Lambda ignores them, as far as is known; they are not checked.",
                evidence: ["keys": .array(unexpected.map { .string($0) })])
        }
        switch type {
        case .mtls: checkMTLS(members)
        case .scram, .basic: checkSASL(members, type: type)
        case .rootCA: checkRootCA(members)
        case .oauth: checkOAuth(members)
        }
    }

    private mutating func checkSize() {
        // Secrets Manager's SecretString holds at most 65,536 bytes
        // (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html).
        let limit = 65_536
        if input.byteCount > limit {
            add(
                .sec002, .fail, "the secret is \(input.byteCount) bytes, over Secrets Manager's \(limit)",
                detail:
                    "SecretString is limited to \(limit) bytes (the Secrets Manager quota, https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html).",
                fix: "drop certificates the chain does not need (duplicates, cross-signed copies), then re-check",
                evidence: ["bytes": .number(Double(input.byteCount)), "limit": .number(Double(limit))])
        } else {
            add(.sec002, .pass, "the secret is \(input.byteCount) bytes (limit \(limit))")
        }
    }

    /// A member that must be a string: nil and a SEC001 finding when it is another JSON type.
    mutating func stringMember(_ members: [String: JSONValue], _ key: String) -> String? {
        guard let value = members[key] else { return nil }
        guard let text = value.stringValue else {
            add(
                .sec001, .fail, "\"\(key)\" is not a string",
                detail: "Every value of the secret must be a JSON string; \"\(key)\" is \(Self.typeName(value)).",
                fix: "write \"\(key)\" as a string, e.g. \"\(key)\": \"…\"", evidence: ["key": .string(key)])
            return nil
        }
        return text
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    static func shapeFix(_ type: SecretType) -> String {
        switch type {
        case .mtls:
            #"{"certificate": "<leaf, intermediates, root as PEM>", "privateKey": "<PKCS#8 PEM>", "privateKeyPassword": "<only if the key is encrypted>"}"#
        case .scram, .basic: #"{"username": "<user>", "password": "<password>"}"#
        case .rootCA: #"{"certificate": "<the brokers' root CA certificate as PEM>"}"#
        case .oauth:
            "store the client id, the client secret and the https:// token endpoint URL under the key names of "
                + "https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret"
        }
    }
}
