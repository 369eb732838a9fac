import Foundation
import Testing

@testable import MSKESMCLI

/// `msk-esm secret validate` and `secret fix` end to end: exit codes, output shapes, files written, and that no
/// secret value ever reaches stdout, stderr or an error message.
struct SecretCommandTests {
    typealias F = SecretCLIFixtures

    // MARK: - Unreadable input: one line, exit 2, nothing on stdout

    @Test(arguments: ["empty", "whitespace", "not UTF-8", "neither JSON nor PEM", "broken JSON", "over 1 MiB"])
    func unreadableInputExitsTwo(kind: String) async throws {
        let path = try F.scratchPath("input.json")
        let data: Data
        switch kind {
        case "empty": data = Data()
        case "whitespace": data = Data("  \n\n".utf8)
        case "not UTF-8": data = Data([0x7B, 0xFF, 0xFE, 0x7D])
        case "neither JSON nor PEM": data = Data("certificate=abc\n".utf8)
        case "broken JSON": data = Data(#"{"certificate": "abc", "privateKey": }"#.utf8)
        default: data = Data(repeating: 0x20, count: (1 << 20) + 10)
        }
        try data.write(to: URL(fileURLWithPath: path))
        for output in ["text", "json"] {
            let result = await CommandRunner.run(["secret", "validate", path, "--output", output])
            #expect(result.exitCode == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("msk-esm: error: "))
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stderr.contains(path), "the error names the input: \(result.stderr)")
        }
    }

    // MARK: - Input that reads but is wrong: findings, exit 1

    @Test(arguments: [
        ("missing privateKey", "SEC001"), ("duplicate key", "SEC001"), ("truncated PEM", "SEC003"),
        ("certificate as privateKey", "SEC001"), ("over 65,536 bytes", "SEC002"), ("array", "SEC001"),
    ])
    func wrongSecretsAreFindings(kind: String, code: String) async throws {
        let chain = try F.pem(F.ecChain)
        let key = try F.text("ec/leaf.key")
        let contents: String
        switch kind {
        case "missing privateKey": contents = try F.json(["certificate": chain, "privateKeyPassword": "x"])
        case "duplicate key":
            contents =
                String(try F.json(["certificate": chain, "privateKey": key]).dropLast()) + #", "certificate": "x"}"#
        case "truncated PEM": contents = try F.json(["certificate": String(chain.prefix(900)), "privateKey": key])
        case "certificate as privateKey": contents = try F.json(["certificate": chain, "privateKey": chain])
        case "over 65,536 bytes":
            contents = try F.json([
                "certificate": chain + String(repeating: try F.text("ec/root.pem"), count: 110), "privateKey": key,
            ])
        default: contents = "[1, 2]"
        }
        let path = try F.file(contents)
        let result = await CommandRunner.run(["secret", "validate", path, "--output", "json"])
        #expect(result.exitCode == 1, "\(result.stderr)")
        let json = try result.json()
        #expect(json["verdict"] as? String == "fail")
        let findings = json["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["code"] as? String == code && $0["severity"] as? String == "fail" })
        #expect(result.stderr.isEmpty)
    }

    // MARK: - Good secrets and the JSON summary

    @Test func goodSecretPassesWithSummary() async throws {
        let path = try F.mtlsFile(chain: F.ecChain, key: "keys/ec-pbe-sha1-3des.pem", password: F.password)
        let result = await CommandRunner.run(["secret", "validate", path, "--output", "json"])
        #expect(result.exitCode == 0)
        let json = try result.json()
        #expect(json["verdict"] as? String == "pass")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["secretType"] as? String == "mtls")
        #expect(summary["skipped"] as? Int == 0)
        let certificates = try #require(summary["certificates"] as? [[String: Any]])
        #expect(certificates.count == 3)
        for field in [
            "subject", "issuer", "serial", "notBefore", "notAfter", "isCA", "pathLength", "keyType", "keyBits",
            "sha256",
        ] {
            #expect(certificates[0].keys.contains(field), "certificate summary lacks \(field)")
        }
        let key = try #require(summary["key"] as? [String: Any])
        #expect(key["format"] as? String == "pkcs8")
        #expect(key["type"] as? String == "EC")
        let encryption = try #require(key["encryption"] as? [String: Any])
        #expect(encryption["schemeOID"] as? String == "1.2.840.113549.1.12.1.3")
        #expect(summary["passwordLength"] as? Int == F.password.count)

        let text = await CommandRunner.run(["secret", "validate", path])
        #expect(text.exitCode == 0)
        #expect(text.stdout.hasPrefix("pass\n"))
        #expect(text.stdout.contains("certificate 1: CN=ec client"))
    }

    @Test func partsAsFiles() async throws {
        let chain = try F.file(F.pem(F.ecChain), name: "chain.pem")
        let passwordFile = try F.file(F.password + "\n", name: "password.txt")
        let result = await CommandRunner.run([
            "secret", "validate", "--certificate", chain, "--private-key", try F.path("keys/ec-pbes2-aes256.pem"),
            "--password-file", passwordFile, "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let findings = try result.json()["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["code"] as? String == "SEC009" && $0["severity"] as? String == "fail" })
        #expect(findings.contains { $0["code"] as? String == "SEC011" && $0["severity"] as? String == "pass" })
    }

    @Test func standardInputThroughTheBinary() throws {
        let contents = try F.json(["certificate": F.pem(F.ecChain), "privateKey": F.text("ec/leaf.key")])
        let result = try CommandRunner.runBinary(
            ["secret", "validate", "-", "--output", "json"], stdin: Data(contents.utf8))
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try result.json()["verdict"] as? String == "pass")
    }

