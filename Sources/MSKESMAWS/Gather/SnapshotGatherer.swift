import Foundation
import MSKESMCore

/// Collects the Snapshot of one event source mapping (DESIGN §3): every part exactly as the AWS CLI prints
/// it, independent calls in parallel. The mapping itself must be readable; any later call that fails is
/// recorded under `Errors` (`"iam.GetRole": "AccessDenied: …"`) and the rest goes on, so doctor can report
/// what it could not check (ACC findings) instead of failing.
///
/// One gatherer serves a whole run: its `ReadCache` makes every distinct read (a cluster, a role, a VPC's
/// security groups, a secret) once however many mappings share it, and its `AdaptiveLimiter` bounds the
/// calls in flight and slows every task down together when AWS throttles. Gatherers for other regions may
/// share both (`sharing(client:)`); cache keys carry the region.
///
/// The result is a `JSONValue`, decoupled from the Snapshot model's Swift types.
public struct SnapshotGatherer: Sendable {
    /// The client; its HTTP client reports to `limiter` (throttling, success).
    public private(set) var client: AWSClient
    /// Keep each secret's `SecretString` in the snapshot (`snapshot --include-secrets`).
    public var includeSecrets: Bool
    /// Turns a secret's value into its `Analysis` (the `secret validate --output json` document). When set,
    /// secret values are read (GetSecretValue) even without `includeSecrets`, analysed, then dropped.
    public var analyzeSecret: (@Sendable (String) -> JSONValue?)?
    /// Like `analyzeSecret`, but also told the secret's ARN and the mapping, so the analysis knows the secret's
    /// type and name (SEC016): `SecretAnalysis.analyze(secretString:arn:mapping:now:)`. Used instead of
    /// `analyzeSecret` when set; each secret is analysed once per run and use (type, MSK or self-managed).
    public var analyzeSecretOfMapping: (@Sendable (_ value: String, _ arn: String, _ mapping: JSONValue) -> JSONValue?)?
    /// How many AWS calls may run at once (at most; throttling lowers it for a while).
    public var maxConcurrency: Int { limiter.maximum }
    /// The window of the OffsetLag metric, in seconds before now.
    public var metricWindow: TimeInterval = 3 * 3600
    public var now: @Sendable () -> Date
    /// The reads of this run, shared by every mapping gathered with this gatherer.
    public let cache: ReadCache
    /// The calls in flight, shared likewise.
    public let limiter: AdaptiveLimiter

    public init(
        client: AWSClient, includeSecrets: Bool = false, analyzeSecret: (@Sendable (String) -> JSONValue?)? = nil,
        maxConcurrency: Int = 8, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        let limiter = AdaptiveLimiter(maximum: maxConcurrency)
        self.init(
            client: client, includeSecrets: includeSecrets, analyzeSecret: analyzeSecret, cache: ReadCache(),
            limiter: limiter, now: now)
    }

    init(
        client: AWSClient, includeSecrets: Bool, analyzeSecret: (@Sendable (String) -> JSONValue?)?, cache: ReadCache,
        limiter: AdaptiveLimiter, now: @escaping @Sendable () -> Date
    ) {
        var configuration = client.configuration
        if !(configuration.http is ThrottleAwareHTTPClient) {
            configuration.http = ThrottleAwareHTTPClient(base: configuration.http, limiter: limiter)
        }
        self.client = AWSClient(configuration: configuration)
        self.includeSecrets = includeSecrets
        self.analyzeSecret = analyzeSecret
        self.cache = cache
        self.limiter = limiter
        self.now = now
    }

    /// A gatherer for another client (another region) that shares this one's cache and limiter.
    public func sharing(client: AWSClient) -> SnapshotGatherer {
        var other = SnapshotGatherer(
            client: client, includeSecrets: includeSecrets, analyzeSecret: analyzeSecret, cache: cache, limiter: limiter,
            now: now)
        other.metricWindow = metricWindow
        other.analyzeSecretOfMapping = analyzeSecretOfMapping
        return other
    }

    /// The region the client calls.
    public var region: String { client.configuration.region }

