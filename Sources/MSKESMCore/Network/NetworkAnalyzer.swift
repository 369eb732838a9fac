/// Runs the NET checks (docs/findings.md#net-network, docs/aws-facts.md#network) over plain typed inputs and returns
/// their findings: `pass` for checks that passed, `skipped` (with the reason) when an input a check needs was not
/// given, never a false pass.
///
/// Decisions worth knowing:
/// - A mapping group missing from the security-group input contributes no rules. If the groups present
///   already allow the traffic, the check passes (rules only ever add up); otherwise it is `skipped`, naming
///   the missing groups — the analyzer cannot tell whether the missing group would have allowed it.
/// - The pollers' addresses are taken to lie anywhere in the mapping's subnets (their `CidrBlock`s), and for
///   MSK the brokers' too. A CIDR rule must cover all of those addresses to count; one that covers only part
///   of them, or a prefix list, makes the answer unverifiable (NET011, warn).
public struct NetworkAnalyzer: Sendable {
    /// NET009 warns when a mapping subnet has fewer free addresses than this. Each poller of the mapping
    /// holds a network interface, and each interface takes one private IP in the subnet; Lambda scales
    /// pollers with the topic's load, and a subnet that runs out makes it fail to create interfaces. 16
    /// leaves room for a few scaling steps and for interfaces of other services in the subnet. (An inference:
    /// AWS documents no number.)
    public static let lowFreeAddressThreshold = 16

    /// The security groups, subnets, routes and endpoints the checks read.
    public let inputs: NetworkInputs
    let reachability: SecurityGroupReachability?
    let paths: ServicePathResolver

    /// An analyzer over `inputs`; the security-group reachability and service paths are prepared once.
    public init(inputs: NetworkInputs) {
        self.inputs = inputs
        self.reachability = inputs.securityGroups.map(SecurityGroupReachability.init)
        self.paths = ServicePathResolver(inputs: inputs)
    }

    /// The findings of NET001–NET011, in code order.
    public func findings() -> [Finding] {
        var findings: [Finding] = []
        findings += inboundBrokerPort()
        findings += outbound443()
        findings += outboundBrokerPort()
        findings += lambdaAndSTSPath()
        findings += secretsManagerPath()
        let endpoints = endpointChecks()
        findings += endpoints.filter { $0.code == "NET006" || $0.code == "NET007" || $0.evidence["check"] == "NET007" }
        findings += onFailureDestinationPath()
        findings += freeAddresses()
        findings += endpoints.filter { $0.code == "NET010" }
        return findings
    }

    /// Facts for the report's summary: what was examined.
    public func summary() -> NetworkSummary {
        var summary = NetworkSummary(
            groupIds: inputs.mappingGroupIds, subnetIds: inputs.mappingSubnetIds, ports: inputs.brokerPorts,
            region: inputs.region, vpcIds: paths.mappingVpcIds.sorted(),
            services: neededServices.map { $0.endpointServiceName(region: inputs.region) })
        summary.brokerGroupIds = inputs.brokerGroupIds
        if let reachability {
            summary.missingSecurityGroups = reachability.missingGroups(
                inputs.mappingGroupIds + (inputs.brokerGroupIds ?? []))
        }
        if inputs.routeTables != nil {
            var routes: [String: String] = [:]
            for subnet in inputs.mappingSubnetIds {
                if let (table, _) = paths.routeTable(for: subnet) { routes[subnet] = table.routeTableId }
            }
            summary.routeTables = routes
        }
        return summary
    }

    // MARK: - The inputs, as the checks see them

    var brokerGroupIds: [String] { inputs.brokerGroupIds ?? inputs.mappingGroupIds }

    /// The networks the mapping's interfaces take addresses from; "any IPv4 address" when unknown.
    var mappingNetworks: [IPNetwork] {
        let networks = inputs.mappingSubnetIds.compactMap { paths.subnetsById[$0]?.cidrBlock.flatMap(IPNetwork.init) }
        return networks.count == inputs.mappingSubnetIds.count && !networks.isEmpty ? networks : [IPNetwork.anyIPv4]
    }

    var mappingPeer: TrafficPeer { TrafficPeer(groupIds: inputs.mappingGroupIds, networks: mappingNetworks) }

    var brokerPeer: TrafficPeer {
        TrafficPeer(
            groupIds: brokerGroupIds, networks: inputs.brokerGroupIds == nil ? mappingNetworks : [IPNetwork.anyIPv4])
    }

    var onFailureService: AWSServiceName? {
        guard let destination = inputs.onFailureDestination, destination.hasPrefix("arn:") else { return nil }
        let service = destination.split(separator: ":", omittingEmptySubsequences: false).dropFirst(2).first
        return service.flatMap { AWSServiceName(rawValue: String($0)) }
    }

