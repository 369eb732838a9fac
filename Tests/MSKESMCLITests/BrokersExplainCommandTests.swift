import Foundation
import Testing

/// `msk-esm brokers explain`: inputs, JSON summary, exit codes.
struct BrokersExplainCommandTests {
    static func write(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("msk-esm-\(UUID()).json").path
        try json.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static let iamCluster = #"""
        {"ClusterInfo": {"ClusterType": "PROVISIONED", "ClusterName": "orders",
          "ClusterArn": "arn:aws:kafka:us-east-1:123456789012:cluster/orders/5a7c1e3b-9d2f-4b8a-a1c6-3e8f0d2b7c49-2",
          "Provisioned": {"ClientAuthentication": {"Sasl": {"Iam": {"Enabled": true}, "Scram": {"Enabled": false}},
                                                   "Unauthenticated": {"Enabled": false}},
                          "EncryptionInfo": {"EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": true}}}}}
        """#

    @Test func clusterWithAuthNoneChoosesIAM() async throws {
        let cluster = try Self.write(Self.iamCluster)
        let brokers = try Self.write(
            #"{"BootstrapBrokerStringSaslIam": "b-1.orders.x.kafka.us-east-1.amazonaws.com:9098,b-2.orders.x.kafka.us-east-1.amazonaws.com:9098"}"#
        )
        let result = await CommandRunner.run([
            "brokers", "explain", "--cluster-json", cluster, "--bootstrap-brokers-json", brokers, "--auth", "none",
            "--output", "json",
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let summary = try #require(try result.json()["summary"] as? [String: Any])
        #expect(summary["method"] as? String == "iam")
        #expect(summary["port"] as? Int == 9098)
        #expect(summary["bootstrapField"] as? String == "BootstrapBrokerStringSaslIam")
        #expect((summary["brokers"] as? [String])?.count == 2)
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(steps.map { $0["verdict"] as? String } == ["skipped", "skipped", "chosen", "notTried", "notTried"])
    }

    /// Self-managed Kafka with the botocore 1.44 types (issue #21): the method, its SASL mechanism and what it
    /// needs, instead of the former BRK008 "not understood".
    @Test(arguments: [
        ("oauthbearer", "oauthbearer", "OAUTHBEARER"), ("iam-oauthbearer", "iam-oauthbearer", "OAUTHBEARER"),
        ("iam", "iam", ""),
    ])
    func selfManagedOAuthAndIAMMethods(auth: String, method: String, mechanism: String) async throws {
        let result = await CommandRunner.run([
            "brokers", "explain", "--bootstrap-servers", "kafka.example.com:9093", "--auth", auth, "--output", "json",
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        #expect((json["summary"] as? [String: Any])?["method"] as? String == method)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(!findings.contains { $0["code"] as? String == "BRK008" })
        let explanation = try #require(findings.first { $0["code"] as? String == "BRK006" })
        #expect((explanation["detail"] as? String)?.contains("It needs:") == true)
        let evidence = explanation["evidence"] as? [String: Any]
        #expect(evidence?["saslMechanism"] as? String == (mechanism.isEmpty ? nil : mechanism))
    }

    /// Multi-VPC brokers each listen on a port of their own: the summary and the text name every one, and
    /// BRK006 names them instead of 9098 (issue 14 §2.2, §2.4).
    @Test func aCrossAccountMappingReportsEveryBrokerPort() async throws {
        let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/scenarios/cross-account-multiport-healthy.json").path
        let result = await CommandRunner.run(["brokers", "explain", "--snapshot", snapshot, "--output", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try result.json()
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["ports"] as? [Int] == [14001, 14002, 14003])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let noFallback = try #require(findings.first { $0["code"] as? String == "BRK006" })
        #expect((noFallback["detail"] as? String)?.contains("ports 14001, 14002, 14003") == true)
        let text = await CommandRunner.run(["brokers", "explain", "--snapshot", snapshot])
        #expect(text.stdout.contains("ports 14001, 14002, 14003"), "\(text.stdout)")
    }

    @Test func aSecretForADisabledMethodFailsWithNoMethod() async throws {
        let cluster = try Self.write(Self.iamCluster)
        let result = await CommandRunner.run([
            "brokers", "explain", "--cluster-json", cluster, "--auth", "mtls", "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let json = try result.json()
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["method"] == nil)
        #expect(summary["attemptedMethod"] as? String == "mtls")
        let codes = (json["findings"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
        #expect(codes.contains("BRK001") && codes.contains("BRK006"))
    }

    @Test func selfManagedServersAndMappingJson() async throws {
        let servers = await CommandRunner.run([
            "brokers", "explain", "--bootstrap-servers", "k1.example.com:9096,k2.example.com:9096", "--auth",
            "scram-256",
        ])
        #expect(servers.exitCode == 0)
        #expect(servers.stdout.contains("method: scram-256"))
        let mapping = try Self.write(
            #"""
            {"UUID": "u", "Topics": ["t1"], "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["k1:9094"]}},
             "SourceAccessConfigurations": [{"Type": "CLIENT_CERTIFICATE_TLS_AUTH", "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:x"}]}
            """#)
        let result = await CommandRunner.run(["brokers", "explain", "--mapping-json", mapping, "--output", "json"])
        #expect(result.exitCode == 0)
        #expect((try result.json()["summary"] as? [String: Any])?["method"] as? String == "mtls")
    }

    @Test func snapshotInput() async {
        let path = DoctorCommandTests.example("healthy-scram.json")
        let result = await CommandRunner.run(["brokers", "explain", "--snapshot", path])
        #expect(result.exitCode == 0)
        #expect(
            result.stdout.contains(
                "method: scram-512 (SASL/SCRAM-SHA-512) via BootstrapBrokerStringSaslScram, port 9096"))
    }

    @Test(arguments: [
        ["brokers", "explain"],
        ["brokers", "explain", "--cluster-json", "c.json"],
        ["brokers", "explain", "--bootstrap-servers", "k:9092"],
        ["brokers", "explain", "--snapshot", "s.json", "--auth", "iam"],
        ["brokers", "explain", "--mapping-json", "m.json", "--auth", "iam"],
        ["brokers", "explain", "--cluster-json", "c.json", "--auth", "kerberos"],
        ["brokers", "explain", "--cluster-json", "/no/such.json", "--auth", "none"],
    ])
    func usageErrorsExitTwo(arguments: [String]) async {
        let result = await CommandRunner.run(arguments)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
    }
}
