/// `aws ec2 describe-route-tables --output json`: `{"RouteTables": [...]}` (botocore `DescribeRouteTablesResult`).
public struct DescribeRouteTablesResponse: Codable, Sendable, Equatable {
    public var routeTables: [RouteTable]

    public init(routeTables: [RouteTable]) {
        self.routeTables = routeTables
    }

    enum CodingKeys: String, CodingKey {
        case routeTables = "RouteTables"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        routeTables = try container.decodeIfPresent([RouteTable].self, forKey: .routeTables) ?? []
    }
}

/// One route table (`RouteTable`).
public struct RouteTable: Codable, Sendable, Equatable {
    public var routeTableId: String
    public var vpcId: String?
    public var associations: [RouteTableAssociation]
    public var routes: [Route]

    public init(
        routeTableId: String, vpcId: String? = nil, associations: [RouteTableAssociation] = [], routes: [Route] = []
    ) {
        self.routeTableId = routeTableId
        self.vpcId = vpcId
        self.associations = associations
        self.routes = routes
    }

    /// Whether this is its VPC's main route table, which serves every subnet without an explicit association.
    public var isMain: Bool { associations.contains { $0.main == true } }

    enum CodingKeys: String, CodingKey {
        case routeTableId = "RouteTableId"
        case vpcId = "VpcId"
        case associations = "Associations"
        case routes = "Routes"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        routeTableId = try container.decode(String.self, forKey: .routeTableId)
        vpcId = try container.decodeIfPresent(String.self, forKey: .vpcId)
        associations = try container.decodeIfPresent([RouteTableAssociation].self, forKey: .associations) ?? []
        routes = try container.decodeIfPresent([Route].self, forKey: .routes) ?? []
    }
}

/// A route table's association with a subnet, a gateway, or (with `Main: true`) the VPC itself.
public struct RouteTableAssociation: Codable, Sendable, Equatable {
    public var main: Bool?
    public var routeTableAssociationId: String?
    public var routeTableId: String?
    public var subnetId: String?
    public var gatewayId: String?
    public var associationState: RouteTableAssociationState?

    public init(
        main: Bool? = nil, routeTableAssociationId: String? = nil, routeTableId: String? = nil,
        subnetId: String? = nil, gatewayId: String? = nil, associationState: RouteTableAssociationState? = nil
    ) {
        self.main = main
        self.routeTableAssociationId = routeTableAssociationId
        self.routeTableId = routeTableId
        self.subnetId = subnetId
        self.gatewayId = gatewayId
        self.associationState = associationState
    }

    enum CodingKeys: String, CodingKey {
        case main = "Main"
        case routeTableAssociationId = "RouteTableAssociationId"
        case routeTableId = "RouteTableId"
        case subnetId = "SubnetId"
        case gatewayId = "GatewayId"
        case associationState = "AssociationState"
    }
}

/// `{"State": "associating | associated | disassociating | disassociated | failed", "StatusMessage"}`.
public struct RouteTableAssociationState: Codable, Sendable, Equatable {
    public var state: String?
    public var statusMessage: String?

    public init(state: String?, statusMessage: String? = nil) {
        self.state = state
        self.statusMessage = statusMessage
    }

    enum CodingKeys: String, CodingKey {
        case state = "State"
        case statusMessage = "StatusMessage"
    }
}

/// One route (`Route`): a destination and exactly one target.
public struct Route: Codable, Sendable, Equatable {
    public var destinationCidrBlock: String?
    public var destinationIpv6CidrBlock: String?
    public var destinationPrefixListId: String?
    public var gatewayId: String?
    public var natGatewayId: String?
    public var transitGatewayId: String?
    public var networkInterfaceId: String?
    public var instanceId: String?
    public var vpcPeeringConnectionId: String?
    public var egressOnlyInternetGatewayId: String?
    public var localGatewayId: String?
    public var carrierGatewayId: String?
    public var coreNetworkArn: String?
    /// `active`, `blackhole` or `filtered`.
    public var state: String?
    public var origin: String?

    public init(
        destinationCidrBlock: String? = nil, destinationIpv6CidrBlock: String? = nil,
        destinationPrefixListId: String? = nil, gatewayId: String? = nil, natGatewayId: String? = nil,
        transitGatewayId: String? = nil, networkInterfaceId: String? = nil, instanceId: String? = nil,
        vpcPeeringConnectionId: String? = nil, egressOnlyInternetGatewayId: String? = nil,
        localGatewayId: String? = nil, carrierGatewayId: String? = nil, coreNetworkArn: String? = nil,
        state: String? = nil, origin: String? = nil
    ) {
        self.destinationCidrBlock = destinationCidrBlock
        self.destinationIpv6CidrBlock = destinationIpv6CidrBlock
        self.destinationPrefixListId = destinationPrefixListId
        self.gatewayId = gatewayId
        self.natGatewayId = natGatewayId
        self.transitGatewayId = transitGatewayId
        self.networkInterfaceId = networkInterfaceId
        self.instanceId = instanceId
        self.vpcPeeringConnectionId = vpcPeeringConnectionId
        self.egressOnlyInternetGatewayId = egressOnlyInternetGatewayId
        self.localGatewayId = localGatewayId
        self.carrierGatewayId = carrierGatewayId
        self.coreNetworkArn = coreNetworkArn
        self.state = state
        self.origin = origin
    }

    /// The route's target, whichever kind it is, for evidence.
    public var target: String? {
        natGatewayId ?? gatewayId ?? transitGatewayId ?? networkInterfaceId ?? instanceId ?? vpcPeeringConnectionId
            ?? egressOnlyInternetGatewayId ?? localGatewayId ?? carrierGatewayId ?? coreNetworkArn
    }

    enum CodingKeys: String, CodingKey {
        case destinationCidrBlock = "DestinationCidrBlock"
        case destinationIpv6CidrBlock = "DestinationIpv6CidrBlock"
        case destinationPrefixListId = "DestinationPrefixListId"
        case gatewayId = "GatewayId"
        case natGatewayId = "NatGatewayId"
        case transitGatewayId = "TransitGatewayId"
        case networkInterfaceId = "NetworkInterfaceId"
        case instanceId = "InstanceId"
        case vpcPeeringConnectionId = "VpcPeeringConnectionId"
        case egressOnlyInternetGatewayId = "EgressOnlyInternetGatewayId"
        case localGatewayId = "LocalGatewayId"
        case carrierGatewayId = "CarrierGatewayId"
        case coreNetworkArn = "CoreNetworkArn"
        case state = "State"
        case origin = "Origin"
    }
}