    var neededServices: [AWSServiceName] {
        var services: [AWSServiceName] = [.lambda, .sts]
        if inputs.usesSecretsManager { services.append(.secretsmanager) }
        if let ofd = onFailureService, [.sqs, .sns, .s3].contains(ofd) { services.append(ofd) }
        return services
    }

    var groupList: String { inputs.mappingGroupIds.joined(separator: ", ") }

    func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    func rulesJSON(_ rules: [SecurityGroupRuleReference]) -> JSONValue { strings(rules.map(\.description)) }

    func skipped(_ code: FindingCode, _ title: String, _ reason: String, evidence: [String: JSONValue] = [:]) -> Finding
    {
        Finding(code: code, severity: .skipped, title: title, detail: reason, evidence: evidence)
    }

    /// A NET011 finding for a check whose answer rests on rules that cannot be resolved.
    func unverifiable(_ check: FindingCode, _ what: String, _ rules: [SecurityGroupRuleReference], fix: String)
        -> Finding
    {
        let list = rules.map(\.description).joined(separator: "; ")
        return Finding(
            code: .net011, severity: .warn, title: "cannot verify \(check.code): \(what)",
            detail:
                "Only rules whose peers cannot be resolved from these inputs might allow it: \(list). A prefix list's CIDRs are not part of describe-security-groups, and a CIDR that covers only part of the subnets' addresses may or may not hold the pollers' addresses. Check them, or add the rule below so the answer no longer depends on them.",
            fix: fix,
            evidence: ["check": .string(check.code), "rules": rulesJSON(rules)])
    }

    func securityGroupsMissingReason() -> String {
        "no security groups were given (give describe-security-groups output)"
    }

    // MARK: - NET001 / NET003: the broker port

    func inboundBrokerPort() -> [Finding] {
        let title = "inbound broker port from the mapping's security groups"
        guard let reachability else { return [skipped(.net001, title, securityGroupsMissingReason())] }
        guard !inputs.mappingGroupIds.isEmpty else {
            return [skipped(.net001, title, "no mapping security groups were given (--group-id)")]
        }
        let source = inputs.mappingGroupIds[0]
        return inputs.brokerPorts.map { port in
            let fix =
                "aws ec2 authorize-security-group-ingress --group-id \(brokerGroupIds[0]) --protocol tcp --port \(port) --source-group \(source)"
            let evidence: [String: JSONValue] = [
                "port": .number(Double(port)), "brokerGroupIds": strings(brokerGroupIds),
                "sourceGroupIds": strings(inputs.mappingGroupIds),
            ]
            let answer = reachability.admitsTCP(into: brokerGroupIds, port: port, from: mappingPeer)
            let missing = reachability.missingGroups(brokerGroupIds)
            switch answer {
            case .allowed(let rules):
                var evidence = evidence
                evidence["rules"] = rulesJSON(rules)
                return Finding(
                    code: .net001, severity: .pass, title: "inbound TCP \(port) is allowed from the mapping's groups",
                    detail: "Allowed by: " + rules.map(\.description).joined(separator: "; "), evidence: evidence)
            case _ where !missing.isEmpty:
                return skipped(
                    .net001, "inbound TCP \(port): security groups missing from the input",
                    "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not in the security groups given, and the groups that are do not admit TCP \(port) from \(groupList). Give describe-security-groups output that includes every group.",
                    evidence: evidence.merging(["missingGroupIds": strings(missing)]) { $1 })
            case .unverifiable(let rules):
                return unverifiable(
                    .net001, "inbound TCP \(port) into \(brokerGroupIds.joined(separator: ", "))", rules, fix: fix)
            case .notAllowed:
                let selfReference = inputs.brokerGroupIds == nil
                return Finding(
                    code: .net001, severity: .fail,
                    title: "no inbound rule admits TCP \(port) from the mapping's security groups",
                    detail:
                        "The brokers' groups (\(brokerGroupIds.joined(separator: ", "))) have no inbound rule for TCP \(port) from \(groupList) or from every address of the mapping's subnets. The mapping's pollers connect from network interfaces that carry \(groupList)\(selfReference ? "; for MSK these are the cluster's own groups, so the rule must reference the group itself (a self-referencing rule). Editing the function's security group does not help" : ""). (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html)",
                    fix: fix, evidence: evidence)
            }
        }
    }

