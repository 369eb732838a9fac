import Foundation
import Testing

@testable import MSKESMCore

/// A small VPC built in code: one MSK cluster group with a self-referencing 9098 rule and allow-all egress,
/// two private subnets routed through an available public NAT gateway. Each test changes one thing.
struct NetworkScenario {
    static let cluster = "sg-cluster"
    static let endpointGroup = "sg-endpoints"
    static let vpc = "vpc-1"
    static let subnets = ["subnet-a", "subnet-b"]
    static let region = "us-east-1"

    var clusterIngress: [IpPermission] = [
        IpPermission(
            ipProtocol: "tcp", fromPort: 9098, toPort: 9098, userIdGroupPairs: [UserIdGroupPair(groupId: cluster)])
    ]
    var clusterEgress: [IpPermission] = [IpPermission(ipProtocol: "-1", ipRanges: [IpRange(cidrIp: "0.0.0.0/0")])]
    var endpointIngress: [IpPermission] = [
        IpPermission(
            ipProtocol: "tcp", fromPort: 443, toPort: 443, userIdGroupPairs: [UserIdGroupPair(groupId: cluster)])
    ]
    var freeAddresses = 200
    var defaultRoute: Route? = Route(destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1", state: "active")
    var natState = "available"
    var natConnectivity = "public"
    /// Whether subnet-a has its own route table; otherwise it uses the main table.
    var explicitAssociation = true
    var endpoints: [VpcEndpoint] = []
    var includeSecurityGroups = true
    var includeRouteTables = true
    var includeEndpoints = true
    var groupIds = [cluster]
    var usesSecret = false
    var onFailure: String?
    var provisioned = false

    static func endpoint(
        _ service: String, id: String? = nil, state: String = "available", type: String = "Interface",
        privateDNS: Bool? = true, policy: String? = nil, routeTables: [String] = []
    ) -> VpcEndpoint {
        VpcEndpoint(
            vpcEndpointId: id ?? "vpce-\(service)", vpcEndpointType: type, vpcId: vpc,
            serviceName: "com.amazonaws.\(region).\(service)", state: state, policyDocument: policy,
            routeTableIds: routeTables, subnetIds: type == "Interface" ? subnets : [],
            groups: type == "Interface" ? [SecurityGroupIdentifier(groupId: endpointGroup)] : [],
            privateDnsEnabled: type == "Interface" ? privateDNS : false)
    }

    /// No NAT path, and Lambda + STS interface endpoints (a private VPC).
    static var privateWithEndpoints: NetworkScenario {
        var scenario = NetworkScenario()
        scenario.defaultRoute = nil
        scenario.endpoints = [endpoint("lambda"), endpoint("sts")]
        return scenario
    }

    var inputs: NetworkInputs {
        let groups = [
            SecurityGroup(
                groupId: Self.cluster, vpcId: Self.vpc, ipPermissions: clusterIngress,
                ipPermissionsEgress: clusterEgress),
            SecurityGroup(
                groupId: Self.endpointGroup, vpcId: Self.vpc, ipPermissions: endpointIngress,
                ipPermissionsEgress: [IpPermission(ipProtocol: "-1", ipRanges: [IpRange(cidrIp: "0.0.0.0/0")])]),
        ]
        let subnets = [
            Subnet(
                subnetId: "subnet-a", vpcId: Self.vpc, cidrBlock: "10.0.1.0/24", availableIpAddressCount: freeAddresses,
                availabilityZone: "us-east-1a"),
            Subnet(
                subnetId: "subnet-b", vpcId: Self.vpc, cidrBlock: "10.0.2.0/24", availableIpAddressCount: 200,
                availabilityZone: "us-east-1b"),
        ]
        let local = Route(destinationCidrBlock: "10.0.0.0/16", gatewayId: "local", state: "active")
        let privateRoutes = [local] + (defaultRoute.map { [$0] } ?? [])
        var tables = [
            RouteTable(
                routeTableId: "rtb-main", vpcId: Self.vpc,
                associations: [RouteTableAssociation(main: true, routeTableId: "rtb-main")],
                routes: explicitAssociation ? [local] : privateRoutes),
            RouteTable(
                routeTableId: "rtb-private", vpcId: Self.vpc,
                associations: [RouteTableAssociation(main: false, routeTableId: "rtb-private", subnetId: "subnet-b")]
                    + (explicitAssociation
                        ? [RouteTableAssociation(main: false, routeTableId: "rtb-private", subnetId: "subnet-a")] : []),
                routes: privateRoutes),
        ]
        tables.reverse()
        return NetworkInputs(
            securityGroups: includeSecurityGroups ? DescribeSecurityGroupsResponse(securityGroups: groups) : nil,
            subnets: DescribeSubnetsResponse(subnets: subnets),
            routeTables: includeRouteTables ? DescribeRouteTablesResponse(routeTables: tables) : nil,
            natGateways: DescribeNatGatewaysResponse(natGateways: [
                NatGateway(
                    natGatewayId: "nat-1", vpcId: Self.vpc, subnetId: "subnet-public", state: natState,
                    connectivityType: natConnectivity)
            ]),
            vpcEndpoints: includeEndpoints ? DescribeVpcEndpointsResponse(vpcEndpoints: endpoints) : nil,
            mappingGroupIds: groupIds, mappingSubnetIds: Self.subnets, brokerPorts: [9098], region: Self.region,
            usesSecretsManager: usesSecret, onFailureDestination: onFailure, provisionedMode: provisioned,
            executionRoleArn: "arn:aws:iam::123456789012:role/esm-role")
    }

    func findings() -> [Finding] { NetworkAnalyzer(inputs: inputs).findings() }

    /// The worst severity reported for a code (nil when the code is absent).
    func severity(_ code: String) -> Severity? {
        findings().filter { $0.code == code }.map(\.severity).min()
    }
}

struct NetworkAnalyzerTests {
    @Test func healthyScenarioPassesEveryCheck() {
        let findings = NetworkScenario().findings()
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.severity == .pass }, "\(findings.filter { $0.severity != .pass })")
        #expect(Set(findings.map(\.code)) == Set(FindingCode.networkCodes.map(\.code)).subtracting(["NET011"]))
    }

    /// One change per case that makes exactly the named code report the named severity.
    static let triggers: [(String, Severity, NetworkScenario)] = {
        var cases: [(String, Severity, NetworkScenario)] = []
        var s = NetworkScenario()
        s.clusterIngress = [
            IpPermission(
                ipProtocol: "tcp", fromPort: 9092, toPort: 9096,
                userIdGroupPairs: [UserIdGroupPair(groupId: NetworkScenario.cluster)])
        ]
        cases.append(("NET001", .fail, s))
        s = NetworkScenario()
        s.clusterEgress = [
            IpPermission(
                ipProtocol: "tcp", fromPort: 9098, toPort: 9098,
                userIdGroupPairs: [UserIdGroupPair(groupId: NetworkScenario.cluster)])
        ]
        cases.append(("NET002", .fail, s))
        s = NetworkScenario()
        s.clusterEgress = [
            IpPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [IpRange(cidrIp: "10.0.0.0/8")]),
            IpPermission(
                ipProtocol: "tcp", fromPort: 9098, toPort: 9098,
                userIdGroupPairs: [UserIdGroupPair(groupId: NetworkScenario.cluster)]),
        ]
        cases.append(("NET002", .warn, s))
        s = NetworkScenario()
        s.clusterEgress = [
            IpPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [IpRange(cidrIp: "0.0.0.0/0")])
        ]
        cases.append(("NET003", .fail, s))
        s = NetworkScenario()
        s.defaultRoute = Route(destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1", state: "active")
        cases.append(("NET004", .fail, s))
        s = NetworkScenario()
        s.natState = "deleted"
        cases.append(("NET004", .fail, s))
        s = NetworkScenario()
        s.natConnectivity = "private"
        cases.append(("NET004", .fail, s))
        s = NetworkScenario()
        s.defaultRoute = Route(destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1", state: "blackhole")
        cases.append(("NET004", .fail, s))
        s = NetworkScenario()
        s.defaultRoute = nil
        s.endpoints = [NetworkScenario.endpoint("lambda"), NetworkScenario.endpoint("sts", state: "pending")]
        cases.append(("NET004", .fail, s))
        s = NetworkScenario()
        s.defaultRoute = nil
        s.provisioned = true
        cases.append(("NET004", .warn, s))
        s = NetworkScenario.privateWithEndpoints
        s.usesSecret = true
        cases.append(("NET005", .fail, s))
        s = NetworkScenario.privateWithEndpoints
        s.endpoints = [NetworkScenario.endpoint("lambda"), NetworkScenario.endpoint("sts", privateDNS: false)]
        cases.append(("NET006", .fail, s))
        s = NetworkScenario()
        s.endpoints = [NetworkScenario.endpoint("sts", privateDNS: false)]
        cases.append(("NET006", .warn, s))
        s = NetworkScenario.privateWithEndpoints
        s.endpointIngress = [
            IpPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [IpRange(cidrIp: "192.168.0.0/16")])
        ]
        cases.append(("NET007", .fail, s))
        s = NetworkScenario.privateWithEndpoints
        s.onFailure = "arn:aws:sqs:us-east-1:123456789012:dlq"
        cases.append(("NET008", .fail, s))
        s = NetworkScenario.privateWithEndpoints
        s.onFailure = "arn:aws:s3:::failures"
        s.endpoints.append(NetworkScenario.endpoint("s3", type: "Gateway", routeTables: ["rtb-other"]))
        cases.append(("NET008", .fail, s))  // the Gateway endpoint is not on the subnets' route table
        s = NetworkScenario()
        s.freeAddresses = 15
        cases.append(("NET009", .warn, s))
        s = NetworkScenario.privateWithEndpoints
        s.endpoints = [
            NetworkScenario.endpoint("lambda"),
            NetworkScenario.endpoint(
                "sts",
                policy:
                    #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"sts:Assume*","Resource":"*"}]}"#
            ),
        ]
        cases.append(("NET010", .fail, s))
        s = NetworkScenario.privateWithEndpoints
        s.endpoints = [
            NetworkScenario.endpoint(
                "lambda",
                policy:
                    #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"lambda:*","Resource":"*"}]}"#
            ), NetworkScenario.endpoint("sts"),
        ]
        cases.append(("NET010", .fail, s))
        s = NetworkScenario.privateWithEndpoints
        s.usesSecret = true
        s.endpoints.append(
            NetworkScenario.endpoint(
                "secretsmanager",
                policy:
                    #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#
            ))
        cases.append(("NET010", .warn, s))
        s = NetworkScenario()
        s.clusterIngress = [
            IpPermission(
                ipProtocol: "tcp", fromPort: 9098, toPort: 9098, prefixListIds: [PrefixListId(prefixListId: "pl-1")])
        ]
        cases.append(("NET011", .warn, s))
        s = NetworkScenario()
        s.clusterIngress = [
            IpPermission(
                ipProtocol: "tcp", fromPort: 9098, toPort: 9098,
                ipRanges: [IpRange(cidrIp: "10.0.1.0/25"), IpRange(cidrIp: "10.0.2.0/24")])
        ]
        cases.append(("NET011", .warn, s))  // half of subnet-a: the pollers' addresses may or may not be in it
        s = NetworkScenario()
        s.clusterIngress = [
            IpPermission(ipProtocol: "tcp", fromPort: 9098, toPort: 9098, ipRanges: [IpRange(cidrIp: "10.0.1.0/24")])
        ]
        cases.append(("NET001", .fail, s))  // subnet-b's pollers are certainly blocked
        s = NetworkScenario()
        s.defaultRoute = Route(destinationCidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-1", state: "active")
        cases.append(("NET011", .warn, s))
        return cases
    }()

    @Test(arguments: triggers.indices)
    func eachCodeTriggers(index: Int) {
        let (code, severity, scenario) = Self.triggers[index]
        let findings = scenario.findings()
        let matching = findings.filter { $0.code == code && $0.severity == severity }
        #expect(
            !matching.isEmpty,
            "\(code) \(severity) expected; got \(findings.filter { $0.severity != .pass }.map { "\($0.code) \($0.severity)" })"
        )
        for finding in matching {
            #expect(!finding.title.isEmpty && !finding.detail.isEmpty)
            #expect(!finding.fix.isEmpty, "\(code) names a fix")
        }
    }

    /// The same changes, reverted or compensated, keep each code silent (pass or absent).
    static let silences: [(String, NetworkScenario)] = {
        var cases: [(String, NetworkScenario)] = []
        var s = NetworkScenario()
        // Protocol "-1" from the group itself covers 9098; so does tcp written as "6" with a range.
        s.clusterIngress = [
            IpPermission(ipProtocol: "-1", userIdGroupPairs: [UserIdGroupPair(groupId: NetworkScenario.cluster)])
        ]
        cases.append(("NET001", s))
        s.clusterIngress = [
            IpPermission(
                ipProtocol: "6", fromPort: 9092, toPort: 9098,
                userIdGroupPairs: [UserIdGroupPair(groupId: NetworkScenario.cluster)])
        ]
        cases.append(("NET001", s))
        s = NetworkScenario()
        // Two CIDRs that together cover both subnets.
        s.clusterIngress = [
            IpPermission(
                ipProtocol: "tcp", fromPort: 9098, toPort: 9098,
                ipRanges: [IpRange(cidrIp: "10.0.0.0/23"), IpRange(cidrIp: "10.0.2.0/24")])
        ]
        cases.append(("NET001", s))
        s = NetworkScenario.privateWithEndpoints
        // 443 only to the endpoints' group, which is enough when every service has an endpoint.
        s.clusterEgress = [
            IpPermission(
                ipProtocol: "tcp", fromPort: 443, toPort: 443,
                userIdGroupPairs: [UserIdGroupPair(groupId: NetworkScenario.endpointGroup)]),
            IpPermission(
                ipProtocol: "tcp", fromPort: 9098, toPort: 9098,
                userIdGroupPairs: [UserIdGroupPair(groupId: NetworkScenario.cluster)]),
        ]
        cases.append(("NET002", s))
        cases.append(("NET003", NetworkScenario()))
        cases.append(("NET004", NetworkScenario.privateWithEndpoints))
        s = NetworkScenario()
        s.explicitAssociation = false  // subnet-a falls back to the main table, which has the NAT route
        cases.append(("NET004", s))
        s = NetworkScenario.privateWithEndpoints
        s.usesSecret = true
        s.endpoints.append(NetworkScenario.endpoint("secretsmanager"))
        cases.append(("NET005", s))
        s = NetworkScenario()
        s.usesSecret = true  // through the NAT gateway
        cases.append(("NET005", s))
        cases.append(("NET006", NetworkScenario.privateWithEndpoints))
        cases.append(("NET007", NetworkScenario.privateWithEndpoints))
        s = NetworkScenario.privateWithEndpoints
        s.onFailure = "arn:aws:sqs:us-east-1:123456789012:dlq"
        s.endpoints.append(NetworkScenario.endpoint("sqs"))
        cases.append(("NET008", s))
        s = NetworkScenario.privateWithEndpoints
        s.explicitAssociation = true
        s.onFailure = "arn:aws:s3:::failures"
        s.endpoints.append(NetworkScenario.endpoint("s3", type: "Gateway", routeTables: ["rtb-private"]))
        cases.append(("NET008", s))
        s = NetworkScenario.privateWithEndpoints
        s.onFailure = "kafka://failures"
        cases.append(("NET008", s))
        s = NetworkScenario()
        s.freeAddresses = 16
        cases.append(("NET009", s))
        cases.append(("NET010", NetworkScenario.privateWithEndpoints))
        s = NetworkScenario.privateWithEndpoints
        s.endpoints = [
            NetworkScenario.endpoint(
                "lambda",
                policy:
                    #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"lambda:Invoke*","Resource":"*"}]}"#
            ), NetworkScenario.endpoint("sts"),
        ]
        cases.append(("NET010", s))
        cases.append(("NET011", NetworkScenario()))
        s = NetworkScenario()
        // A prefix list next to a rule that already allows: nothing depends on it.
        s.clusterIngress.append(
            IpPermission(
                ipProtocol: "tcp", fromPort: 9098, toPort: 9098, prefixListIds: [PrefixListId(prefixListId: "pl-1")]))
        cases.append(("NET011", s))
        return cases
    }()

    @Test(arguments: silences.indices)
    func eachCodeStaysSilent(index: Int) {
        let (code, scenario) = Self.silences[index]
        let findings = scenario.findings().filter { $0.code == code }
        #expect(
            findings.allSatisfy { $0.severity == .pass }, "\(code): \(findings.map { "\($0.severity) \($0.title)" })")
        if code != "NET011" { #expect(!findings.isEmpty, "\(code) reports its pass") }
    }

    /// Missing inputs make checks skipped, never passed.
    static let skips: [(String, NetworkScenario)] = {
        var cases: [(String, NetworkScenario)] = []
        var s = NetworkScenario()
        s.includeSecurityGroups = false
        cases += ["NET001", "NET002", "NET003"].map { ($0, s) }
        s = NetworkScenario()
        s.defaultRoute = nil
        s.includeEndpoints = false
        cases.append(("NET004", s))
        cases += ["NET006", "NET007", "NET010"].map { ($0, s) }
        s = NetworkScenario()
        s.includeRouteTables = false
        cases.append(("NET004", s))
        s = NetworkScenario()
        s.groupIds = [NetworkScenario.cluster, "sg-not-described"]
        s.clusterIngress = []
        cases.append(("NET001", s))
        return cases
    }()

    @Test(arguments: skips.indices)
    func missingInputsAreSkipped(index: Int) {
        let (code, scenario) = Self.skips[index]
        let findings = scenario.findings().filter { $0.code == code }
        #expect(!findings.isEmpty)
        #expect(
            findings.allSatisfy { $0.severity == .skipped && !$0.detail.isEmpty },
            "\(code): \(findings.map(\.severity))")
    }

    @Test func missingGroupDoesNotBlockAPassFromTheGroupsPresent() {
        var scenario = NetworkScenario()
        scenario.groupIds = [NetworkScenario.cluster, "sg-not-described"]
        #expect(scenario.severity("NET001") == .pass)
        let summary = NetworkAnalyzer(inputs: scenario.inputs).summary()
        #expect(summary.missingSecurityGroups == ["sg-not-described"])
    }

    @Test func detachedGatewayEndpointIsNamed() {
        var scenario = NetworkScenario.privateWithEndpoints
        scenario.onFailure = "arn:aws:s3:::failures"
        scenario.endpoints.append(NetworkScenario.endpoint("s3", type: "Gateway", routeTables: ["rtb-other"]))
        let net008 = scenario.findings().first { $0.code == "NET008" }
        #expect(
            net008?.detail.contains("Gateway endpoint vpce-s3 is not attached to rtb-private") == true,
            "\(net008?.detail ?? "")")
        #expect(
            net008?.fix.contains(
                "--vpc-endpoint-type Gateway --service-name com.amazonaws.us-east-1.s3 --route-table-ids rtb-private")
                == true)
    }

    @Test func everyCodeIsInTheCatalogue() {
        #expect(FindingCode.networkCodes.count == 11)
        for code in FindingCode.networkCodes {
            #expect(FindingCatalogue.code(code.code) == code)
        }
    }

    @Test func findingsComeInCodeOrder() {
        let codes = NetworkScenario().findings().map(\.code)
        #expect(codes == codes.sorted())
    }

    @Test func fixCommandsAreExact() {
        var scenario = NetworkScenario()
        scenario.clusterIngress = []
        let net001 = scenario.findings().first { $0.code == "NET001" }
        #expect(
            net001?.fix
                == "aws ec2 authorize-security-group-ingress --group-id sg-cluster --protocol tcp --port 9098 --source-group sg-cluster"
        )
        scenario = NetworkScenario()
        scenario.defaultRoute = nil
        let net004 = scenario.findings().first { $0.code == "NET004" }
        #expect(
            net004?.fix.contains(
                "aws ec2 create-vpc-endpoint --vpc-id vpc-1 --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.sts --subnet-ids subnet-a subnet-b --security-group-ids sg-cluster --private-dns-enabled"
            ) == true)
        #expect(net004?.detail.contains("rtb-private") == true)
    }

    @Test(arguments: [
        ("us-east-1a", "us-east-1"), ("eu-central-2c", "eu-central-2"), ("us-gov-west-1b", "us-gov-west-1"),
        ("us-west-2-lax-1a", "us-west-2"), ("ap-southeast-4a", "ap-southeast-4"),
    ])
    func regionFromZone(zone: String, region: String) {
        #expect(RegionResolver.region(ofZone: zone) == region)
    }

    @Test func regionOrder() throws {
        let subnets = DescribeSubnetsResponse(subnets: [Subnet(subnetId: "subnet-a", availabilityZone: "eu-west-1b")])
        #expect(
            try RegionResolver.resolve(
                flag: "us-east-2", environment: ["AWS_REGION": "x"], subnets: subnets, subnetIds: []) == "us-east-2")
        #expect(
            try RegionResolver.resolve(
                flag: nil, environment: ["AWS_REGION": "ca-central-1"], subnets: subnets, subnetIds: [])
                == "ca-central-1")
        #expect(
            try RegionResolver.resolve(flag: nil, environment: [:], subnets: subnets, subnetIds: ["subnet-a"])
                == "eu-west-1")
        #expect(throws: ToolError.self) {
            try RegionResolver.resolve(flag: nil, environment: [:], subnets: nil, subnetIds: [])
        }
    }
}
