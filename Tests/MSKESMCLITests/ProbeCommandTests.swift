import Foundation
import MSKESMTestSupport
import Testing

/// `msk-esm probe` and `doctor --probe` through the command line (the live cases are in MSKESMKafkaTests).
struct ProbeCommandTests {
    static let usageErrors: [[String]] = [
        ["probe"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9092"],
        ["probe", "--bootstrap-servers", "no-port", "--auth", "plaintext"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9092", "--auth", "scram-512"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9092", "--auth", "kerberos"],
        ["probe", "--snapshot", "s.json", "--auth", "tls"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9092", "--auth", "plaintext", "--timeout", "0"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9092", "--auth", "mtls", "--secret-file", "/nonexistent/s.json"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9092", "--auth", "tls", "--ca-file", "/nonexistent/ca.pem"],
    ]

    @Test(arguments: usageErrors)
    func badInputExitsTwoWithNothingOnStdout(_ arguments: [String]) async {
        let result = await CommandRunner.run(arguments + ["--output", "json"])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test func refusedBrokerIsAFindingWithLambdasMessage() async throws {
        // Refused: bound by this test and never listening, so no server started alongside can be given it.
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let result = await CommandRunner.run([
            "probe", "--bootstrap-servers", "127.0.0.1:\(port)", "--auth", "plaintext", "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let json = try result.json()
        #expect(json["verdict"] as? String == "fail")
        let findings = try #require(json["findings"] as? [[String: Any]])
        let failure = try #require(findings.first { $0["severity"] as? String == "fail" })
        #expect(failure["code"] as? String == "PRB002")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(
            summary["lambdaResult"] as? String
                == "PROBLEM: Connection error. Please check your event source connection configuration.")
        let brokers = try #require(summary["brokers"] as? [[String: Any]])
        let steps = try #require(brokers.first?["steps"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? String } == ["dns", "tcp"])
    }

    /// `--auth iam` takes its credentials from the AWS credential chain (here the environment) and never prints
    /// the secret key.
    @Test func iamUsesTheCredentialChain() throws {
        // Refused: bound by this test and never listening, so no server started alongside can be given it.
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let result = try CommandRunner.runBinary(
            ["probe", "--bootstrap-servers", "127.0.0.1:\(port)", "--auth", "iam", "--output", "json"],
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDPROBECLI", "AWS_SECRET_ACCESS_KEY": "canary-secret-access-key",
                "AWS_REGION": "eu-west-1", "AWS_CONFIG_FILE": "/nonexistent",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
            ])
        #expect(result.exitCode == 1)
        let summary = try #require(try result.json()["summary"] as? [String: Any])
        #expect(summary["method"] as? String == "iam")
        #expect(!(result.stdout + result.stderr).contains("canary-secret-access-key"))
    }

    @Test func textReportNamesTheStepsAndLambdasMessage() async throws {
        // Refused: bound by this test and never listening, so no server started alongside can be given it.
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let result = await CommandRunner.run([
            "probe", "--bootstrap-servers", "127.0.0.1:\(port)", "--auth", "plaintext", "--no-color",
        ])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("tcp FAILED"))
        #expect(result.stdout.contains("Lambda would show: PROBLEM: Connection error."))
    }

    /// `doctor --probe` probes the brokers the snapshot names (here a self-managed mapping pointed at a closed
    /// loopback port) and adds the PRB findings to the doctor's.
    @Test func doctorProbeAddsThePRBFindings() async throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/snapshots/healthy-self-managed.json")
        var snapshot = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: example)) as? [String: Any])
        var mapping = try #require(snapshot["EventSourceMapping"] as? [String: Any])
        // Refused: bound by this test and never listening, so no server started alongside can be given it.
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        mapping["SelfManagedEventSource"] = ["Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": ["127.0.0.1:\(port)"]]]
        snapshot["EventSourceMapping"] = mapping
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("probe-doctor-\(UUID()).json")
        try JSONSerialization.data(withJSONObject: snapshot).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let without = await CommandRunner.run(["doctor", "--snapshot", file.path, "--output", "json"])
        let withProbe = await CommandRunner.run([
            "doctor", "--snapshot", file.path, "--probe", "--timeout", "2", "--output", "json",
        ])
        let plainCodes = try (without.json()["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(!plainCodes.contains { $0.hasPrefix("PRB") })
        let json = try withProbe.json()
        let findings = try #require(json["findings"] as? [[String: Any]])
        let tcp = try #require(findings.first { $0["code"] as? String == "PRB002" })
        #expect(tcp["severity"] as? String == "fail")
        #expect(withProbe.exitCode == 1)
        let summary = try #require(json["summary"] as? [String: Any])
        let probe = try #require(summary["probe"] as? [String: Any])
        #expect(probe["method"] as? String == "scram-512")
        #expect(probe["topic"] as? String == "inventory-changes")
        #expect((summary["checks"] as? [String])?.last == "probe")
    }
}
