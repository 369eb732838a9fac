/// `aws ec2 describe-vpc-endpoints --output json`: `{"VpcEndpoints": [...]}` (botocore `DescribeVpcEndpointsResult`).
public struct DescribeVpcEndpointsResponse: Codable, Sendable, Equatable {
    /// `VpcEndpoints`: the VPC endpoints the call returned; empty when the output lacks the key.
    public var vpcEndpoints: [VpcEndpoint]

    /// Creates a response from VPC endpoints already in hand, e.g. in tests.
    public init(vpcEndpoints: [VpcEndpoint]) {
        self.vpcEndpoints = vpcEndpoints
    }

    enum CodingKeys: String, CodingKey {
        case vpcEndpoints = "VpcEndpoints"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vpcEndpoints = try container.decodeIfPresent([VpcEndpoint].self, forKey: .vpcEndpoints) ?? []
    }
}

/// One VPC endpoint (`VpcEndpoint`).
public struct VpcEndpoint: Codable, Sendable, Equatable {
    /// `VpcEndpointId`, e.g. `vpce-0123456789abcdef0`.
    public var vpcEndpointId: String
    /// `Interface`, `Gateway`, `GatewayLoadBalancer`, `Resource` or `ServiceNetwork`.
    public var vpcEndpointType: String?
    /// `VpcId`: the VPC the endpoint serves.
    public var vpcId: String?
    /// e.g. `com.amazonaws.us-east-1.sts`.
    public var serviceName: String?
    /// The model's enum is `PendingAcceptance | Pending | Available | …`; the API has been seen to answer in
    /// lower case too (`available`), so compare case-insensitively.
    public var state: String?
    /// The endpoint policy, a JSON document as a string.
    public var policyDocument: String?
    /// Gateway endpoints: the route tables that carry the service's prefix-list route.
    public var routeTableIds: [String]
    /// Interface endpoints: the subnets holding its network interfaces.
    public var subnetIds: [String]
    /// Interface endpoints: the security groups of its network interfaces.
    public var groups: [SecurityGroupIdentifier]
    /// `PrivateDnsEnabled`: whether the service's default DNS name resolves to this interface endpoint, which is
    /// what lets the ESM reach Lambda or STS without a NAT gateway.
    public var privateDnsEnabled: Bool?

    /// Creates a VPC endpoint from its fields; everything but the id is optional, as in hand-made inputs.
    public init(
        vpcEndpointId: String, vpcEndpointType: String? = nil, vpcId: String? = nil, serviceName: String? = nil,
        state: String? = nil, policyDocument: String? = nil, routeTableIds: [String] = [], subnetIds: [String] = [],
        groups: [SecurityGroupIdentifier] = [], privateDnsEnabled: Bool? = nil
    ) {
        self.vpcEndpointId = vpcEndpointId
        self.vpcEndpointType = vpcEndpointType
        self.vpcId = vpcId
        self.serviceName = serviceName
        self.state = state
        self.policyDocument = policyDocument
        self.routeTableIds = routeTableIds
        self.subnetIds = subnetIds
        self.groups = groups
        self.privateDnsEnabled = privateDnsEnabled
    }

    enum CodingKeys: String, CodingKey {
        case vpcEndpointId = "VpcEndpointId"
        case vpcEndpointType = "VpcEndpointType"
        case vpcId = "VpcId"
        case serviceName = "ServiceName"
        case state = "State"
        case policyDocument = "PolicyDocument"
        case routeTableIds = "RouteTableIds"
        case subnetIds = "SubnetIds"
        case groups = "Groups"
        case privateDnsEnabled = "PrivateDnsEnabled"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vpcEndpointId = try container.decode(String.self, forKey: .vpcEndpointId)
        vpcEndpointType = try container.decodeIfPresent(String.self, forKey: .vpcEndpointType)
        vpcId = try container.decodeIfPresent(String.self, forKey: .vpcId)
        serviceName = try container.decodeIfPresent(String.self, forKey: .serviceName)
        state = try container.decodeIfPresent(String.self, forKey: .state)
        policyDocument = try container.decodeIfPresent(String.self, forKey: .policyDocument)
        routeTableIds = try container.decodeIfPresent([String].self, forKey: .routeTableIds) ?? []
        subnetIds = try container.decodeIfPresent([String].self, forKey: .subnetIds) ?? []
        groups = try container.decodeIfPresent([SecurityGroupIdentifier].self, forKey: .groups) ?? []
        privateDnsEnabled = try container.decodeIfPresent(Bool.self, forKey: .privateDnsEnabled)
    }
}

/// `{"GroupId", "GroupName"}` as VPC endpoints list their groups.
public struct SecurityGroupIdentifier: Codable, Sendable, Equatable {
    /// `GroupId`: a security group of the endpoint's network interfaces.
    public var groupId: String
    /// `GroupName`: that group's name.
    public var groupName: String?

    /// Creates a group reference from its id and optional name.
    public init(groupId: String, groupName: String? = nil) {
        self.groupId = groupId
        self.groupName = groupName
    }

    enum CodingKeys: String, CodingKey {
        case groupId = "GroupId"
        case groupName = "GroupName"
    }
}
