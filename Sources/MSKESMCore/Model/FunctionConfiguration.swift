/// `aws lambda get-function-configuration` output (botocore `FunctionConfiguration`,
/// docs/aws-facts.md#kafka-specific-limits): the members the checks read. Unknown members are ignored.
public struct FunctionConfiguration: Codable, Sendable, Equatable {
    public var functionName: String?
    public var functionArn: String?
    public var runtime: String?
    public var role: String?
    public var handler: String?
    /// Seconds; model minimum 1, no model maximum (Kafka mappings need ≤ 840, docs/aws-facts.md#kafka-specific-limits).
    public var timeout: Int?
    public var memorySize: Int?
    /// Lambda prints this one as a string (`2026-11-26T12:00:00.000+0000`), not as a timestamp.
    public var lastModified: String?
    public var version: String?
    public var vpcConfig: VpcConfig?
    /// Pending | Active | Inactive | Failed | Deactivating | Deactivated | ActiveNonInvocable | Deleting.
    public var state: String?
    public var stateReason: String?
    public var stateReasonCode: String?
    /// Successful | Failed | InProgress.
    public var lastUpdateStatus: String?
    public var lastUpdateStatusReason: String?
    public var lastUpdateStatusReasonCode: String?
    public var packageType: String?
    public var architectures: [String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case functionName = "FunctionName"
        case functionArn = "FunctionArn"
        case runtime = "Runtime"
        case role = "Role"
        case handler = "Handler"
        case timeout = "Timeout"
        case memorySize = "MemorySize"
        case lastModified = "LastModified"
        case version = "Version"
        case vpcConfig = "VpcConfig"
        case state = "State"
        case stateReason = "StateReason"
        case stateReasonCode = "StateReasonCode"
        case lastUpdateStatus = "LastUpdateStatus"
        case lastUpdateStatusReason = "LastUpdateStatusReason"
        case lastUpdateStatusReasonCode = "LastUpdateStatusReasonCode"
        case packageType = "PackageType"
        case architectures = "Architectures"
    }

    /// `VpcConfigResponse`.
    public struct VpcConfig: Codable, Sendable, Equatable {
        public var subnetIds: [String]?
        public var securityGroupIds: [String]?
        public var vpcId: String?
        public var ipv6AllowedForDualStack: Bool?
        enum CodingKeys: String, CodingKey {
            case subnetIds = "SubnetIds"
            case securityGroupIds = "SecurityGroupIds"
            case vpcId = "VpcId"
            case ipv6AllowedForDualStack = "Ipv6AllowedForDualStack"
        }
    }
}
