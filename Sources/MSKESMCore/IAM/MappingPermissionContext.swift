/// Everything the IAM checks need to know about one event source mapping, as plain values, so that the
/// checks run from a Snapshot, from flags, or from another program alike.
public struct MappingPermissionContext: Sendable, Equatable {
    /// The Region of the mapping, for the ARNs of resources the role needs (log groups, …).
    public var region: String
    /// The AWS account ID of the mapping, for the same ARNs.
    public var account: String
    /// The execution role's name, for the `aws iam put-role-policy` fixes (a placeholder when nil).
    public var roleName: String?
    /// The role's identity policies, inline and attached, each named.
    public var identityPolicies: [PolicyDocument]
    /// The role's permissions boundary; nil when none is attached.
    public var permissionsBoundary: PolicyDocument?
    /// The role's trust policy (`AssumeRolePolicyDocument`); nil when it could not be read (IAM004 skipped).
    public var trustPolicy: PolicyDocument?
    /// The mapping's UUID: the consumer group when no custom id is set.
    public var mappingUUID: String
    /// The custom consumer group id; nil means the group is the mapping's UUID (docs/aws-facts.md#consumer-group).
    public var consumerGroupId: String?
    /// The MSK cluster ARN, `arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>`; nil for self-managed Kafka.
    public var clusterArn: String?
    /// MSK Serverless needs `kafka:DescribeClusterV2` (DescribeCluster does not do).
    public var clusterIsServerless: Bool
    /// The topic the mapping reads, for the IAM-auth data-plane actions on the topic.
    public var topic: String
    /// How Lambda authenticates to the brokers; decides which data-plane, secret and token permissions are needed.
    public var authMethod: AuthMethod?
    /// The Secrets Manager ARNs of SourceAccessConfigurations (auth and root CA).
    public var secretArns: [String]
    /// The customer-managed KMS keys of those secrets (AWS-managed keys need no grant).
    public var secretKmsKeyArns: [String]
    /// `DestinationConfig.OnFailure.Destination`: an SQS, SNS or S3 ARN, or `kafka://<topic>`.
    public var onFailureDestination: String?
    /// Self-managed Kafka in a VPC (VPC_SUBNET / VPC_SECURITY_GROUP given): the ENI actions are needed.
    public var usesVpcAccessConfigs: Bool
    /// The function's name, to scope the logs permissions to its log group.
    public var functionName: String?
    /// The mapping's EventSourceArn when it is a multi-VPC (cross-account) VPC connection: the role then needs
    /// `kafka:DescribeVpcConnection` on it (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html).
    public var vpcConnectionArn: String?
    /// The mapping's AWS Glue schema registry, whose schemas Lambda reads with the execution role
    /// (https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html); nil for none.
    public var glueRegistry: GlueRegistryARN?

    /// A context with every fact given; what is not known stays nil, false or empty.
    public init(
        region: String, account: String, roleName: String? = nil, identityPolicies: [PolicyDocument],
        permissionsBoundary: PolicyDocument? = nil, trustPolicy: PolicyDocument? = nil, mappingUUID: String,
        consumerGroupId: String? = nil, clusterArn: String? = nil, clusterIsServerless: Bool = false, topic: String,
        authMethod: AuthMethod? = nil, secretArns: [String] = [], secretKmsKeyArns: [String] = [],
        onFailureDestination: String? = nil, usesVpcAccessConfigs: Bool = false, functionName: String? = nil,
        vpcConnectionArn: String? = nil, glueRegistry: GlueRegistryARN? = nil
    ) {
        self.region = region
        self.account = account
        self.roleName = roleName
        self.identityPolicies = identityPolicies
        self.permissionsBoundary = permissionsBoundary
        self.trustPolicy = trustPolicy
        self.mappingUUID = mappingUUID
        self.consumerGroupId = consumerGroupId
        self.clusterArn = clusterArn
        self.clusterIsServerless = clusterIsServerless
        self.topic = topic
        self.authMethod = authMethod
        self.secretArns = secretArns
        self.secretKmsKeyArns = secretKmsKeyArns
        self.onFailureDestination = onFailureDestination
        self.usesVpcAccessConfigs = usesVpcAccessConfigs
        self.functionName = functionName
        self.vpcConnectionArn = vpcConnectionArn
        self.glueRegistry = glueRegistry
    }

    /// The consumer group Lambda joins: the custom id, else the mapping's UUID (docs/aws-facts.md#consumer-group).
    public var consumerGroup: String { consumerGroupId.flatMap { $0.isEmpty ? nil : $0 } ?? mappingUUID }
}

/// The parts of an MSK cluster ARN, and the topic and group ARNs derived from it
/// (docs/aws-facts.md#iam-authentication-data-plane,
/// https://docs.aws.amazon.com/msk/latest/developerguide/iam-access-control.html#msk-iam-resources).
public struct MSKClusterARN: Sendable, Equatable {
    /// The partition, e.g. `aws` or `aws-cn`.
    public var partition: String
    /// The cluster's Region.
    public var region: String
    /// The cluster's account ID.
    public var account: String
    /// The cluster's name.
    public var clusterName: String
    /// The cluster's UUID, the last part of its ARN.
    public var clusterUUID: String

    /// Parses `arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>`; nil for anything else.
    public init?(_ arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "kafka" else { return nil }
        let path = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard path.count == 3, path[0] == "cluster", !path[1].isEmpty, !path[2].isEmpty else { return nil }
        partition = String(parts[1])
        region = String(parts[3])
        account = String(parts[4])
        clusterName = String(path[1])
        clusterUUID = String(path[2])
    }

    private var prefix: String { "arn:\(partition):kafka:\(region):\(account)" }
    /// The cluster ARN, rebuilt from its parts.
    public var clusterArn: String { "\(prefix):cluster/\(clusterName)/\(clusterUUID)" }
    /// The ARN of `topic` in this cluster, the resource of the `kafka-cluster` topic actions.
    public func topicArn(_ topic: String) -> String { "\(prefix):topic/\(clusterName)/\(clusterUUID)/\(topic)" }
    /// The ARN of consumer group `group` in this cluster, the resource of the `kafka-cluster` group actions.
    public func groupArn(_ group: String) -> String { "\(prefix):group/\(clusterName)/\(clusterUUID)/\(group)" }
}

/// ARN syntax as IAM takes it in `Resource`: `arn:partition:service:region:account:resource`, region and
/// account may be empty (S3, IAM); `*` stands for any resource.
public enum ARNSyntax {
    /// Whether `text` is `*` or an ARN with a partition, a service and a resource, without whitespace.
    public static func isWellFormed(_ text: String) -> Bool {
        if text == "*" { return true }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty, !parts[5].isEmpty else {
            return false
        }
        return !text.contains(where: { $0.isWhitespace })
    }
}
