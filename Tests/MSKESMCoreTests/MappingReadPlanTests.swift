import Foundation
import Testing

@testable import MSKESMCore

/// The core's read plan against every example and scenario: answered from the snapshot itself (as AWS would
/// answer each call), the plan's reads rebuild every part the snapshot holds, each read is labelled as the
/// snapshot model names the calls of its part, and every part the plan declares is read by some snapshot.
struct MappingReadPlanTests {
    /// What AWS would answer for `read`, from the snapshot document; nil when the snapshot lacks it (a failed read).
    static func answer(_ read: SnapshotRead, from document: JSONValue) -> JSONValue? {
        let policies = document["RolePolicies"]?.arrayValue ?? []
        func managed(_ arn: String) -> JSONValue? {
            if document["PermissionsBoundary"]?["PolicyArn"]?.stringValue == arn
                || document["Role"]?["Role"]?["PermissionsBoundary"]?["PermissionsBoundaryArn"]?.stringValue == arn
            {
                return document["PermissionsBoundary"]?["PolicyDocument"]
            }
            return policies.first { $0["PolicyArn"]?.stringValue == arn }?["PolicyDocument"]
        }
        switch read.call {
        case .getFunctionConfiguration: return document["Function"]
        case .getMetricData(let queries):
            // The MetricData part the read makes; an older snapshot holds only the function's OffsetLag.
            if let data = document["MetricData"] { return data }
            guard let lag = document["Metrics"]?["OffsetLag"]?["MetricDataResults"]?.arrayValue?.first else {
                return nil
            }
            let series = queries.map { query -> JSONValue in
                var entry = (try? JSONValue(encoding: query))?.objectValue ?? [:]
                entry["Timestamps"] = lag["Timestamps"] ?? []
                entry["Values"] = lag["Values"] ?? []
                entry["StatusCode"] = lag["StatusCode"] ?? "Complete"
                return .object(entry)
            }
            return ["Series": .array(series)]
        case .getRole: return document["Role"]
        case .listRolePolicies:
            guard document["RolePolicies"] != nil else { return nil }
            return ["PolicyNames": .array(policies.filter { $0["PolicyArn"] == nil }.compactMap { $0["PolicyName"] })]
        case .getRolePolicy(_, let name):
            return policies.first { $0["PolicyArn"] == nil && $0["PolicyName"]?.stringValue == name }
                .map { ["PolicyName": .string(name), "PolicyDocument": $0["PolicyDocument"] ?? .null] }
        case .listAttachedRolePolicies:
            guard document["RolePolicies"] != nil else { return nil }
            return [
                "AttachedPolicies": .array(
                    policies.filter { $0["PolicyArn"] != nil }.map {
                        ["PolicyName": $0["PolicyName"] ?? .null, "PolicyArn": $0["PolicyArn"] ?? .null]
                    })
            ]
        case .getPolicy(let arn): return managed(arn) == nil ? nil : ["Policy": ["DefaultVersionId": "v3"]]
        case .getPolicyVersion(let arn, _): return managed(arn).map { ["PolicyVersion": ["Document": $0]] }
        case .describeVpcConnection: return document["VpcConnection"]
        case .describeClusterV2: return document["Cluster"]
        case .getBootstrapBrokers: return document["BootstrapBrokers"]
        case .listScramSecrets: return document["ScramSecrets"]
        case .describeTopic(_, let topic): return document["Topics"]?[topic]
        case .describeSubnets: return document["Subnets"]
        case .describeSecurityGroups, .describeSecurityGroupsOfVpc: return document["SecurityGroups"]
        case .describeRouteTables: return document["RouteTables"]
        case .describeNatGateways: return document["NatGateways"]
        case .describeVpcEndpoints: return document["VpcEndpoints"]
        case .describeSecret(let arn): return document["Secrets"]?[arn]?["Describe"]
        case .getSecretValue(let arn):
            return document["Secrets"]?[arn]?["SecretString"].map { ["SecretString": $0] }
        case .describeKey(let id):
            let keys = document["KmsKeys"]?.objectValue ?? [:]
            // An alias of an AWS-managed key (alias/aws/secretsmanager) resolves to that key, as KMS does.
            return keys[id]
                ?? keys.values.first {
                    $0["KeyMetadata"]?["KeyId"]?.stringValue == id || $0["KeyMetadata"]?["Arn"]?.stringValue == id
                        || (id.hasPrefix("alias/aws/") && $0["KeyMetadata"]?["KeyManager"]?.stringValue == "AWS")
                }
        }
    }

    /// Runs the plan to its end against the snapshot; returns the outputs and the reads made.
    static func replay(_ document: JSONValue) -> (MappingReadPlan, MappingReadPlan.Outputs) {
        let mapping = document["EventSourceMapping"] ?? .null
        let plan = MappingReadPlan(mapping: mapping, readsMetrics: true, keepsSecretValues: true)
        var outputs: MappingReadPlan.Outputs = [:]
        while true {
            let new = plan.reads(after: outputs).filter { outputs[$0] == nil }
            if new.isEmpty { break }
            for read in new { outputs[read] = .some(answer(read, from: document)) }
        }
        return (plan, outputs)
    }