    func outboundBrokerPort() -> [Finding] {
        let title = "outbound broker port to the brokers"
        guard let reachability else { return [skipped(.net003, title, securityGroupsMissingReason())] }
        guard !inputs.mappingGroupIds.isEmpty else {
            return [skipped(.net003, title, "no mapping security groups were given (--group-id)")]
        }
        let target = brokerGroupIds[0]
        return inputs.brokerPorts.map { port in
            let fix =
                "aws ec2 authorize-security-group-egress --group-id \(inputs.mappingGroupIds[0]) --ip-permissions 'IpProtocol=tcp,FromPort=\(port),ToPort=\(port),UserIdGroupPairs=[{GroupId=\(target)}]'"
            let evidence: [String: JSONValue] = [
                "port": .number(Double(port)), "groupIds": strings(inputs.mappingGroupIds),
                "brokerGroupIds": strings(brokerGroupIds),
            ]
            let answer = reachability.allowsTCP(outOf: inputs.mappingGroupIds, port: port, to: brokerPeer)
            let missing = reachability.missingGroups(inputs.mappingGroupIds)
            switch answer {
            case .allowed(let rules):
                return Finding(
                    code: .net003, severity: .pass, title: "outbound TCP \(port) to the brokers is allowed",
                    detail: "Allowed by: " + rules.map(\.description).joined(separator: "; "),
                    evidence: evidence.merging(["rules": rulesJSON(rules)]) { $1 })
            case _ where !missing.isEmpty:
                return skipped(
                    .net003, "outbound TCP \(port): security groups missing from the input",
                    "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not in the security groups given, and the groups that are do not allow TCP \(port) out to the brokers. Give describe-security-groups output that includes every group.",
                    evidence: evidence.merging(["missingGroupIds": strings(missing)]) { $1 })
            case .unverifiable(let rules):
                return unverifiable(.net003, "outbound TCP \(port) to the brokers", rules, fix: fix)
            case .notAllowed:
                return Finding(
                    code: .net003, severity: .fail, title: "no outbound rule allows TCP \(port) to the brokers",
                    detail:
                        "The mapping's groups (\(groupList)) have no outbound rule for TCP \(port) to \(brokerGroupIds.joined(separator: ", ")) or to every address the brokers may have. Lambda needs the broker port outbound to the mapping's groups. (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html)",
                    fix: fix, evidence: evidence)
            }
        }
    }

    // MARK: - NET002: outbound 443

    func outbound443() -> [Finding] {
        let title = "outbound TCP 443"
        guard let reachability else { return [skipped(.net002, title, securityGroupsMissingReason())] }
        guard !inputs.mappingGroupIds.isEmpty else {
            return [skipped(.net002, title, "no mapping security groups were given (--group-id)")]
        }
        let fix =
            "aws ec2 authorize-security-group-egress --group-id \(inputs.mappingGroupIds[0]) --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'"
        let evidence: [String: JSONValue] = ["port": 443, "groupIds": strings(inputs.mappingGroupIds)]
        let anywhere = reachability.allowsTCP(outOf: inputs.mappingGroupIds, port: 443, to: TrafficPeer())
        if case .allowed(let rules) = anywhere {
            return [
                Finding(
                    code: .net002, severity: .pass, title: "outbound TCP 443 to all destinations is allowed",
                    detail: "Allowed by: " + rules.map(\.description).joined(separator: "; "),
                    evidence: evidence.merging(["rules": rulesJSON(rules)]) { $1 })
            ]
        }
        // A locked-down VPC may allow 443 only to its endpoints: enough when every service goes through one.
        var endpointRules: [SecurityGroupRuleReference] = []
        var endpointsAllAllowed = inputs.vpcEndpoints != nil
        for service in neededServices {
            let interface = paths.endpoints(for: service).usable.filter { $0.vpcEndpointType != "Gateway" }
            guard !interface.isEmpty else {
                endpointsAllAllowed = false
                break
            }
            for endpoint in interface {
                let networks = endpoint.subnetIds.compactMap {
                    paths.subnetsById[$0]?.cidrBlock.flatMap(IPNetwork.init)
                }
                let peer = TrafficPeer(
                    groupIds: endpoint.groups.map(\.groupId),
                    networks: networks.count == endpoint.subnetIds.count && !networks.isEmpty
                        ? networks : [IPNetwork.anyIPv4])
                if case .allowed(let rules) = reachability.allowsTCP(outOf: inputs.mappingGroupIds, port: 443, to: peer)
                {
                    endpointRules += rules
                } else {
                    endpointsAllAllowed = false
                }
            }
        }
        if endpointsAllAllowed && !endpointRules.isEmpty {
            return [
                Finding(
                    code: .net002, severity: .pass,
                    title: "outbound TCP 443 is allowed to the VPC endpoints of every service the mapping needs",
                    detail: "Not to all destinations, but to each endpoint: "
                        + Set(endpointRules.map(\.description)).sorted().joined(separator: "; "),
                    evidence: evidence.merging(["rules": rulesJSON(endpointRules)]) { $1 })
            ]
        }
        let missing = reachability.missingGroups(inputs.mappingGroupIds)
        if !missing.isEmpty {
            return [
                skipped(
                    .net002, "outbound TCP 443: security groups missing from the input",
                    "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not in the security groups given, and the groups that are do not allow TCP 443 out to all destinations.",
                    evidence: evidence.merging(["missingGroupIds": strings(missing)]) { $1 })
            ]
        }
        if !reachability.hasAnyTCPRule(in: inputs.mappingGroupIds, direction: .outbound, port: 443) {
            return [
                Finding(
                    code: .net002, severity: .fail, title: "no outbound rule allows TCP 443",
                    detail:
                        "The mapping's groups (\(groupList)) allow no outbound TCP 443 at all. The pollers call Lambda, STS (and Secrets Manager, the on-failure destination) over HTTPS; AWS documents outbound 443 to all destinations. (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html)",
                    fix: fix, evidence: evidence)
            ]
        }
        let limited: [SecurityGroupRuleReference]
        switch anywhere {
        case .unverifiable(let rules): limited = rules
        default: limited = []
        }
        let limitedText =
            limited.isEmpty ? "only to some destinations" : "only to " + limited.map(\.peer).joined(separator: ", ")
        return [
            Finding(
                code: .net002, severity: .warn, title: "outbound TCP 443 is allowed \(limitedText)",
                detail:
                    "The mapping's groups (\(groupList)) allow outbound TCP 443, but not to all destinations, and not verifiably to a VPC endpoint of every service the mapping needs (\(neededServices.map(\.rawValue).joined(separator: ", "))). AWS documents outbound 443 to all destinations; through a NAT gateway the services' public addresses must be reachable. (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html)",
                fix: fix, evidence: evidence.merging(["rules": rulesJSON(limited)]) { $1 })
        ]
    }

