/// `aws iam get-role` output: `{"Role": …}`.
public struct GetRoleOutput: Codable, Sendable, Equatable {
    public var role: Role?
    enum CodingKeys: String, CodingKey { case role = "Role" }
}

/// An IAM role. The trust policy stays raw JSON: IAM returns it URL-encoded, the AWS CLI prints it decoded
/// as an object, and the IAM area owns policy documents.
public struct Role: Codable, Sendable, Equatable {
    public var path: String?
    public var roleName: String?
    public var roleId: String?
    public var arn: String?
    public var createDate: AWSTimestamp?
    public var assumeRolePolicyDocument: JSONValue?
    public var description: String?
    public var maxSessionDuration: Int?
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

    public struct AttachedPermissionsBoundary: Codable, Sendable, Equatable {
        public var permissionsBoundaryType: String?
        public var permissionsBoundaryArn: String?
        enum CodingKeys: String, CodingKey {
            case permissionsBoundaryType = "PermissionsBoundaryType"
            case permissionsBoundaryArn = "PermissionsBoundaryArn"
        }
    }
}

/// `aws kms describe-key` output: `{"KeyMetadata": …}`.
public struct DescribeKeyOutput: Codable, Sendable, Equatable {
    public var keyMetadata: KeyMetadata?
    enum CodingKeys: String, CodingKey { case keyMetadata = "KeyMetadata" }

    public struct KeyMetadata: Codable, Sendable, Equatable {
        public var keyId: String?
        public var arn: String?
        /// `AWS` (an AWS-managed key such as `aws/secretsmanager`) | `CUSTOMER`.
        public var keyManager: String?
        public var keySpec: String?
        public var keyState: String?
        public var keyUsage: String?
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
    public var arn: String?
    public var name: String?
    public var kmsKeyId: String?
    public var lastChangedDate: AWSTimestamp?
    public var createdDate: AWSTimestamp?
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
    public var metricDataResults: [MetricDataResult]?
    enum CodingKeys: String, CodingKey { case metricDataResults = "MetricDataResults" }

    public struct MetricDataResult: Codable, Sendable, Equatable {
        public var id: String?
        public var label: String?
        public var timestamps: [AWSTimestamp]?
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
    public var offsetLag: GetMetricDataOutput?
    enum CodingKeys: String, CodingKey { case offsetLag = "OffsetLag" }
}
