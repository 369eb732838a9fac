import Foundation
import Testing

@testable import MSKESMCore

/// Reading secrets: the strict JSON parser, PEM blocks, and the line between unreadable input (exit 2)
/// and findings.
struct SecretInputTests {
    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, ["$.a"]),
        (#"{"a": {"b": 1, "b": 2}, "c": [ {"d": 1, "d": 1} ]}"#, ["$.a.b", "$.c[0].d"]),
        (#"{"privateKey": "x", "certificate": "y"}"#, []),
    ])
    func duplicateKeysAreFound(json: String, expected: [String]) throws {
        let (_, duplicates) = try JSONParser.parse(json)
        #expect(duplicates == expected)
    }

    /// Values agree with JSONSerialization (the independent parser) on documents without duplicates.
    @Test(arguments: [
        #"{"certificate": "-----BEGIN CERTIFICATE-----\nMII=\n-----END CERTIFICATE-----\n", "n": -1.5e3}"#,
        #"{"s": "\u00e9\ud83d\ude00 \" \\ \/ \t", "a": [true, false, null, 0, 12]}"#,
        #"  {"nested": {"deep": ["x", {"y": "z"}]}}  "#,
    ])
    func valuesAgreeWithJSONSerialization(json: String) throws {
        let (value, _) = try JSONParser.parse(json)
        let ours = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? NSDictionary
        let oracle = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary
        #expect(ours == oracle)
    }

    @Test(arguments: [
        #"{"a": 1"#, #"{"a" 1}"#, "{\"a\": \"line\nbreak\"}", #"{"a": tru}"#, #"{"a": 1} x"#, #"{"a": "\x"}"#,
    ])
    func invalidJSONIsRejected(json: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(json) }
    }

    @Test(arguments: [
        ("", "empty input"), ("   \n", "empty input"), ("hello world", "neither JSON nor PEM"),
        (#"{"certificate": "x""#, "not valid JSON"),
    ])
    func unreadableInputIsAToolError(text: String, what: String) {
        #expect {
            try SecretInput.parse(text, label: "in.json")
        } throws: { error in
            guard let error = error as? ToolError else { return false }
            return error.kind == .usage && error.what.hasPrefix(what) && error.input == "in.json"
        }
    }

    @Test func pemToleratesHarmlessWhitespaceAndNormalises() throws {
        let pem = try SecretFixtures.text("ec/leaf.pem")
        let messy = "  \r\n" + pem.replacingOccurrences(of: "\n", with: "  \r\n") + "\n\n"
        let document = PEMDocument(text: messy)
        #expect(document.problems.isEmpty)
        #expect(document.normalized == pem)
    }

    @Test(arguments: [
        ("truncated", "no END line"), ("mismatched", "not END"), ("bad base64", "not valid base64"),
        ("empty", "empty"),
    ])
    func pemProblemsAreNamed(kind: String, reason: String) throws {
        let pem = try SecretFixtures.text("ec/leaf.pem")
        let text: String
        switch kind {
        case "truncated": text = String(pem.prefix(200))
        case "mismatched": text = pem.replacingOccurrences(of: "END CERTIFICATE", with: "END PRIVATE KEY")
        case "bad base64":
            text = pem.replacingOccurrences(of: "BEGIN CERTIFICATE-----\n", with: "BEGIN CERTIFICATE-----\n!!!!")
        default: text = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"
        }
        let document = PEMDocument(text: text)
        #expect(document.problems.contains { $0.reason.contains(reason) }, "\(document.problems)")
    }

    @Test func pemFileSplitsIntoCertificateAndKey() throws {
        let text = try SecretFixtures.pem(["ec/leaf.pem", "ec/leaf.key", "ec/inter.pem"])
        let input = try SecretInput.parse(text, label: "bundle.pem", password: "pw")
        #expect(input.form == .pem)
        #expect(input.document["certificate"]?.stringValue?.components(separatedBy: "BEGIN CERTIFICATE").count == 3)
        #expect(input.document["privateKey"]?.stringValue?.contains("BEGIN PRIVATE KEY") == true)
        #expect(input.document["privateKeyPassword"]?.stringValue == "pw")
    }

    @Test(arguments: [
        ("arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_app-AbCdEf", "AmazonMSK_app"),
        ("AmazonMSK_app", "AmazonMSK_app"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:secret:team/app", "team/app"),
    ])
    func secretNameFromARN(text: String, name: String) {
        #expect(SecretCheckRun.secretName(fromNameOrARN: text) == name)
    }
}

/// Damaged secrets — characters changed, lines dropped, text cut short — become findings or a ToolError,
/// never a crash, and never quote the key.
struct SecretDamageTests {
    /// A small deterministic generator, so a failure can be replayed from its seed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: 0..<6)
    func damagedSecretsNeverCrash(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let chain = try SecretFixtures.pem(SecretFixtures.chain("rsa"))
        let key = try SecretFixtures.text("keys/rsa-pkcs1-enc.pem")
        let keyLines = key.split(separator: "\n").dropFirst(3).dropLast().map(String.init)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=- \n")
        for _ in 0..<20 {
            var certificate = Array(chain)
            var privateKey = Array(key)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                switch Int.random(in: 0..<3, using: &random) {
                case 0:
                    let index = Int.random(in: 0..<certificate.count, using: &random)
                    certificate[index] = alphabet.randomElement(using: &random) ?? "A"
                case 1:
                    let index = Int.random(in: 0..<privateKey.count, using: &random)
                    privateKey[index] = alphabet.randomElement(using: &random) ?? "A"
                default:
                    certificate = Array(certificate.prefix(Int.random(in: 0...certificate.count, using: &random)))
                }
            }
            let json = try SecretFixtures.json([
                "certificate": String(certificate), "privateKey": String(privateKey),
                "privateKeyPassword": SecretFixtures.password,
            ])
            guard let input = try? SecretInput.parse(json, label: "damaged") else { continue }
            let report = SecretValidator().validate(input)
            let encoded = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            for line in keyLines where line.count > 20 {
                #expect(!encoded.contains(line))
            }
            _ = try? SecretRepairer().repair(input)
        }
    }
}
