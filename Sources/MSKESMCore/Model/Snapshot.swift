import Foundation

/// The document the doctor reads (docs/snapshot.md): every part is exactly what the AWS CLI prints for one call
/// (`--output json`). Only `SnapshotVersion` (must be 1) and `EventSourceMapping` are required; a missing part
/// makes the checks that need it `skipped`.
///
/// Parts that other areas interpret (IAM policies, EC2 network descriptions) are kept as raw `JSONValue` and
/// decoded on demand with ``decodePart(_:as:)``, which names this file and the JSON path on error.
public struct Snapshot: Codable, Sendable, Equatable {
    /// The only version this build reads.
    public static let currentVersion = 1

    /// `SnapshotVersion`: the document's format version; it must be ``currentVersion``.
    public var snapshotVersion: Int
    /// `Region`: the region the mapping was read in; without it the client's configuration decides.
    public var region: String?
    /// `CapturedAt`: when the snapshot was taken; informational, since the checks judge dates at the current time or
    /// at `--at TIME`.
    public var capturedAt: AWSTimestamp?
    /// `aws lambda get-event-source-mapping`.
    public var eventSourceMapping: EventSourceMappingConfiguration
    /// `aws lambda get-function-configuration`.
    public var function: FunctionConfiguration?
    /// `aws kafka describe-cluster-v2` (the whole output, `{"ClusterInfo": …}`).
    public var cluster: DescribeClusterV2Output?
    /// `aws kafka get-bootstrap-brokers`.
    public var bootstrapBrokers: BootstrapBrokers?
    /// `aws iam get-role` (`{"Role": …}`).
    public var role: GetRoleOutput?
    /// `[{"PolicyName", "PolicyArn" (managed only), "PolicyDocument"}]` — raw; the IAM area decodes it.
    public var rolePolicies: JSONValue?
    /// `{"PolicyDocument": …}` — raw; the IAM area decodes it.
    public var permissionsBoundary: JSONValue?
    /// `aws ec2 describe-security-groups` — raw; the network area decodes it.
    public var securityGroups: JSONValue?
    /// `aws ec2 describe-subnets` — raw.
    public var subnets: JSONValue?
    /// `aws ec2 describe-route-tables` — raw.
    public var routeTables: JSONValue?
    /// `aws ec2 describe-nat-gateways` — raw.
    public var natGateways: JSONValue?
    /// `aws ec2 describe-vpc-endpoints` — raw.
    public var vpcEndpoints: JSONValue?
    /// `aws kafka describe-vpc-connection` (cross-account mappings only).
    public var vpcConnection: VpcConnection?
    /// `aws kafka list-scram-secrets`.
    public var scramSecrets: ScramSecretList?
    /// `aws kms describe-key`, by key ARN.
    public var kmsKeys: [String: DescribeKeyOutput]?
    /// By secret ARN: `Describe`, `SecretString` (only with `--include-secrets`), `Analysis`.
    public var secrets: [String: SnapshotSecret]?
    /// `{"OffsetLag": <aws cloudwatch get-metric-data>}`.
    public var metrics: SnapshotMetrics?
    /// The window and the series of the metrics read (the mapping's own, per `MetricsConfig`, and the function's
    /// `OffsetLag`), each with its exact dimension set (``SnapshotMetricData``).
    public var metricData: SnapshotMetricData?
    /// By topic name, `aws kafka describe-topic` of each of the mapping's topics (MSK Provisioned clusters only,
    /// ``TopicReadSupport``).
    public var topics: [String: DescribeTopicOutput]?
    /// `"<service>.<Operation>": "why that part could not be read"`, e.g. `"iam.GetRole": "AccessDenied …"`.
    public var errors: [String: String]?

    /// Where the snapshot came from (a path, `standard input`), for error messages; not part of the JSON.
    public var source: String = "snapshot"