    @Test(arguments: [("2200-01-01T00:00:00Z", 1), ("2031-01-01", 0)])
    func atEvaluatesValidityAtAnotherInstant(at: String, exitCode: Int32) async throws {
        let path = try F.mtlsFile(chain: F.ecChain, key: "ec/leaf.key")
        let result = await CommandRunner.run(["secret", "validate", path, "--at", at, "--output", "json"])
        #expect(result.exitCode == exitCode)
        let findings = try result.json()["findings"] as? [[String: Any]] ?? []
        #expect(
            findings.contains { $0["code"] as? String == "SEC006" && $0["severity"] as? String == "fail" }
                == (exitCode == 1))
    }

    @Test(
        arguments: [
            (["--type", "basic", "--for", "self-managed"], 0, nil), ([], 0, "SEC016"),
            (["--secret-name", "AmazonMSK_alice"], 0, nil), (["--secret-name", "alice", "--strict"], 1, "SEC016"),
        ] as [([String], Int32, String?)])
    func saslSecrets(options: [String], exitCode: Int32, code: String?) async throws {
        let path = try F.file(#"{"username": "alice", "password": "Secret-Password-1"}"#)
        let result = await CommandRunner.run(["secret", "validate", path, "--output", "json"] + options)
        #expect(result.exitCode == exitCode)
        let findings = try result.json()["findings"] as? [[String: Any]] ?? []
        let flagged = findings.filter { $0["severity"] as? String != "pass" && $0["severity"] as? String != "info" }
        #expect(flagged.compactMap { $0["code"] as? String } == (code.map { [$0] } ?? []))
    }

    @Test func trustAnchorOption() async throws {
        let path = try F.mtlsFile(chain: F.ecChain, key: "ec/leaf.key")
        let good = await CommandRunner.run(["secret", "validate", path, "--trust-anchor", try F.path("ec/root.pem")])
        #expect(good.exitCode == 0)
        let bad = await CommandRunner.run(["secret", "validate", path, "--trust-anchor", try F.path("other/root.pem")])
        #expect(bad.exitCode == 1)
        #expect(bad.stdout.contains("SEC023"))
        let unreadable = await CommandRunner.run([
            "secret", "validate", path, "--trust-anchor", try F.path("ec/leaf.key"),
        ])
        #expect(unreadable.exitCode == 2)
        #expect(unreadable.stderr.contains("--trust-anchor"))
    }

    // MARK: - Canaries: no key or password in any output

    @Test(arguments: [
        "encrypted key", "garbage key", "broken JSON", "scram", "fix wrong password", "pem input", "oauth",
    ])
    func secretValuesNeverAppear(kind: String) async throws {
        let canaryPassword = "CanaryPassword\(UUID().uuidString.prefix(8))\\/"
        let canaryKey = "CanaryKeyMaterial\(UUID().uuidString.prefix(8))"
        let chain = try F.pem(F.ecChain)
        var commands: [[String]] = []
        var forbidden = [canaryPassword, canaryKey, String(canaryPassword.dropLast(2))]
        switch kind {
        case "encrypted key":
            let key = try F.text("keys/ec-pbes2-aes256.pem")
            forbidden += key.split(separator: "\n").dropFirst().dropLast().map(String.init)
            let path = try F.file(
                F.json(["certificate": chain, "privateKey": key, "privateKeyPassword": canaryPassword]))
            commands = [["secret", "validate", path]]
        case "garbage key":
            let key = "-----BEGIN PRIVATE KEY-----\n\(canaryKey)\n-----END PRIVATE KEY-----\n"
            let path = try F.file(
                F.json(["certificate": chain, "privateKey": key, "privateKeyPassword": canaryPassword]))
            commands = [
                ["secret", "validate", path], ["secret", "fix", path, "--write", try F.scratchPath("out.json")],
            ]
        case "broken JSON":
            let path = try F.file(#"{"privateKey": "\#(canaryKey)", "privateKeyPassword": "\#(canaryPassword)"#)
            commands = [["secret", "validate", path], ["secret", "fix", path, "--write", "-"]]
        case "scram":
            let path = try F.file(F.json(["username": "alice", "password": canaryPassword]))
            commands = [["secret", "validate", path], ["secret", "validate", path, "--type", "basic"]]
        case "oauth":
            // The client secret, and a password hidden in the token endpoint's user information.
            let path = try F.file(
                F.json([
                    "clientId": "orders-sync", "clientSecret": canaryPassword,
                    "tokenEndpointUrl": "http://svc:\(canaryKey)@login.example.com/oauth2/token?secret=\(canaryKey)",
                ]))
            commands = [
                ["secret", "validate", path], ["secret", "validate", path, "--type", "oauth"],
                ["secret", "fix", path, "--write", try F.scratchPath("out.json")],
            ]
        case "fix wrong password":
            let key = try F.text("keys/ec-pbes2-aes256.pem")
            forbidden += key.split(separator: "\n").dropFirst().dropLast().map(String.init)
            let path = try F.file(
                F.json(["certificate": chain, "privateKey": key, "privateKeyPassword": canaryPassword]))
            commands = [["secret", "fix", path, "--write", try F.scratchPath("out.json")]]
        default:
            let pemPath = try F.file(chain + (try F.text("keys/ec-pbe-sha1-3des.pem")), name: "bundle.pem")
            let passwordFile = try F.file(canaryPassword, name: "pw.txt")
            commands = [["secret", "validate", pemPath, "--password-file", passwordFile]]
        }
        for command in commands {
            for output in ["text", "json"] {
                let result = await CommandRunner.run(command + ["--output", output])
                for value in forbidden where value.count >= 8 {
                    #expect(!result.stdout.contains(value), "stdout of \(command) holds a secret value")
                    #expect(!result.stderr.contains(value), "stderr of \(command) holds a secret value")
                }
                #expect(result.exitCode != 0 || kind == "scram")
            }
        }
    }

    // MARK: - secret fix

    @Test func fixWritesAPrivateFileAndRevalidates() async throws {
        let input = try F.mtlsFile(
            chain: ["ec/root.pem", "ec/leaf.pem", "ec/inter.pem"], key: "keys/ec-pbes2-aes256.pem", password: F.password
        )
        let output = try F.scratchPath("fixed.json")
        let result = await CommandRunner.run(["secret", "fix", input, "--write", output, "--output", "json"])
        #expect(result.exitCode == 0, "\(result.stdout) \(result.stderr)")
        let json = try result.json()
        #expect(json["verdict"] as? String == "pass")
        let summary = json["summary"] as? [String: Any] ?? [:]
        #expect((summary["changes"] as? [String])?.count == 2)
        #expect(summary["written"] as? String == output)
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        // The openssl CLI reads the new key: PBE-SHA1-3DES, same password.
        let fixed = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: String])
        let keyPath = try F.file(try #require(fixed["privateKey"]), name: "key.pem")
        let parsed = try SecretCLIShell.openssl(["asn1parse", "-in", keyPath])
        #expect(parsed.stdout.contains(":pbeWithSHA1And3-KeyTripleDES-CBC"))
        #expect(try SecretCLIShell.openssl(["pkcs8", "-in", keyPath, "-passin", "pass:\(F.password)"]).status == 0)

        // Never over an existing file without --force.
        let again = await CommandRunner.run(["secret", "fix", input, "--write", output])
        #expect(again.exitCode == 2)
        #expect(again.stderr.contains("--force"))
        let forced = await CommandRunner.run(["secret", "fix", input, "--write", output, "--force"])
        #expect(forced.exitCode == 0)
    }

    @Test func fixToStandardOutput() async throws {
        let input = try F.mtlsFile(
            chain: F.ecChain, key: "keys/rsa-pkcs1.pem".replacingOccurrences(of: "rsa-pkcs1", with: "ec-sec1"))
        let result = await CommandRunner.run(["secret", "fix", input, "--write", "-"])
        #expect(result.exitCode == 0)
        let fixed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        #expect(fixed["privateKey"]?.hasPrefix("-----BEGIN PRIVATE KEY-----") == true)
        #expect(result.stderr.contains("re-validation: pass"))
        #expect(result.stderr.contains("SEC1"))
    }

    /// An OAuth secret: the token endpoint's surrounding whitespace is the one mechanical fix. The client secret
    /// (a canary) reaches the written file, byte for byte, and neither stdout nor stderr; an http:// endpoint is
    /// written as it was and the re-validation fails it (SEC026).
    @Test(arguments: [false, true])
    func fixTrimsTheOAuthTokenEndpointOnly(plainHTTP: Bool) async throws {
        let canary = "Canary-OAuth-\(UUID().uuidString.prefix(8))"
        let scheme = plainHTTP ? "http" : "https"
        let input = try F.file(
            F.json([
                "clientId": "orders-sync", "clientSecret": canary,
                "tokenEndpointUrl": " \(scheme)://login.example.com/oauth2/token\n",
            ]))
        for format in ["text", "json"] {
            let output = try F.scratchPath("fixed-\(format).json")
            let result = await CommandRunner.run([
                "secret", "fix", input, "--type", "oauth", "--write", output, "--output", format,
            ])
            #expect(result.exitCode == (plainHTTP ? 1 : 0), "\(result.stdout) \(result.stderr)")
            #expect(!result.stdout.contains(canary) && !result.stderr.contains(canary))
            #expect(
                result.stdout.contains("removed the whitespace around") && result.stdout.contains("tokenEndpointUrl"))
            #expect(result.stdout.contains("SEC026"))
            let fixed = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output)))
                    as? [String: String])
            #expect(
                fixed == [
                    "clientId": "orders-sync", "clientSecret": canary,
                    "tokenEndpointUrl": "\(scheme)://login.example.com/oauth2/token",
                ])
        }
    }

    @Test func fixRefusesWithoutPassword() async throws {
        let input = try F.mtlsFile(chain: F.ecChain, key: "keys/ec-pbes2-aes256.pem")
        let output = try F.scratchPath("fixed.json")
        let result = await CommandRunner.run(["secret", "fix", input, "--write", output])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("needs its password"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func fixReportsWhatItCannotRepair() async throws {
        let input = try F.mtlsFile(chain: ["ec/leaf-expired.pem", "ec/inter.pem", "ec/root.pem"], key: "ec/leaf.key")
        let result = await CommandRunner.run(["secret", "fix", input, "--write", try F.scratchPath("fixed.json")])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("SEC006"))
    }

    @Test func helpDocumentsBothCommands() throws {
        let result = try CommandRunner.runBinary(["secret", "--help"])
        #expect(result.stdout.contains("validate"))
        #expect(result.stdout.contains("fix"))
        let fix = try CommandRunner.runBinary(["secret", "fix", "--help"])
        #expect(fix.stdout.contains("--write"))
        #expect(fix.stdout.contains("Examples:"))
    }
}
