/// Everything the network checks read, as plain typed values, so that `network check` (files), `doctor`
/// (a Snapshot) and other programs can all call `NetworkAnalyzer`. Each AWS output is optional: a check whose
/// input is missing reports `skipped` with the reason.
public struct NetworkInputs: Sendable {
    /// `aws ec2 describe-security-groups` covering the mapping's groups (and the endpoints' groups).
    public var securityGroups: DescribeSecurityGroupsResponse?
    /// `aws ec2 describe-subnets` covering the mapping's subnets.
    public var subnets: DescribeSubnetsResponse?
    /// `aws ec2 describe-route-tables` for the VPC (explicit associations and the main table).
    public var routeTables: DescribeRouteTablesResponse?
    /// `aws ec2 describe-nat-gateways` for the VPC.
    public var natGateways: DescribeNatGatewaysResponse?
    /// `aws ec2 describe-vpc-endpoints` for the VPC.
    public var vpcEndpoints: DescribeVpcEndpointsResponse?

    /// The mapping's security groups: for MSK the cluster's groups, for self-managed Kafka `VPC_SECURITY_GROUP`.
    public var mappingGroupIds: [String]
    /// The groups on the brokers' interfaces, when they differ from the mapping's (self-managed Kafka in the
    /// same VPC). Nil means the brokers carry the mapping's groups, as MSK brokers do; then the brokers'
    /// addresses are also taken to lie in the mapping's subnets.
    public var brokerGroupIds: [String]?
    /// The mapping's subnets: for MSK the cluster's client subnets, for self-managed Kafka `VPC_SUBNET`.
    public var mappingSubnetIds: [String]
    /// The broker port(s) the mapping connects to (e.g. 9098 for IAM on MSK).
    public var brokerPorts: [Int]
    /// The region, for endpoint service names `com.amazonaws.<region>.<service>`.
    public var region: String
    /// Whether the mapping reads a secret from Secrets Manager (NET005, NET010).
    public var usesSecretsManager: Bool
    /// The secret's ARN, when known: the resource NET010 evaluates endpoint policies against.
    public var secretArn: String?
    /// `DestinationConfig.OnFailure.Destination`: an SQS, SNS or S3 ARN, or `kafka://topic` (NET008).
    public var onFailureDestination: String?
    /// Provisioned mode (`ProvisionedPollerConfig` set): the Lambda/STS path may not be needed
    /// (docs/aws-facts.md#reaching-aws-services, unverified), so NET004 warns instead of failing.
    public var provisionedMode: Bool
    /// The execution role's ARN, when known (NET010: the caller of secretsmanager:GetSecretValue, and the
    /// resource of sts:AssumeRole).
    public var executionRoleArn: String?
    /// The function's ARN, when known (NET010: the resource of lambda:InvokeFunction).
    public var functionArn: String?

    /// Inputs with the mapping's groups, subnets, ports and Region; every AWS output not given is nil, and the
    /// checks that need it report `skipped`.
    public init(
        securityGroups: DescribeSecurityGroupsResponse? = nil, subnets: DescribeSubnetsResponse? = nil,
        routeTables: DescribeRouteTablesResponse? = nil, natGateways: DescribeNatGatewaysResponse? = nil,
        vpcEndpoints: DescribeVpcEndpointsResponse? = nil, mappingGroupIds: [String],
        brokerGroupIds: [String]? = nil, mappingSubnetIds: [String], brokerPorts: [Int], region: String,
        usesSecretsManager: Bool = false, secretArn: String? = nil, onFailureDestination: String? = nil,
        provisionedMode: Bool = false, executionRoleArn: String? = nil, functionArn: String? = nil
    ) {
        self.securityGroups = securityGroups
        self.subnets = subnets
        self.routeTables = routeTables
        self.natGateways = natGateways
        self.vpcEndpoints = vpcEndpoints
        self.mappingGroupIds = mappingGroupIds
        self.brokerGroupIds = brokerGroupIds
        self.mappingSubnetIds = mappingSubnetIds
        self.brokerPorts = brokerPorts
        self.region = region
        self.usesSecretsManager = usesSecretsManager || secretArn != nil
        self.secretArn = secretArn
        self.onFailureDestination = onFailureDestination
        self.provisionedMode = provisionedMode
        self.executionRoleArn = executionRoleArn
        self.functionArn = functionArn
    }
}
