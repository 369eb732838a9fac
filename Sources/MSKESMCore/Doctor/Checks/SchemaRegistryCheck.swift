import Foundation

/// REG001–REG004, REG006, REG007: the mapping's schema registry (``SchemaRegistryRules``), and the network path
/// from the mapping's subnets to it. The role's Glue permissions are REG005 of ``ExecutionRoleCheck`` (the
/// repository's policy evaluation); the registry's secrets are analysed by ``SecretAnalysisCheck`` like the
/// mapping's own. A mapping without a registry gets no finding.
public struct SchemaRegistryCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `schema-registry`, as listed in `summary.checks`.
    public let name = "schema-registry"
    /// REG001–REG007 (REG005 is reported by the execution-role check).
    public var codes: [FindingCode] { FindingCode.schemaRegistryCodes }
    /// The mapping; the network part says itself when EC2 parts are missing.
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.eventSourceMapping] }

    /// The registry's rules, then its network path.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let mapping = context.snapshot.eventSourceMapping
        guard let registry = SchemaRegistrySettings(mapping) else { return [] }
        var findings = SchemaRegistryRules.findings(
            registry, provisioned: mapping.provisionedPollerConfig != nil, uuid: mapping.uuid)
        findings += try networkPath(registry, context)
        return findings
    }

    /// REG006 (Glue) or REG007 (Confluent): how the pollers reach the registry.
    func networkPath(_ registry: SchemaRegistrySettings, _ context: DoctorContext) throws -> [Finding] {
        let snapshot = context.snapshot
        let selfManaged = BrokerChoiceCheck.isSelfManaged(snapshot)
        let inVpc = !context.mappingSubnetIds.isEmpty || !context.mappingSecurityGroupIds.isEmpty
        let code: FindingCode
        switch registry.location {
        case .glue: code = .reg006
        case .confluent: code = .reg007
        case .invalid: return []
        }
        if selfManaged && !inVpc {
            return [
                Finding(
                    code: code, severity: .pass, title: "the pollers reach the registry over the internet",
                    detail: "The mapping has no VPC_SUBNET or VPC_SECURITY_GROUP access configuration, so its pollers "
                        + "are not in a VPC (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html).",
                    evidence: ["check": .string(name)])
            ]
        }
        guard inVpc else {
            let missing: SnapshotPart = snapshot.cluster == nil ? .cluster : .vpcConnection
            return [
                Finding(
                    code: code, severity: .skipped, title: "the mapping's subnets are unknown",
                    detail: "\(missing.key) is not in the snapshot, so the subnets the pollers use are unknown.",
                    fix: "add \(missing.key) = `\(missing.awsCommand) --output json`",
                    evidence: ["check": .string(name), "missingParts": [.string(missing.key)]])
            ]
        }
        let inputs = try context.networkInputs()
        let analyzer = NetworkAnalyzer(inputs: inputs)
        switch registry.location {
        case .glue(let arn):
            var finding = analyzer.pathFinding(
                code: .reg006, services: [.glue], what: "AWS Glue (the schema registry)", failSeverity: .fail,
                note: " Lambda reads the schemas of \(arn.arn) from AWS Glue "
                    + "(https://docs.aws.amazon.com/glue/latest/dg/vpc-interface-endpoints.html).",
                fix: analyzer.createEndpointFix([.glue])
                    + "\n# or: a NAT gateway in a public subnet and a 0.0.0.0/0 route to it in each mapping subnet")
            if arn.region != inputs.region, finding.severity == .pass || finding.severity == .fail {
                // An interface endpoint serves its own Region only; a registry elsewhere is reached through NAT.
                finding.detail +=
                    " The registry is in \(arn.region), the mapping in \(inputs.region): an "
                    + "endpoint of the mapping's Region does not serve it, only a NAT gateway does."
            }
            finding.evidence["check"] = .string(name)
            return [finding]
        case .confluent(let url, let host):
            return [confluentPath(url: url, host: host, inputs: inputs)]
        case .invalid:
            return []
        }
    }

    /// REG007: a registry at a private address is inside the network; any other name needs the NAT path of
    /// every mapping subnet, unless it resolves to a private address (PrivateLink, a registry in the VPC),
    /// which the snapshot cannot tell: hence a warning, not a failure.
    func confluentPath(url: String, host: String, inputs: NetworkInputs) -> Finding {
        var evidence: [String: JSONValue] = [
            "check": .string(name), "url": .string(url),
            "subnetIds": .array(inputs.mappingSubnetIds.map { .string($0) }),
        ]
        if Self.isPrivateAddress(host) {
            return Finding(
                code: .reg007, severity: .pass, title: "the Confluent registry is at a private address (\(host))",
                detail: "The pollers reach it inside the network; the mapping's security groups must allow "
                    + "outbound HTTPS to it.", evidence: evidence)
        }
        let resolver = ServicePathResolver(inputs: inputs)
        var unreachable: [String] = []
        var unknown: [String] = []
        var reachable: [String] = []
        for subnet in inputs.mappingSubnetIds {
            switch resolver.natPath(for: subnet) {
            case .reachable(_, let detail): reachable.append(detail)
            case .unreachable(let reason): unreachable.append("from \(subnet): \(reason)")
            case .missingInput(let reason), .unverifiable(let reason): unknown.append("from \(subnet): \(reason)")
            }
        }
        if !reachable.isEmpty { evidence["paths"] = .array(reachable.map { .string($0) }) }
        if !unreachable.isEmpty {
            evidence["unreachable"] = .array(unreachable.map { .string($0) })
            return Finding(
                code: .reg007, severity: .warn, title: "the mapping's subnets have no internet path to \(host)",
                detail: "The pollers run in the mapping's subnets and have no public IP; a public registry URL "
                    + "needs a NAT gateway route (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html). "
                    + unreachable.joined(separator: "; ")
                    + ". If \(host) resolves to a private address in the VPC (PrivateLink), ignore this.",
                fix: "aws ec2 create-route --route-table-id <the subnets' route table> --destination-cidr-block "
                    + "0.0.0.0/0 --nat-gateway-id <nat-…>   # a NAT gateway in a public subnet",
                evidence: evidence)
        }
        if inputs.mappingSubnetIds.isEmpty || !unknown.isEmpty {
            return Finding(
                code: .reg007, severity: .skipped, title: "the path to \(host) could not be checked",
                detail: unknown.isEmpty ? "The mapping's subnets are unknown." : unknown.joined(separator: "; "),
                evidence: evidence)
        }
        return Finding(
            code: .reg007, severity: .pass, title: "every mapping subnet has a NAT path to \(host)",
            detail: reachable.joined(separator: "; "), evidence: evidence)
    }

    /// Whether `host` is an IP literal in a private range (RFC 1918, or an IPv6 unique local address).
    static func isPrivateAddress(_ host: String) -> Bool {
        let trimmed = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let octets = trimmed.split(separator: ".").compactMap { UInt8($0) }
        if octets.count == 4, trimmed.split(separator: ".").count == 4 {
            return octets[0] == 10 || (octets[0] == 172 && (16...31).contains(octets[1]))
                || (octets[0] == 192 && octets[1] == 168)
        }
        return trimmed.contains(":") && (trimmed.lowercased().hasPrefix("fd") || trimmed.lowercased().hasPrefix("fc"))
    }
}