    /// Gathers the snapshot of mapping `uuid`.
    /// - Throws: `ToolError` exit 2 when the mapping does not exist (or credentials/region are missing),
    ///   exit 3 when it cannot be read for any other reason.
    public func gather(mappingUUID uuid: String) async throws -> JSONValue {
        let lambda = LambdaClient(client: client)
        let mapping: JSONValue
        do {
            mapping = try await limiter.run { try await lambda.getEventSourceMapping(uuid: uuid) }
        } catch let error as AWSError where error.kind == .notFound {
            throw ToolError.usage(
                "no such event source mapping", input: uuid,
                fix: "check the UUID and the region (aws lambda list-event-source-mappings --region \(region))")
        } catch let error as ToolError {
            throw error
        } catch {
            throw ToolError.remote(
                "cannot read the event source mapping", input: uuid,
                fix: "\(Self.describe(error)); check the credentials, region and network, then retry")
        }
        return await gather(mapping: mapping, metrics: true)
    }

    /// Gathers the snapshot of a mapping already read (GetEventSourceMapping, or one entry of
    /// ListEventSourceMappings, which has the same shape), or of one a request would make: the create/update
    /// preflight passes it so that it is checked by the same gathering and the same doctor checks as an
    /// existing one. `metrics: false` leaves out the OffsetLag metric (a mapping that does not exist yet has
    /// none). Never throws: failed reads are recorded under `Errors`.
    public func gather(mapping: JSONValue, metrics: Bool = false) async -> JSONValue {
        let parts = SnapshotParts()
        await parts.set("EventSourceMapping", mapping)
        let context = Context(client: client, limiter: limiter, parts: parts, gatherer: self)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await context.function(mapping, metrics: metrics) }
            group.addTask { await context.source(mapping) }
            group.addTask { await context.secrets(mapping) }
        }
        var document = await parts.document()
        document["SnapshotVersion"] = 1
        document["Region"] = .string(region)
        document["CapturedAt"] = .string(ISO8601Instant.format(now()))
        return .object(document)
    }

    /// The one-line reason of a failed call: "Code: message" for AWS errors.
    static func describe(_ error: Error) -> String {
        switch error {
        case let error as AWSError: return error.description
        case let error as TransportError: return "ConnectionError: \(error.message)"
        case let error as ToolError: return error.description
        case let error as CredentialError: return "CredentialError: \(error.reason)"
        default: return String(describing: error)
        }
    }
}

/// The snapshot under construction, shared by the gathering tasks.
actor SnapshotParts {
    private var members: [String: JSONValue] = [:]
    private var errors: [String: String] = [:]

    func set(_ key: String, _ value: JSONValue) { members[key] = value }

    func setEntry(_ key: String, _ entry: String, _ value: JSONValue) {
        var table = members[key]?.objectValue ?? [:]
        table[entry] = value
        members[key] = .object(table)
    }

    func append(_ key: String, _ value: JSONValue) {
        members[key] = .array((members[key]?.arrayValue ?? []) + [value])
    }

    func error(_ call: String, _ reason: String) {
        if let existing = errors[call] {
            if !existing.contains(reason) { errors[call] = existing + "; " + reason }
        } else {
            errors[call] = reason
        }
    }

    func document() -> [String: JSONValue] {
        var out = members
        if !errors.isEmpty { out["Errors"] = .object(errors.mapValues { .string($0) }) }
        if let policies = out["RolePolicies"]?.arrayValue {
            // Stable order: inline policies by name, then managed ones by name.
            out["RolePolicies"] = .array(
                policies.sorted {
                    let left = ($0["PolicyArn"] == nil ? "0" : "1") + ($0["PolicyName"]?.stringValue ?? "")
                    let right = ($1["PolicyArn"] == nil ? "0" : "1") + ($1["PolicyName"]?.stringValue ?? "")
                    return left < right
                })
        }
        return out
    }
}

/// The gathering steps; each records its result or its error and never throws.
struct Context: Sendable {
    var client: AWSClient
    var limiter: AdaptiveLimiter
    var parts: SnapshotParts
    var gatherer: SnapshotGatherer

    /// Runs one read under the limiter, once per run for `label` + `key` (the read cache); on failure
    /// records `label` → reason and returns nil.
    func call(_ label: String, _ key: String, _ operation: @escaping @Sendable () async throws -> JSONValue) async
        -> JSONValue?
    {
        let limiter = self.limiter
        do {
            return try await gatherer.cache.value("\(gatherer.region)|\(label)|\(key)") {
                // The client retries each call (3 attempts); a call still throttled after those is tried
                // again, at most twice, once the shared pause the limiter set is over.
                var rounds = 0
                while true {
                    do {
                        return try await limiter.run { try await operation() }
                    } catch let error as AWSError where error.kind == .throttling && rounds < 2 {
                        rounds += 1
                    }
                }
            }
        } catch {
            await parts.error(label, SnapshotGatherer.describe(error))
            return nil
        }
    }

