import Foundation
import Testing

/// `policy check --snapshot` and `network check --snapshot`: exit codes, JSON shape, flags that override the
/// snapshot, and the usage errors.
struct SnapshotModeCommandTests {
    static func example(_ name: String) -> String { DoctorCommandTests.example(name) }

    // MARK: policy check --snapshot

    @Test(arguments: [
        ("healthy-iam.json", Int32(0)), ("healthy-self-managed.json", 0),
        ("broken-role-without-kafka-cluster.json", 1), ("partial-access-denied.json", 0),
    ])
    func policyCheckExitCodes(file: String, code: Int32) async {
        let result = await CommandRunner.run(["policy", "check", "--snapshot", Self.example(file)])
        #expect(result.exitCode == code, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    @Test func policyCheckJsonListsEveryRequiredPermissionAndSuggestsThePolicyToAdd() async throws {
        let result = await CommandRunner.run([
            "policy", "check", "--snapshot", Self.example("broken-role-without-kafka-cluster.json"), "--suggest",
            "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let json = try result.json()
        #expect(json["verdict"] as? String == "fail")
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["role"] as? String == "orders-consumer-role")
        #expect(summary["consumerGroup"] as? String == "9c2e4a6b-1d3f-4e8a-b5c7-0f2d4b6e8a13")
        let results = try #require(summary["results"] as? [[String: Any]])
        #expect(results.count == 17)
        for row in results {
            #expect(Set(row.keys) == ["action", "resource", "decision", "statements", "dependsOn", "purpose"])
        }
        let denied = results.filter { $0["decision"] as? String == "implicitDeny" }.compactMap {
            $0["action"] as? String
        }
        #expect(denied.allSatisfy { $0.hasPrefix("kafka-cluster:") } && denied.count == 6)
        // The suggestion grants exactly the denied actions, as a policy document.
        let suggestion = try #require(summary["suggestion"] as? [String: Any])
        #expect(suggestion["Version"] as? String == "2012-10-17")
        let statements = try #require(suggestion["Statement"] as? [[String: Any]])
        let granted = statements.flatMap { ($0["Action"] as? [String]) ?? [($0["Action"] as? String) ?? ""] }
        #expect(Set(granted) == Set(denied))
        #expect(summary["skipped"] as? Int == 0)
    }

    @Test func policyCheckTextPrintsThePolicyToAdd() async {
        let broken = await CommandRunner.run([
            "policy", "check", "--snapshot", Self.example("broken-role-without-kafka-cluster.json"), "--suggest",
        ])
        #expect(broken.stdout.contains("add to the role's policies: {"))
        #expect(broken.stdout.contains("11 of 17 required permissions allowed"))
        let healthy = await CommandRunner.run([
            "policy", "check", "--snapshot", Self.example("healthy-iam.json"), "--suggest",
        ])
        #expect(healthy.stdout.contains("nothing to add"))
    }

    @Test func policyCheckWithoutTheRoleIsSkippedAndStrictFails() async throws {
        let result = await CommandRunner.run([
            "policy", "check", "--snapshot", Self.example("partial-access-denied.json"), "--output", "json", "--strict",
        ])
        #expect(result.exitCode == 1)
        let json = try result.json()
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["severity"] as? String == "skipped")
        #expect((findings.first?["detail"] as? String)?.contains("iam.GetRole") == true)
    }

    @Test(arguments: [
        ["--policy", "p.json"], ["--action", "kafka:DescribeCluster"], ["--resource", "*"], ["--boundary", "b.json"],
    ])
    func snapshotAndSimulateOptionsAreExclusive(extra: [String]) async {
        let result = await CommandRunner.run(
            ["policy", "check", "--snapshot", Self.example("healthy-iam.json")] + extra)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--snapshot cannot be combined with"))
    }

    @Test(arguments: ["policy", "network"])
    func anUnreadableSnapshotIsExit2(command: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bad = directory.appendingPathComponent("bad.json")
        try
            ("{\"SnapshotVersion\": 1, \"EventSourceMapping\": {}, \"Role\": {\"Role\": {\"RoleName\": \"r\"}}, "
            + "\"RolePolicies\": 7, \"SecurityGroups\": []}")
            .write(to: bad, atomically: false, encoding: .utf8)
        let notJSON = directory.appendingPathComponent("not.json")
        try "nope".write(to: notJSON, atomically: false, encoding: .utf8)
        for file in [bad, notJSON] {
            var arguments = [command, "check", "--snapshot", file.path]
            if command == "network" { arguments += ["--port", "9098"] }
            let result = await CommandRunner.run(arguments)
            #expect(result.exitCode == 2, "\(file.lastPathComponent): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("msk-esm: error:") && result.stderr.contains(file.path))
        }
    }

    // MARK: network check --snapshot

    @Test(arguments: [
        ("healthy-iam.json", [String](), Int32(0)), ("healthy-scram.json", [], 0),
        ("broken-sg-no-self-reference.json", [], 1), ("broken-no-nat-no-endpoints.json", [], 1),
        // The snapshot's port is 9098; 443 is open from the group itself, so with --port 443 NET001 passes.
        ("broken-sg-no-self-reference.json", ["--port", "443"], 0),
        // The function's group has no rules: overriding the mapping's groups with it fails NET001 again.
        ("healthy-iam.json", ["--group-id", "sg-0f9e8d7c6b5a4f3e2"], 1),
    ])
    func networkCheckExitCodesAndOverrides(file: String, flags: [String], code: Int32) async {
        let result = await CommandRunner.run(["network", "check", "--snapshot", Self.example(file)] + flags)
        #expect(result.exitCode == code, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    @Test func networkCheckTakesGroupsSubnetsPortAndRegionFromTheSnapshot() async throws {
        let result = await CommandRunner.run([
            "network", "check", "--snapshot", Self.example("broken-sg-no-self-reference.json"), "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let json = try result.json()
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["groupIds"] as? [String] == ["sg-0c1d2e3f4a5b6c7d8"])
        #expect((summary["subnetIds"] as? [String])?.count == 3)
        #expect(summary["ports"] as? [Int] == [9098])
        #expect(summary["region"] as? String == "us-east-1")
        let findings = try #require(json["findings"] as? [[String: Any]])
        let failing = findings.filter { $0["severity"] as? String == "fail" }
        #expect(failing.compactMap { $0["code"] as? String } == ["NET001"])
        for finding in findings {
            #expect(Set(finding.keys) == ["code", "severity", "title", "detail", "fix", "evidence"])
        }
    }

    @Test func networkCheckNeedsAPortOnlyWithoutASnapshot() async {
        let without = await CommandRunner.run(["network", "check", "--group-id", "sg-1"])
        #expect(without.exitCode == 2 && without.stderr.contains("--port"))
        // A snapshot whose cluster is missing names no port: a usage error that says to give --port.
        let minimal = FileManager.default.temporaryDirectory.appendingPathComponent("min-\(UUID().uuidString).json")
        try? #"{"SnapshotVersion":1,"EventSourceMapping":{"EventSourceArn":"arn:aws:kafka:us-east-1:1:cluster/a/b"}}"#
            .write(to: minimal, atomically: false, encoding: .utf8)
        let noPort = await CommandRunner.run(["network", "check", "--snapshot", minimal.path])
        #expect(noPort.exitCode == 2 && noPort.stdout.isEmpty && noPort.stderr.contains("give --port"))
        let withPort = await CommandRunner.run(["network", "check", "--snapshot", minimal.path, "--port", "9098"])
        #expect(withPort.exitCode == 0, "\(withPort.stderr)")
    }
}
