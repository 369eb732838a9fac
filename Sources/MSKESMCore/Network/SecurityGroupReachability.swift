/// The other end of a connection, as security-group rules see it: the groups its network interface carries,
/// and where its address lies.
package struct TrafficPeer: Sendable, Hashable {
    /// Groups on the peer's network interface; a rule naming any of them (`UserIdGroupPairs`) matches.
    package var groupIds: Set<String>
    /// Where the peer's address lies. Every address of every network counts as a possible peer, so a CIDR
    /// rule admits the peer only if the rules' CIDRs cover all of them.
    package var networks: [IPNetwork]

    /// `networks` defaults to `0.0.0.0/0`: the address is some IPv4 address we do not know, so only an
    /// `0.0.0.0/0` rule (or a group rule) settles the question.
    package init(groupIds: some Sequence<String> = [String](), networks: [IPNetwork] = [IPNetwork.anyIPv4]) {
        self.groupIds = Set(groupIds)
        self.networks = networks
    }

    /// A single address without groups.
    package static func address(_ address: IPAddress) -> TrafficPeer {
        TrafficPeer(networks: [IPNetwork(address: address, prefixLength: address.family.bitWidth)])
    }
}

/// One rule peer that took part in an answer: `sg-a inbound tcp 9098 from sg-b`.
package struct SecurityGroupRuleReference: Sendable, Hashable, CustomStringConvertible {
    package enum Direction: String, Sendable { case inbound, outbound }

    /// The group that holds the rule.
    package var groupId: String
    package var direction: Direction
    /// `IpProtocol` as written (`tcp`, `6`, `-1`, …).
    package var ipProtocol: String
    package var fromPort: Int?
    package var toPort: Int?
    /// The peer the rule names: a group id, a CIDR, or a prefix-list id.
    package var peer: String

    package var description: String {
        let ports: String
        if ipProtocol == "-1" {
            ports = "all traffic"
        } else if let from = fromPort, let to = toPort {
            ports = "\(IPProtocolName.name(ipProtocol)) \(from == to ? "\(from)" : "\(from)-\(to)")"
        } else {
            ports = "\(IPProtocolName.name(ipProtocol)) all ports"
        }
        return "\(groupId) \(direction.rawValue) \(ports) \(direction == .inbound ? "from" : "to") \(peer)"
    }
}

/// The answer to "do these rules let this traffic through?".
package enum ReachabilityAnswer: Sendable, Hashable {
    /// Allowed, by these rules.
    case allowed([SecurityGroupRuleReference])
    /// No rule allows it.
    case notAllowed
    /// Only rules whose peers cannot be resolved here might allow it: a prefix list (its CIDRs are not in
    /// describe-security-groups), a CIDR that covers only part of the peer's possible addresses, a group
    /// pair named without its id.
    case unverifiable([SecurityGroupRuleReference])

    package var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}

enum IPProtocolName {
    static func name(_ ipProtocol: String) -> String {
        switch ipProtocol.lowercased() {
        case "6": "tcp"
        case "17": "udp"
        default: ipProtocol.lowercased()
        }
    }
}