    // MARK: function, role and policies

    func function(_ mapping: JSONValue, metrics wantsMetrics: Bool = true) async {
        guard let functionArn = mapping["FunctionArn"]?.stringValue else { return }
        let lambda = LambdaClient(client: client)
        async let metrics: Void = wantsMetrics ? self.metrics(functionArn: functionArn) : ()
        if let function = await call("lambda.GetFunctionConfiguration", functionArn, { try await lambda.getFunctionConfiguration(functionName: functionArn) }) {
            await parts.set("Function", function)
            if let roleArn = function["Role"]?.stringValue { await role(roleArn) }
        }
        await metrics
    }

    func metrics(functionArn: String) async {
        let cloudWatch = CloudWatchClient(client: client)
        let name = functionArn.components(separatedBy: ":function:").last?.split(separator: ":").first.map(String.init)
            ?? functionArn
        let end = gatherer.now()
        let start = end.addingTimeInterval(-gatherer.metricWindow)
        if let data = await call("cloudwatch.GetMetricData", name, {
            try await cloudWatch.getMetricData(
                id: "offsetLag", namespace: "AWS/Lambda", metricName: "OffsetLag", dimensions: [("FunctionName", name)],
                stat: "Maximum", period: 60, start: start, end: end)
        }) {
            await parts.setEntry("Metrics", "OffsetLag", data)
        }
    }