    // MARK: - NET004 / NET005 / NET008: paths to services

    /// Per subnet paths for `services`, combined.
    struct CombinedPath {
        var reachable: [String] = []
        var unreachable: [String] = []
        var missing: [String] = []
        var unverifiable: [String] = []
        var unreachableServices: [AWSServiceName] = []
    }

    func combinedPath(_ services: [AWSServiceName]) -> CombinedPath {
        var combined = CombinedPath()
        if inputs.mappingSubnetIds.isEmpty {
            // Interface endpoints serve the whole VPC, so they settle it even without subnets.
            for service in services {
                let interface = paths.endpoints(for: service).usable.filter { $0.vpcEndpointType != "Gateway" }
                if let endpoint = interface.first {
                    combined.reachable.append("\(service.rawValue): Interface endpoint \(endpoint.vpcEndpointId)")
                } else {
                    combined.missing.append(
                        "\(service.rawValue): no subnets were given (--subnet-id), so NAT routes cannot be checked")
                }
            }
            return combined
        }
        // Group identical reasons so that "lambda, sts from subnet-a: …" is said once.
        var order: [String] = []
        var kinds: [String: Int] = [:]
        var servicesByKey: [String: [String]] = [:]
        for service in services {
            for subnet in inputs.mappingSubnetIds {
                let (kind, text): (Int, String)
                switch paths.path(from: subnet, to: service) {
                case .reachable(_, let detail): (kind, text) = (0, "via " + detail)
                case .unreachable(let reason):
                    (kind, text) = (1, "from \(subnet): \(reason)")
                    if !combined.unreachableServices.contains(service) { combined.unreachableServices.append(service) }
                case .missingInput(let reason): (kind, text) = (2, "from \(subnet): \(reason)")
                case .unverifiable(let reason): (kind, text) = (3, "from \(subnet): \(reason)")
                }
                let key = "\(kind)|\(text)"
                if servicesByKey[key] == nil {
                    order.append(key)
                    kinds[key] = kind
                }
                if servicesByKey[key, default: []].contains(service.rawValue) == false {
                    servicesByKey[key, default: []].append(service.rawValue)
                }
            }
        }
        for key in order {
            let text = String(key.drop { $0 != "|" }.dropFirst())
            let line = "\(servicesByKey[key, default: []].joined(separator: ", ")) \(text)"
            switch kinds[key] {
            case 0: combined.reachable.append(line)
            case 1: combined.unreachable.append(line)
            case 2: combined.missing.append(line)
            default: combined.unverifiable.append(line)
            }
        }
        return combined
    }

