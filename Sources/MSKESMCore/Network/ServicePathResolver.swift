/// The AWS services an event source mapping's pollers call from the mapping's subnets
/// (docs/aws-facts.md#reaching-aws-services).
package enum AWSServiceName: String, Sendable, CaseIterable {
    case lambda, sts, secretsmanager, sqs, sns, s3, glue

    /// The PrivateLink service name in a region: `com.amazonaws.<region>.<service>` (China regions put
    /// `cn.` in front).
    package func endpointServiceName(region: String) -> String {
        (region.hasPrefix("cn-") ? "cn.com.amazonaws." : "com.amazonaws.") + "\(region).\(rawValue)"
    }
}

/// How one subnet reaches one service.
enum SubnetServicePath: Sendable {
    /// Reachable through this NAT gateway or endpoint.
    case reachable(via: String, detail: String)
    /// No path: the reason says which route or endpoint is missing.
    case unreachable(reason: String)
    /// An input needed to tell was not given (the reason names it).
    case missingInput(reason: String)
    /// The inputs hold a path we cannot judge (a transit gateway, a NAT instance, …).
    case unverifiable(reason: String)
}

/// Works out, per subnet, whether the mapping's pollers can reach a service: through a package NAT gateway
/// on the subnet's route table (explicit association, else the VPC's main table), or through a VPC endpoint
/// in the VPC (Interface endpoints serve every subnet of the VPC; S3 Gateway endpoints only subnets whose
/// route table they are attached to).
struct ServicePathResolver: Sendable {
    let inputs: NetworkInputs
    let subnetsById: [String: Subnet]
    /// The VPCs the mapping lives in, from its subnets and groups; empty when unknown.
    let mappingVpcIds: Set<String>

    init(inputs: NetworkInputs) {
        self.inputs = inputs
        var subnets: [String: Subnet] = [:]
        for subnet in inputs.subnets?.subnets ?? [] where subnets[subnet.subnetId] == nil {
            subnets[subnet.subnetId] = subnet
        }
        subnetsById = subnets
        var vpcs = Set(inputs.mappingSubnetIds.compactMap { subnets[$0]?.vpcId })
        let groups = inputs.securityGroups?.securityGroups ?? []
        for id in inputs.mappingGroupIds {
            if let vpc = groups.first(where: { $0.groupId == id })?.vpcId { vpcs.insert(vpc) }
        }
        mappingVpcIds = vpcs
    }

    /// The route table that serves a subnet, and how it was chosen.
    func routeTable(for subnetId: String) -> (table: RouteTable, how: String)? {
        guard let tables = inputs.routeTables?.routeTables else { return nil }
        for table in tables {
            let explicit = table.associations.contains { association in
                association.subnetId == subnetId
                    && (association.associationState?.state.map { $0 == "associated" } ?? true)
            }
            if explicit { return (table, "explicitly associated") }
        }
        let mains = tables.filter(\.isMain)
        if let vpc = subnetsById[subnetId]?.vpcId {
            if let main = mains.first(where: { $0.vpcId == vpc }) { return (main, "the main route table of \(vpc)") }
            return nil
        }
        // Without the subnet's VPC, a single main table (or one per known mapping VPC) is the only safe pick.
        let candidates = mappingVpcIds.isEmpty ? mains : mains.filter { $0.vpcId.map(mappingVpcIds.contains) ?? false }
        if candidates.count == 1, let main = candidates.first { return (main, "the main route table of its VPC") }
        return nil
    }

    /// The NAT-gateway path of one subnet.
    func natPath(for subnetId: String) -> SubnetServicePath {
        guard inputs.routeTables != nil else {
            return .missingInput(reason: "no route tables were given (describe-route-tables)")
        }
        guard let (table, how) = routeTable(for: subnetId) else {
            return .missingInput(
                reason:
                    "no route table for \(subnetId) in the route tables given: neither an explicit association nor the main table of its VPC"
            )
        }
        let tableText = "\(table.routeTableId) (\(how))"
        guard let route = table.routes.first(where: { $0.destinationCidrBlock == "0.0.0.0/0" }) else {
            return .unreachable(reason: "route table \(tableText) has no 0.0.0.0/0 route")
        }
        if let natId = route.natGatewayId {
            if let state = route.state, state != "active" {
                return .unreachable(
                    reason: "route table \(tableText) sends 0.0.0.0/0 to \(natId), but the route is \(state)")
            }
            guard let gateways = inputs.natGateways?.natGateways else {
                return .missingInput(
                    reason:
                        "route table \(tableText) sends 0.0.0.0/0 to \(natId), and no NAT gateways were given (describe-nat-gateways) to confirm it is available"
                )
            }
            guard let gateway = gateways.first(where: { $0.natGatewayId == natId }) else {
                return .missingInput(
                    reason:
                        "route table \(tableText) sends 0.0.0.0/0 to \(natId), which is not in the NAT gateways given")
            }
            if let state = gateway.state, state != "available" {
                return .unreachable(
                    reason: "route table \(tableText) sends 0.0.0.0/0 to \(natId), which is \(state), not available")
            }
            if gateway.state == nil {
                return .unverifiable(reason: "\(natId) has no State in the input")
            }
            // Private NAT gateways reach other networks, not the internet (AWS's default type is public).
            if let type = gateway.connectivityType, type != "public" {
                return .unreachable(
                    reason:
                        "route table \(tableText) sends 0.0.0.0/0 to \(natId), a \(type) NAT gateway with no internet access"
                )
            }
            return .reachable(via: natId, detail: "\(subnetId) → \(tableText) → 0.0.0.0/0 → \(natId)")
        }
        if let gateway = route.gatewayId, gateway.hasPrefix("igw-") {
            // ESM poller interfaces get no package IP, so an internet gateway gives them no way out.
            return .unreachable(
                reason:
                    "route table \(tableText) sends 0.0.0.0/0 to the internet gateway \(gateway); the mapping's network interfaces have no package IP, so they need a NAT gateway"
            )
        }
        let target = route.target ?? "an unnamed target"
        if let state = route.state, state != "active" {
            return .unreachable(
                reason: "route table \(tableText) sends 0.0.0.0/0 to \(target), but the route is \(state)")
        }
        return .unverifiable(
            reason:
                "route table \(tableText) sends 0.0.0.0/0 to \(target) (not a NAT gateway); whether that reaches AWS services cannot be verified here"
        )
    }

