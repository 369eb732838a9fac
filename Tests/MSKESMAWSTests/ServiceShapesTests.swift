import Foundation
import MSKESMAWS
import MSKESMCore
import Testing

@Suite("Service shapes")
struct ServiceShapesTests {
    @Test(
        "the generated table knows every operation the clients call",
        arguments: [
            "lambda.GetEventSourceMapping", "lambda.ListEventSourceMappings", "lambda.GetFunctionConfiguration",
            "kafka.DescribeClusterV2", "kafka.GetBootstrapBrokers", "kafka.ListScramSecrets",
            "kafka.DescribeVpcConnection", "kafka.DescribeTopic",
            "iam.GetRole", "iam.ListRolePolicies", "iam.GetRolePolicy", "iam.ListAttachedRolePolicies", "iam.GetPolicy",
            "iam.GetPolicyVersion", "ec2.DescribeSecurityGroups", "ec2.DescribeSubnets", "ec2.DescribeRouteTables",
            "ec2.DescribeNatGateways", "ec2.DescribeVpcEndpoints", "sts.GetCallerIdentity",
            "secretsmanager.DescribeSecret",
            "secretsmanager.GetSecretValue", "kms.DescribeKey", "cloudwatch.GetMetricData",
        ])
    func knowsOperation(_ operation: String) {
        #expect(ServiceShapes.knows(operation))
    }

    @Test(
        "an operation of another service, or not in the table, is unknown (each service has a table of its own)",
        arguments: ["lambda.DescribeKey", "kms.ListEventSourceMappings", "nosuchservice.Operation", "lambda", ""])
    func unknownOperation(_ operation: String) {
        #expect(!ServiceShapes.knows(operation))
    }

    @Test("kafka's lowerCamel keys become botocore's member names; nulls are dropped; epoch times become ISO 8601")
    func kafkaJSON() {
        let wire: JSONValue = [
            "clusterInfo": [
                "clusterArn": "arn", "creationTime": "2026-11-01T08:00:00.000Z",
                "provisioned": [
                    "clientAuthentication": ["sasl": ["iam": ["enabled": true]]], "numberOfBrokerNodes": 3,
                ],
                "unknownField": 1, "state": nil,
            ]
        ]
        let converted = ServiceShapes.fromJSON(wire, operation: "kafka.DescribeClusterV2")
        let expected: JSONValue = [
            "ClusterInfo": [
                "ClusterArn": "arn", "CreationTime": "2026-11-01T08:00:00Z",
                "Provisioned": [
                    "ClientAuthentication": ["Sasl": ["Iam": ["Enabled": true]]], "NumberOfBrokerNodes": 3,
                ],
            ]
        ]
        #expect(converted == expected)
        let mapping = ServiceShapes.fromJSON(
            ["UUID": "u", "LastModified": 1_795_000_000.5], operation: "lambda.GetEventSourceMapping")
        #expect(mapping["LastModified"]?.stringValue == "2026-11-18T11:06:40.500Z")
    }
}

@Suite("Credential caching")
struct CredentialResolverTests {
    final class Counter: CredentialProvider, @unchecked Sendable {
        let name = "counter"
        let lock = NSLock()
        var calls = 0
        let lifetime: TimeInterval
        init(lifetime: TimeInterval) { self.lifetime = lifetime }
        func credentials() async throws -> AWSCredentials? {
            let call = lock.withLock {
                calls += 1; return calls
            }
            try await Task.sleep(nanoseconds: 50_000_000)
            return AWSCredentials(
                accessKeyId: "AKID\(call)", secretAccessKey: "s", expiration: Date().addingTimeInterval(lifetime))
        }
    }

    @Test("parallel callers share one resolution; credentials about to expire are fetched again")
    func caching() async throws {
        let lasting = Counter(lifetime: 3600)
        let resolver = CredentialResolver(provider: lasting)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await resolver.credentials().accessKeyId } }
            for try await key in group { #expect(key == "AKID1") }
        }
        #expect(lasting.calls == 1)

        let expiring = Counter(lifetime: 60)  // inside the five-minute refresh margin
        let refreshing = CredentialResolver(provider: expiring)
        _ = try await refreshing.credentials()
        _ = try await refreshing.credentials()
        #expect(expiring.calls == 2)
    }
}
