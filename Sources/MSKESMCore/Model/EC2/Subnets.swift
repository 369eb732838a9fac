/// `aws ec2 describe-subnets --output json`: `{"Subnets": [...]}` (botocore `DescribeSubnetsResult`).
public struct DescribeSubnetsResponse: Codable, Sendable, Equatable {
    /// `Subnets`: the subnets the call returned; empty when the output lacks the key.
    public var subnets: [Subnet]

    /// Creates a response from subnets already in hand, e.g. in tests.
    public init(subnets: [Subnet]) {
        self.subnets = subnets
    }

    enum CodingKeys: String, CodingKey {
        case subnets = "Subnets"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subnets = try container.decodeIfPresent([Subnet].self, forKey: .subnets) ?? []
    }
}

/// One subnet (`Subnet` in the EC2 model).
public struct Subnet: Codable, Sendable, Equatable {
    /// `SubnetId`, e.g. `subnet-0123456789abcdef0`, by which clusters and mappings name the subnet.
    public var subnetId: String
    /// `VpcId`: the VPC the subnet belongs to.
    public var vpcId: String?
    /// The IPv4 range, e.g. `10.0.1.0/24`.
    public var cidrBlock: String?
    /// How many IPv4 addresses are free: each ESM poller ENI takes one.
    public var availableIpAddressCount: Int?
    /// e.g. `us-east-1a`; the region can be inferred from it.
    public var availabilityZone: String?
    /// `AvailabilityZoneId`: the account-independent zone id, e.g. `use1-az1`.
    public var availabilityZoneId: String?
    /// `State`: `pending`, `available` or `unavailable`.
    public var state: String?
    /// `MapPublicIpOnLaunch`: whether instances launched here get a public IPv4 address; ESM poller ENIs never do.
    public var mapPublicIpOnLaunch: Bool?

    /// Creates a subnet from its fields; everything but the id is optional, as in hand-made inputs.
    public init(
        subnetId: String, vpcId: String? = nil, cidrBlock: String? = nil, availableIpAddressCount: Int? = nil,
        availabilityZone: String? = nil, availabilityZoneId: String? = nil, state: String? = nil,
        mapPublicIpOnLaunch: Bool? = nil
    ) {
        self.subnetId = subnetId
        self.vpcId = vpcId
        self.cidrBlock = cidrBlock
        self.availableIpAddressCount = availableIpAddressCount
        self.availabilityZone = availabilityZone
        self.availabilityZoneId = availabilityZoneId
        self.state = state
        self.mapPublicIpOnLaunch = mapPublicIpOnLaunch
    }

    enum CodingKeys: String, CodingKey {
        case subnetId = "SubnetId"
        case vpcId = "VpcId"
        case cidrBlock = "CidrBlock"
        case availableIpAddressCount = "AvailableIpAddressCount"
        case availabilityZone = "AvailabilityZone"
        case availabilityZoneId = "AvailabilityZoneId"
        case state = "State"
        case mapPublicIpOnLaunch = "MapPublicIpOnLaunch"
    }
}