    func createEndpointFix(_ services: [AWSServiceName]) -> String {
        let vpc = paths.mappingVpcIds.sorted().first ?? "<vpc-id>"
        let subnets = inputs.mappingSubnetIds.isEmpty ? "<subnet-ids>" : inputs.mappingSubnetIds.joined(separator: " ")
        let groups =
            inputs.mappingGroupIds.isEmpty ? "<security-group-ids>" : inputs.mappingGroupIds.joined(separator: " ")
        var lines = services.map { service in
            "aws ec2 create-vpc-endpoint --vpc-id \(vpc) --vpc-endpoint-type Interface --service-name \(service.endpointServiceName(region: inputs.region)) --subnet-ids \(subnets) --security-group-ids \(groups) --private-dns-enabled"
        }
        if let group = inputs.mappingGroupIds.first {
            // The endpoints carry the mapping's groups, so those must admit 443 from themselves.
            lines.append(
                "aws ec2 authorize-security-group-ingress --group-id \(group) --protocol tcp --port 443 --source-group \(group)"
            )
        }
        return lines.joined(separator: "\n")
    }

    func pathFinding(
        code: FindingCode, services: [AWSServiceName], what: String, failSeverity: Severity, note: String,
        fix: String
    ) -> Finding {
        let combined = combinedPath(services)
        var evidence: [String: JSONValue] = [
            "services": strings(services.map { $0.endpointServiceName(region: inputs.region) }),
            "subnetIds": strings(inputs.mappingSubnetIds),
        ]
        if !combined.reachable.isEmpty { evidence["paths"] = strings(combined.reachable) }
        if !combined.unreachable.isEmpty {
            evidence["unreachable"] = strings(combined.unreachable)
            let missingServices = combined.unreachableServices
            return Finding(
                code: code, severity: failSeverity,
                title:
                    "no path to \(missingServices.map(\.rawValue).joined(separator: " and ")) from the mapping's subnets",
                detail:
                    "The pollers call \(what) from the mapping's subnets, through a public NAT gateway or VPC interface endpoints (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html). Missing: "
                    + combined.unreachable.joined(separator: "; ") + "." + note,
                fix: fix, evidence: evidence)
        }
        if !combined.missing.isEmpty {
            return skipped(code, "path to \(what)", combined.missing.joined(separator: "; "), evidence: evidence)
        }
        if !combined.unverifiable.isEmpty {
            return Finding(
                code: .net011, severity: .warn, title: "cannot verify \(code.code): the path to \(what)",
                detail: combined.unverifiable.joined(separator: "; "), fix: fix,
                evidence: evidence.merging(["check": .string(code.code)]) { $1 })
        }
        return Finding(
            code: code, severity: .pass, title: "every mapping subnet reaches \(what)",
            detail: combined.reachable.joined(separator: "; "), evidence: evidence)
    }

    func lambdaAndSTSPath() -> [Finding] {
        let provisioned = inputs.provisionedMode
        let note =
            provisioned
            ? " The mapping is in provisioned mode, where this path may not be needed (an AWS tool says so; not verified against AWS documentation), so this is a warning."
            : ""
        return [
            pathFinding(
                code: .net004, services: [.lambda, .sts], what: "Lambda and STS",
                failSeverity: provisioned ? .warn : .fail,
                note: note
                    + " Lambda reports \"PROBLEM: Connection error. Your event source VPC must be able to connect to Lambda and STS.\"",
                fix: createEndpointFix([.lambda, .sts])
                    + "\n# or: a NAT gateway in a public subnet and a 0.0.0.0/0 route to it in the route table of each mapping subnet"
            )
        ]
    }

    func secretsManagerPath() -> [Finding] {
        guard inputs.usesSecretsManager else {
            return [
                Finding(
                    code: .net005, severity: .pass, title: "no secret: the mapping needs no path to Secrets Manager",
                    detail: "No secret was named, so Secrets Manager is not called.")
            ]
        }
        return [
            pathFinding(
                code: .net005, services: [.secretsmanager], what: "Secrets Manager", failSeverity: .fail,
                note: " The mapping reads its authentication secret from Secrets Manager.",
                fix: createEndpointFix([.secretsmanager]))
        ]
    }

