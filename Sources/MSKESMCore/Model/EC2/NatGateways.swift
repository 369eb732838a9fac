/// `aws ec2 describe-nat-gateways --output json`: `{"NatGateways": [...]}` (botocore `DescribeNatGatewaysResult`).
public struct DescribeNatGatewaysResponse: Codable, Sendable, Equatable {
    public var natGateways: [NatGateway]

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
    public var natGatewayId: String
    public var vpcId: String?
    public var subnetId: String?
    /// `pending`, `failed`, `available`, `deleting` or `deleted`.
    public var state: String?
    /// `public` or `private`. Outputs from before private NAT gateways existed lack it; AWS's default is public.
    public var connectivityType: String?

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