/// Security-group reasoning over a `describe-security-groups` output: does a set of groups let TCP traffic
/// on a port in from a peer, or out to one?
///
/// The rules, from the EC2 API reference (`IpPermission`,
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html) and
/// docs/aws-facts.md#security-group-rules:
/// - Security groups only allow; the rules of all groups on an interface form one union.
/// - `IpProtocol` `-1`, or a protocol number other than tcp/udp/icmp/icmpv6 (6/17/1/58), "allows traffic on
///   all ports, regardless of any port range" — but only `-1` carries TCP; another number is another protocol.
///   `tcp` may be written `tcp` (any letter case) or `6`; then `FromPort…ToPort` bounds the port (a tcp rule
///   without ports is taken as all ports).
/// - Peers: `IpRanges[].CidrIp` (IPv4), `Ipv6Ranges[].CidrIpv6`, `UserIdGroupPairs[].GroupId` (traffic from/to
///   interfaces carrying that group, including the group itself: a self-referencing rule), and
///   `PrefixListIds[]` (whose CIDRs are unknown here, so they make an answer unverifiable, never allowed).
package struct SecurityGroupReachability: Sendable {
    /// The groups by id.
    package let groupsById: [String: SecurityGroup]

    package init(groups: [SecurityGroup]) {
        var byId: [String: SecurityGroup] = [:]
        for group in groups where byId[group.groupId] == nil { byId[group.groupId] = group }
        groupsById = byId
    }

    package init(_ response: DescribeSecurityGroupsResponse) {
        self.init(groups: response.securityGroups)
    }

    /// The ids among `groupIds` that the input does not describe.
    package func missingGroups(_ groupIds: [String]) -> [String] {
        groupIds.filter { groupsById[$0] == nil }
    }

    /// Does an interface carrying `groupIds` accept TCP on `port` from `peer` (inbound rules)?
    /// Groups missing from the input contribute no rules.
    package func admitsTCP(into groupIds: [String], port: Int, from peer: TrafficPeer) -> ReachabilityAnswer {
        answer(groupIds: groupIds, direction: .inbound, port: port, peer: peer)
    }

    /// Does an interface carrying `groupIds` let TCP to `port` out to `peer` (outbound rules)?
    package func allowsTCP(outOf groupIds: [String], port: Int, to peer: TrafficPeer) -> ReachabilityAnswer {
        answer(groupIds: groupIds, direction: .outbound, port: port, peer: peer)
    }

    /// Whether any rule of `groupIds` in that direction covers TCP `port`, whatever its peer.
    package func hasAnyTCPRule(in groupIds: [String], direction: SecurityGroupRuleReference.Direction, port: Int)
        -> Bool
    {
        !rules(of: groupIds, direction: direction, port: port).isEmpty
    }

    /// Every rule of `groupIds` in one direction whose protocol and ports carry TCP `port`.
    func rules(of groupIds: [String], direction: SecurityGroupRuleReference.Direction, port: Int)
        -> [(groupId: String, rule: IpPermission)]
    {
        var seen = Set<String>()
        var result: [(groupId: String, rule: IpPermission)] = []
        for id in groupIds where seen.insert(id).inserted {
            guard let group = groupsById[id] else { continue }
            let rules = direction == .inbound ? group.ipPermissions : group.ipPermissionsEgress
            for rule in rules where Self.carriesTCP(rule, port: port) {
                result.append((id, rule))
            }
        }
        return result
    }

    /// Whether a rule's protocol and port range carry TCP traffic to `port`.
    package static func carriesTCP(_ rule: IpPermission, port: Int) -> Bool {
        switch rule.ipProtocol.lowercased() {
        case "-1":
            return true
        case "tcp", "6":
            guard let from = rule.fromPort, let to = rule.toPort, from >= 0, to >= 0 else { return true }
            return from <= port && port <= to
        default:
            // udp, icmp, icmpv6, or another protocol number: not TCP.
            return false
        }
    }

    private func answer(
        groupIds: [String], direction: SecurityGroupRuleReference.Direction, port: Int, peer: TrafficPeer
    ) -> ReachabilityAnswer {
        let candidates = rules(of: groupIds, direction: direction, port: port)
        func reference(_ groupId: String, _ rule: IpPermission, _ peerText: String) -> SecurityGroupRuleReference {
            SecurityGroupRuleReference(
                groupId: groupId, direction: direction, ipProtocol: rule.ipProtocol, fromPort: rule.fromPort,
                toPort: rule.toPort, peer: peerText)
        }

        // A group rule naming one of the peer's groups settles it for every address.
        var groupMatches: [SecurityGroupRuleReference] = []
        var unresolved: [SecurityGroupRuleReference] = []
        var cidrRules: [(network: IPNetwork, reference: SecurityGroupRuleReference)] = []
        for (groupId, rule) in candidates {
            for pair in rule.userIdGroupPairs {
                if let id = pair.groupId {
                    if peer.groupIds.contains(id) { groupMatches.append(reference(groupId, rule, id)) }
                } else {
                    unresolved.append(reference(groupId, rule, pair.groupName ?? "a group without an id"))
                }
            }
            for range in rule.ipRanges {
                if let network = IPNetwork(range.cidrIp) {
                    cidrRules.append((network, reference(groupId, rule, range.cidrIp)))
                } else {
                    unresolved.append(reference(groupId, rule, range.cidrIp))
                }
            }
            for range in rule.ipv6Ranges {
                if let network = IPNetwork(range.cidrIpv6) {
                    cidrRules.append((network, reference(groupId, rule, range.cidrIpv6)))
                } else {
                    unresolved.append(reference(groupId, rule, range.cidrIpv6))
                }
            }
            for list in rule.prefixListIds {
                unresolved.append(reference(groupId, rule, list.prefixListId))
            }
        }
        if !groupMatches.isEmpty { return .allowed(groupMatches) }
        if peer.networks.isEmpty {
            return unresolved.isEmpty ? .notAllowed : .unverifiable(unresolved)
        }

        // Every possible address must be covered; one network with no rule at all means some peers are blocked.
        var allowedBy: [SecurityGroupRuleReference] = []
        var partial: [SecurityGroupRuleReference] = []
        var anyBlocked = false
        var anyPartial = false
        for network in peer.networks {
            let overlapping = cidrRules.filter { $0.network.overlaps(network) }
            if network.isCovered(byUnionOf: overlapping.map(\.network)) {
                allowedBy.append(contentsOf: overlapping.map(\.reference))
            } else if !overlapping.isEmpty || !unresolved.isEmpty {
                anyPartial = true
                partial.append(contentsOf: overlapping.map(\.reference))
            } else {
                anyBlocked = true
            }
        }
        if anyBlocked { return .notAllowed }
        if anyPartial {
            return .unverifiable(unique(partial + unresolved))
        }
        return .allowed(unique(allowedBy))
    }

    private func unique(_ references: [SecurityGroupRuleReference]) -> [SecurityGroupRuleReference] {
        var seen = Set<SecurityGroupRuleReference>()
        return references.filter { seen.insert($0).inserted }
    }
}
