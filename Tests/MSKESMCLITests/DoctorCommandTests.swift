import Foundation
import Testing

/// `msk-esm doctor --snapshot`: exit codes, JSON shape, --strict with skipped checks.
struct DoctorCommandTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/snapshots")

    static func example(_ name: String) -> String { examples.appendingPathComponent(name).path }

    @Test(arguments: [
        ("healthy-iam.json", [String](), Int32(0)),
        ("broken-function-timeout-900.json", [], 1),
        ("partial-access-denied.json", [], 0),
        ("partial-access-denied.json", ["--strict"], 1),
        ("healthy-scram.json", ["--strict"], 0),
    ])
    func exitCodes(file: String, flags: [String], code: Int32) async {
        let result = await CommandRunner.run(["doctor", "--snapshot", Self.example(file)] + flags)
        #expect(result.exitCode == code, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonHasTheContractShape() async throws {
        let result = await CommandRunner.run([
            "doctor", "--snapshot", Self.example("healthy-iam.json"), "--output", "json",
        ])
        #expect(result.exitCode == 0)
        let json = try result.json()
        #expect(json["verdict"] as? String == "pass")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["uuid"] as? String == "3f6a1d2c-8b4e-4f7a-9c1d-2e5b8a0f4c36")
        #expect(summary["function"] as? String == "orders-consumer")
        #expect(summary["topic"] as? String == "orders.v1")
        #expect(
            (summary["cluster"] as? String)?.hasPrefix("arn:aws:kafka:us-east-1:123456789012:cluster/orders-prod/")
                == true)
        #expect(summary["method"] as? String == "iam")
        #expect(summary["port"] as? Int == 9098)
        #expect(summary["skipped"] as? Int == 0)
        #expect((summary["checks"] as? [String])?.contains("broker-choice") == true)
        let findings = try #require(json["findings"] as? [[String: Any]])
        for finding in findings {
            #expect(Set(finding.keys) == ["code", "severity", "title", "detail", "fix", "evidence"])
        }
    }

    @Test func textPutsFailuresFirstWithTheirFixAndNamesSkippedChecks() async {
        let broken = await CommandRunner.run(["doctor", "--snapshot", Self.example("broken-mtls-pbes2-key.json")])
        let lines = broken.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "fail — 2 problems")
        #expect(broken.stdout.contains("✗ SEC009"))
        #expect(broken.stdout.contains("fix: openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES"))
        let firstPass = lines.firstIndex { $0.hasPrefix("✓") } ?? lines.count
        let lastFail = lines.lastIndex { $0.hasPrefix("✗") } ?? 0
        #expect(lastFail < firstPass)
        let partial = await CommandRunner.run(["doctor", "--snapshot", Self.example("partial-access-denied.json")])
        #expect(partial.stdout.hasPrefix("warn — 3 warnings, 2 checks skipped: IAM001, MAP015"))
    }

    @Test(arguments: [
        ("{", "not JSON"),
        (#"{"SnapshotVersion": 2, "EventSourceMapping": {}}"#, "SnapshotVersion"),
        (#"{"SnapshotVersion": 1, "EventSourceMapping": {"BatchSize": "x"}}"#, "EventSourceMapping.BatchSize"),
    ])
    func badSnapshotsExitTwoWithOneLine(text: String, mention: String) throws {
        let result = try CommandRunner.runBinary(["doctor", "--snapshot", "-"], stdin: Data(text.utf8))
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
        #expect(result.stderr.contains(mention))
        #expect(result.stderr.contains("standard input"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// A snapshot written with --include-secrets carries SecretString; the doctor never prints it.
    @Test(arguments: ["text", "json"])
    func secretValuesNeverAppearInTheOutput(format: String) async throws {
        let canary = "CANARY-pw-7f3a9c2e"
        var object =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Self.example("healthy-scram.json")))) as! [String: Any]
        var secrets = object["Secrets"] as! [String: Any]
        let arn = secrets.keys.first!
        var secret = secrets[arn] as! [String: Any]
        secret["SecretString"] = #"{"username":"alice","password":"\#(canary)"}"#
        secrets[arn] = secret
        object["Secrets"] = secrets
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("msk-esm-canary-\(UUID()).json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = await CommandRunner.run(["doctor", "--snapshot", path, "--output", format])
        #expect(result.exitCode == 0)
        #expect(!result.stdout.contains(canary) && !result.stderr.contains(canary))
    }
}
