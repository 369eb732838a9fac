/// NET001–NET011: the mapping's security groups, subnets and the VPC's path to AWS services
/// (``NetworkAnalyzer``), from the snapshot's EC2 parts. The groups and subnets are the cluster's (MSK), the
/// VPC connection's (cross-account) or the `VPC_SECURITY_GROUP` / `VPC_SUBNET` entries (self-managed Kafka);
/// the port is the one the broker choice names. A NET check whose EC2 part is missing is `skipped`, naming the
/// part and the `Errors` entry that explains its absence.
public struct NetworkPathCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `network`, as listed in `summary.checks`.
    public let name = "network"
    /// NET001–NET011.
    public var codes: [FindingCode] { FindingCode.networkCodes }

    /// Without the cluster (or the VPC connection) neither the groups, the subnets nor the port are known.
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] {
        let mapping = snapshot.eventSourceMapping
        if BrokerSelectionInput.isVpcConnectionArn(mapping.eventSourceArn) { return [.vpcConnection] }
        return BrokerChoiceCheck.isSelfManaged(snapshot) ? [] : [.cluster]
    }

    /// The EC2 parts each NET check reads.
    static let partsByCode: [String: [SnapshotPart]] = [
        "NET001": [.securityGroups], "NET002": [.securityGroups], "NET003": [.securityGroups],
        "NET004": [.subnets, .routeTables, .natGateways, .vpcEndpoints],
        "NET005": [.subnets, .routeTables, .natGateways, .vpcEndpoints],
        "NET006": [.vpcEndpoints], "NET007": [.vpcEndpoints, .securityGroups],
        "NET008": [.subnets, .routeTables, .vpcEndpoints],
        "NET009": [.subnets], "NET010": [.vpcEndpoints],
    ]

    /// The NET findings of ``NetworkAnalyzer``, `skipped` for a NET check whose EC2 part is missing; self-managed
    /// Kafka outside a VPC gets a single NET001 `info` instead.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let snapshot = context.snapshot
        if BrokerChoiceCheck.isSelfManaged(snapshot) && context.mappingSecurityGroupIds.isEmpty
            && context.mappingSubnetIds.isEmpty
        {
            return [
                Finding(
                    code: .net001, severity: .info,
                    title: "self-managed Kafka outside a VPC: the VPC checks do not apply",
                    detail: "The mapping has no VPC_SUBNET or VPC_SECURITY_GROUP access configuration, so Lambda "
                        + "reaches the brokers over the internet (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html).",
                    evidence: ["check": .string(name)])
            ]
        }
        let inputs = try context.networkInputs()
        var findings = NetworkAnalyzer(inputs: inputs).findings().map { explainMissingParts($0, snapshot) }
        if BrokerChoiceCheck.isSelfManaged(snapshot) {
            // The snapshot does not say which groups the self-managed brokers carry.
            findings = findings.map { finding in
                guard ["NET001", "NET003"].contains(finding.code), [.fail, .warn].contains(finding.severity)
                else { return finding }
                var noted = finding
                // NET001 judges the brokers' inbound rules, which the snapshot does not hold for self-managed
                // Kafka: an assumption is a warning, not a failure. (NET003 judges the mapping's own egress.)
                if finding.code == FindingCode.net001.code {
                    noted.severity = .warn
                    noted.title = "if the brokers carry the mapping's groups: " + finding.title
                    noted.fix =
                        "msk-esm network check --snapshot FILE --broker-group-id <the brokers' group> (checks their "
                        + "real inbound rules); if the brokers do carry the mapping's groups: " + finding.fix
                    noted.evidence["assumedBrokerGroups"] = .bool(true)
                }
                noted.detail +=
                    " For self-managed Kafka the brokers' security groups are not in the snapshot: this assumed the "
                    + "brokers carry the mapping's groups and lie in its subnets. If they do not, check with "
                    + "`msk-esm network check --snapshot FILE --broker-group-id sg-…`."
                return noted
            }
        }
        if inputs.brokerPorts.isEmpty && !inputs.mappingGroupIds.isEmpty {
            for code in [FindingCode.net001, .net003] {
                findings.append(
                    Finding(
                        code: code, severity: .skipped, title: "the broker port is unknown",
                        detail: "No authentication method works for this mapping (see the BRK findings), so the "
                            + "port Lambda connects to is unknown.",
                        evidence: ["check": .string(name)]))
            }
        }
        return findings
    }

    /// A skipped NET finding whose EC2 part is missing from the snapshot says so, with the `Errors` entry.
    func explainMissingParts(_ finding: Finding, _ snapshot: Snapshot) -> Finding {
        guard finding.severity == .skipped,
            let missing = Self.partsByCode[finding.code]?.filter({ !snapshot.isPresent($0) }), !missing.isEmpty
        else { return finding }
        var explained = finding
        explained.detail =
            missing.map { part -> String in
                let errors = snapshot.errors(for: part)
                if errors.isEmpty { return "\(part.key) is not in the snapshot" }
                return "\(part.key) could not be read: "
                    + errors.map { "\($0.call): \($0.message.prefix(120))" }.joined(separator: "; ")
            }.joined(separator: ". ") + ". (" + finding.detail + ")"
        explained.fix =
            "add the part to the snapshot: "
            + missing.map { "\($0.key) = `\($0.awsCommand) --output json`" }.joined(separator: "; ")
        explained.evidence["check"] = .string(name)
        explained.evidence["missingParts"] = .array(missing.map { .string($0.key) })
        return explained
    }
}