    /// Creates a snapshot that holds only the event source mapping, the one required part besides the version.
    public init(eventSourceMapping: EventSourceMappingConfiguration, source: String = "snapshot") {
        self.snapshotVersion = Snapshot.currentVersion
        self.eventSourceMapping = eventSourceMapping
        self.source = source
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case snapshotVersion = "SnapshotVersion"
        case region = "Region"
        case capturedAt = "CapturedAt"
        case eventSourceMapping = "EventSourceMapping"
        case function = "Function"
        case cluster = "Cluster"
        case bootstrapBrokers = "BootstrapBrokers"
        case role = "Role"
        case rolePolicies = "RolePolicies"
        case permissionsBoundary = "PermissionsBoundary"
        case securityGroups = "SecurityGroups"
        case subnets = "Subnets"
        case routeTables = "RouteTables"
        case natGateways = "NatGateways"
        case vpcEndpoints = "VpcEndpoints"
        case vpcConnection = "VpcConnection"
        case scramSecrets = "ScramSecrets"
        case kmsKeys = "KmsKeys"
        case secrets = "Secrets"
        case metrics = "Metrics"
        case metricData = "MetricData"
        case topics = "Topics"
        case errors = "Errors"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // The version first, so a document of another version fails on that, not on a part it reshaped.
        snapshotVersion = try container.decode(Int.self, forKey: .snapshotVersion)
        guard snapshotVersion == Snapshot.currentVersion else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [CodingKeys.snapshotVersion],
                    debugDescription: "version \(snapshotVersion) is not supported; this msk-esm reads version 1"))
        }
        region = try container.decodeIfPresent(String.self, forKey: .region)
        capturedAt = try container.decodeIfPresent(AWSTimestamp.self, forKey: .capturedAt)
        eventSourceMapping = try container.decode(EventSourceMappingConfiguration.self, forKey: .eventSourceMapping)
        function = try container.decodeIfPresent(FunctionConfiguration.self, forKey: .function)
        cluster = try container.decodeIfPresent(DescribeClusterV2Output.self, forKey: .cluster)
        bootstrapBrokers = try container.decodeIfPresent(BootstrapBrokers.self, forKey: .bootstrapBrokers)
        role = try container.decodeIfPresent(GetRoleOutput.self, forKey: .role)
        rolePolicies = try Snapshot.raw(container, .rolePolicies)
        permissionsBoundary = try Snapshot.raw(container, .permissionsBoundary)
        securityGroups = try Snapshot.raw(container, .securityGroups)
        subnets = try Snapshot.raw(container, .subnets)
        routeTables = try Snapshot.raw(container, .routeTables)
        natGateways = try Snapshot.raw(container, .natGateways)
        vpcEndpoints = try Snapshot.raw(container, .vpcEndpoints)
        vpcConnection = try container.decodeIfPresent(VpcConnection.self, forKey: .vpcConnection)
        scramSecrets = try container.decodeIfPresent(ScramSecretList.self, forKey: .scramSecrets)
        kmsKeys = try container.decodeIfPresent([String: DescribeKeyOutput].self, forKey: .kmsKeys)
        secrets = try container.decodeIfPresent([String: SnapshotSecret].self, forKey: .secrets)
        metrics = try container.decodeIfPresent(SnapshotMetrics.self, forKey: .metrics)
        metricData = try container.decodeIfPresent(SnapshotMetricData.self, forKey: .metricData)
        topics = try container.decodeIfPresent([String: DescribeTopicOutput].self, forKey: .topics)
        errors = try container.decodeIfPresent([String: String].self, forKey: .errors)
    }

    /// A raw part; JSON `null` counts as missing.
    private static func raw(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> JSONValue? {
        let value = try container.decodeIfPresent(JSONValue.self, forKey: key)
        return value == .null ? nil : value
    }

    // MARK: Reading

    /// Reads and decodes a snapshot file (`-` for standard input). Fails with a one-line `ToolError`
    /// (exit 2) naming the file and the JSON path for input over 1 MiB, not JSON, of another version, or with
    /// a wrongly typed member. `checkingRawParts: false` is for a caller that hands the snapshot straight to
    /// ``Doctor/run(_:at:)``, which checks the raw parts itself before any check and keeps what it decoded.
    public static func load(path: String, checkingRawParts: Bool = true) throws -> Snapshot {
        let data = try InputReader.data(from: path, label: "--snapshot")
        return try decode(data, source: path == "-" ? "standard input" : path, checkingRawParts: checkingRawParts)
    }

    /// Decodes a snapshot document; `source` names it in errors.
    /// A snapshot is checked whole here, so that every command that reads one refuses the same files: text
    /// that is not UTF-8, a key repeated in an object, and a raw part of the wrong type (decoded now as the
    /// checks that need it would, not only by the command whose checks happen to run; see ``load(path:checkingRawParts:)``).
    public static func decode(_ data: Data, source: String, checkingRawParts: Bool = true) throws -> Snapshot {
        let expected = "a msk-esm snapshot (SnapshotVersion 1)"
        let document = try JSONParser.parseDocument(
            data, source: source, fix: "give \(expected) as JSON (--output json)")
        let snapshot = try decode(document, source: source)
        if checkingRawParts { try snapshot.checkRawParts() }
        return snapshot
    }

    /// Decodes a snapshot document already parsed (one assembled from live parts).
    public static func decode(_ document: JSONValue, source: String) throws -> Snapshot {
        let expected = "a msk-esm snapshot (SnapshotVersion 1)"
        var snapshot: Snapshot
        do {
            snapshot = try JSONValueDecoder().decode(Snapshot.self, from: document)
        } catch let error as DecodingError {
            throw JSONPath.toolError(error, source: source, expected: expected)
        }
        snapshot.source = source
        return snapshot
    }

    /// Decodes one raw part on demand (e.g. `.securityGroups` as the network area's
    /// `DescribeSecurityGroupsOutput`). Returns nil when the part is missing. A part that does not decode is
    /// a `ToolError` naming the file and the path, e.g. `SecurityGroups.SecurityGroups[2].IpPermissions`.
    public func decodePart<T: Decodable>(_ part: SnapshotPart, as type: T.Type) throws -> T? {
        guard let value = rawPart(part) else { return nil }
        do {
            return try JSONValueDecoder().decode(type, from: value)
        } catch let error as DecodingError {
            throw JSONPath.toolError(
                error, source: source, prefix: part.key, expected: "\(part.key) as `\(part.awsCommand)` prints it")
        }
    }

    /// A part as JSON, whether typed or raw; nil when missing.
    public func rawPart(_ part: SnapshotPart) -> JSONValue? {
        switch part {
        case .rolePolicies: return rolePolicies
        case .permissionsBoundary: return permissionsBoundary
        case .securityGroups: return securityGroups
        case .subnets: return subnets
        case .routeTables: return routeTables
        case .natGateways: return natGateways
        case .vpcEndpoints: return vpcEndpoints
        default:
            guard isPresent(part) else { return nil }
            return try? JSONValue(encoding: TypedPartBox(snapshot: self, part: part))
        }
    }

    /// Whether a part is in the snapshot.
    public func isPresent(_ part: SnapshotPart) -> Bool {
        switch part {
        case .eventSourceMapping: true
        case .function: function != nil
        case .cluster: cluster?.clusterInfo != nil
        case .bootstrapBrokers: bootstrapBrokers != nil
        case .role: role?.role != nil
        case .rolePolicies: rolePolicies != nil
        case .permissionsBoundary: permissionsBoundary != nil
        case .securityGroups: securityGroups != nil
        case .subnets: subnets != nil
        case .routeTables: routeTables != nil
        case .natGateways: natGateways != nil
        case .vpcEndpoints: vpcEndpoints != nil
        case .vpcConnection: vpcConnection != nil
        case .scramSecrets: scramSecrets != nil
        case .kmsKeys: kmsKeys != nil
        case .secrets: secrets != nil
        case .metrics: metrics?.offsetLag != nil
        case .metricData: metricData != nil
        case .topics: topics != nil
        }
    }

    /// The `Errors` entries that explain why a part is missing (`"iam.GetRole": "AccessDenied …"`).
    public func errors(for part: SnapshotPart) -> [(call: String, message: String)] {
        (errors ?? [:]).filter { part.calls.contains($0.key) }.sorted { $0.key < $1.key }
            .map { (call: $0.key, message: $0.value) }
    }
}

