/// What `network check` examined: the summary of its ``CheckReport`` (docs/output.md).
public struct NetworkSummary: ReportSummary {
    /// The mapping's security groups (`VPC_SECURITY_GROUP`, or the cluster's for MSK).
    public var groupIds: [String]
    /// The subnets Lambda puts its network interfaces in.
    public var subnetIds: [String]
    /// The broker ports the rules must open.
    public var ports: [Int]
    /// The Region whose service endpoints the mapping needs.
    public var region: String
    /// The VPCs of the mapping's subnets.
    public var vpcIds: [String]
    /// The endpoint service names the mapping needs a path to (STS, Secrets Manager, …).
    public var services: [String]
    /// The brokers' security groups, when they differ from the mapping's.
    public var brokerGroupIds: [String]?
    /// Security groups the rules name that the input does not describe.
    public var missingSecurityGroups: [String]?
    /// Each subnet's route table, when route tables were given.
    public var routeTables: [String: String]?

    /// A summary with every member given; the optional ones are omitted from the JSON when nil.
    public init(
        groupIds: [String], subnetIds: [String], ports: [Int], region: String, vpcIds: [String], services: [String],
        brokerGroupIds: [String]? = nil, missingSecurityGroups: [String]? = nil, routeTables: [String: String]? = nil
    ) {
        self.groupIds = groupIds
        self.subnetIds = subnetIds
        self.ports = ports
        self.region = region
        self.vpcIds = vpcIds
        self.services = services
        self.brokerGroupIds = brokerGroupIds
        self.missingSecurityGroups = missingSecurityGroups
        self.routeTables = routeTables
    }
}