    static func document(_ path: String) throws -> JSONValue {
        try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: try ScenarioTests.allSnapshots())
    func thePlanRebuildsEveryPartOfTheSnapshot(path: String) throws {
        let document = try Self.document(path)
        let (plan, outputs) = Self.replay(document)
        let parts = plan.parts(from: outputs)
        let ignored: Set<String> = ["SnapshotVersion", "Region", "CapturedAt", "EventSourceMapping", "Errors"]
        for (key, value) in document.objectValue ?? [:] where !ignored.contains(key) {
            let rebuilt = parts[key]
            switch key {
            case "Secrets":
                for (arn, entry) in value.objectValue ?? [:] {
                    #expect(rebuilt?[arn]?["Describe"] == entry["Describe"], "\(key) \(arn)")
                    #expect(rebuilt?[arn]?["SecretString"] == entry["SecretString"], "\(key) \(arn)")
                }
            case "PermissionsBoundary":
                #expect(rebuilt?["PolicyDocument"] == value["PolicyDocument"], "\(key)")
            case "Metrics":
                // Rebuilt from MetricData's series of the function's OffsetLag: the same points.
                let old = value["OffsetLag"]?["MetricDataResults"]?.arrayValue?.first
                let new = rebuilt?["OffsetLag"]?["MetricDataResults"]?.arrayValue?.first
                #expect(new?["Timestamps"] == old?["Timestamps"] && new?["Values"] == old?["Values"], "\(key)")
            case "RolePolicies":
                #expect(Set(rebuilt?.arrayValue ?? []) == Set(value.arrayValue ?? []), "\(key)")
                #expect(rebuilt?.arrayValue?.count == value.arrayValue?.count, "\(key)")
            default:
                #expect(rebuilt == value, "\(key) was not rebuilt by the plan's reads")
            }
        }
        // Every read is labelled as the snapshot model names the calls of its parts (the Errors keys).
        for read in outputs.keys {
            #expect(read.parts.allSatisfy { $0.calls.contains(read.label) }, "\(read)")
            #expect(read.parts.allSatisfy(MappingReadPlan.declaredParts.contains), "\(read)")
        }
    }

    @Test(arguments: [
        ("arn:aws:lambda:us-east-1:123456789012:function:orders", "orders"),
        ("arn:aws:lambda:us-east-1:123456789012:function:orders:live", "orders"),
        ("orders", "orders"),
    ])
    func theMetricsFunctionNameComesFromTheArn(arn: String, name: String) {
        #expect(MappingFacts.functionName(ofArn: arn) == name)
    }

    /// Every part the core declares is read for some example or scenario, and nothing else is.
    @Test func everyDeclaredPartIsReadAndNothingElse() throws {
        var read: Set<SnapshotPart> = []
        for path in try ScenarioTests.allSnapshots() {
            let (_, outputs) = Self.replay(try Self.document(path))
            for key in outputs.keys { read.formUnion(key.parts) }
        }
        #expect(read == MappingReadPlan.declaredParts)
        #expect(!MappingReadPlan.declaredParts.contains(.eventSourceMapping))
    }

    /// A read waits for the output it needs: the role's reads follow the function's, the network follows the
    /// cluster, a VPC's reads follow the subnets; a failed subnet read falls back to the groups by id.
    @Test func readsFollowTheOutputsTheyNeed() throws {
        let document = try Self.document(
            SnapshotTestSupport.examples.appendingPathComponent("healthy-iam.json").path)
        let plan = MappingReadPlan(
            mapping: document["EventSourceMapping"] ?? .null, readsMetrics: false)
        let first = plan.reads(after: [:]).map(\.label)
        #expect(
            Set(first) == [
                "lambda.GetFunctionConfiguration", "kafka.DescribeClusterV2", "kafka.GetBootstrapBrokers",
                "kafka.ListScramSecrets",
            ])
        var outputs: MappingReadPlan.Outputs = [:]
        for read in plan.reads(after: [:]) { outputs[read] = .some(Self.answer(read, from: document)) }
        let second = Set(plan.reads(after: outputs).map(\.label)).subtracting(first)
        // The topic follows the cluster too (a provisioned cluster on Kafka 3.6.0 or later answers DescribeTopic).
        #expect(
            second == [
                "iam.GetRole", "iam.ListRolePolicies", "iam.ListAttachedRolePolicies", "ec2.DescribeSubnets",
                "kafka.DescribeTopic",
            ])
        let subnets = try #require(plan.reads(after: outputs).first { $0.label == "ec2.DescribeSubnets" })
        outputs[subnets] = .some(nil)
        #expect(
            plan.reads(after: outputs).contains { if case .describeSecurityGroups = $0.call { true } else { false } })
    }
}