/// Encodes one typed part of a snapshot, for ``Snapshot/rawPart(_:)``.
private struct TypedPartBox: Encodable {
    let snapshot: Snapshot
    let part: SnapshotPart

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch part {
        case .eventSourceMapping: try container.encode(snapshot.eventSourceMapping)
        case .function: try container.encode(snapshot.function)
        case .cluster: try container.encode(snapshot.cluster)
        case .bootstrapBrokers: try container.encode(snapshot.bootstrapBrokers)
        case .role: try container.encode(snapshot.role)
        case .vpcConnection: try container.encode(snapshot.vpcConnection)
        case .scramSecrets: try container.encode(snapshot.scramSecrets)
        case .kmsKeys: try container.encode(snapshot.kmsKeys)
        case .secrets: try container.encode(snapshot.secrets)
        case .metrics: try container.encode(snapshot.metrics)
        case .metricData: try container.encode(snapshot.metricData)
        case .topics: try container.encode(snapshot.topics)
        default: try container.encodeNil()
        }
    }
}

/// The parts of a snapshot, with the key they have in the document and the AWS calls that fill them (the
/// `Errors` keys that explain a missing part).
public enum SnapshotPart: String, CaseIterable, Sendable, Codable {
    case eventSourceMapping, function, cluster, bootstrapBrokers, role, rolePolicies, permissionsBoundary
    case securityGroups, subnets, routeTables, natGateways, vpcEndpoints, vpcConnection, scramSecrets, kmsKeys
    case secrets, metrics, metricData, topics

