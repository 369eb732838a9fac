/// One permission an event source mapping's execution role needs.
public struct RequiredPermission: Sendable, Equatable {
    /// Why the mapping needs it; decides the finding code when it is missing.
    public enum Purpose: String, Codable, Sendable, Equatable, CaseIterable {
        /// kafka:DescribeCluster(V2), kafka:GetBootstrapBrokers (IAM001).
        case cluster
        /// The ec2 network-interface actions (IAM001).
        case network
        /// The function's logs (IAM001).
        case logs
        /// kafka-cluster actions on the cluster and the topic, for IAM auth (IAM001).
        case dataPlane
        /// kafka-cluster actions on the consumer group (IAM005).
        case consumerGroup
        /// secretsmanager:GetSecretValue (IAM001).
        case secret
        /// kms:Decrypt for a secret's customer-managed key (IAM006).
        case secretKey
        /// The on-failure destination (IAM007).
        case onFailureDestination
        /// sts:GetWebIdentityToken for IAM_OAUTHBEARER_AUTH (IAM009, a warning: see ``MappingPermissions``).
        case webIdentityToken
        /// glue:GetRegistry and glue:GetSchemaVersion for the mapping's Glue schema registry (REG005).
        case schemaRegistry

        /// The finding code a missing permission of this purpose is reported under.
        public var code: FindingCode {
            switch self {
            case .consumerGroup: .iam005
            case .secretKey: .iam006
            case .onFailureDestination: .iam007
            case .webIdentityToken: .iam009
            case .schemaRegistry: .reg005
            default: .iam001
            }
        }
    }

    /// The actions; any one of them suffices (kafka:DescribeClusterV2 or kafka:DescribeCluster). The first
    /// is the one a suggestion grants.
    public var actions: [String]
    /// The resource ARN the actions must be allowed on (`*` for the network-interface actions).
    public var resource: String
    /// What the mapping needs it for.
    public var purpose: Purpose
    /// Why, for the finding's detail.
    public var reason: String

    /// A permission needing any one of `actions` on `resource`.
    public init(actions: [String], resource: String, purpose: Purpose, reason: String) {
        self.actions = actions
        self.resource = resource
        self.purpose = purpose
        self.reason = reason
    }
}