    func onFailureDestinationPath() -> [Finding] {
        guard let destination = inputs.onFailureDestination else {
            return [
                Finding(
                    code: .net008, severity: .pass, title: "no on-failure destination: no endpoint needed",
                    detail: "No on-failure destination was named.")
            ]
        }
        if destination.hasPrefix("kafka://") {
            return [
                Finding(
                    code: .net008, severity: .pass, title: "the on-failure destination is a Kafka topic in the cluster",
                    detail: "\(destination) is written through the brokers, so no VPC endpoint is needed.",
                    evidence: ["destination": .string(destination)])
            ]
        }
        guard let service = onFailureService, [.sqs, .sns, .s3].contains(service) else {
            return [
                skipped(
                    .net008, "path to the on-failure destination",
                    "\(destination) is not an SQS, SNS or S3 ARN, so its service is unknown (MAP013 checks the destination itself).",
                    evidence: ["destination": .string(destination)])
            ]
        }
        var fix = createEndpointFix([service])
        if service == .s3 {
            let vpc = paths.mappingVpcIds.sorted().first ?? "<vpc-id>"
            let tables = Set(inputs.mappingSubnetIds.compactMap { paths.routeTable(for: $0)?.table.routeTableId })
                .sorted()
            fix +=
                "\n# or a Gateway endpoint for S3:\naws ec2 create-vpc-endpoint --vpc-id \(vpc) --vpc-endpoint-type Gateway --service-name \(service.endpointServiceName(region: inputs.region)) --route-table-ids \(tables.isEmpty ? "<route-table-ids>" : tables.joined(separator: " "))"
        }
        var finding = pathFinding(
            code: .net008, services: [service], what: "the on-failure destination (\(service.rawValue))",
            failSeverity: .fail,
            note:
                " AWS: \"You must deploy a VPC endpoint for your on-failure destination service inside your MSK cluster VPC.\" Lambda reports \"PROBLEM: Connection error. Your event source VPC must be able to connect to OnFailure Destination.\"",
            fix: fix)
        finding.evidence["destination"] = .string(destination)
        return [finding]
    }

    // MARK: - NET006 / NET007 / NET010: the endpoints the mapping relies on

    func endpointChecks() -> [Finding] {
        guard inputs.vpcEndpoints != nil else {
            let reason = "no VPC endpoints were given (describe-vpc-endpoints)"
            return [
                skipped(.net006, "private DNS of the VPC endpoints", reason),
                skipped(.net007, "security groups of the VPC endpoints", reason),
                skipped(.net010, "policies of the VPC endpoints", reason),
            ]
        }
        var dns: [Finding] = []
        var groups: [Finding] = []
        var policies: [Finding] = []
        for service in neededServices {
            for endpoint in paths.endpoints(for: service).usable where endpoint.vpcEndpointType != "Gateway" {
                dns.append(privateDNS(endpoint, service: service))
                groups.append(endpointGroups(endpoint, service: service))
            }
            for endpoint in paths.endpoints(for: service).usable {
                policies += endpointPolicy(endpoint, service: service)
            }
        }
        if dns.isEmpty {
            dns.append(
                Finding(
                    code: .net006, severity: .pass, title: "no interface endpoint in use: private DNS does not apply",
                    detail:
                        "None of \(neededServices.map { $0.endpointServiceName(region: inputs.region) }.joined(separator: ", ")) has an available Interface endpoint in the mapping's VPC."
                ))
        }
        if groups.isEmpty {
            groups.append(
                Finding(
                    code: .net007, severity: .pass,
                    title: "no interface endpoint in use: endpoint security groups do not apply",
                    detail: "No available Interface endpoint of a needed service in the mapping's VPC."))
        }
        if policies.isEmpty {
            policies.append(
                Finding(
                    code: .net010, severity: .pass, title: "no endpoint in use: endpoint policies do not apply",
                    detail: "No available endpoint of a needed service in the mapping's VPC."))
        }
        return dns + groups + policies
    }

    func privateDNS(_ endpoint: VpcEndpoint, service: AWSServiceName) -> Finding {
        let evidence: [String: JSONValue] = [
            "vpcEndpointId": .string(endpoint.vpcEndpointId), "serviceName": .string(endpoint.serviceName ?? ""),
        ]
        let fix = "aws ec2 modify-vpc-endpoint --vpc-endpoint-id \(endpoint.vpcEndpointId) --private-dns-enabled"
        switch endpoint.privateDnsEnabled {
        case true:
            return Finding(
                code: .net006, severity: .pass,
                title: "\(endpoint.vpcEndpointId) (\(service.rawValue)) has private DNS on",
                evidence: evidence)
        case false:
            // With private DNS off, the service's public name resolves to public addresses: only a NAT path helps.
            let natEverywhere =
                !inputs.mappingSubnetIds.isEmpty
                && inputs.mappingSubnetIds.allSatisfy {
                    if case .reachable = paths.natPath(for: $0) { return true }
                    return false
                }
            return Finding(
                code: .net006, severity: natEverywhere ? .warn : .fail,
                title: "\(endpoint.vpcEndpointId) (\(service.rawValue)) has private DNS off",
                detail:
                    "Lambda calls \(service.rawValue) by its public name; without private DNS that name does not resolve to the endpoint, so the endpoint is not used\(natEverywhere ? " (the traffic goes through the NAT gateway instead, so this is a warning)" : " and, without a NAT path, the call fails").",
                fix: fix, evidence: evidence)
        case nil:
            return skipped(
                .net006, "private DNS of \(endpoint.vpcEndpointId)",
                "PrivateDnsEnabled is not in the describe-vpc-endpoints input.", evidence: evidence)
        }
    }

