import Foundation
import Testing

@testable import MSKESMCore

/// The realistic set captured from moto by `Tests/Fixtures/network/generate_moto.py`: the Codable mirrors
/// decode what botocore parses from real EC2 responses, and the analyzer reads them as AWS would mean them.
struct NetworkMotoFixtureTests {
    struct Ids: Decodable {
        var region: String
        var vpc: String
        var privateSubnets: [String]
        var isolatedSubnet: String
        var publicSubnet: String
        var natGateway: String
        var clusterGroup: String
        var endpointGroup: String
        var prefixListGroup: String
        var privateRouteTable: String
        var endpoints: [String: String]
    }

    static var directory: URL { NetworkFixtures.directory.appendingPathComponent("moto") }

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try AWSOutputDecoder.decode(type, from: data, input: name, command: "test")
    }

    static func inputs(groupIds: [String]? = nil, subnetIds: [String]? = nil, port: Int = 9098, secret: Bool = true)
        throws -> (NetworkInputs, Ids)
    {
        let ids = try load(Ids.self, "ids.json")
        let inputs = NetworkInputs(
            securityGroups: try load(DescribeSecurityGroupsResponse.self, "security-groups.json"),
            subnets: try load(DescribeSubnetsResponse.self, "subnets.json"),
            routeTables: try load(DescribeRouteTablesResponse.self, "route-tables.json"),
            natGateways: try load(DescribeNatGatewaysResponse.self, "nat-gateways.json"),
            vpcEndpoints: try load(DescribeVpcEndpointsResponse.self, "vpc-endpoints.json"),
            mappingGroupIds: groupIds ?? [ids.clusterGroup], mappingSubnetIds: subnetIds ?? ids.privateSubnets,
            brokerPorts: [port], region: ids.region, usesSecretsManager: secret)
        return (inputs, ids)
    }

    @Test func decodesEveryCapturedOutput() throws {
        let (inputs, ids) = try Self.inputs()
        #expect(inputs.securityGroups?.securityGroups.contains { $0.groupId == ids.clusterGroup } == true)
        let cluster = inputs.securityGroups?.securityGroups.first { $0.groupId == ids.clusterGroup }
        #expect(cluster?.ipPermissions.first?.userIdGroupPairs.first?.groupId == ids.clusterGroup)
        #expect(cluster?.ipPermissionsEgress.first?.ipProtocol == "-1")
        #expect(inputs.subnets?.subnets.count == 4)
        #expect(inputs.routeTables?.routeTables.contains { $0.isMain } == true)
        #expect(inputs.natGateways?.natGateways.first?.natGatewayId == ids.natGateway)
        let sts = inputs.vpcEndpoints?.vpcEndpoints.first { $0.vpcEndpointId == ids.endpoints["sts"] }
        #expect(sts?.privateDnsEnabled == true)
        #expect(sts?.groups.map(\.groupId) == [ids.endpointGroup])
        #expect(sts?.policyDocument?.contains("Statement") == true)
    }

    @Test func healthyClusterPasses() throws {
        let (inputs, _) = try Self.inputs()
        let findings = NetworkAnalyzer(inputs: inputs).findings()
        #expect(Verdict(findings: findings) == .pass, "\(findings.filter { $0.severity != .pass })")
        #expect(!findings.contains { $0.severity == .skipped })
    }

    @Test func isolatedSubnetUsesTheMainTableAndIsNearlyFull() throws {
        let ids = try Self.load(Ids.self, "ids.json")
        let (inputs, _) = try Self.inputs(subnetIds: [ids.isolatedSubnet], secret: false)
        let findings = NetworkAnalyzer(inputs: inputs).findings()
        // Interface endpoints serve the whole VPC, so Lambda and STS stay reachable without a NAT route.
        #expect(findings.first { $0.code == "NET004" }?.severity == .pass)
        #expect(findings.contains { $0.code == "NET009" && $0.severity == .warn })
        #expect(findings.first { $0.code == "NET004" }?.detail.contains(ids.endpoints["sts"] ?? "?") == true)
    }

    @Test func prefixListRuleCannotBeVerified() throws {
        let ids = try Self.load(Ids.self, "ids.json")
        let (inputs, _) = try Self.inputs(groupIds: [ids.prefixListGroup], port: 9092)
        let findings = NetworkAnalyzer(inputs: inputs).findings()
        #expect(findings.contains { $0.code == "NET011" && $0.severity == .warn && $0.detail.contains("pl-") })
        #expect(!findings.contains { $0.code == "NET001" && $0.severity == .pass })
        // The endpoints admit 443 only from the cluster group, not from this one.
        #expect(findings.contains { $0.code == "NET007" && $0.severity == .fail })
    }

    @Test func wrongPortFails() throws {
        let (inputs, _) = try Self.inputs(port: 9096)
        let findings = NetworkAnalyzer(inputs: inputs).findings()
        #expect(findings.first { $0.code == "NET001" }?.severity == .fail)
    }
}