/// Derives every permission a mapping needs from its context (docs/aws-facts.md#permissions-of-the-execution-role,
/// docs/aws-facts.md#on-failure-destinations).
public enum MappingPermissions {
    /// The ec2 actions of AWSLambdaMSKExecutionRole; they take no resource-level scoping, hence `*`.
    public static let networkInterfaceActions = [
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
        "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
    ]
    /// The CloudWatch Logs actions the function's logs need.
    public static let logActions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]

    /// Every permission the mapping described by `context` needs, each (actions, resource) pair once.
    public static func required(for context: MappingPermissionContext) -> [RequiredPermission] {
        var result: [RequiredPermission] = []
        func add(_ actions: [String], _ resource: String, _ purpose: RequiredPermission.Purpose, _ reason: String) {
            let permission = RequiredPermission(actions: actions, resource: resource, purpose: purpose, reason: reason)
            if !result.contains(where: { $0.actions == actions && $0.resource == resource }) {
                result.append(permission)
            }
        }
        let cluster = context.clusterArn.flatMap(MSKClusterARN.init)
        let partition = cluster?.partition ?? "aws"

        if let clusterArn = context.clusterArn {
            // https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html: one of DescribeCluster /
            // DescribeClusterV2; Serverless requires V2.
            let describe =
                context.clusterIsServerless
                ? ["kafka:DescribeClusterV2"] : ["kafka:DescribeClusterV2", "kafka:DescribeCluster"]
            add(
                describe, clusterArn, .cluster,
                context.clusterIsServerless
                    ? "Lambda reads an MSK Serverless cluster with DescribeClusterV2 (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
                    : "Lambda reads the cluster's settings with DescribeClusterV2 or DescribeCluster (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
            )
            add(
                ["kafka:GetBootstrapBrokers"], clusterArn, .cluster,
                "Lambda looks up the brokers (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)")
        }
        if let connection = context.vpcConnectionArn {
            add(
                ["kafka:DescribeVpcConnection"], connection, .cluster,
                "a cross-account mapping reads its multi-VPC connection (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
            )
        }
        if context.clusterArn != nil || context.usesVpcAccessConfigs {
            for action in networkInterfaceActions {
                add(
                    [action], "*", .network,
                    "Lambda creates network interfaces in the cluster's VPC (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
                )
            }
        }
        let logGroup =
            context.functionName.map {
                "arn:\(partition):logs:\(context.region):\(context.account):log-group:/aws/lambda/\($0):*"
            }
            ?? "arn:\(partition):logs:\(context.region):\(context.account):*"
        for action in logActions {
            add(
                [action], logGroup, .logs,
                "the function writes its logs (AWSLambdaMSKExecutionRole, https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
            )
        }
        if let cluster, context.authMethod == .iam {
            // docs/aws-facts.md#iam-authentication-data-plane: the IAM-auth data plane, on the cluster, topic and group
            // ARNs.
            let clusterArn = cluster.clusterArn
            add(
                ["kafka-cluster:Connect"], clusterArn, .dataPlane,
                "IAM auth: connect to the cluster (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
            )
            add(
                ["kafka-cluster:DescribeClusterDynamicConfiguration"], clusterArn, .dataPlane,
                "IAM auth: read the cluster's dynamic configuration (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
            )
            let topicArn = cluster.topicArn(context.topic)
            add(
                ["kafka-cluster:DescribeTopic"], topicArn, .dataPlane,
                "IAM auth: describe the topic (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)")
            add(
                ["kafka-cluster:ReadData"], topicArn, .dataPlane,
                "IAM auth: read the topic (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)")
            let groupArn = cluster.groupArn(context.consumerGroup)
            let groupReason =
                context.consumerGroupId == nil
                ? "IAM auth: the consumer group is the mapping's UUID \(context.mappingUUID) (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
                : "IAM auth: the consumer group is the custom id \(context.consumerGroup) (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
            add(["kafka-cluster:DescribeGroup"], groupArn, .consumerGroup, groupReason)
            add(["kafka-cluster:AlterGroup"], groupArn, .consumerGroup, groupReason)
        }
        if context.authMethod == .iamOAuthbearer {
            // botocore 1.44's Lambda model: "Lambda requests the token for your function's execution role". STS
            // issues AWS web identity tokens with GetWebIdentityToken, which takes no resource ARN. That Lambda
            // calls it with the role's own credentials (so the role's policies must allow it) is an inference the
            // sources checked do not state: a missing grant is IAM009, a warning.
            add(
                ["sts:GetWebIdentityToken"], "*", .webIdentityToken,
                "IAM_OAUTHBEARER_AUTH: Lambda requests an AWS web identity token for the execution role "
                    + "(https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html; "
                    + "the STS action is GetWebIdentityToken, https://docs.aws.amazon.com/STS/latest/APIReference/API_GetWebIdentityToken.html)"
            )
        }
        if let registry = context.glueRegistry {
            // The guide names both actions; GetSchemaVersion acts on the registry's schemas, whose ARNs are
            // schema/<registry>/<schema> (https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html).
            let guide = "https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html"
            add(
                ["glue:GetRegistry"], registry.arn, .schemaRegistry,
                "Lambda reads the Glue schema registry \(registry.name) (\(guide))")
            add(
                ["glue:GetSchemaVersion"], registry.schemasArn, .schemaRegistry,
                "Lambda reads the schema versions the records name from the registry \(registry.name) (\(guide))")
        }
        // The OAUTHBEARER_AUTH secret is among the secret ARNs: GetSecretValue and kms:Decrypt cover it too.
        for secret in context.secretArns {
            add(
                ["secretsmanager:GetSecretValue"], secret, .secret,
                "Lambda reads the mapping's secret (https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html)"
            )
        }
        for key in context.secretKmsKeyArns {
            add(
                ["kms:Decrypt"], key, .secretKey,
                "the secret is encrypted with this customer-managed KMS key (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html)"
            )
        }
        // A destination that is the source topic is rejected by Lambda (MAP013 says so); Lambda never writes
        // there, so asking for write access to it would be a fix for nothing.
        if let destination = context.onFailureDestination, !destination.isEmpty,
            destination != "kafka://" + context.topic
        {
            let reason =
                "the on-failure destination \(destination) (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html)"
            let parts = destination.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            if destination.hasPrefix("kafka://") {
                let topic = String(destination.dropFirst("kafka://".count))
                // kafka-cluster actions apply only where the cluster authorises with IAM.
                if let cluster, context.authMethod == .iam {
                    add(["kafka-cluster:Connect"], cluster.clusterArn, .onFailureDestination, reason)
                    add(["kafka-cluster:DescribeTopic"], cluster.topicArn(topic), .onFailureDestination, reason)
                    add(["kafka-cluster:WriteData"], cluster.topicArn(topic), .onFailureDestination, reason)
                }
            } else if parts.count == 6, parts[0] == "arn" {
                switch parts[2] {
                case "sqs": add(["sqs:SendMessage"], destination, .onFailureDestination, reason)
                case "sns": add(["sns:Publish"], destination, .onFailureDestination, reason)
                case "s3":
                    let bucket = parts[5].split(separator: "/").first.map(String.init) ?? String(parts[5])
                    let bucketArn = "arn:\(parts[1]):s3:::\(bucket)"
                    add(["s3:PutObject"], bucketArn + "/*", .onFailureDestination, reason)
                    add(["s3:ListBucket"], bucketArn, .onFailureDestination, reason)
                default: break
                }
            }
        }
        return result
    }
}
