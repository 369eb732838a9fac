import Foundation
import Testing

@testable import MSKESMCore

/// SEC017, SEC019, SEC021 as pure rules over the AWS CLI's JSON, the doctor's SecretPlacementCheck over the
/// example snapshots, and SecretAnalysis (the snapshot's `Secrets[arn].Analysis`).
struct SecretPlacementTests {
    typealias Support = SnapshotTestSupport
    static let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_app-AbCdEf"
    static let cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/5a7c1e3b-9d2f-4b8a-a1c6-3e8f0d2b7c49-2"
    static let cmk = "arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-0000-4000-8000-000000000001"

    struct KeyCase: CustomTestStringConvertible, Sendable {
        var name: String
        var describe: JSONValue?
        var key: JSONValue?
        var severity: Severity
        var testDescription: String { name }
    }

    static func key(_ manager: String, spec: String = "SYMMETRIC_DEFAULT") -> JSONValue {
        ["KeyMetadata": ["Arn": .string(cmk), "KeyManager": .string(manager), "KeySpec": .string(spec)]]
    }

    @Test(
        "SEC017: the default key (no KmsKeyId, the alias, KeyManager AWS) and asymmetric keys fail; a CMK passes",
        arguments: [
            KeyCase(name: "no KmsKeyId", describe: ["ARN": .string(secret)], key: nil, severity: .fail),
            KeyCase(
                name: "alias", describe: ["KmsKeyId": "alias/aws/secretsmanager"], key: key("AWS"), severity: .fail),
            KeyCase(name: "AWS-managed", describe: ["KmsKeyId": .string(cmk)], key: key("AWS"), severity: .fail),
            KeyCase(
                name: "asymmetric", describe: ["KmsKeyId": .string(cmk)], key: key("CUSTOMER", spec: "RSA_2048"),
                severity: .fail),
            KeyCase(name: "CMK", describe: ["KmsKeyId": .string(cmk)], key: key("CUSTOMER"), severity: .pass),
            KeyCase(name: "key unreadable", describe: ["KmsKeyId": .string(cmk)], key: nil, severity: .skipped),
            KeyCase(name: "secret undescribed", describe: nil, key: nil, severity: .skipped),
        ])
    func kmsKey(_ keyCase: KeyCase) {
        let finding = SecretPlacementRules.kmsKey(
            secretArn: Self.secret, describeSecret: keyCase.describe, describeKey: keyCase.key)
        #expect(finding.code == "SEC017")
        #expect(finding.severity == keyCase.severity)
        if finding.severity == .fail { #expect(finding.fix.contains("--kms-key-id")) }
    }

    @Test(
        "SEC019: a secret of another region fails, the same region passes, a bare name is skipped",
        arguments: [
            (secret, "us-east-1", Severity.pass),
            (secret, "eu-west-1", Severity.fail),
            ("AmazonMSK_app", "us-east-1", Severity.skipped),
        ])
    func region(_ arn: String, _ region: String, _ severity: Severity) {
        let finding = SecretPlacementRules.region(secretArn: arn, region: region, regionSource: "the function's region")
        #expect(finding.code == "SEC019")
        #expect(finding.severity == severity)
        if severity == .fail { #expect(finding.fix.contains("Region=\(region)")) }
    }

    @Test(
        "SEC021: listed passes, unlisted fails with the associate command, unknown is skipped",
        arguments: [
            (JSONValue?.some(["SecretArnList": [.string(secret)]]), Severity.pass),
            (
                .some(["SecretArnList": ["arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_other-Zz"]]),
                .fail
            ),
            (.some(["SecretArnList": []]), .fail),
            (nil, .skipped),
        ])
    func association(_ list: JSONValue?, _ severity: Severity) {
        let finding = SecretPlacementRules.association(
            secretArn: Self.secret, clusterArn: Self.cluster, listScramSecrets: list)
        #expect(finding.code == "SEC021")
        #expect(finding.severity == severity)
        if severity == .fail { #expect(finding.fix.hasPrefix("aws kafka batch-associate-scram-secret")) }
    }

    @Test("the healthy examples stay healthy, and the SCRAM one passes SEC016, SEC017, SEC019 and SEC021")
    func healthyExamples() throws {
        for file in ["healthy-scram.json", "healthy-mtls.json", "healthy-self-managed.json", "healthy-iam.json"] {
            let snapshot = try Snapshot.load(path: Support.examples.appendingPathComponent(file).path)
            let report = try Doctor().run(snapshot, at: Date(timeIntervalSince1970: 1_795_000_000))
            #expect(report.verdict == .pass, "\(file)")
            let placement = try SecretPlacementCheck().run(DoctorContext(snapshot: snapshot, now: Date()))
            #expect(placement.allSatisfy { $0.severity == .pass }, "\(file): \(placement.map(\.title))")
            if file == "healthy-scram.json" {
                #expect(Set(placement.map(\.code)) == ["SEC016", "SEC017", "SEC019", "SEC021"])
            }
        }
    }

    /// healthy-scram.json with one fact changed.
    static func scramSnapshot(_ change: (inout [String: Any]) -> Void) throws -> Snapshot {
        let data = try Data(contentsOf: Support.examples.appendingPathComponent("healthy-scram.json"))
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        change(&document)
        return try Snapshot.decode(JSONSerialization.data(withJSONObject: document), source: "test")
    }

    static func secretArn(_ document: [String: Any]) -> String {
        ((document["Secrets"] as? [String: Any])?.keys.first) ?? ""
    }

    @Test("the doctor check triggers SEC017 (no KmsKeyId), SEC019 (function elsewhere), SEC021 (not listed)")
    func doctorTriggers() throws {
        let noKey = try Self.scramSnapshot { document in
            let arn = Self.secretArn(document)
            var secrets = document["Secrets"] as? [String: Any] ?? [:]
            var entry = secrets[arn] as? [String: Any] ?? [:]
            var describe = entry["Describe"] as? [String: Any] ?? [:]
            describe["KmsKeyId"] = nil
            entry["Describe"] = describe
            secrets[arn] = entry
            document["Secrets"] = secrets
        }
        let otherRegion = try Self.scramSnapshot { document in
            var function = document["Function"] as? [String: Any] ?? [:]
            function["FunctionArn"] = (function["FunctionArn"] as? String ?? "").replacingOccurrences(
                of: ":us-east-1:", with: ":eu-west-1:")
            document["Function"] = function
        }
        let unlisted = try Self.scramSnapshot { document in document["ScramSecrets"] = ["SecretArnList": []] }
        let unread = try Self.scramSnapshot { document in
            document["ScramSecrets"] = nil
            document["Errors"] = ["kafka.ListScramSecrets": "AccessDeniedException: not allowed"]
        }
        for (snapshot, code, severity) in [
            (noKey, "SEC017", Severity.fail), (otherRegion, "SEC019", .fail), (unlisted, "SEC021", .fail),
            (unread, "SEC021", .skipped),
        ] {
            let report = try Doctor().run(snapshot, at: Date(timeIntervalSince1970: 1_795_000_000))
            let finding = report.findings.first { $0.code == code }
            #expect(finding?.severity == severity, "\(code)")
            if severity == .skipped { #expect(finding?.detail.contains("kafka.ListScramSecrets") == true) }
            if severity == .fail { #expect(report.verdict == .fail) }
        }
    }

    @Test("SecretAnalysis: the mapping's types decide; the document is secret validate's, without the password")
    func analysis() throws {
        let mapping: JSONValue = [
            "EventSourceArn": .string(Self.cluster),
            "SourceAccessConfigurations": [["Type": "BASIC_AUTH", "URI": .string(Self.secret)]],
        ]
        let value = #"{"username": "app", "password": "CANARY-pw-3141"}"#
        let document: JSONValue? = SecretAnalysis.analyze(secretString: value, arn: Self.secret, mapping: mapping)
        #expect(document?["summary"]?["secretType"]?.stringValue == "basic")
        #expect(document?["summary"]?["rules"]?.stringValue == "msk")
        let text = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        #expect(!text.contains("CANARY-pw-3141"))
        let report = try JSONDecoder().decode(CheckReport<SecretSummary>.self, from: JSONEncoder().encode(document))
        let direct = SecretValidator(options: SecretValidationOptions(type: .basic, secretName: Self.secret))
            .validate(try SecretInput.parse(value, label: Self.secret))
        #expect(report.findings == direct.findings)

        let selfManaged: JSONValue = [
            "SelfManagedEventSource": ["Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": ["b1:9096"]]],
            "SourceAccessConfigurations": [
                ["Type": "SASL_SCRAM_256_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:1:secret:a"],
                ["Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": "arn:aws:secretsmanager:us-east-1:1:secret:b"],
            ],
        ]
        #expect(SecretAnalysis.target(ofMapping: selfManaged) == .selfManaged)
        #expect(SecretAnalysis.secrets(ofMapping: selfManaged).map(\.type) == [.scram, .rootCA])
        let notJSON = SecretAnalysis.analyze(secretString: "plain text", type: nil, for: .msk)
        #expect(notJSON["verdict"]?.stringValue == "fail")
        #expect(notJSON["findings"]?.arrayValue?.first?["code"]?.stringValue == "SEC001")
    }
}