    func endpointGroups(_ endpoint: VpcEndpoint, service: AWSServiceName) -> Finding {
        let groupIds = endpoint.groups.map(\.groupId)
        let title = "security groups of \(endpoint.vpcEndpointId) (\(service.rawValue))"
        var evidence: [String: JSONValue] = [
            "vpcEndpointId": .string(endpoint.vpcEndpointId), "endpointGroupIds": strings(groupIds),
            "sourceGroupIds": strings(inputs.mappingGroupIds), "port": 443,
        ]
        guard let reachability else {
            return skipped(.net007, title, securityGroupsMissingReason(), evidence: evidence)
        }
        guard !inputs.mappingGroupIds.isEmpty else {
            return skipped(.net007, title, "no mapping security groups were given (--group-id)", evidence: evidence)
        }
        guard let target = groupIds.first else {
            return skipped(.net007, title, "the endpoint lists no security groups in the input", evidence: evidence)
        }
        let fix =
            "aws ec2 authorize-security-group-ingress --group-id \(target) --protocol tcp --port 443 --source-group \(inputs.mappingGroupIds[0])"
        let answer = reachability.admitsTCP(into: groupIds, port: 443, from: mappingPeer)
        let missing = reachability.missingGroups(groupIds)
        switch answer {
        case .allowed(let rules):
            evidence["rules"] = rulesJSON(rules)
            return Finding(
                code: .net007, severity: .pass,
                title: "\(endpoint.vpcEndpointId) (\(service.rawValue)) admits TCP 443 from the mapping's groups",
                detail: "Allowed by: " + rules.map(\.description).joined(separator: "; "), evidence: evidence)
        case _ where !missing.isEmpty:
            evidence["missingGroupIds"] = strings(missing)
            return skipped(
                .net007, title,
                "\(missing.joined(separator: ", ")) (the endpoint's) \(missing.count == 1 ? "is" : "are") not in the security groups given, and the groups that are do not admit TCP 443 from \(groupList).",
                evidence: evidence)
        case .unverifiable(let rules):
            return unverifiable(.net007, "inbound TCP 443 into \(endpoint.vpcEndpointId)", rules, fix: fix)
        case .notAllowed:
            return Finding(
                code: .net007, severity: .fail,
                title:
                    "\(endpoint.vpcEndpointId) (\(service.rawValue)) does not admit TCP 443 from the mapping's groups",
                detail:
                    "The endpoint's groups (\(groupIds.joined(separator: ", "))) have no inbound rule for TCP 443 from \(groupList) or from every address of the mapping's subnets. With private DNS, calls to \(service.rawValue) go to this endpoint and are dropped. (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html)",
                fix: fix, evidence: evidence)
        }
    }