    /// The key in the snapshot document.
    public var key: String {
        switch self {
        case .eventSourceMapping: "EventSourceMapping"
        case .function: "Function"
        case .cluster: "Cluster"
        case .bootstrapBrokers: "BootstrapBrokers"
        case .role: "Role"
        case .rolePolicies: "RolePolicies"
        case .permissionsBoundary: "PermissionsBoundary"
        case .securityGroups: "SecurityGroups"
        case .subnets: "Subnets"
        case .routeTables: "RouteTables"
        case .natGateways: "NatGateways"
        case .vpcEndpoints: "VpcEndpoints"
        case .vpcConnection: "VpcConnection"
        case .scramSecrets: "ScramSecrets"
        case .kmsKeys: "KmsKeys"
        case .secrets: "Secrets"
        case .metrics: "Metrics"
        case .metricData: "MetricData"
        case .topics: "Topics"
        }
    }

    /// The `<service>.<Operation>` calls whose output makes up the part (the keys of `Errors`).
    public var calls: [String] {
        switch self {
        case .eventSourceMapping: ["lambda.GetEventSourceMapping"]
        case .function: ["lambda.GetFunctionConfiguration", "lambda.GetFunction"]
        case .cluster: ["kafka.DescribeClusterV2", "kafka.DescribeCluster"]
        case .bootstrapBrokers: ["kafka.GetBootstrapBrokers"]
        case .role: ["iam.GetRole"]
        case .rolePolicies:
            [
                "iam.ListRolePolicies", "iam.GetRolePolicy", "iam.ListAttachedRolePolicies", "iam.GetPolicy",
                "iam.GetPolicyVersion",
            ]
        case .permissionsBoundary: ["iam.GetPolicy", "iam.GetPolicyVersion"]
        case .securityGroups: ["ec2.DescribeSecurityGroups"]
        case .subnets: ["ec2.DescribeSubnets"]
        case .routeTables: ["ec2.DescribeRouteTables"]
        case .natGateways: ["ec2.DescribeNatGateways"]
        case .vpcEndpoints: ["ec2.DescribeVpcEndpoints"]
        case .vpcConnection: ["kafka.DescribeVpcConnection"]
        case .scramSecrets: ["kafka.ListScramSecrets"]
        case .kmsKeys: ["kms.DescribeKey"]
        case .secrets: ["secretsmanager.DescribeSecret", "secretsmanager.GetSecretValue"]
        case .metrics: ["cloudwatch.GetMetricData", "cloudwatch.ListMetrics"]
        case .metricData: ["cloudwatch.GetMetricData"]
        case .topics: ["kafka.DescribeTopic"]
        }
    }

    /// The AWS CLI command whose output the part holds, for messages.
    public var awsCommand: String {
        switch self {
        case .eventSourceMapping: "aws lambda get-event-source-mapping"
        case .function: "aws lambda get-function-configuration"
        case .cluster: "aws kafka describe-cluster-v2"
        case .bootstrapBrokers: "aws kafka get-bootstrap-brokers"
        case .role: "aws iam get-role"
        case .rolePolicies: "aws iam get-role-policy / get-policy-version"
        case .permissionsBoundary: "aws iam get-policy-version"
        case .securityGroups: "aws ec2 describe-security-groups"
        case .subnets: "aws ec2 describe-subnets"
        case .routeTables: "aws ec2 describe-route-tables"
        case .natGateways: "aws ec2 describe-nat-gateways"
        case .vpcEndpoints: "aws ec2 describe-vpc-endpoints"
        case .vpcConnection: "aws kafka describe-vpc-connection"
        case .scramSecrets: "aws kafka list-scram-secrets"
        case .kmsKeys: "aws kms describe-key"
        case .secrets: "aws secretsmanager describe-secret"
        case .metrics, .metricData: "aws cloudwatch get-metric-data"
        case .topics: "aws kafka describe-topic"
        }
    }
}
