import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `msk-esm probe` and `doctor --probe` through the command line (the live cases are in MSKESMKafkaTests).
struct ProbeCommandTests {
    /// A loopback port nothing listens on: bound, then released.
    static func closedPort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length)
                return getsockname(descriptor, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

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
        let port = Self.closedPort()
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
        let port = Self.closedPort()
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

    @Test func textReportNamesTheStepsAndLambdasMessage() async {
        let port = Self.closedPort()
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
        let port = Self.closedPort()
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
