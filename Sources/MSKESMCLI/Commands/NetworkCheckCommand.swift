import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm network check`: NET001–NET011 from AWS CLI JSON outputs.
struct NetworkCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a mapping's subnets and security groups let Lambda reach the brokers and AWS services.",
        discussion: """
            Reads the JSON that `aws ec2 describe-security-groups`, `describe-subnets`, `describe-route-tables`, \
            `describe-nat-gateways` and `describe-vpc-endpoints` print, and reports NET001–NET011: the broker \
            port in and out, outbound 443, a NAT gateway or VPC endpoints for Lambda, STS, Secrets Manager and \
            the on-failure destination, endpoint DNS, security groups and policies, and free IP addresses. \
            A check whose input is not given is reported as skipped. For MSK, --group-id and --subnet-id are \
            the cluster's security groups and client subnets.

            The region (for endpoint names com.amazonaws.<region>.<service>) comes from --region, else \
            AWS_REGION or AWS_DEFAULT_REGION, else the subnets' availability zones.

            With --snapshot every input comes from a snapshot: its EC2 parts, the cluster's (or the VPC \
            connection's, or the VPC_SECURITY_GROUP / VPC_SUBNET) groups and subnets, the port of the broker \
            choice, the region, the secret, the on-failure destination, the role and function ARNs and \
            provisioned mode; --port is then optional, and any flag given overrides what the snapshot says.

            Live, with --cluster ARN: the cluster's security groups and client subnets (aws kafka \
            describe-cluster-v2), then the VPC's security groups, subnets, route tables, NAT gateways and VPC \
            endpoints are read from AWS; the port is the one Lambda's broker choice names for --auth (from \
            aws kafka get-bootstrap-brokers) unless --port is given; mtls and scram imply --secret.

            Examples:
              msk-esm network check --snapshot Examples/snapshots/broken-sg-no-self-reference.json
              msk-esm network check --cluster arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b3c4d-5e6f-2 --auth iam

              aws ec2 describe-security-groups --group-ids sg-0a1 > sg.json
              aws ec2 describe-subnets --subnet-ids subnet-1 subnet-2 > subnets.json
              aws ec2 describe-route-tables --filters Name=vpc-id,Values=vpc-1 > rt.json
              aws ec2 describe-nat-gateways --filter Name=vpc-id,Values=vpc-1 > nat.json
              aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=vpc-1 > vpce.json
              msk-esm network check --group-id sg-0a1 --port 9098 \\
                --subnet-id subnet-1 --subnet-id subnet-2 --region us-east-1 \\
                --security-groups-json sg.json --subnets-json subnets.json \\
                --route-tables-json rt.json --nat-gateways-json nat.json \\
                --vpc-endpoints-json vpce.json
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "A snapshot (- for standard input) to take every input from; the flags below override it.",
            valueName: "file"))
    var snapshot: String?

    @Option(
        name: .customLong("security-groups-json"),
        help: ArgumentHelp(
            "Output of aws ec2 describe-security-groups (the mapping's and the endpoints' groups).", valueName: "file"))
    var securityGroupsJSON: String?

    @Option(
        name: .customLong("subnets-json"),
        help: ArgumentHelp("Output of aws ec2 describe-subnets (the mapping's subnets).", valueName: "file"))
    var subnetsJSON: String?

    @Option(
        name: .customLong("route-tables-json"),
        help: ArgumentHelp(
            "Output of aws ec2 describe-route-tables for the VPC (including its main table).", valueName: "file"))
    var routeTablesJSON: String?

    @Option(
        name: .customLong("nat-gateways-json"),
        help: ArgumentHelp("Output of aws ec2 describe-nat-gateways for the VPC.", valueName: "file"))
    var natGatewaysJSON: String?

    @Option(
        name: .customLong("vpc-endpoints-json"),
        help: ArgumentHelp("Output of aws ec2 describe-vpc-endpoints for the VPC.", valueName: "file"))
    var vpcEndpointsJSON: String?

    @Option(
        name: .customLong("group-id"),
        help: ArgumentHelp(
            "A security group of the mapping (MSK: of the cluster). Repeat for each.", valueName: "sg-id"))
    var groupIds: [String] = []

    @Option(
        name: .customLong("broker-group-id"),
        help: ArgumentHelp(
            "A security group of the brokers, when not the mapping's own (self-managed Kafka). Repeat for each.",
            valueName: "sg-id"))
    var brokerGroupIds: [String] = []

    @Option(
        name: .customLong("subnet-id"),
        help: ArgumentHelp(
            "A subnet of the mapping (MSK: a client subnet of the cluster). Repeat for each.", valueName: "subnet-id"))
    var subnetIds: [String] = []

    @Option(
        name: .customLong("port"),
        help: ArgumentHelp(
            "The broker port the mapping uses (9092, 9094, 9096, 9098, …). Repeatable.", valueName: "port"))
    var ports: [Int] = []

    @Flag(help: "The mapping uses a secret from Secrets Manager (SASL/SCRAM, mTLS, BASIC_AUTH, root CA).")
    var secret = false

    @Option(
        name: .customLong("secret-id"),
        help: ArgumentHelp("The secret's ARN (implies --secret; used to evaluate endpoint policies).", valueName: "arn")
    )
    var secretId: String?

    @Option(
        name: .customLong("on-failure"),
        help: ArgumentHelp("The on-failure destination: an SQS, SNS or S3 ARN, or kafka://topic.", valueName: "arn"))
    var onFailure: String?

    @Flag(
        help: "The mapping uses provisioned mode: a missing Lambda/STS path is a warning, since it may not be needed.")
    var provisioned = false

    @Option(
        name: .customLong("role-arn"),
        help: ArgumentHelp("The function's execution role ARN (used to evaluate endpoint policies).", valueName: "arn"))
    var roleArn: String?

    @Option(
        name: .customLong("function-arn"),
        help: ArgumentHelp("The function's ARN (used to evaluate endpoint policies).", valueName: "arn"))
    var functionArn: String?

    @Option(
        help: ArgumentHelp(
            "Read the MSK cluster and its VPC from AWS instead of the JSON files (with --auth or --port).",
            valueName: "ARN"))
    var cluster: String?

    @Option(help: "With --cluster: the secret the mapping carries, which decides the broker port (none: no secret).")
    var auth: BrokersExplainCommand.Auth?

    func validate() throws {
        try global.validate()
        if let cluster {
            let files = [
                ("--snapshot", snapshot), ("--security-groups-json", securityGroupsJSON),
                ("--subnets-json", subnetsJSON),
                ("--route-tables-json", routeTablesJSON), ("--nat-gateways-json", natGatewaysJSON),
                ("--vpc-endpoints-json", vpcEndpointsJSON),
            ].filter { $0.1 != nil }.map(\.0)
            if !files.isEmpty {
                throw ValidationError("--cluster reads AWS: leave out \(files.joined(separator: ", "))")
            }
            if !cluster.hasPrefix("arn:") || !cluster.contains(":kafka:") {
                throw ValidationError("--cluster '\(cluster)' is not an MSK cluster ARN")
            }
            if ports.isEmpty && auth == nil {
                throw ValidationError("--cluster needs --auth (the port follows from it) or --port")
            }
        } else if auth != nil {
            throw ValidationError("--auth is for --cluster: with files give --port")
        }
        if ports.isEmpty && snapshot == nil && cluster == nil {
            throw ValidationError("give the broker port with --port (e.g. --port 9098 for IAM on MSK), or --snapshot")
        }
        for port in ports where !(1...65535).contains(port) {
            throw ValidationError("--port \(port) is not a TCP port: give 1-65535")
        }
        for id in groupIds + brokerGroupIds where !id.hasPrefix("sg-") {
            throw ValidationError("'\(id)' is not a security group id: give sg-…")
        }
        for id in subnetIds where !id.hasPrefix("subnet-") {
            throw ValidationError("'\(id)' is not a subnet id: give subnet-…")
        }
    }

    func run() async throws {
        var base = try snapshot.map { path -> NetworkInputs in
            let document = try Snapshot.load(path: path)
            return try DoctorContext(snapshot: document, now: global.now).networkInputs()
        }
        if let cluster { base = try await liveInputs(cluster) }
        let securityGroups = try securityGroupsJSON.map {
            try read(
                DescribeSecurityGroupsResponse.self, $0, "--security-groups-json", "aws ec2 describe-security-groups")
        }
        let subnets = try subnetsJSON.map {
            try read(DescribeSubnetsResponse.self, $0, "--subnets-json", "aws ec2 describe-subnets")
        }
        let routeTables = try routeTablesJSON.map {
            try read(DescribeRouteTablesResponse.self, $0, "--route-tables-json", "aws ec2 describe-route-tables")
        }
        let natGateways = try natGatewaysJSON.map {
            try read(DescribeNatGatewaysResponse.self, $0, "--nat-gateways-json", "aws ec2 describe-nat-gateways")
        }
        let vpcEndpoints = try vpcEndpointsJSON.map {
            try read(DescribeVpcEndpointsResponse.self, $0, "--vpc-endpoints-json", "aws ec2 describe-vpc-endpoints")
        }
        let inputs: NetworkInputs
        if var base {
            // Explicit flags override what the snapshot gives.
            if let securityGroups { base.securityGroups = securityGroups }
            if let subnets { base.subnets = subnets }
            if let routeTables { base.routeTables = routeTables }
            if let natGateways { base.natGateways = natGateways }
            if let vpcEndpoints { base.vpcEndpoints = vpcEndpoints }
            if !groupIds.isEmpty { base.mappingGroupIds = groupIds }
            if !brokerGroupIds.isEmpty { base.brokerGroupIds = brokerGroupIds }
            if !subnetIds.isEmpty { base.mappingSubnetIds = subnetIds }
            if !ports.isEmpty { base.brokerPorts = ports }
            if let region = global.aws.region, !region.isEmpty { base.region = region }
            if secret { base.usesSecretsManager = true }
            if let secretId {
                base.secretArn = secretId
                base.usesSecretsManager = true
            }
            if let onFailure { base.onFailureDestination = onFailure }
            if provisioned { base.provisionedMode = true }
            if let roleArn { base.executionRoleArn = roleArn }
            if let functionArn { base.functionArn = functionArn }
            if base.brokerPorts.isEmpty {
                throw ToolError.usage(
                    "no broker port: no authentication method of the mapping works on the cluster, or the cluster is "
                        + "not in the snapshot",
                    input: cluster.map { "--cluster \($0)" }
                        ?? (snapshot == "-" ? "standard input" : (snapshot ?? "--snapshot")),
                    fix: "give --port (msk-esm brokers explain shows why no method works)")
            }
            inputs = base
        } else {
            // --region is the global AWS option (AWSOptions), shared by every command.
            let region = try RegionResolver.resolve(
                flag: global.aws.region, environment: ProcessInfo.processInfo.environment, subnets: subnets,
                subnetIds: subnetIds)
            inputs = NetworkInputs(
                securityGroups: securityGroups, subnets: subnets, routeTables: routeTables, natGateways: natGateways,
                vpcEndpoints: vpcEndpoints, mappingGroupIds: groupIds,
                brokerGroupIds: brokerGroupIds.isEmpty ? nil : brokerGroupIds, mappingSubnetIds: subnetIds,
                brokerPorts: ports, region: region, usesSecretsManager: secret, secretArn: secretId,
                onFailureDestination: onFailure, provisionedMode: provisioned, executionRoleArn: roleArn,
                functionArn: functionArn)
        }
        let analyzer = NetworkAnalyzer(inputs: inputs)
        let report = CheckReport(findings: analyzer.findings(), summary: analyzer.summary())
        let groups = inputs.mappingGroupIds
        let brokers = inputs.brokerGroupIds ?? []
        let subnetList = inputs.mappingSubnetIds
        let portList = inputs.brokerPorts
        var lines = [
            "groups: \(groups.isEmpty ? "none given" : groups.joined(separator: ", "))"
                + (brokers.isEmpty ? "" : "; brokers: " + brokers.joined(separator: ", ")),
            "subnets: \(subnetList.isEmpty ? "none given" : subnetList.joined(separator: ", "))",
            "port\(portList.count == 1 ? "" : "s"): \(portList.isEmpty ? "unknown" : portList.map(String.init).joined(separator: ", ")); region: \(inputs.region)",
        ]
        if inputs.provisionedMode { lines.append("provisioned mode") }
        try global.finish(report, summaryLines: lines)
    }

    /// `--cluster`: the cluster's groups and subnets, its VPC's EC2 parts and the broker port, from AWS.
    func liveInputs(_ clusterArn: String) async throws -> NetworkInputs {
        let client = try LiveDecoding.client(global)
        let live = try await LiveCluster.read(client: client, clusterArn: clusterArn)
        let (subnetIds, groupIds) = live.network
        let parts = try await LiveNetworkReader(client: client).read(
            subnets: subnetIds, groups: groupIds, input: "--cluster \(clusterArn)")
        func part<T: Decodable>(_ key: String, _ type: T.Type) throws -> T? {
            try parts[key].map { try LiveDecoding.decode($0, as: type, what: "\(key) output") }
        }
        let output = try LiveDecoding.decode(
            live.describe, as: DescribeClusterV2Output.self, what: "DescribeClusterV2 output")
        var ports: [Int] = []
        if let auth {
            var input = BrokerSelectionInput()
            input.cluster = output.clusterInfo
            input.bootstrapBrokers = try LiveDecoding.decode(
                live.bootstrapBrokers, as: BootstrapBrokers.self, what: "GetBootstrapBrokers output")
            BrokersExplainCommand.apply(auth, to: &input)
            ports = BrokerSelector.select(input).ports
        }
        return NetworkInputs(
            securityGroups: try part("SecurityGroups", DescribeSecurityGroupsResponse.self),
            subnets: try part("Subnets", DescribeSubnetsResponse.self),
            routeTables: try part("RouteTables", DescribeRouteTablesResponse.self),
            natGateways: try part("NatGateways", DescribeNatGatewaysResponse.self),
            vpcEndpoints: try part("VpcEndpoints", DescribeVpcEndpointsResponse.self), mappingGroupIds: groupIds,
            mappingSubnetIds: subnetIds, brokerPorts: ports, region: client.configuration.region,
            usesSecretsManager: auth == .mtls || auth == .scram512 || auth == .scram256)
    }

    private func read<T: Decodable>(_ type: T.Type, _ path: String, _ label: String, _ command: String) throws -> T {
        let data = try InputReader.data(from: path, label: label)
        return try AWSOutputDecoder.decode(
            type, from: data, input: "\(label) \(path == "-" ? "standard input" : path)", command: command)
    }
}

extension NetworkCheckCommand: CommandWithGlobalOptions {}