    /// Endpoints for a service in the mapping's VPC: those that serve it, and those that exist but do not
    /// (wrong state or type), for the evidence.
    func endpoints(for service: AWSServiceName) -> (usable: [VpcEndpoint], unusable: [(VpcEndpoint, String)]) {
        let name = service.endpointServiceName(region: inputs.region)
        var usable: [VpcEndpoint] = []
        var unusable: [(VpcEndpoint, String)] = []
        let all = inputs.vpcEndpoints?.vpcEndpoints ?? []
        // Without the mapping's VPC (no subnets or groups given), endpoints of several VPCs prove nothing.
        let ambiguous = mappingVpcIds.isEmpty && Set(all.compactMap(\.vpcId)).count > 1
        for endpoint in all where endpoint.serviceName == name {
            if let vpc = endpoint.vpcId, !mappingVpcIds.isEmpty, !mappingVpcIds.contains(vpc) { continue }
            if ambiguous {
                unusable.append(
                    (
                        endpoint,
                        "\(endpoint.vpcEndpointId) is in \(endpoint.vpcId ?? "a VPC"), and the mapping's VPC is unknown (give --subnets-json or --security-groups-json)"
                    ))
                continue
            }
            let state = endpoint.state ?? "unknown"
            let type = endpoint.vpcEndpointType ?? "Interface"
            if state.lowercased() != "available" {
                unusable.append((endpoint, "\(endpoint.vpcEndpointId) is \(state), not Available"))
            } else if type == "Interface" || (service == .s3 && type == "Gateway") {
                usable.append(endpoint)
            } else {
                unusable.append((endpoint, "\(endpoint.vpcEndpointId) is a \(type) endpoint"))
            }
        }
        return (usable, unusable)
    }

    /// The path of one subnet to one service: an endpoint first (with private DNS, Interface endpoints take
    /// the service's traffic even when a NAT gateway exists), else a NAT gateway.
    func path(from subnetId: String, to service: AWSServiceName) -> SubnetServicePath {
        let found = endpoints(for: service)
        var detached: [String] = []
        for endpoint in found.usable {
            if endpoint.vpcEndpointType == "Gateway" {
                let table = routeTable(for: subnetId)?.table
                if let table, endpoint.routeTableIds.contains(table.routeTableId) {
                    return .reachable(
                        via: endpoint.vpcEndpointId,
                        detail: "\(subnetId) → \(table.routeTableId) → Gateway endpoint \(endpoint.vpcEndpointId)")
                }
                detached.append(
                    "Gateway endpoint \(endpoint.vpcEndpointId) is not attached to \(table?.routeTableId ?? "the subnet's route table")"
                )
            } else {
                return .reachable(
                    via: endpoint.vpcEndpointId,
                    detail: "Interface endpoint \(endpoint.vpcEndpointId) (\(endpoint.serviceName ?? service.rawValue))"
                )
            }
        }
        let nat = natPath(for: subnetId)
        switch nat {
        case .reachable:
            return nat
        case .unreachable(let reason):
            guard inputs.vpcEndpoints != nil else {
                return .missingInput(
                    reason:
                        "\(reason); no VPC endpoints were given (describe-vpc-endpoints), so an endpoint path cannot be ruled out"
                )
            }
            let name = service.endpointServiceName(region: inputs.region)
            let others = found.unusable.map(\.1) + detached
            let endpointText = others.isEmpty ? "no \(name) endpoint in the VPC" : others.joined(separator: "; ")
            return .unreachable(reason: "\(reason); \(endpointText)")
        case .missingInput, .unverifiable:
            return nat
        }
    }
}
