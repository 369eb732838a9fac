/// `aws ec2 describe-nat-gateways --output json`: `{"NatGateways": [...]}` (botocore `DescribeNatGatewaysResult`).
public struct DescribeNatGatewaysResponse: Codable, Sendable, Equatable {
    /// `NatGateways`: the NAT gateways the call returned; empty when the output lacks the key.
    public var natGateways: [NatGateway]

    /// Creates a response from NAT gateways already in hand, e.g. in tests.
    public init(natGateways: [NatGateway]) {
        self.natGateways = natGateways
    }

    enum CodingKeys: String, CodingKey {
        case natGateways = "NatGateways"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        natGateways = try container.decodeIfPresent([NatGateway].self, forKey: .natGateways) ?? []
    }
}

/// One NAT gateway (`NatGateway`).
public struct NatGateway: Codable, Sendable, Equatable {
    /// `NatGatewayId`, e.g. `nat-0123456789abcdef0`; a route's `NatGatewayId` names a gateway by this id.
    public var natGatewayId: String
    /// `VpcId`: the VPC the gateway belongs to.
    public var vpcId: String?
    /// `SubnetId`: the subnet the gateway sits in; a public NAT gateway needs a route from it to an internet gateway.
    public var subnetId: String?
    /// `pending`, `failed`, `available`, `deleting` or `deleted`.
    public var state: String?
    /// `public` or `private`. Outputs from before private NAT gateways existed lack it; AWS's default is public.
    public var connectivityType: String?

    /// Creates a NAT gateway from its fields; everything but the id is optional, as in hand-made inputs.
    public init(
        natGatewayId: String, vpcId: String? = nil, subnetId: String? = nil, state: String? = nil,
        connectivityType: String? = nil
    ) {
        self.natGatewayId = natGatewayId
        self.vpcId = vpcId
        self.subnetId = subnetId
        self.state = state
        self.connectivityType = connectivityType
    }

    enum CodingKeys: String, CodingKey {
        case natGatewayId = "NatGatewayId"
        case vpcId = "VpcId"
        case subnetId = "SubnetId"
        case state = "State"
        case connectivityType = "ConnectivityType"
    }
}
