/// `aws ec2 describe-security-groups --output json`: `{"SecurityGroups": [...]}`.
/// Shapes follow botocore's `ec2/2016-11-15` model (`DescribeSecurityGroupsResult`); fields the checks do
/// not read are ignored, and every field is optional because hand-made inputs often leave them out.
public struct DescribeSecurityGroupsResponse: Codable, Sendable, Equatable {
    /// `SecurityGroups`: the security groups the call returned; empty when the output lacks the key.
    public var securityGroups: [SecurityGroup]

    /// Creates a response from security groups already in hand, e.g. in tests.
    public init(securityGroups: [SecurityGroup]) {
        self.securityGroups = securityGroups
    }

    enum CodingKeys: String, CodingKey {
        case securityGroups = "SecurityGroups"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        securityGroups = try container.decodeIfPresent([SecurityGroup].self, forKey: .securityGroups) ?? []
    }
}

/// One security group (`SecurityGroup` in the EC2 model).
public struct SecurityGroup: Codable, Sendable, Equatable {
    /// `GroupId`, e.g. `sg-0123456789abcdef0`, by which mappings, clusters and rules name the group.
    public var groupId: String
    /// `GroupName`: the group's name, shown next to the id in evidence.
    public var groupName: String?
    /// `VpcId`: the VPC the group belongs to.
    public var vpcId: String?
    /// `OwnerId`: the AWS account that owns the group.
    public var ownerId: String?
    /// Inbound rules (`IpPermissions`).
    public var ipPermissions: [IpPermission]
    /// Outbound rules (`IpPermissionsEgress`). A new group has one allow-all rule here.
    public var ipPermissionsEgress: [IpPermission]

    /// Creates a security group from its fields; everything but the id is optional, as in hand-made inputs.
    public init(
        groupId: String, groupName: String? = nil, vpcId: String? = nil, ownerId: String? = nil,
        ipPermissions: [IpPermission] = [], ipPermissionsEgress: [IpPermission] = []
    ) {
        self.groupId = groupId
        self.groupName = groupName
        self.vpcId = vpcId
        self.ownerId = ownerId
        self.ipPermissions = ipPermissions
        self.ipPermissionsEgress = ipPermissionsEgress
    }

    enum CodingKeys: String, CodingKey {
        case groupId = "GroupId"
        case groupName = "GroupName"
        case vpcId = "VpcId"
        case ownerId = "OwnerId"
        case ipPermissions = "IpPermissions"
        case ipPermissionsEgress = "IpPermissionsEgress"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        groupId = try container.decode(String.self, forKey: .groupId)
        groupName = try container.decodeIfPresent(String.self, forKey: .groupName)
        vpcId = try container.decodeIfPresent(String.self, forKey: .vpcId)
        ownerId = try container.decodeIfPresent(String.self, forKey: .ownerId)
        ipPermissions = try container.decodeIfPresent([IpPermission].self, forKey: .ipPermissions) ?? []
        ipPermissionsEgress = try container.decodeIfPresent([IpPermission].self, forKey: .ipPermissionsEgress) ?? []
    }
}

/// One rule of a security group (`IpPermission`): a protocol, a port range and its peers.
public struct IpPermission: Codable, Sendable, Equatable {
    /// `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number such as `6`, or `-1` for all protocols.
    public var ipProtocol: String
    /// Start of the port range for tcp/udp (ICMP type for icmp). Absent for `-1`.
    public var fromPort: Int?
    /// End of the port range for tcp/udp (ICMP code for icmp). Absent for `-1`.
    public var toPort: Int?
    /// `IpRanges`: IPv4 CIDR peers the rule allows.
    public var ipRanges: [IpRange]
    /// `Ipv6Ranges`: IPv6 CIDR peers the rule allows.
    public var ipv6Ranges: [Ipv6Range]
    /// `UserIdGroupPairs`: security-group peers the rule allows, e.g. a group that admits itself on the broker port.
    public var userIdGroupPairs: [UserIdGroupPair]
    /// `PrefixListIds`: managed prefix lists the rule allows, e.g. a gateway endpoint's service prefix list.
    public var prefixListIds: [PrefixListId]

    /// Creates a rule from its protocol, optional port range and peers.
    public init(
        ipProtocol: String, fromPort: Int? = nil, toPort: Int? = nil, ipRanges: [IpRange] = [],
        ipv6Ranges: [Ipv6Range] = [], userIdGroupPairs: [UserIdGroupPair] = [], prefixListIds: [PrefixListId] = []
    ) {
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.ipRanges = ipRanges
        self.ipv6Ranges = ipv6Ranges
        self.userIdGroupPairs = userIdGroupPairs
        self.prefixListIds = prefixListIds
    }

