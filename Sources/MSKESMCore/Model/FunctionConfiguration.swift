/// `aws lambda get-function-configuration` output (botocore `FunctionConfiguration`,
/// docs/aws-facts.md#kafka-specific-limits): the members the checks read. Unknown members are ignored.
public struct FunctionConfiguration: Codable, Sendable, Equatable {
    /// `FunctionName`: the function's name.
    public var functionName: String?
    /// `FunctionArn`: the function's ARN, with a version when one was asked for.
    public var functionArn: String?
    /// `Runtime`: e.g. `python3.13`; absent for container images.
    public var runtime: String?
    /// `Role`: the execution role ARN, whose policies must allow what the mapping needs.
    public var role: String?
    /// `Handler`: the function's entry point.
    public var handler: String?
    /// Seconds; model minimum 1, no model maximum (Kafka mappings need ≤ 840, docs/aws-facts.md#kafka-specific-limits).
    public var timeout: Int?
    /// `MemorySize`: the function's memory in MB.
    public var memorySize: Int?
    /// Lambda prints this one as a string (`2026-11-26T12:00:00.000+0000`), not as a timestamp.
    public var lastModified: String?
    /// `Version`: `$LATEST` or a published version number.
    public var version: String?
    /// `VpcConfig`: the function's own VPC settings, which an MSK mapping ignores (it uses the cluster's).
    public var vpcConfig: VpcConfig?
    /// Pending | Active | Inactive | Failed | Deactivating | Deactivated | ActiveNonInvocable | Deleting.
    public var state: String?
    /// `StateReason`: why the function is in its state, e.g. why it is `Failed`.
    public var stateReason: String?
    /// `StateReasonCode`: a code for `StateReason`, e.g. `SubnetOutOfIPAddresses`.
    public var stateReasonCode: String?
    /// Successful | Failed | InProgress.
    public var lastUpdateStatus: String?
    /// `LastUpdateStatusReason`: why the last update failed.
    public var lastUpdateStatusReason: String?
    /// `LastUpdateStatusReasonCode`: a code for `LastUpdateStatusReason`.
    public var lastUpdateStatusReasonCode: String?
    /// `PackageType`: `Zip` or `Image`.
    public var packageType: String?
    /// `Architectures`: `x86_64` or `arm64`.
    public var architectures: [String]?

    /// Creates an empty configuration; set the members a test needs.
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
        /// `SubnetIds`: the function's subnets.
        public var subnetIds: [String]?
        /// `SecurityGroupIds`: the function's security groups.
        public var securityGroupIds: [String]?
        /// `VpcId`: the function's VPC.
        public var vpcId: String?
        /// `Ipv6AllowedForDualStack`: whether the function may use IPv6 in dual-stack subnets.
        public var ipv6AllowedForDualStack: Bool?
        enum CodingKeys: String, CodingKey {
            case subnetIds = "SubnetIds"
            case securityGroupIds = "SecurityGroupIds"
            case vpcId = "VpcId"
            case ipv6AllowedForDualStack = "Ipv6AllowedForDualStack"
        }
    }
}
