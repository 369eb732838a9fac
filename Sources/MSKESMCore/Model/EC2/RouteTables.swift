/// `aws ec2 describe-route-tables --output json`: `{"RouteTables": [...]}` (botocore `DescribeRouteTablesResult`).
public struct DescribeRouteTablesResponse: Codable, Sendable, Equatable {
    /// `RouteTables`: the route tables the call returned; empty when the output lacks the key.
    public var routeTables: [RouteTable]

    /// Creates a response from route tables already in hand, e.g. in tests.
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
    /// `RouteTableId`, e.g. `rtb-0123456789abcdef0`.
    public var routeTableId: String
    /// `VpcId`: the VPC the route table belongs to.
    public var vpcId: String?
    /// `Associations`: the subnets (and gateways) this table serves; one with `Main: true` marks the VPC's main table.
    public var associations: [RouteTableAssociation]
    /// `Routes`: the table's routes, where the checks look for a `0.0.0.0/0` route to an active NAT gateway.
    public var routes: [Route]

    /// Creates a route table from its fields; everything but the id is optional, as in hand-made inputs.
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
    /// `Main`: `true` when this association makes the table its VPC's main route table.
    public var main: Bool?
    /// `RouteTableAssociationId`, e.g. `rtbassoc-0123456789abcdef0`.
    public var routeTableAssociationId: String?
    /// `RouteTableId`: the table this association belongs to.
    public var routeTableId: String?
    /// `SubnetId`: the subnet explicitly associated with the table; absent for the main and gateway associations.
    public var subnetId: String?
    /// `GatewayId`: the internet or virtual private gateway associated with the table (an edge association).
    public var gatewayId: String?
    /// `AssociationState`: whether the association is in effect (`associated`) or still changing.
    public var associationState: RouteTableAssociationState?

    /// Creates an association from its fields; all are optional, as in hand-made inputs.
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
    /// `State`: `associating`, `associated`, `disassociating`, `disassociated` or `failed`.
    public var state: String?
    /// `StatusMessage`: AWS's explanation when the association failed.
    public var statusMessage: String?

    /// Creates an association state from its state and optional status message.
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
    /// `DestinationCidrBlock`: the IPv4 destination, e.g. `0.0.0.0/0` for a default route.
    public var destinationCidrBlock: String?
    /// `DestinationIpv6CidrBlock`: the IPv6 destination, e.g. `::/0`.
    public var destinationIpv6CidrBlock: String?
    /// `DestinationPrefixListId`: the managed prefix list the route sends to, as gateway VPC endpoints add.
    public var destinationPrefixListId: String?
    /// `GatewayId`: an internet gateway (`igw-…`), virtual private gateway, gateway VPC endpoint (`vpce-…`) or `local`.
    public var gatewayId: String?
    /// `NatGatewayId`: the NAT gateway the route sends to, the usual way out for ESM pollers in private subnets.
    public var natGatewayId: String?
    /// `TransitGatewayId`: the transit gateway the route sends to.
    public var transitGatewayId: String?
    /// `NetworkInterfaceId`: the network interface the route sends to, e.g. a NAT instance's.
    public var networkInterfaceId: String?
    /// `InstanceId`: the EC2 instance the route sends to, e.g. a NAT instance.
    public var instanceId: String?
    /// `VpcPeeringConnectionId`: the VPC peering connection the route sends to.
    public var vpcPeeringConnectionId: String?
    /// `EgressOnlyInternetGatewayId`: the egress-only internet gateway (IPv6 only) the route sends to.
    public var egressOnlyInternetGatewayId: String?
    /// `LocalGatewayId`: the Outposts local gateway the route sends to.
    public var localGatewayId: String?
    /// `CarrierGatewayId`: the Wavelength carrier gateway the route sends to.
    public var carrierGatewayId: String?
    /// `CoreNetworkArn`: the AWS Cloud WAN core network the route sends to.
    public var coreNetworkArn: String?
    /// `active`, `blackhole` or `filtered`.
    public var state: String?
    /// `Origin`: how the route was made: `CreateRouteTable`, `CreateRoute` or `EnableVgwRoutePropagation`.
    public var origin: String?

    /// Creates a route from its fields; all are optional, as in hand-made inputs.
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
