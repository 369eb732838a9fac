import Foundation
import Testing

@testable import MSKESMCore

/// `SecretValidator`: each SEC code it implements fires on a secret that breaks its rule and stays silent on
/// good secrets; chain and key verdicts agree with the openssl CLI and an independent DER decoder.
struct SecretValidatorTests {
    typealias F = SecretFixtures

    static func report(_ json: String, _ options: SecretValidationOptions = SecretValidationOptions()) throws
        -> CheckReport<SecretSummary>
    {
        SecretValidator(options: options).validate(try SecretInput.parse(json, label: "test secret"))
    }

    /// Non-passing findings of one code.
    static func problems(_ report: CheckReport<SecretSummary>, _ code: String) -> [Finding] {
        report.findings.filter { $0.code == code && $0.severity != .pass && $0.severity != .info }
    }

    /// The notAfter of a certificate as `openssl x509 -enddate` prints it.
    static func notAfter(_ file: String) throws -> Date {
        let line = try SecretShell.openssl(["x509", "-in", F.path(file), "-noout", "-enddate", "-dateopt", "iso_8601"])
            .stdout
        let text = line.replacingOccurrences(of: "notAfter=", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ssX"
        guard let date = formatter.date(from: text) else {
            throw SecretFixtureError(message: "cannot read date \(text)")
        }
        return date
    }

    // MARK: - Good secrets

    @Test(arguments: ["rsa", "ec", "ed25519"])
    func goodChainsHaveNoFailure(algorithm: String) throws {
        let report = try Self.report(F.mtlsJSON(chain: F.chain(algorithm), key: "\(algorithm)/leaf.key"))
        #expect(
            !report.findings.contains { $0.severity == .fail }, "\(report.findings.filter { $0.severity == .fail })")
        let warnings = report.findings.filter { $0.severity == .warn }.map(\.code)
        #expect(warnings == (algorithm == "ed25519" ? ["SEC022"] : []))
        let certificates = report.summary.certificates ?? []
        #expect(certificates.count == 3)
        #expect(
            report.summary.key?.type == ["rsa": "RSA", "ec": "EC", "ed25519": "Ed25519"][algorithm])
    }

    /// The summary's certificate facts agree with `openssl x509`.
    @Test(arguments: ["rsa/leaf.pem", "ec/inter.pem", "ed25519/root.pem"])
    func certificateSummaryMatchesOpenSSL(file: String) throws {
        let report = try Self.report(
            F.json(["certificate": F.text(file)]), SecretValidationOptions(target: .selfManaged))
        let summary = try #require(report.summary.certificates?.first)
        let fingerprint = try SecretShell.openssl(["x509", "-in", F.path(file), "-noout", "-fingerprint", "-sha256"])
            .stdout
        #expect(fingerprint.contains(summary.sha256))
        let serial = try SecretShell.openssl(["x509", "-in", F.path(file), "-noout", "-serial"]).stdout
        let oracleSerial = serial.replacingOccurrences(of: "serial=", with: "").trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        .lowercased().drop(while: { $0 == "0" })
        #expect(summary.serial == String(oracleSerial))
        let subject = try SecretShell.openssl([
            "x509", "-in", F.path(file), "-noout", "-subject", "-nameopt", "RFC2253",
        ])
        .stdout
        #expect(
            subject.trimmingCharacters(in: .whitespacesAndNewlines) == "subject="
                + summary.subject)
        #expect(summary.notAfter == ISO8601Instant.format(try Self.notAfter(file)))
    }

    // MARK: - Each code fires

    struct Trigger: CustomTestStringConvertible, Sendable {
        var name: String
        var code: String
        var severity: Severity
        var testDescription: String { "\(name) → \(code) \(severity.rawValue)" }
    }

    static let triggers: [Trigger] = [
        Trigger(name: "not an object", code: "SEC001", severity: .fail),
        Trigger(name: "mTLS without privateKey", code: "SEC001", severity: .fail),
        Trigger(name: "duplicate key", code: "SEC001", severity: .fail),
        Trigger(name: "number instead of string", code: "SEC001", severity: .fail),
        Trigger(name: "certificate where the key belongs", code: "SEC001", severity: .fail),
        Trigger(name: "key inside certificate", code: "SEC001", severity: .fail),
        Trigger(name: "over 65,536 bytes", code: "SEC002", severity: .fail),
        Trigger(name: "truncated PEM", code: "SEC003", severity: .fail),
        Trigger(name: "escaped newlines", code: "SEC003", severity: .fail),
        Trigger(name: "corrupted certificate body", code: "SEC003", severity: .fail),
        Trigger(name: "bytes after the certificate", code: "SEC003", severity: .fail),
        Trigger(name: "misordered chain", code: "SEC004", severity: .fail),
        Trigger(name: "missing intermediate", code: "SEC005", severity: .fail),
        Trigger(name: "issuer not a CA", code: "SEC005", severity: .fail),
        Trigger(name: "path length exceeded", code: "SEC005", severity: .fail),
        Trigger(name: "no root", code: "SEC005", severity: .warn),
        Trigger(name: "expired leaf", code: "SEC006", severity: .fail),
        Trigger(name: "not-yet-valid leaf", code: "SEC006", severity: .fail),
        Trigger(name: "expiring within 30 days", code: "SEC006", severity: .warn),
        Trigger(name: "serverAuth only", code: "SEC007", severity: .fail),
        Trigger(name: "no digitalSignature", code: "SEC007", severity: .fail),
        Trigger(name: "PKCS#1 key", code: "SEC008", severity: .fail),
        Trigger(name: "SEC1 key", code: "SEC008", severity: .fail),
        Trigger(name: "encrypted SEC1 key", code: "SEC008", severity: .fail),
        Trigger(name: "PBES2 key", code: "SEC009", severity: .fail),
        Trigger(name: "encrypted key without password", code: "SEC010", severity: .fail),
        Trigger(name: "password for unencrypted key", code: "SEC010", severity: .warn),
        Trigger(name: "wrong password", code: "SEC011", severity: .fail),
        Trigger(name: "foreign key", code: "SEC012", severity: .fail),
        Trigger(name: "PBE-SHA1-DES scheme", code: "SEC013", severity: .warn),
        Trigger(name: "two keys", code: "SEC014", severity: .fail),
        Trigger(name: "SCRAM without password", code: "SEC015", severity: .fail),
        Trigger(name: "SCRAM with empty username", code: "SEC015", severity: .fail),
        Trigger(name: "SCRAM name without AmazonMSK_", code: "SEC016", severity: .fail),
        Trigger(name: "SCRAM name unknown", code: "SEC016", severity: .skipped),
        Trigger(name: "password with slash", code: "SEC018", severity: .warn),
        Trigger(name: "BASIC_AUTH password with quote", code: "SEC018", severity: .warn),
        Trigger(name: "root-CA secret with a leaf", code: "SEC020", severity: .fail),
        Trigger(name: "Ed25519 key", code: "SEC022", severity: .warn),
        Trigger(name: "foreign trust anchor", code: "SEC023", severity: .fail),
    ]

    static func secret(_ name: String) throws -> (String, SecretValidationOptions) {
        let pw = F.password
        let ec = F.chain("ec")
        var options = SecretValidationOptions()
        let json: String
        switch name {
        case "not an object": json = "[\"certificate\"]"
        case "mTLS without privateKey":
            json = try F.json(["certificate": F.pem(ec)])
            options.type = .mtls
        case "duplicate key":
            let key = try F.text("ec/leaf.key")
            let body = try F.mtlsJSON(chain: ec, key: "ec/leaf.key").dropLast()
            let escaped = String(
                decoding: try JSONSerialization.data(withJSONObject: [key], options: []), as: UTF8.self
            )
            .dropFirst().dropLast()
            json = body + ", \"privateKey\": \(escaped)}"
        case "number instead of string":
            json = String(
                decoding: try JSONSerialization.data(withJSONObject: [
                    "certificate": 5, "privateKey": try F.text("ec/leaf.key"),
                ]), as: UTF8.self)
        case "certificate where the key belongs":
            json = try F.json(["certificate": F.pem(ec), "privateKey": F.text("ec/leaf.pem")])
        case "key inside certificate":
            json = try F.json(["certificate": F.pem(ec + ["ec/leaf.key"]), "privateKey": F.text("ec/leaf.key")])
        case "over 65,536 bytes":
            json = try F.json([
                "certificate": F.pem(ec + Array(repeating: "ec/root.pem", count: 120)),
                "privateKey": F.text("ec/leaf.key"),
            ])
        case "truncated PEM":
            let leaf = try F.text("ec/leaf.pem")
            json = try F.json(["certificate": String(leaf.prefix(leaf.count / 2)), "privateKey": F.text("ec/leaf.key")])
        case "escaped newlines":
            json = try F.json([
                "certificate": F.pem(ec).replacingOccurrences(of: "\n", with: "\\n"),
                "privateKey": F.text("ec/leaf.key"),
            ])
        case "bytes after the certificate":
            var der = try #require(PEMDocument(text: F.text("ec/leaf.pem")).blocks.first).der
            der.append(contentsOf: [0x05, 0x00, 0x00])
            json = try F.json([
                "certificate": PEMBlock(label: "CERTIFICATE", der: der).pem, "privateKey": F.text("ec/leaf.key"),
            ])
        case "corrupted certificate body":
            // Drop a base64 line from the middle: the block still decodes, but not to a certificate.
            var lines = try F.text("ec/leaf.pem").split(separator: "\n")
            lines.remove(at: 3)
            json = try F.json([
                "certificate": lines.joined(separator: "\n") + "\n", "privateKey": F.text("ec/leaf.key"),
            ])
        case "misordered chain":
            json = try F.mtlsJSON(chain: ["ec/root.pem", "ec/leaf.pem", "ec/inter.pem"], key: "ec/leaf.key")
        case "missing intermediate": json = try F.mtlsJSON(chain: ["ec/leaf.pem", "ec/root.pem"], key: "ec/leaf.key")
        case "issuer not a CA":
            json = try F.mtlsJSON(
                chain: ["ec/leaf-under-notca.pem", "ec/inter-notca.pem", "ec/root.pem"], key: "ec/leaf.key")
        case "path length exceeded":
            json = try F.mtlsJSON(
                chain: ["ec/leaf-pl0.pem", "ec/inter-pl0.pem", "ec/root-pl0.pem"], key: "ec/leaf.key")
        case "no root": json = try F.mtlsJSON(chain: ["ec/leaf.pem", "ec/inter.pem"], key: "ec/leaf.key")
        case "expired leaf":
            json = try F.mtlsJSON(chain: ["ec/leaf-expired.pem", "ec/inter.pem", "ec/root.pem"], key: "ec/leaf.key")
        case "not-yet-valid leaf":
            json = try F.mtlsJSON(chain: ["ec/leaf-notyet.pem", "ec/inter.pem", "ec/root.pem"], key: "ec/leaf.key")
        case "expiring within 30 days":
            json = try F.mtlsJSON(chain: ec, key: "ec/leaf.key")
            options.now = try notAfter("ec/leaf.pem").addingTimeInterval(-10 * 86_400)
        case "serverAuth only":
            json = try F.mtlsJSON(chain: ["ec/leaf-serverauth.pem", "ec/inter.pem", "ec/root.pem"], key: "ec/leaf.key")
        case "no digitalSignature":
            json = try F.mtlsJSON(
                chain: ["ec/leaf-keyagreement.pem", "ec/inter.pem", "ec/root.pem"], key: "ec/leaf.key")
        case "PKCS#1 key": json = try F.mtlsJSON(chain: F.chain("rsa"), key: "keys/rsa-pkcs1.pem")
        case "SEC1 key": json = try F.mtlsJSON(chain: ec, key: "keys/ec-sec1.pem")
        case "encrypted SEC1 key": json = try F.mtlsJSON(chain: ec, key: "keys/ec-sec1-enc.pem", password: pw)
        case "PBES2 key": json = try F.mtlsJSON(chain: ec, key: "keys/ec-pbes2-aes256.pem", password: pw)
        case "encrypted key without password": json = try F.mtlsJSON(chain: ec, key: "keys/ec-pbe-sha1-3des.pem")
        case "password for unencrypted key": json = try F.mtlsJSON(chain: ec, key: "ec/leaf.key", password: pw)
        case "wrong password":
            json = try F.mtlsJSON(chain: ec, key: "keys/ec-pbe-sha1-3des.pem", password: "not-the-password")
        case "foreign key": json = try F.mtlsJSON(chain: ec, key: "rsa/leaf.key")
        case "PBE-SHA1-DES scheme": json = try F.mtlsJSON(chain: ec, key: "keys/ec-pbe-sha1-des.pem", password: pw)
        case "two keys":
            json = try F.json(["certificate": F.pem(ec), "privateKey": F.pem(["rsa/leaf.key", "ec/leaf.key"])])
        case "SCRAM without password":
            json = #"{"username": "alice"}"#
            options.secretName = "AmazonMSK_alice"
        case "SCRAM with empty username":
            json = #"{"username": "", "password": "secret-password"}"#
            options.secretName = "AmazonMSK_alice"
        case "SCRAM name without AmazonMSK_":
            json = #"{"username": "alice", "password": "secret-password"}"#
            options.secretName = "arn:aws:secretsmanager:us-east-1:123456789012:secret:alice-secret-AbCdEf"
        case "SCRAM name unknown": json = #"{"username": "alice", "password": "secret-password"}"#
        case "password with slash":
            json = #"{"username": "alice", "password": "secret/password"}"#
            options.secretName = "AmazonMSK_alice"
        case "BASIC_AUTH password with quote":
            json = #"{"username": "alice", "password": "secret\"password"}"#
            options.type = .basic
            options.target = .selfManaged
        case "root-CA secret with a leaf":
            json = try F.json(["certificate": F.text("ec/leaf.pem")])
            options.target = .selfManaged
        case "Ed25519 key": json = try F.mtlsJSON(chain: F.chain("ed25519"), key: "ed25519/leaf.key")
        case "foreign trust anchor":
            json = try F.mtlsJSON(chain: ec, key: "ec/leaf.key")
            options.trustAnchors = try [
                #require(Certificate(der: PEMDocument(text: F.text("other/root.pem")).blocks[0].der))
            ]
        default: throw SecretFixtureError(message: "unknown case \(name)")
        }
        return (json, options)
    }

    @Test(arguments: triggers)
    func codeFires(trigger: Trigger) throws {
        let (json, options) = try Self.secret(trigger.name)
        let report = try Self.report(json, options)
        let found = Self.problems(report, trigger.code)
        #expect(
            found.contains { $0.severity == trigger.severity },
            "findings: \(report.findings.map { "\($0.code) \($0.severity)" })")
        for finding in found where finding.severity == .fail || finding.severity == .warn {
            #expect(!finding.fix.isEmpty, "\(finding.code) has no fix")
            #expect(!finding.title.isEmpty)
        }
    }

    // MARK: - Each code stays silent on good secrets

    static let implementedCodes = [
        "SEC001", "SEC002", "SEC003", "SEC004", "SEC005", "SEC006", "SEC007", "SEC008", "SEC009", "SEC010", "SEC011",
        "SEC012", "SEC013", "SEC014", "SEC015", "SEC016", "SEC018", "SEC020", "SEC022", "SEC023",
    ]

    static func goodReports() throws -> [CheckReport<SecretSummary>] {
        let anchor = try #require(Certificate(der: PEMDocument(text: F.text("ec/root.pem")).blocks[0].der))
        return [
            try report(
                F.mtlsJSON(chain: F.chain("ec"), key: "ec/leaf.key"), SecretValidationOptions(trustAnchors: [anchor])),
            try report(F.mtlsJSON(chain: F.chain("rsa"), key: "rsa/leaf.key")),
            try report(F.mtlsJSON(chain: F.chain("ec"), key: "keys/ec-pbe-sha1-3des.pem", password: F.password)),
            try report(F.mtlsJSON(chain: F.chain("ec"), key: "keys/ec-pbe-md5-des.pem", password: F.password)),
            try report(
                #"{"username": "alice", "password": "Secret-Password-1"}"#,
                SecretValidationOptions(secretName: "AmazonMSK_alice")),
            try report(
                #"{"username": "alice", "password": "Secret-Password-1"}"#,
                SecretValidationOptions(type: .basic, target: .selfManaged)),
            try report(F.json(["certificate": F.text("ec/root.pem")]), SecretValidationOptions(target: .selfManaged)),
        ]
    }

    @Test(arguments: implementedCodes)
    func codeSilentOnGoodSecrets(code: String) throws {
        for report in try Self.goodReports() {
            #expect(Self.problems(report, code).isEmpty, "\(Self.problems(report, code).map(\.title))")
            #expect(report.verdict == .pass)
        }
    }

    @Test func implementedCodesAreDeclared() {
        let declared = Set(FindingCode.secretCodes.map(\.code))
        #expect(Set(Self.implementedCodes).isSubset(of: declared))
        #expect(Set(Self.triggers.map(\.code)) == Set(Self.implementedCodes))
    }

    // MARK: - Oracles

    static let encryptedKeys = [
        "ec-pbes2-aes256", "ec-pbes2-aes128-sha1", "ec-pbes2-des3", "ec-pbes2-scrypt", "ec-pbes2-des",
        "ec-pbe-sha1-3des",
        "ec-pbe-sha1-2des", "ec-pbe-md5-des", "ec-pbe-sha1-des", "ec-pbe-md5-rc2-64", "ec-pbe-sha1-rc2-64",
        "ec-pbe-sha1-rc4-128", "ec-pbe-sha1-rc4-40", "ec-pbe-sha1-rc2-128", "ec-pbe-sha1-rc2-40",
    ]

    /// The scheme, KDF and cipher OIDs in the summary are those a Python DER decoder reads, and the SEC009 /
    /// SEC013 verdicts follow from them.
    @Test(arguments: encryptedKeys)
    func schemeIdentificationMatchesDERDecoder(key: String) throws {
        let file = "keys/\(key).pem"
        let oids = try SecretShell.objectIdentifiers(inPEMFile: F.path(file))
        let report = try Self.report(F.mtlsJSON(chain: F.chain("ec"), key: file, password: F.password))
        let encryption = try #require(report.summary.key?.encryption)
        #expect(encryption.schemeOID == oids.first)
        let isPBES2 = oids.first == "1.2.840.113549.1.5.13"
        if isPBES2 {
            #expect(encryption.kdfOID == oids[1])
            #expect(encryption.cipherOID == oids.last)
        }
        #expect(!Self.problems(report, "SEC009").isEmpty == isPBES2)
        let safe = ["1.2.840.113549.1.5.3", "1.2.840.113549.1.12.1.3"].contains(oids.first ?? "")
        #expect(!Self.problems(report, "SEC013").isEmpty == (!isPBES2 && !safe))
        // `openssl asn1parse` names the same scheme.
        let parsed = try SecretShell.openssl(["asn1parse", "-in", F.path(file)]).stdout
        #expect(parsed.contains(":" + encryption.scheme))
    }

    /// SEC011 agrees with `openssl pkey` (legacy provider loaded) for the right and a wrong password.
    @Test(arguments: encryptedKeys + ["ec-sec1-enc", "rsa-pkcs1-enc"], [true, false])
    func passwordVerdictMatchesOpenSSL(key: String, rightPassword: Bool) throws {
        let file = "keys/\(key).pem"
        let password = rightPassword ? F.password : "wrong-password"
        let chain = key.hasPrefix("rsa") ? F.chain("rsa") : F.chain("ec")
        let oracle = try SecretShell.openssl([
            "pkey", "-provider", "legacy", "-provider", "default", "-in", F.path(file), "-passin", "pass:\(password)",
            "-noout",
        ])
        let report = try Self.report(F.mtlsJSON(chain: chain, key: file, password: password))
        let opened = report.findings.contains { $0.code == "SEC011" && $0.severity == .pass }
        #expect(opened == (oracle.status == 0))
        #expect(opened == rightPassword)
    }

    struct ChainCase: CustomTestStringConvertible, Sendable {
        var name: String
        var chain: [String]
        var testDescription: String { name }
    }

    static let chainCases: [ChainCase] = [
        ChainCase(name: "rsa", chain: F.chain("rsa")),
        ChainCase(name: "ec", chain: F.chain("ec")),
        ChainCase(name: "ed25519", chain: F.chain("ed25519")),
        ChainCase(name: "misordered", chain: ["ec/inter.pem", "ec/root.pem", "ec/leaf.pem"]),
        ChainCase(name: "expired", chain: ["ec/leaf-expired.pem", "ec/inter.pem", "ec/root.pem"]),
        ChainCase(name: "not yet valid", chain: ["ec/leaf-notyet.pem", "ec/inter.pem", "ec/root.pem"]),
        ChainCase(name: "missing intermediate", chain: ["ec/leaf.pem", "ec/root.pem"]),
        ChainCase(name: "issuer not a CA", chain: ["ec/leaf-under-notca.pem", "ec/inter-notca.pem", "ec/root.pem"]),
        ChainCase(name: "path length", chain: ["ec/leaf-pl0.pem", "ec/inter-pl0.pem", "ec/root-pl0.pem"]),
        ChainCase(name: "foreign root", chain: ["ec/leaf.pem", "ec/inter.pem", "other/root.pem"]),
    ]

    /// The chain verdict (no SEC005 / SEC006 failure) agrees with `openssl verify`, given the self-signed
    /// certificate as the trust anchor and the others as untrusted intermediates.
    @Test(arguments: chainCases)
    func chainVerdictMatchesOpenSSLVerify(chainCase: ChainCase) throws {
        let leaf = try #require(chainCase.chain.first { $0.contains("leaf") })
        let roots = chainCase.chain.filter { $0.contains("root") }
        let intermediates = chainCase.chain.filter { !$0.contains("root") && $0 != leaf }
        let directory = try F.directory()
        let untrusted = directory.appendingPathComponent("untrusted-\(UUID().uuidString).pem")
        try F.pem(intermediates.isEmpty ? [] : intermediates).write(to: untrusted, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: untrusted) }
        var arguments = ["verify", "-CAfile", try F.path(roots[0])]
        if !intermediates.isEmpty { arguments += ["-untrusted", untrusted.path] }
        let oracle = try SecretShell.openssl(arguments + [try F.path(leaf)])
        let report = try Self.report(F.mtlsJSON(chain: chainCase.chain, key: "ec/leaf.key"))
        let chainFails = report.findings.contains { ["SEC005", "SEC006"].contains($0.code) && $0.severity == .fail }
        #expect(chainFails == (oracle.status != 0), "openssl: \(oracle.stdout) \(oracle.stderr)")
    }

    // MARK: - Trust anchor

    @Test(arguments: ["ec/root.pem", "ec/inter.pem"])
    func trustAnchorOnThePathPasses(anchor: String) throws {
        let certificate = try #require(Certificate(der: PEMDocument(text: F.text(anchor)).blocks[0].der))
        let report = try Self.report(
            F.mtlsJSON(chain: ["ec/leaf.pem", "ec/inter.pem"], key: "ec/leaf.key"),
            SecretValidationOptions(trustAnchors: [certificate]))
        #expect(report.findings.contains { $0.code == "SEC023" && $0.severity == .pass })
        // With the root as anchor, the missing root is no longer a warning.
        if anchor == "ec/root.pem" { #expect(Self.problems(report, "SEC005").isEmpty) }
    }

    // MARK: - Secret material never in findings or summary

    @Test func noKeyOrPasswordInTheReport() throws {
        let keyText = try F.text("keys/ec-pbes2-aes256.pem")
        let canaryPassword = "CANARY-PASSWORD-\(UUID().uuidString)"
        let report = try Self.report(
            F.mtlsJSON(chain: F.chain("ec"), key: "keys/ec-pbes2-aes256.pem", password: canaryPassword))
        let encoded = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!encoded.contains(canaryPassword))
        let body = keyText.split(separator: "\n").dropFirst().first.map(String.init) ?? "unused"
        #expect(!encoded.contains(body))
        #expect(report.summary.passwordLength == canaryPassword.count)
    }
}