    func role(_ roleArn: String) async {
        // arn:aws:iam::123456789012:role/path/name → name (the last path segment).
        let roleName = roleArn.split(separator: "/").last.map(String.init) ?? roleArn
        let iam = IAMClient(client: client)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                guard let role = await call("iam.GetRole", roleName, { try await iam.getRole(roleName: roleName) }) else { return }
                await parts.set("Role", role)
                if let boundary = role["Role"]?["PermissionsBoundary"]?["PermissionsBoundaryArn"]?.stringValue,
                    let document = await managedDocument(boundary)
                {
                    await parts.set("PermissionsBoundary", ["PolicyArn": .string(boundary), "PolicyDocument": document])
                }
            }
            group.addTask {
                guard let names = await call("iam.ListRolePolicies", roleName, { try await iam.listRolePolicies(roleName: roleName) })
                else { return }
                await withTaskGroup(of: Void.self) { inner in
                    for name in names["PolicyNames"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                        inner.addTask {
                            if let policy = await call("iam.GetRolePolicy", roleName + "|" + name, {
                                try await iam.getRolePolicy(roleName: roleName, policyName: name)
                            }) {
                                await parts.append(
                                    "RolePolicies",
                                    ["PolicyName": .string(name), "PolicyDocument": policy["PolicyDocument"] ?? .null])
                            }
                        }
                    }
                }
            }
            group.addTask {
                guard let attached = await call("iam.ListAttachedRolePolicies", roleName, {
                    try await iam.listAttachedRolePolicies(roleName: roleName)
                }) else { return }
                await withTaskGroup(of: Void.self) { inner in
                    for policy in attached["AttachedPolicies"]?.arrayValue ?? [] {
                        guard let arn = policy["PolicyArn"]?.stringValue else { continue }
                        inner.addTask {
                            if let document = await managedDocument(arn) {
                                await parts.append(
                                    "RolePolicies",
                                    [
                                        "PolicyName": policy["PolicyName"] ?? .null, "PolicyArn": .string(arn),
                                        "PolicyDocument": document,
                                    ])
                            }
                        }
                    }
                }
            }
        }
    }

    /// A managed policy's default version document: GetPolicy → DefaultVersionId → GetPolicyVersion.
    func managedDocument(_ arn: String) async -> JSONValue? {
        let iam = IAMClient(client: client)
        guard let policy = await call("iam.GetPolicy", arn, { try await iam.getPolicy(policyArn: arn) }),
            let version = policy["Policy"]?["DefaultVersionId"]?.stringValue,
            let result = await call("iam.GetPolicyVersion", arn + "|" + version, { try await iam.getPolicyVersion(policyArn: arn, versionId: version) })
        else { return nil }
        return result["PolicyVersion"]?["Document"]
    }

    // MARK: the event source: cluster, VPC connection, network

    func source(_ mapping: JSONValue) async {
        let kafka = KafkaClient(client: client)
        var clusterArn: String?
        var subnets: [String] = []
        var groups: [String] = []
        if let arn = mapping["EventSourceArn"]?.stringValue, arn.contains(":kafka:") {
            if arn.contains(":vpc-connection/") {
                if let connection = await call("kafka.DescribeVpcConnection", arn, { try await kafka.describeVpcConnection(arn: arn) }) {
                    await parts.set("VpcConnection", connection)
                    clusterArn = connection["TargetClusterArn"]?.stringValue
                    subnets = connection["Subnets"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    groups = connection["SecurityGroups"]?.arrayValue?.compactMap(\.stringValue) ?? []
                }
            } else {
                clusterArn = arn
            }
        }
        if let clusterArn {
            async let brokers = call("kafka.GetBootstrapBrokers", clusterArn, { try await kafka.getBootstrapBrokers(clusterArn: clusterArn) })
            async let scram = call("kafka.ListScramSecrets", clusterArn, { try await kafka.listScramSecrets(clusterArn: clusterArn) })
            if let cluster = await call("kafka.DescribeClusterV2", clusterArn, { try await kafka.describeClusterV2(clusterArn: clusterArn) }) {
                await parts.set("Cluster", cluster)
                if subnets.isEmpty && groups.isEmpty { (subnets, groups) = Self.network(ofCluster: cluster) }
            }
            // The network reads depend on the cluster only: start them without waiting for the brokers and
            // the SCRAM list (which may take several pages), so they stay off the longest chain of calls.
            let (clusterSubnets, clusterGroups) = (subnets, groups)
            async let networkDone: Void = network(subnets: clusterSubnets, groups: clusterGroups)
            if let brokers = await brokers { await parts.set("BootstrapBrokers", brokers) }
            if let scram = await scram { await parts.set("ScramSecrets", scram) }
            await networkDone
            return
        } else {
            // Self-managed Kafka: the VPC comes from the mapping's VPC_SUBNET / VPC_SECURITY_GROUP entries.
            for entry in mapping["SourceAccessConfigurations"]?.arrayValue ?? [] {
                guard let uri = entry["URI"]?.stringValue else { continue }
                let id = uri.split(separator: ":").last.map(String.init) ?? uri
                if entry["Type"]?.stringValue == "VPC_SUBNET" { subnets.append(id) }
                if entry["Type"]?.stringValue == "VPC_SECURITY_GROUP" { groups.append(id) }
            }
        }
        await network(subnets: subnets, groups: groups)
    }

    /// The subnets and security groups of a cluster (provisioned, or serverless VPC configs).
    static func network(ofCluster cluster: JSONValue) -> ([String], [String]) {
        let info = cluster["ClusterInfo"]
        if let node = info?["Provisioned"]?["BrokerNodeGroupInfo"] {
            return (
                node["ClientSubnets"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                node["SecurityGroups"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
        }
        var subnets: [String] = []
        var groups: [String] = []
        for config in info?["Serverless"]?["VpcConfigs"]?.arrayValue ?? [] {
            subnets += config["SubnetIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
            groups += config["SecurityGroupIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return (subnets, groups)
    }

    func network(subnets: [String], groups: [String]) async {
        guard !subnets.isEmpty || !groups.isEmpty else { return }
        let ec2 = EC2Client(client: client)
        var vpcId: String?
        if !subnets.isEmpty, let described = await call("ec2.DescribeSubnets", subnets.sorted().joined(separator: ","), { try await ec2.describeSubnets(subnetIds: subnets) }) {
            await parts.set("Subnets", described)
            vpcId = described["Subnets"]?.arrayValue?.first?["VpcId"]?.stringValue
        }
        guard let vpcId else {
            if !groups.isEmpty, let described = await call("ec2.DescribeSecurityGroups", "group-id=" + groups.sorted().joined(separator: ","), {
                try await ec2.describeSecurityGroups(groupIds: groups)
            }) {
                await parts.set("SecurityGroups", described)
            }
            return
        }
        let vpc: [EC2Client.Filter] = [("vpc-id", [vpcId])]
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Every group of the VPC: the mapping's, and those of the VPC endpoints (NET007).
                if let described = await call("ec2.DescribeSecurityGroups", "vpc-id=" + vpcId, { try await ec2.describeSecurityGroups(filters: vpc) }) {
                    await parts.set("SecurityGroups", described)
                }
            }
            group.addTask {
                if let described = await call("ec2.DescribeRouteTables", "vpc-id=" + vpcId, { try await ec2.describeRouteTables(filters: vpc) }) {
                    await parts.set("RouteTables", described)
                }
            }
            group.addTask {
                if let described = await call("ec2.DescribeNatGateways", "vpc-id=" + vpcId, { try await ec2.describeNatGateways(filters: vpc) }) {
                    await parts.set("NatGateways", described)
                }
            }
            group.addTask {
                if let described = await call("ec2.DescribeVpcEndpoints", "vpc-id=" + vpcId, { try await ec2.describeVpcEndpoints(filters: vpc) }) {
                    await parts.set("VpcEndpoints", described)
                }
            }
        }
    }

    // MARK: secrets and their KMS keys

    /// How a mapping uses a secret (its SourceAccessConfigurations types, MSK or self-managed): an analysis
    /// depends on it, so the cache keys it.
    static func usage(of arn: String, in mapping: JSONValue) -> String {
        let kinds = (mapping["SourceAccessConfigurations"]?.arrayValue ?? [])
            .filter { $0["URI"]?.stringValue == arn }.compactMap { $0["Type"]?.stringValue }
        let source = mapping["EventSourceArn"]?.stringValue?.contains(":kafka:") == true ? "msk" : "self-managed"
        return kinds.joined(separator: ",") + "|" + source
    }

    func secrets(_ mapping: JSONValue) async {
        var arns: [String] = []
        for entry in mapping["SourceAccessConfigurations"]?.arrayValue ?? [] {
            if let uri = entry["URI"]?.stringValue, uri.hasPrefix("arn:"), uri.contains(":secretsmanager:"),
                !arns.contains(uri)
            {
                arns.append(uri)
            }
        }
        let secretsManager = SecretsManagerClient(client: client)
        let kms = KMSClient(client: client)
        let readValue = gatherer.includeSecrets || gatherer.analyzeSecret != nil || gatherer.analyzeSecretOfMapping != nil

        await withTaskGroup(of: Void.self) { group in
            for arn in arns {
                group.addTask {
                    var entry: [String: JSONValue] = [:]
                    async let value: JSONValue? = readValue
                        ? call("secretsmanager.GetSecretValue", arn, { try await secretsManager.getSecretValue(secretId: arn) }) : nil
                    if let describe = await call("secretsmanager.DescribeSecret", arn, { try await secretsManager.describeSecret(secretId: arn) }) {
                        entry["Describe"] = describe
                        // No KmsKeyId means the AWS-managed default key (SEC017 needs to know).
                        let keyId = describe["KmsKeyId"]?.stringValue ?? "alias/aws/secretsmanager"
                        if let key = await call("kms.DescribeKey", keyId, { try await kms.describeKey(keyId: keyId) }) {
                            let keyArn = key["KeyMetadata"]?["Arn"]?.stringValue ?? keyId
                            await parts.setEntry("KmsKeys", keyArn, key)
                        }
                    }
                    if let secret = await value, let text = secret["SecretString"]?.stringValue {
                        if gatherer.includeSecrets { entry["SecretString"] = .string(text) }
                        if let analyze = gatherer.analyzeSecretOfMapping,
                            let analysis = try? await gatherer.cache.value("\(gatherer.region)|analysis|\(arn)|\(Self.usage(of: arn, in: mapping))", {
                                analyze(text, arn, mapping) ?? .null
                            }), analysis != .null
                        {
                            entry["Analysis"] = analysis
                        } else if let analyze = gatherer.analyzeSecret,
                            let analysis = try? await gatherer.cache.value("\(gatherer.region)|analysis|\(arn)", {
                                analyze(text) ?? .null
                            }), analysis != .null
                        {
                            entry["Analysis"] = analysis
                        }
                    }
                    await parts.setEntry("Secrets", arn, .object(entry))
                }
            }
        }
    }
}