    func endpointPolicy(_ endpoint: VpcEndpoint, service: AWSServiceName) -> [Finding] {
        let requests: [EndpointPolicyEvaluator.Request]
        switch service {
        case .sts:
            requests = [
                .init(
                    action: "sts:AssumeRole", caller: .service("lambda.amazonaws.com"),
                    resource: inputs.executionRoleArn)
            ]
        case .lambda:
            requests = [
                .init(
                    action: "lambda:InvokeFunction", caller: .service("lambda.amazonaws.com"),
                    resource: inputs.functionArn)
            ]
        case .secretsmanager:
            requests = [
                .init(
                    action: "secretsmanager:GetSecretValue", caller: .role(inputs.executionRoleArn),
                    resource: inputs.secretArn)
            ]
        case .sqs:
            requests = [
                .init(
                    action: "sqs:SendMessage", caller: .role(inputs.executionRoleArn),
                    resource: inputs.onFailureDestination)
            ]
        case .sns:
            requests = [
                .init(
                    action: "sns:Publish", caller: .role(inputs.executionRoleArn), resource: inputs.onFailureDestination
                )
            ]
        case .s3:
            requests = [
                .init(
                    action: "s3:PutObject", caller: .role(inputs.executionRoleArn),
                    resource: inputs.onFailureDestination.map { $0 + "/*" })
            ]
        case .glue:
            // The schema registry's path is REG006 (SchemaRegistryCheck); no NET check reads a glue endpoint.
            requests = []
        }
        return requests.map { request in
            let evidence: [String: JSONValue] = [
                "vpcEndpointId": .string(endpoint.vpcEndpointId), "action": .string(request.action),
                "principal": .string(request.caller.description), "resource": .string(request.resource ?? "*"),
            ]
            let assumption =
                "Evaluated as: \(request.caller) calls \(request.action) on \(request.resource ?? "an unknown resource") through \(endpoint.vpcEndpointId); Principal \"*\" or the caller matches, actions and resources match with wildcards, an explicit Deny wins, conditions are not evaluated."
            let fix =
                "aws ec2 modify-vpc-endpoint --vpc-endpoint-id \(endpoint.vpcEndpointId) --reset-policy   # or add: {\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"\(request.action)\",\"Resource\":\"*\"}"
            switch EndpointPolicyEvaluator.evaluate(policyDocument: endpoint.policyDocument, request: request) {
            case .allowed(let statements):
                return Finding(
                    code: .net010, severity: .pass, title: "\(endpoint.vpcEndpointId) policy allows \(request.action)",
                    detail: statements.isEmpty
                        ? "No policy document: the default endpoint policy allows all."
                        : "Allowed by \(statements.joined(separator: ", ")). " + assumption,
                    evidence: evidence)
            case .explicitDeny(let statements):
                return Finding(
                    code: .net010, severity: .fail, title: "\(endpoint.vpcEndpointId) policy denies \(request.action)",
                    detail:
                        "\(statements.joined(separator: ", ")) of the endpoint policy explicitly denies it. \(assumption)",
                    fix: fix, evidence: evidence)
            case .implicitDeny:
                return Finding(
                    code: .net010, severity: .fail,
                    title: "\(endpoint.vpcEndpointId) policy does not allow \(request.action)",
                    detail: "No statement of the endpoint policy allows it. \(assumption)",
                    fix: fix, evidence: evidence)
            case .unmatchable(let statements):
                return Finding(
                    code: .net010, severity: .fail,
                    title: "\(endpoint.vpcEndpointId) policy cannot allow \(request.action) by \(request.caller)",
                    detail: "The Allow statements that name it are conditioned on the caller's identity, which a "
                        + "call by an AWS service principal does not carry, so they never match: "
                        + statements.joined(separator: "; ") + ". "
                        + "(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid) "
                        + assumption,
                    fix:
                        "add a statement for the service: {\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"\(request.caller)\"},"
                        + "\"Action\":\"\(request.action)\",\"Resource\":\"*\"} (aws ec2 modify-vpc-endpoint --vpc-endpoint-id "
                        + "\(endpoint.vpcEndpointId) --policy-document file://policy.json)",
                    evidence: evidence.merging(["unmatchable": .array(statements.map(JSONValue.string))]) { $1 })
            case .conditional(let reason):
                return Finding(
                    code: .net010, severity: .warn,
                    title: "\(endpoint.vpcEndpointId) policy may block \(request.action)",
                    detail: "The answer depends on what this check does not evaluate: \(reason). \(assumption)",
                    fix: fix, evidence: evidence)
            }
        }
    }

    // MARK: - NET009: free addresses

    func freeAddresses() -> [Finding] {
        let title = "free IP addresses in the mapping's subnets"
        guard let subnets = inputs.subnets else {
            return [skipped(.net009, title, "no subnets were given (describe-subnets)")]
        }
        guard !inputs.mappingSubnetIds.isEmpty else {
            return [skipped(.net009, title, "no mapping subnets were given (--subnet-id)")]
        }
        _ = subnets
        var findings: [Finding] = []
        var fine: [String] = []
        for id in inputs.mappingSubnetIds {
            guard let subnet = paths.subnetsById[id], let free = subnet.availableIpAddressCount else {
                findings.append(
                    skipped(
                        .net009, "free IP addresses in \(id)",
                        "\(id) (or its AvailableIpAddressCount) is not in the subnets given.",
                        evidence: ["subnetId": .string(id)]))
                continue
            }
            if free < Self.lowFreeAddressThreshold {
                findings.append(
                    Finding(
                        code: .net009, severity: .warn,
                        title: "\(id) has only \(free) free IP address\(free == 1 ? "" : "es")",
                        detail:
                            "Each of the mapping's pollers holds a network interface in the mapping's subnets, and each interface takes one private IP address; when the subnet runs out, Lambda cannot add interfaces and the mapping stops scaling or fails. This check warns below \(Self.lowFreeAddressThreshold) free addresses (an inference: AWS documents no number). Subnet \(id) (\(subnet.cidrBlock ?? "CIDR unknown"), \(subnet.availabilityZone ?? "AZ unknown")) has \(free).",
                        fix:
                            "Free addresses in \(id) (delete unused network interfaces: aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=\(id) Name=status,Values=available), or give the mapping larger subnets.",
                        evidence: [
                            "subnetId": .string(id), "availableIpAddressCount": .number(Double(free)),
                            "threshold": .number(Double(Self.lowFreeAddressThreshold)),
                        ]))
            } else {
                fine.append("\(id): \(free)")
            }
        }
        if !fine.isEmpty {
            findings.append(
                Finding(
                    code: .net009, severity: .pass, title: "the mapping's subnets have enough free IP addresses",
                    detail: "Free addresses (threshold \(Self.lowFreeAddressThreshold)): "
                        + fine.joined(separator: ", ")))
        }
        return findings
    }
}
