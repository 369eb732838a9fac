import Foundation
import Testing

@testable import MSKESMCore

/// `SecretRepairer`: what it writes is checked with the openssl CLI and an independent DER decoder.
struct SecretRepairerTests {
    typealias F = SecretFixtures

    static func repair(_ json: String, _ options: SecretRepairOptions = SecretRepairOptions()) throws -> [String:
        String]
    {
        let repair = try SecretRepairer(options: options).repair(SecretInput.parse(json, label: "test"))
        return try #require(JSONSerialization.jsonObject(with: repair.secretJSON) as? [String: String])
    }

    /// Writes a repaired key to a temporary file for the oracles.
    static func keyFile(_ pem: String) throws -> String {
        let url = try F.directory().appendingPathComponent("repaired-\(UUID().uuidString).pem")
        try pem.write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    static func publicKey(_ path: String, password: String? = nil) throws -> String {
        var arguments = ["pkey", "-provider", "legacy", "-provider", "default", "-in", path, "-pubout"]
        if let password { arguments += ["-passin", "pass:\(password)"] }
        let result = try SecretShell.openssl(arguments)
        guard result.status == 0 else { throw SecretFixtureError(message: "openssl pkey failed: \(result.stderr)") }
        return result.stdout
    }

    @Test func chainIsReorderedAndNormalised() throws {
        let messy = try F.pem(["ec/root.pem", "ec/leaf.pem", "ec/inter.pem"]).replacingOccurrences(
            of: "\n", with: "\r\n")
        let json = try F.json(["certificate": messy, "privateKey": F.text("ec/leaf.key")])
        let fixed = try Self.repair(json)
        #expect(fixed["certificate"] == (try F.pem(F.chain("ec"))))
        let report = SecretValidator().validate(try SecretInput.parse(try F.json(fixed), label: "fixed"))
        #expect(report.verdict == .pass)
    }

    @Test(arguments: [("keys/rsa-pkcs1.pem", "rsa"), ("keys/ec-sec1.pem", "ec")])
    func traditionalKeysBecomeUnencryptedPKCS8(key: String, algorithm: String) throws {
        let fixed = try Self.repair(F.mtlsJSON(chain: F.chain(algorithm), key: key))
        let pem = try #require(fixed["privateKey"])
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let path = try Self.keyFile(pem)
        #expect(try Self.publicKey(path) == Self.publicKey(F.path("\(algorithm)/leaf.key")))
        #expect(fixed["privateKeyPassword"] == nil)
    }

    /// Keys that Lambda may not read are re-encrypted with PBE-SHA1-3DES (1.2.840.113549.1.12.1.3) under the same
    /// password; `openssl pkcs8` decrypts the result to the same key.
    @Test(arguments: [
        "keys/ec-pbes2-aes256.pem", "keys/ec-pbes2-des3.pem", "keys/ec-pbes2-scrypt.pem", "keys/ec-pbes2-des.pem",
        "keys/ec-pbe-sha1-des.pem", "keys/ec-sec1-enc.pem", "keys/rsa-pkcs1-enc.pem",
    ])
    func encryptedKeysAreReencryptedWithPBESHA13DES(key: String) throws {
        let algorithm = key.contains("rsa") ? "rsa" : "ec"
        let fixed = try Self.repair(F.mtlsJSON(chain: F.chain(algorithm), key: key, password: F.password))
        let pem = try #require(fixed["privateKey"])
        let path = try Self.keyFile(pem)
        #expect(try SecretShell.objectIdentifiers(inPEMFile: path).first == "1.2.840.113549.1.12.1.3")
        let decrypted = try SecretShell.openssl(["pkcs8", "-in", path, "-passin", "pass:\(F.password)"])
        #expect(decrypted.status == 0)
        #expect(try Self.publicKey(path, password: F.password) == Self.publicKey(F.path("\(algorithm)/leaf.key")))
        #expect(fixed["privateKeyPassword"] == F.password)
    }

    @Test func schemeOptionWritesPBEWithMD5AndDES() throws {
        let fixed = try Self.repair(
            F.mtlsJSON(chain: F.chain("ec"), key: "keys/ec-pbes2-aes256.pem", password: F.password),
            SecretRepairOptions(scheme: .pbeMD5DES))
        let path = try Self.keyFile(try #require(fixed["privateKey"]))
        #expect(try SecretShell.objectIdentifiers(inPEMFile: path).first == "1.2.840.113549.1.5.3")
        let decrypted = try SecretShell.openssl([
            "pkcs8", "-provider", "legacy", "-provider", "default", "-in", path, "-passin", "pass:\(F.password)",
        ])
        #expect(decrypted.status == 0)
    }

    @Test func safeSchemesAreKept() throws {
        let json = try F.mtlsJSON(chain: F.chain("ec"), key: "keys/ec-pbe-sha1-3des.pem", password: F.password)
        let fixed = try Self.repair(json)
        #expect(fixed["privateKey"] == (try F.text("keys/ec-pbe-sha1-3des.pem")))
    }

    @Test(
        arguments: [
            ("keys/ec-pbes2-aes256.pem", nil, "needs its password"),
            ("keys/ec-pbes2-aes256.pem", "wrong-password", "does not decrypt"),
            ("keys/rsa-pkcs1-enc.pem", nil, "needs its password"),
        ] as [(String, String?, String)])
    func refusesWithoutTheRightPassword(key: String, password: String?, message: String) throws {
        let json = try F.mtlsJSON(chain: F.chain(key.contains("rsa") ? "rsa" : "ec"), key: key, password: password)
        #expect {
            try Self.repair(json)
        } throws: { error in
            guard let error = error as? ToolError else { return false }
            return error.what.contains(message) && !error.description.contains(password ?? "\u{0}")
        }
    }

    @Test func keepsTheKeyMatchingTheLeafOfTwo() throws {
        let json = try F.json([
            "certificate": F.pem(F.chain("ec")), "privateKey": F.pem(["rsa/leaf.key", "ec/leaf.key"]),
        ])
        let fixed = try Self.repair(json)
        let path = try Self.keyFile(try #require(fixed["privateKey"]))
        #expect(try Self.publicKey(path) == Self.publicKey(F.path("ec/leaf.key")))
    }
}
