/// `aws iam get-role` output: `{"Role": …}`.
public struct GetRoleOutput: Codable, Sendable, Equatable {
    /// `Role`: the role; `nil` when the output lacks it.
    public var role: Role?
    enum CodingKeys: String, CodingKey { case role = "Role" }
}

/// An IAM role. The trust policy stays raw JSON: IAM returns it URL-encoded, the AWS CLI prints it decoded
/// as an object, and the IAM area owns policy documents.
public struct Role: Codable, Sendable, Equatable {
    /// `Path`: the role's path, e.g. `/service-role/`, which is part of its ARN.
    public var path: String?
    /// `RoleName`: the role's name, as the last segment of the function's execution role ARN.
    public var roleName: String?
    /// `RoleId`: the role's stable unique id (`AROA…`).
    public var roleId: String?
    /// `Arn`: the role's ARN, which the function's `Role` names.
    public var arn: String?
    /// `CreateDate`: when the role was created.
    public var createDate: AWSTimestamp?
    /// `AssumeRolePolicyDocument`: the trust policy, which must let `lambda.amazonaws.com` assume the role.
    public var assumeRolePolicyDocument: JSONValue?
    /// `Description`: the role's description.
    public var description: String?
    /// `MaxSessionDuration`: the longest session, in seconds, that assuming the role can give.
    public var maxSessionDuration: Int?
    /// `PermissionsBoundary`: the managed policy that caps what the role's own policies can allow.
    public var permissionsBoundary: AttachedPermissionsBoundary?

    enum CodingKeys: String, CodingKey {
        case path = "Path"
        case roleName = "RoleName"
        case roleId = "RoleId"
        case arn = "Arn"
        case createDate = "CreateDate"
        case assumeRolePolicyDocument = "AssumeRolePolicyDocument"
        case description = "Description"
        case maxSessionDuration = "MaxSessionDuration"
        case permissionsBoundary = "PermissionsBoundary"
    }

    /// `PermissionsBoundary` of a role: the policy that sets the most the role may do.
    public struct AttachedPermissionsBoundary: Codable, Sendable, Equatable {
        /// `PermissionsBoundaryType`: `Policy`, the only type IAM has.
        public var permissionsBoundaryType: String?
        /// `PermissionsBoundaryArn`: the managed policy used as the boundary.
        public var permissionsBoundaryArn: String?
        enum CodingKeys: String, CodingKey {
            case permissionsBoundaryType = "PermissionsBoundaryType"
            case permissionsBoundaryArn = "PermissionsBoundaryArn"
        }
    }
}

/// `aws kms describe-key` output: `{"KeyMetadata": …}`.
public struct DescribeKeyOutput: Codable, Sendable, Equatable {
    /// `KeyMetadata`: the key; `nil` when the output lacks it.
    public var keyMetadata: KeyMetadata?
    enum CodingKeys: String, CodingKey { case keyMetadata = "KeyMetadata" }

    /// `KeyMetadata`: the KMS key that encrypts a secret or the mapping's filter criteria
    /// (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).
    public struct KeyMetadata: Codable, Sendable, Equatable {
        /// `KeyId`: the key's id, a UUID.
        public var keyId: String?
        /// `Arn`: the key's ARN, which key policies and IAM policies name.
        public var arn: String?
        /// `AWS` (an AWS-managed key such as `aws/secretsmanager`) | `CUSTOMER`.
        public var keyManager: String?
        /// `KeySpec`: e.g. `SYMMETRIC_DEFAULT`.
        public var keySpec: String?
        /// `KeyState`: e.g. `Enabled`, `Disabled` or `PendingDeletion`; only an enabled key can decrypt.
        public var keyState: String?
        /// `KeyUsage`: e.g. `ENCRYPT_DECRYPT`.
        public var keyUsage: String?
        /// `Description`: the key's description.
        public var description: String?
        enum CodingKeys: String, CodingKey {
            case keyId = "KeyId"
            case arn = "Arn"
            case keyManager = "KeyManager"
            case keySpec = "KeySpec"
            case keyState = "KeyState"
            case keyUsage = "KeyUsage"
            case description = "Description"
        }
    }
}

/// `aws secretsmanager describe-secret` output: the members the checks read.
public struct DescribeSecretOutput: Codable, Sendable, Equatable {
    /// `ARN`: the secret's ARN, which the mapping's `SourceAccessConfigurations` name.
    public var arn: String?
    /// `Name`: the secret's name; MSK SASL/SCRAM secrets must start with `AmazonMSK_`.
    public var name: String?
    /// `KmsKeyId`: the KMS key that encrypts the secret; absent for the AWS managed key `aws/secretsmanager`.
    public var kmsKeyId: String?
    /// `LastChangedDate`: when the secret was last changed.
    public var lastChangedDate: AWSTimestamp?
    /// `CreatedDate`: when the secret was created.
    public var createdDate: AWSTimestamp?
    /// `PrimaryRegion`: the region of the primary secret when this one is a replica.
    public var primaryRegion: String?
    enum CodingKeys: String, CodingKey {
        case arn = "ARN"
        case name = "Name"
        case kmsKeyId = "KmsKeyId"
        case lastChangedDate = "LastChangedDate"
        case createdDate = "CreatedDate"
        case primaryRegion = "PrimaryRegion"
    }
}

/// One entry of the snapshot's `Secrets` map (docs/snapshot.md#members).
public struct SnapshotSecret: Codable, Sendable, Equatable {
    /// `Describe`: the `aws secretsmanager describe-secret` output for the secret.
    public var describe: DescribeSecretOutput?
    /// Present only in snapshots written with `--include-secrets`; never printed by the doctor.
    public var secretString: String?
    /// The `secret validate --output json` document for the value.
    public var analysis: CheckReport<SecretSummary>?
    enum CodingKeys: String, CodingKey {
        case describe = "Describe"
        case secretString = "SecretString"
        case analysis = "Analysis"
    }
}

/// `aws cloudwatch get-metric-data` output.
public struct GetMetricDataOutput: Codable, Sendable, Equatable {
    /// `MetricDataResults`: one result per metric query.
    public var metricDataResults: [MetricDataResult]?
    enum CodingKeys: String, CodingKey { case metricDataResults = "MetricDataResults" }

    /// One result of a metric query (`MetricDataResult`).
    public struct MetricDataResult: Codable, Sendable, Equatable {
        /// `Id`: the query's id, as the request named it.
        public var id: String?
        /// `Label`: the metric's label, e.g. `OffsetLag`.
        public var label: String?
        /// `Timestamps`: the instants of the data points, newest first by default.
        public var timestamps: [AWSTimestamp]?
        /// `Values`: the data points, in the order of `timestamps`.
        public var values: [Double]?
        /// Complete | InternalError | PartialData | Forbidden.
        public var statusCode: String?
        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case label = "Label"
            case timestamps = "Timestamps"
            case values = "Values"
            case statusCode = "StatusCode"
        }
    }
}

/// The snapshot's `Metrics` part.
public struct SnapshotMetrics: Codable, Sendable, Equatable {
    /// `OffsetLag`: the mapping's `OffsetLag` metric, how far the consumer is behind the newest record.
    public var offsetLag: GetMetricDataOutput?
    enum CodingKeys: String, CodingKey { case offsetLag = "OffsetLag" }
}
