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
        let (_, duplicates) = try StrictJSONParser.parse(json)
        #expect(duplicates == expected)
    }

    /// Values agree with JSONSerialization (the independent parser) on documents without duplicates.
    @Test(arguments: [
        #"{"certificate": "-----BEGIN CERTIFICATE-----\nMII=\n-----END CERTIFICATE-----\n", "n": -1.5e3}"#,
        #"{"s": "\u00e9\ud83d\ude00 \" \\ \/ \t", "a": [true, false, null, 0, 12]}"#,
        #"  {"nested": {"deep": ["x", {"y": "z"}]}}  "#,
    ])
    func valuesAgreeWithJSONSerialization(json: String) throws {
        let (value, _) = try StrictJSONParser.parse(json)
        let ours = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? NSDictionary
        let oracle = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary
        #expect(ours == oracle)
    }

    @Test(arguments: [
        #"{"a": 1"#, #"{"a" 1}"#, "{\"a\": \"line\nbreak\"}", #"{"a": tru}"#, #"{"a": 1} x"#, #"{"a": "\x"}"#,
    ])
    func invalidJSONIsRejected(json: String) {
        #expect(throws: StrictJSONParser.SyntaxError.self) { try StrictJSONParser.parse(json) }
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