/// The `fix` of each key finding works as written on OpenSSL 3: run in a shell next to the key saved as
/// `key.pem`, it writes a key the validator then accepts.
struct SecretKeyFixCommandTests {
    typealias F = SecretFixtures

    @Test(arguments: [
        ("keys/rsa-pkcs1.pem", "SEC008"), ("keys/rsa-pkcs1-enc.pem", "SEC008"), ("keys/ec-sec1.pem", "SEC008"),
        ("keys/ec-sec1-enc.pem", "SEC008"), ("keys/ec-pbes2-aes256.pem", "SEC009"), ("keys/ec-pbes2-des.pem", "SEC009"),
        ("keys/ec-pbes2-scrypt.pem", "SEC009"), ("keys/ec-pbe-sha1-des.pem", "SEC013"),
        ("keys/ec-pbe-sha1-rc4-40.pem", "SEC013"), ("keys/ec-pbe-sha1-2des.pem", "SEC013"),
    ])
    func fixCommandProducesAnAcceptedKey(key: String, code: String) throws {
        let algorithm = key.contains("rsa") ? "rsa" : "ec"
        let encrypted = !(key.hasSuffix("pkcs1.pem") || key.hasSuffix("sec1.pem"))
        let chain = ["\(algorithm)/leaf.pem", "\(algorithm)/inter.pem", "\(algorithm)/root.pem"]
        let report = try SecretValidatorTests.report(
            F.mtlsJSON(chain: chain, key: key, password: encrypted ? F.password : nil))
        let finding = try #require(report.findings.first { $0.code == code && $0.severity != .pass })
        let command = try #require(finding.fix.components(separatedBy: "  (or:").first)
            .replacingOccurrences(of: "<the key password>", with: F.password)
        let directory = try F.directory().appendingPathComponent("fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try F.text(key).write(to: directory.appendingPathComponent("key.pem"), atomically: false, encoding: .utf8)
        let run = try SecretShell.run("/bin/sh", ["-c", "cd '\(directory.path)' && \(command)"])
        #expect(run.status == 0, "\(command): \(run.stderr)")
        let output = command.contains("key-pbe.pem") ? "key-pbe.pem" : "key-pkcs8.pem"
        let fixedKey = try String(contentsOf: directory.appendingPathComponent(output), encoding: .utf8)
        var members = ["certificate": try F.pem(chain), "privateKey": fixedKey]
        if encrypted { members["privateKeyPassword"] = F.password }
        let fixed = try SecretValidatorTests.report(F.json(members))
        #expect(fixed.verdict == .pass, "\(fixed.findings.filter { $0.severity != .pass }.map(\.title))")
    }

    /// The SEC011 fix's check command tells the right password from a wrong one.
    @Test(arguments: [(F.password, Int32(0)), ("wrong-password", Int32(1))])
    func passwordCheckCommandWorks(password: String, status: Int32) throws {
        let report = try SecretValidatorTests.report(
            F.mtlsJSON(chain: F.chain("ec"), key: "keys/ec-pbe-sha1-des.pem", password: "not-it"))
        let finding = try #require(report.findings.first { $0.code == "SEC011" && $0.severity == .fail })
        let command = try #require(finding.fix.components(separatedBy: "check it with: ").last)
        let keyPath = try F.path("keys/ec-pbe-sha1-des.pem")
        let run = try SecretShell.run(
            "/bin/sh",
            ["-c", "KEY_PASSWORD='\(password)' " + command.replacingOccurrences(of: "key.pem", with: keyPath)])
        #expect(run.status == status)
    }
}