extension DoctorContext {
    /// The network checks' inputs (``NetworkInputs``) from the snapshot: the EC2 parts, the mapping's groups and
    /// subnets, the broker port of the broker choice (MSK Serverless listens on 9098 only), the region, the
    /// secret, the on-failure destination, the role and function ARNs, provisioned mode. Throws a `ToolError`
    /// (exit 2) for an EC2 part that does not decode, naming the snapshot and the JSON path.
    public func networkInputs() throws -> NetworkInputs {
        try decoded.networkInputs(decodeNetworkInputs)
    }

    private func decodeNetworkInputs() throws -> NetworkInputs {
        let mapping = snapshot.eventSourceMapping
        let securityGroups = try snapshot.decodePart(.securityGroups, as: DescribeSecurityGroupsResponse.self)
        let subnets = try snapshot.decodePart(.subnets, as: DescribeSubnetsResponse.self)
        let routeTables = try snapshot.decodePart(.routeTables, as: DescribeRouteTablesResponse.self)
        let natGateways = try snapshot.decodePart(.natGateways, as: DescribeNatGatewaysResponse.self)
        let vpcEndpoints = try snapshot.decodePart(.vpcEndpoints, as: DescribeVpcEndpointsResponse.self)
        // Every broker's port (multi-VPC and self-managed brokers may each listen on their own).
        let ports = brokerChoice?.ports ?? []
        let functionArn = snapshot.function?.functionArn ?? mapping.functionArn
        let subnetIds = mappingSubnetIds
        var region = snapshot.region ?? Self.arnField(mapping.eventSourceArn, 3) ?? Self.arnField(functionArn, 3)
        if region == nil {
            region = try? RegionResolver.resolve(flag: nil, environment: [:], subnets: subnets, subnetIds: subnetIds)
        }
        let secrets = secretArns
        let authSecret = authSecretArn
        return NetworkInputs(
            securityGroups: securityGroups, subnets: subnets, routeTables: routeTables, natGateways: natGateways,
            vpcEndpoints: vpcEndpoints, mappingGroupIds: mappingSecurityGroupIds, mappingSubnetIds: subnetIds,
            brokerPorts: ports, region: region ?? "us-east-1", usesSecretsManager: !secrets.isEmpty,
            secretArn: authSecret, onFailureDestination: onFailureDestination,
            provisionedMode: mapping.provisionedPollerConfig != nil,
            executionRoleArn: snapshot.function?.role ?? snapshot.role?.role?.arn, functionArn: functionArn)
    }
}
