import Foundation
import Testing

/// `msk-esm network check`: exit codes, the JSON contract, and one-line errors for bad input.
struct NetworkCheckCommandTests {
    struct Ids: Decodable {
        var region: String
        var privateSubnets: [String]
        var clusterGroup: String
        var prefixListGroup: String
    }

    static var moto: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/network/moto")
    }

    static func ids() throws -> Ids {
        try JSONDecoder().decode(Ids.self, from: Data(contentsOf: moto.appendingPathComponent("ids.json")))
    }

    /// Every input file of the moto capture, plus the mapping's groups and subnets.
    static func arguments(port: Int = 9098, group: String? = nil, files: Bool = true) throws -> [String] {
        let ids = try ids()
        var arguments = ["network", "check", "--group-id", group ?? ids.clusterGroup, "--port", String(port)]
        for subnet in ids.privateSubnets { arguments += ["--subnet-id", subnet] }
        if files {
            for (flag, file) in [
                ("--security-groups-json", "security-groups.json"), ("--subnets-json", "subnets.json"),
                ("--route-tables-json", "route-tables.json"), ("--nat-gateways-json", "nat-gateways.json"),
                ("--vpc-endpoints-json", "vpc-endpoints.json"),
            ] {
                arguments += [flag, moto.appendingPathComponent(file).path]
            }
        }
        return arguments
    }

    static let noRegion = ["AWS_REGION": "", "AWS_DEFAULT_REGION": ""]

    @Test func healthyMappingExitsZeroWithTheJSONContract() throws {
        let result = try CommandRunner.runBinary(
            try Self.arguments() + ["--secret", "--output", "json"], environment: Self.noRegion)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["verdict"] as? String == "pass")
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(Set(finding.keys) == ["code", "severity", "title", "detail", "fix", "evidence"])
            #expect((finding["code"] as? String)?.hasPrefix("NET") == true)
        }
        let codes = Set(findings.compactMap { $0["code"] as? String })
        #expect(
            codes.isSuperset(of: [
                "NET001", "NET002", "NET003", "NET004", "NET005", "NET006", "NET007", "NET008", "NET009", "NET010",
            ]))
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["skipped"] as? Int == 0)
        #expect(summary["region"] as? String == "us-east-1")  // inferred from the subnets' zones
        #expect(summary["ports"] as? [Int] == [9098])
        #expect(summary["groupIds"] as? [String] == [try Self.ids().clusterGroup])
    }

    @Test func problemExitsOneAndNamesTheFix() async throws {
        let ids = try Self.ids()
        let result = await CommandRunner.run(
            try Self.arguments(port: 9096) + ["--output", "json", "--region", "us-east-1"])
        #expect(result.exitCode == 1)
        let findings = try #require(try result.json()["findings"] as? [[String: Any]])
        let net001 = try #require(findings.first { $0["code"] as? String == "NET001" })
        #expect(net001["severity"] as? String == "fail")
        #expect(
            net001["fix"] as? String
                == "aws ec2 authorize-security-group-ingress --group-id \(ids.clusterGroup) --protocol tcp --port 9096 --source-group \(ids.clusterGroup)"
        )
        let evidence = try #require(net001["evidence"] as? [String: Any])
        #expect(evidence["port"] as? Int == 9096)
    }

    @Test func textReportNamesSkippedChecks() async throws {
        let result = await CommandRunner.run(try Self.arguments(files: false) + ["--region", "eu-west-1"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("pass — "))
        #expect(result.stdout.contains("NET001 skipped"))
        let strict = await CommandRunner.run(try Self.arguments(files: false) + ["--region", "eu-west-1", "--strict"])
        #expect(strict.exitCode == 1)
    }

    @Test func prefixListRuleIsReportedAsUnverifiable() async throws {
        let ids = try Self.ids()
        let result = await CommandRunner.run(
            try Self.arguments(port: 9092, group: ids.prefixListGroup) + ["--output", "json", "--region", "us-east-1"])
        #expect(result.exitCode == 1)  // the endpoints admit 443 only from the cluster group: NET007
        let findings = try #require(try result.json()["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["code"] as? String == "NET011" && $0["severity"] as? String == "warn" })
    }

    @Test func regionComesFromTheEnvironment() throws {
        let result = try CommandRunner.runBinary(
            try Self.arguments(files: false) + ["--output", "json"], environment: ["AWS_REGION": "ap-south-1"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let summary = try #require(try result.json()["summary"] as? [String: Any])
        #expect(summary["region"] as? String == "ap-south-1")
    }

    @Test func noRegionIsAUsageError() throws {
        let result = try CommandRunner.runBinary(try Self.arguments(files: false), environment: Self.noRegion)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "msk-esm: error: no region (--region): give --region (or set AWS_REGION), or --subnets-json with the subnets' AvailabilityZone\n"
        )
    }

    @Test(arguments: [
        ("not json", "not JSON"),
        (#"{"SecurityGroups": {}}"#, "$.SecurityGroups: expected a list"),
        (#"{"SecurityGroups": [7]}"#, "$.SecurityGroups[0]: expected an object"),
        (#"[]"#, "$: expected an object"),
        (#"{"SecurityGroups": [{"IpPermissions": []}]}"#, "$.SecurityGroups[0].GroupId: missing"),
        (
            #"{"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": "9098"}]}]}"#,
            "$.SecurityGroups[0].IpPermissions[0].FromPort: expected a number"
        ),
        (
            #"{"SecurityGroups": [{"GroupId": "sg-1", "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": 10}]}]}]}"#,
            "$.SecurityGroups[0].IpPermissionsEgress[0].IpRanges[0].CidrIp: expected a string"
        ),
    ])
    func badSecurityGroupFileIsOneLineWithThePath(content: String, message: String) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sg-\(UUID().uuidString).json")
        try Data(content.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = await CommandRunner.run([
            "network", "check", "--group-id", "sg-1", "--port", "9098", "--region", "us-east-1",
            "--security-groups-json", file.path,
        ])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("(--security-groups-json \(file.path))"))
    }

    @Test(arguments: [
        (["--group-id", "sg-1"], "--port"),
        (["--port", "70000"], "not a TCP port"),
        (["--port", "9098", "--group-id", "default"], "not a security group id"),
        (["--port", "9098", "--subnet-id", "sn-1"], "not a subnet id"),
    ])
    func usageErrors(arguments: [String], message: String) async {
        let result = await CommandRunner.run(["network", "check", "--region", "us-east-1"] + arguments)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func missingFileIsAUsageError() async {
        let result = await CommandRunner.run([
            "network", "check", "--port", "9098", "--region", "us-east-1", "--vpc-endpoints-json", "/no/such.json",
        ])
        #expect(result.exitCode == 2)
        #expect(
            result.stderr == "msk-esm: error: file not found (--vpc-endpoints-json /no/such.json): check the path\n")
    }
}
