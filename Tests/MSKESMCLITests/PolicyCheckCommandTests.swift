import Foundation
import Testing

/// `msk-esm policy check`: exit codes (0 all allowed, 1 something not allowed, 2 bad input) and the JSON
/// shape of `summary.results` (docs/findings.md#the-report-document).
struct PolicyCheckCommandTests {
    static let clusterArn = "arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b3c4d-5e6f-7a8b"

    /// Writes the test's policy files into a fresh directory.
    static func files(_ contents: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "policy-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in contents {
            try text.write(to: directory.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        return directory
    }

    static let rolePolicy = #"""
        {"Version":"2012-10-17","Statement":[
         {"Sid":"Connect","Effect":"Allow","Action":"kafka-cluster:Connect","Resource":"arn:aws:kafka:us-east-1:123456789012:cluster/demo/*"},
         {"Sid":"NoWrites","Effect":"Deny","Action":"kafka-cluster:WriteData","Resource":"*"},
         {"Sid":"Tags","Effect":"Allow","Action":"kafka-cluster:AlterGroup","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}}]}
        """#

    /// Mapping mode over the issue #21 scenarios: an IAM_OAUTHBEARER_AUTH mapping's role needs
    /// sts:GetWebIdentityToken (IAM009, a warning with a least-privilege fix), and has it in the healthy one.
    @Test(arguments: [
        ("self-managed-iam-oauthbearer-role-without-web-identity-token", "warn"),
        ("self-managed-iam-oauthbearer-healthy", "pass"),
    ])
    func webIdentityTokenForIAMOAuthbearer(scenario: String, severity: String) async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/scenarios/\(scenario).json").path
        let result = await CommandRunner.run(["policy", "check", "--snapshot", path, "--output", "json"])
        let findings = try #require(try result.json()["findings"] as? [[String: Any]])
        let token = try #require(findings.first { $0["code"] as? String == "IAM009" })
        #expect(token["severity"] as? String == severity)
        #expect(result.exitCode == 0, "a warning is not a failure: \(result.stderr)")
        if severity == "warn" {
            #expect((token["fix"] as? String)?.contains(#""Action":"sts:GetWebIdentityToken""#) == true)
        }
    }

    @Test func allAllowedExitsZeroWithResults() async throws {
        let result = await CommandRunner.run([
            "policy", "check", "--policy", "aws:AWSLambdaMSKExecutionRole", "--action", "kafka:DescribeClusterV2",
            "--action", "ec2:CreateNetworkInterface", "--resource", Self.clusterArn, "--output", "json",
        ])
        #expect(result.exitCode == 0)
        let json = try result.json()
        #expect(json["verdict"] as? String == "pass")
        let results = try #require((json["summary"] as? [String: Any])?["results"] as? [[String: Any]])
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0["decision"] as? String == "allowed" })
        let statement = try #require((results[0]["statements"] as? [[String: Any]])?.first)
        #expect(statement["policy"] as? String == "AWSLambdaMSKExecutionRole")
        #expect(statement["index"] as? Int == 0)
        #expect(statement["effect"] as? String == "Allow")
        #expect(statement.keys.contains("sid"))
    }

    @Test func anyDecisionNotAllowedExitsOneAndEveryDecisionIsReported() async throws {
        let directory = try Self.files(["role.json": Self.rolePolicy])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = await CommandRunner.run([
            "policy", "check", "--policy", directory.appendingPathComponent("role.json").path,
            "--action", "kafka-cluster:connect", "--action", "kafka-cluster:WriteData",
            "--action", "kafka-cluster:ReadData", "--action", "kafka-cluster:AlterGroup",
            "--resource", Self.clusterArn, "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let json = try result.json()
        #expect(json["verdict"] as? String == "fail")
        let results = try #require((json["summary"] as? [String: Any])?["results"] as? [[String: Any]])
        #expect(
            results.map { $0["decision"] as? String } == ["allowed", "explicitDeny", "implicitDeny", "conditional"])
        for row in results {
            #expect(Set(row.keys) == ["action", "resource", "decision", "statements", "dependsOn"])
            #expect(row["resource"] as? String == Self.clusterArn)
        }
        let deny = try #require((results[1]["statements"] as? [[String: Any]])?.first)
        #expect(deny["sid"] as? String == "NoWrites")
        #expect(deny["effect"] as? String == "Deny")
        #expect(deny["index"] as? Int == 1)
        #expect(results[3]["dependsOn"] as? [String] == ["aws:TagKeys"])
        let codes = Set(((json["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String })
        #expect(codes.isSuperset(of: ["IAM001", "IAM002", "IAM008"]))
    }

    @Test(arguments: [
        (["team", "env"], Int32(0)),
        (["team", "owner"], Int32(1)),
    ])
    func repeatedContextKeyIsMultiValued(values: [String], exitCode: Int32) async throws {
        let directory = try Self.files(["role.json": Self.rolePolicy])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = await CommandRunner.run(
            [
                "policy", "check", "--policy", directory.appendingPathComponent("role.json").path,
                "--action", "kafka-cluster:AlterGroup", "--output", "json",
            ]
                + values.flatMap { ["--context", "aws:TagKeys=\($0)"] })
        #expect(result.exitCode == exitCode)
    }

    @Test func absentKeyAppliesAWSsMissingKeyRule() async throws {
        let directory = try Self.files(["role.json": Self.rolePolicy])
        defer { try? FileManager.default.removeItem(at: directory) }
        // ForAllValues over a missing key is true (AWS), so the Allow applies.
        let result = await CommandRunner.run([
            "policy", "check", "--policy", directory.appendingPathComponent("role.json").path,
            "--action", "kafka-cluster:AlterGroup", "--absent", "aws:TagKeys",
        ])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("allowed: kafka-cluster:AlterGroup on *"))
    }

    @Test func suggestAddsStatementsForImplicitDenialsAndNamesDenies() async throws {
        let directory = try Self.files(["role.json": Self.rolePolicy])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = await CommandRunner.run([
            "policy", "check", "--policy", directory.appendingPathComponent("role.json").path,
            "--action", "kafka-cluster:ReadData", "--action", "kafka-cluster:WriteData",
            "--resource", "arn:aws:kafka:us-east-1:123456789012:topic/demo/1a2b3c4d-5e6f-7a8b/orders",
            "--suggest", "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let summary = try #require(try result.json()["summary"] as? [String: Any])
        let suggestion = try #require(summary["suggestion"] as? [String: Any])
        let statements = try #require(suggestion["Statement"] as? [[String: Any]])
        #expect(statements.count == 1)
        #expect(statements[0]["Action"] as? String == "kafka-cluster:ReadData")
        #expect(
            statements[0]["Resource"] as? String
                == "arn:aws:kafka:us-east-1:123456789012:topic/demo/1a2b3c4d-5e6f-7a8b/orders")
        let denies = try #require(summary["denyStatementsToRemove"] as? [[String: Any]])
        #expect(denies.map { $0["sid"] as? String } == ["NoWrites"])

        let text = await CommandRunner.run([
            "policy", "check", "--policy", directory.appendingPathComponent("role.json").path,
            "--action", "kafka-cluster:WriteData", "--suggest",
        ])
        #expect(text.stdout.contains("remove or narrow the Deny statement \"NoWrites\" of role.json"))
    }

    @Test func boundaryMustAllowToo() async throws {
        let directory = try Self.files([
            "role.json":
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kafka-cluster:*","Resource":"*"}}"#,
            "boundary.json":
                #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kafka-cluster:Connect","Resource":"*"}}"#,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = await CommandRunner.run([
            "policy", "check", "--policy", directory.appendingPathComponent("role.json").path,
            "--boundary", directory.appendingPathComponent("boundary.json").path,
            "--action", "kafka-cluster:Connect", "--action", "kafka-cluster:ReadData", "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let json = try result.json()
        let results = try #require((json["summary"] as? [String: Any])?["results"] as? [[String: Any]])
        #expect(results.map { $0["decision"] as? String } == ["allowed", "implicitDeny"])
        let codes = ((json["findings"] as? [[String: Any]]) ?? []).filter { $0["severity"] as? String == "fail" }
            .compactMap { $0["code"] as? String }
        #expect(codes == ["IAM003"])
    }

    @Test func readsURLEncodedGetRolePolicyOutput() async throws {
        let encoded = try #require(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kafka:GetBootstrapBrokers","Resource":"*"}]}"#
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let directory = try Self.files([
            "get-role-policy.json": #"{"RoleName":"r","PolicyName":"brokers","PolicyDocument":"\#(encoded)"}"#
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = await CommandRunner.run([
            "policy", "check", "--policy", directory.appendingPathComponent("get-role-policy.json").path,
            "--action", "kafka:GetBootstrapBrokers", "--resource", Self.clusterArn, "--output", "json",
        ])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains(#""policy" : "brokers""#))
    }

    @Test(arguments: [
        ("invalid.json", "not valid JSON (", "invalid.json at $)"),
        ("version.json", "unknown policy Version (", "version.json at $.Version)"),
    ])
    func badPolicyFilesExitTwoNamingFileAndPath(file: String, what: String, input: String) async throws {
        let directory = try Self.files([
            "invalid.json": #"{"Version":"2012-10-17","Statement":["#,
            "version.json": #"{"Version":"2012-10-18","Statement":[]}"#,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = await CommandRunner.run([
            "policy", "check", "--policy", directory.appendingPathComponent(file).path, "--action", "s3:GetObject",
        ])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(what))
        #expect(result.stderr.contains(input))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        ["--resource", "arn:aws:kafka"],
        ["--resource", "kafka:cluster/demo"],
        ["--context", "aws:SourceIp"],
        ["--context", "=10.0.0.1"],
        ["--action", "DescribeCluster"],
    ])
    func badFlagsExitTwoWithOneLine(extra: [String]) throws {
        let arguments =
            ["policy", "check", "--policy", "aws:AWSLambdaMSKExecutionRole"]
            + (extra.first == "--action" ? [] : ["--action", "kafka:DescribeCluster"]) + extra
        let result = try CommandRunner.runBinary(arguments)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        ["--policy", "/no/such/policy.json", "--action", "s3:GetObject"],
        ["--policy", "aws:NoSuchManagedPolicy", "--action", "s3:GetObject"],
        ["--action", "s3:GetObject"],
        ["--policy", "aws:AWSLambdaMSKExecutionRole"],
    ])
    func missingInputsExitTwo(arguments: [String]) async {
        let result = await CommandRunner.run(["policy", "check"] + arguments)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func binaryExitsOneWhenDenied() throws {
        let result = try CommandRunner.runBinary([
            "policy", "check", "--policy", "aws:AWSLambdaMSKExecutionRole", "--action", "kafka-cluster:Connect",
            "--resource", Self.clusterArn,
        ])
        #expect(result.exitCode == 1)
        #expect(result.stdout.hasPrefix("fail"))
        #expect(result.stdout.contains("implicitDeny: kafka-cluster:Connect on \(Self.clusterArn)"))
    }

    @Test func readsGetPolicyVersionOutputFromStandardInput() throws {
        let output =
            #"{"PolicyVersion":{"Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kafka:DescribeClusterV2","Resource":"*"}]},"VersionId":"v2","IsDefaultVersion":true}}"#
        let result = try CommandRunner.runBinary(
            ["policy", "check", "--policy", "-", "--action", "kafka:DescribeClusterV2", "--output", "json"],
            stdin: Data(output.utf8))
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains(#""decision" : "allowed""#))
    }
}
