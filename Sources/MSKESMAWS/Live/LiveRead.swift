import Foundation
import MSKESMCore

/// Reads for the live commands (`secret validate --secret-id`, `brokers explain --cluster`, `policy check
/// --mapping`, `network check --cluster`): unlike the gatherer, which records a failed read and goes on, a
/// live command needs what it asked for, so a failure is a one-line `ToolError`: a named resource that does
/// not exist → exit 2, any other AWS or network failure (after retries) → exit 3 (docs/output.md#exit-codes).
public enum LiveRead {
    /// Runs `operation`; maps its failure to a `ToolError` naming `what` and `input`.
    /// - Parameters:
    ///   - what: the resource, e.g. "secret", "MSK cluster".
    ///   - input: the flag and value that named it, e.g. "--cluster arn:…".
    ///   - lookup: the command that lists such resources, for the "does not exist" fix.
    public static func run<T: Sendable>(
        _ what: String, input: String, lookup: String, _ operation: @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await operation()
        } catch {
            throw toolError(error, what: what, input: input, lookup: lookup)
        }
    }

    /// The `ToolError` for a failed read of `what`.
    public static func toolError(_ error: Error, what: String, input: String, lookup: String) -> Error {
        switch error {
        case let error as ToolError:
            return error
        case let error as AWSError where error.kind == .notFound:
            return ToolError.usage(
                .notFound, "no such \(what)", input: input,
                fix: "check the name and the region (\(lookup)); AWS said \(error.descriptionWithRequestID)")
        case is CancellationError:
            return error
        default:
            return ToolError.remote(
                "cannot read the \(what)", input: input,
                fix:
                    "\(FailureReason.reported(error)); check the credentials, region, permissions and network, then retry"
            )
        }
    }

    /// Field `index` (0-based, split on `:`) of an ARN; nil when absent or empty.
    public static func arnField(_ arn: String?, _ index: Int) -> String? {
        guard let arn, arn.hasPrefix("arn:") else { return nil }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > index, !parts[index].isEmpty else { return nil }
        return String(parts[index])
    }
}

/// What `secret validate --secret-id` reads about one secret, in the AWS CLI's JSON.
public struct LiveSecret: Sendable {
    /// The secret's value. Never print or log it.
    public var secretString: String
    /// `aws secretsmanager describe-secret`.
    public var describe: JSONValue
    /// `aws kms describe-key` for the secret's key (the default alias when it names none); nil when unreadable.
    public var key: JSONValue?
    /// Why the key could not be described, when it could not.
    public var keyError: String?
    /// `aws kafka list-scram-secrets` of the cluster, when one was named.
    public var scramSecrets: JSONValue?
    /// The region the secret was read in (its ARN's, else the client's).
    public var region: String

    /// The secret's ARN (DescribeSecret's, else the id as given).
    public func arn(orGiven id: String) -> String { describe["ARN"]?.stringValue ?? id }
}

/// Reads one secret: GetSecretValue, DescribeSecret and KMS DescribeKey, plus the cluster's ListScramSecrets
/// when a cluster is named, in parallel. A secret named by an ARN of another region is read in that region
/// (Secrets Manager is regional), so that SEC019 can say where it is.
public struct LiveSecretReader: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func read(secretId: String, clusterArn: String?) async throws -> LiveSecret {
        var configuration = client.configuration
        if let region = LiveRead.arnField(secretId, 3), secretId.contains(":secretsmanager:") {
            configuration.region = region
        }
        let regional = AWSClient(configuration: configuration)
        let secrets = SecretsManagerClient(client: regional)
        let kms = KMSClient(client: regional)
        let input = "--secret-id \(secretId)"
        let lookup = "aws secretsmanager list-secrets --region \(configuration.region)"
        async let value = LiveRead.run("secret", input: input, lookup: lookup) {
            try await secrets.getSecretValue(secretId: secretId)
        }
        async let scram = Self.scramSecrets(client: client, clusterArn: clusterArn)
        let describe = try await LiveRead.run("secret", input: input, lookup: lookup) {
            try await secrets.describeSecret(secretId: secretId)
        }
        let keyId =
            describe["KmsKeyId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? SecretPlacementRules.defaultKeyAlias
        var key: JSONValue?
        var keyError: String?
        do {
            key = try await kms.describeKey(keyId: keyId)
        } catch let error as CancellationError {
            throw error
        } catch {
            keyError = FailureReason.recorded(error)
        }
        let secret = try await value
        guard let text = secret["SecretString"]?.stringValue else {
            throw ToolError.usage(
                "the secret has no SecretString (it holds SecretBinary)", input: input,
                fix:
                    "store the secret as JSON text: aws secretsmanager put-secret-value --secret-id \(secretId) --secret-string file://secret.json"
            )
        }
        return LiveSecret(
            secretString: text, describe: describe, key: key, keyError: keyError, scramSecrets: try await scram,
            region: configuration.region)
    }
}

extension LiveSecretReader {
    /// `aws kafka list-scram-secrets` of the named cluster; nil when none is named.
    static func scramSecrets(client: AWSClient, clusterArn: String?) async throws -> JSONValue? {
        guard let clusterArn else { return nil }
        return try await LiveRead.run(
            "MSK cluster", input: "--cluster \(clusterArn)", lookup: "aws kafka list-clusters-v2"
        ) {
            try await KafkaClient(client: client).listScramSecrets(clusterArn: clusterArn)
        }
    }
}

/// An MSK cluster as the broker choice and the network check need it.
public struct LiveCluster: Sendable {
    /// `aws kafka describe-cluster-v2`.
    public var describe: JSONValue
    /// `aws kafka get-bootstrap-brokers`.
    public var bootstrapBrokers: JSONValue