    enum CodingKeys: String, CodingKey {
        case ipProtocol = "IpProtocol"
        case fromPort = "FromPort"
        case toPort = "ToPort"
        case ipRanges = "IpRanges"
        case ipv6Ranges = "Ipv6Ranges"
        case userIdGroupPairs = "UserIdGroupPairs"
        case prefixListIds = "PrefixListIds"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ipProtocol = try container.decode(String.self, forKey: .ipProtocol)
        fromPort = try container.decodeIfPresent(Int.self, forKey: .fromPort)
        toPort = try container.decodeIfPresent(Int.self, forKey: .toPort)
        ipRanges = try container.decodeIfPresent([IpRange].self, forKey: .ipRanges) ?? []
        ipv6Ranges = try container.decodeIfPresent([Ipv6Range].self, forKey: .ipv6Ranges) ?? []
        userIdGroupPairs = try container.decodeIfPresent([UserIdGroupPair].self, forKey: .userIdGroupPairs) ?? []
        prefixListIds = try container.decodeIfPresent([PrefixListId].self, forKey: .prefixListIds) ?? []
    }
}

/// An IPv4 peer of a rule (`IpRange`).
public struct IpRange: Codable, Sendable, Equatable {
    /// `CidrIp`: the IPv4 range, e.g. `10.0.0.0/16` or `0.0.0.0/0`.
    public var cidrIp: String
    /// `Description`: the rule's note about this peer.
    public var description: String?

    /// Creates an IPv4 peer from its CIDR and optional description.
    public init(cidrIp: String, description: String? = nil) {
        self.cidrIp = cidrIp
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case cidrIp = "CidrIp"
        case description = "Description"
    }
}

/// An IPv6 peer of a rule (`Ipv6Range`).
public struct Ipv6Range: Codable, Sendable, Equatable {
    /// `CidrIpv6`: the IPv6 range, e.g. `::/0`.
    public var cidrIpv6: String
    /// `Description`: the rule's note about this peer.
    public var description: String?

    /// Creates an IPv6 peer from its CIDR and optional description.
    public init(cidrIpv6: String, description: String? = nil) {
        self.cidrIpv6 = cidrIpv6
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case cidrIpv6 = "CidrIpv6"
        case description = "Description"
    }
}

/// A security-group peer of a rule (`UserIdGroupPair`; XML `groups/item`).
public struct UserIdGroupPair: Codable, Sendable, Equatable {
    /// Absent only in EC2-Classic era outputs that name the group instead.
    public var groupId: String?
    /// `GroupName`: the peer group's name, which older outputs give instead of its id.
    public var groupName: String?
    /// `UserId`: the AWS account that owns the peer group.
    public var userId: String?
    /// `VpcId`: the VPC of the peer group, when it is across a peering connection.
    public var vpcId: String?
    /// `VpcPeeringConnectionId`: the peering connection through which the peer group is reached.
    public var vpcPeeringConnectionId: String?
    /// `Description`: the rule's note about this peer.
    public var description: String?

    /// Creates a security-group peer; `groupId` may be `nil` for outputs that name the group instead.
    public init(
        groupId: String?, groupName: String? = nil, userId: String? = nil, vpcId: String? = nil,
        vpcPeeringConnectionId: String? = nil, description: String? = nil
    ) {
        self.groupId = groupId
        self.groupName = groupName
        self.userId = userId
        self.vpcId = vpcId
        self.vpcPeeringConnectionId = vpcPeeringConnectionId
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case groupId = "GroupId"
        case groupName = "GroupName"
        case userId = "UserId"
        case vpcId = "VpcId"
        case vpcPeeringConnectionId = "VpcPeeringConnectionId"
        case description = "Description"
    }
}

/// A managed-prefix-list peer of a rule (`PrefixListId`). Its CIDRs are not in this output.
public struct PrefixListId: Codable, Sendable, Equatable {
    /// `PrefixListId`, e.g. `pl-63a5400a`; resolving it to CIDRs needs `DescribeManagedPrefixLists`.
    public var prefixListId: String
    /// `Description`: the rule's note about this peer.
    public var description: String?

    /// Creates a prefix-list peer from its id and optional description.
    public init(prefixListId: String, description: String? = nil) {
        self.prefixListId = prefixListId
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case prefixListId = "PrefixListId"
        case description = "Description"
    }
}