    /// Reads both in parallel; a cluster that does not exist is exit 2.
    public static func read(client: AWSClient, clusterArn: String) async throws -> LiveCluster {
        let kafka = KafkaClient(client: client)
        let input = "--cluster \(clusterArn)"
        let lookup = "aws kafka list-clusters-v2"
        async let brokers = LiveRead.run("MSK cluster", input: input, lookup: lookup) {
            try await kafka.getBootstrapBrokers(clusterArn: clusterArn)
        }
        let describe = try await LiveRead.run("MSK cluster", input: input, lookup: lookup) {
            try await kafka.describeClusterV2(clusterArn: clusterArn)
        }
        return LiveCluster(describe: describe, bootstrapBrokers: try await brokers)
    }

    /// The cluster's client subnets and security groups (provisioned, or the serverless VPC configs).
    public var network: (subnets: [String], groups: [String]) {
        MappingFacts.clusterNetwork(describeClusterV2: describe)
    }
}

/// The EC2 parts of the network check, as the snapshot names them: the subnets, then (for their VPC) every
/// security group, route table, NAT gateway and VPC endpoint. Any failure is exit 3 (a subnet that does not
/// exist: exit 2).
public struct LiveNetworkReader: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `["Subnets": …, "SecurityGroups": …, "RouteTables": …, "NatGateways": …, "VpcEndpoints": …]`.
    public func read(subnets: [String], groups: [String], input: String) async throws -> [String: JSONValue] {
        let ec2 = EC2Client(client: client)
        let lookup = "aws ec2 describe-subnets"
        var parts: [String: JSONValue] = [:]
        var vpcId: String?
        if !subnets.isEmpty {
            let described = try await LiveRead.run("subnet", input: input, lookup: lookup) {
                try await ec2.describeSubnets(subnetIds: subnets)
            }
            parts["Subnets"] = described
            vpcId = described["Subnets"]?.arrayValue?.first?["VpcId"]?.stringValue
        }
        guard let vpcId else {
            if !groups.isEmpty {
                parts["SecurityGroups"] = try await LiveRead.run("security group", input: input, lookup: lookup) {
                    try await ec2.describeSecurityGroups(groupIds: groups)
                }
            }
            return parts
        }
        let vpc: [EC2Client.Filter] = [("vpc-id", [vpcId])]
        let what = "VPC \(vpcId)"
        async let securityGroups = LiveRead.run(what, input: input, lookup: lookup) {
            try await ec2.describeSecurityGroups(filters: vpc)
        }
        async let routeTables = LiveRead.run(what, input: input, lookup: lookup) {
            try await ec2.describeRouteTables(filters: vpc)
        }
        async let natGateways = LiveRead.run(what, input: input, lookup: lookup) {
            try await ec2.describeNatGateways(filters: vpc)
        }
        async let endpoints = LiveRead.run(what, input: input, lookup: lookup) {
            try await ec2.describeVpcEndpoints(filters: vpc)
        }
        parts["SecurityGroups"] = try await securityGroups
        parts["RouteTables"] = try await routeTables
        parts["NatGateways"] = try await natGateways
        parts["VpcEndpoints"] = try await endpoints
        return parts
    }
}

/// An IAM role with its policies and permissions boundary, in the snapshot's shapes (`Role`, `RolePolicies`,
/// `PermissionsBoundary`), for `policy check --role NAME --mapping UUID`.
public struct LiveRoleReader: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func read(roleName: String) async throws -> [String: JSONValue] {
        let iam = IAMClient(client: client)
        let input = "--role \(roleName)"
        let lookup = "aws iam list-roles"
        async let role = LiveRead.run("IAM role", input: input, lookup: lookup) {
            try await iam.getRole(roleName: roleName)
        }
        async let inline = LiveRead.run("IAM role", input: input, lookup: lookup) {
            try await iam.listRolePolicies(roleName: roleName)
        }
        async let attached = LiveRead.run("IAM role", input: input, lookup: lookup) {
            try await iam.listAttachedRolePolicies(roleName: roleName)
        }
        var policies: [JSONValue] = []
        for name in try await inline["PolicyNames"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            let policy = try await LiveRead.run("role policy \(name)", input: input, lookup: lookup) {
                try await iam.getRolePolicy(roleName: roleName, policyName: name)
            }
            policies.append(["PolicyName": .string(name), "PolicyDocument": policy["PolicyDocument"] ?? .null])
        }
        for policy in try await attached["AttachedPolicies"]?.arrayValue ?? [] {
            guard let arn = policy["PolicyArn"]?.stringValue else { continue }
            policies.append(
                [
                    "PolicyName": policy["PolicyName"] ?? .null, "PolicyArn": .string(arn),
                    "PolicyDocument": try await managedDocument(arn, input: input),
                ])
        }
        var parts: [String: JSONValue] = ["Role": try await role, "RolePolicies": .array(policies)]
        if let boundary = try await role["Role"]?["PermissionsBoundary"]?["PermissionsBoundaryArn"]?.stringValue {
            parts["PermissionsBoundary"] = [
                "PolicyArn": .string(boundary), "PolicyDocument": try await managedDocument(boundary, input: input),
            ]
        }
        return parts
    }

    /// A managed policy's default version document.
    func managedDocument(_ arn: String, input: String) async throws -> JSONValue {
        let iam = IAMClient(client: client)
        return try await LiveRead.run(
            "managed policy \(arn)", input: input, lookup: "aws iam list-attached-role-policies"
        ) {
            let policy = try await iam.getPolicy(policyArn: arn)
            let version = policy["Policy"]?["DefaultVersionId"]?.stringValue ?? "v1"
            return try await iam.getPolicyVersion(policyArn: arn, versionId: version)["PolicyVersion"]?["Document"]
                ?? .null
        }
    }
}
