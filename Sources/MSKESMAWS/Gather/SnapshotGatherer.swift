import Foundation
import MSKESMCore

/// Collects the Snapshot of one event source mapping (docs/snapshot.md): every part exactly as the AWS CLI prints
/// it, independent calls in parallel. The mapping itself must be readable; any later call that fails is
/// recorded under `Errors` (`"iam.GetRole": "AccessDenied: …"`) and the rest goes on, so doctor can report
/// what it could not check (ACC findings) instead of failing.
///
/// One gatherer serves a whole run: its `ReadCache` makes every distinct read (a cluster, a role, a VPC's
/// security groups, a secret) once however many mappings share it, and its `AdaptiveLimiter` bounds the
/// calls in flight and slows every task down together when AWS throttles. Gatherers for other regions may
/// share both (`sharing(client:)`); cache keys carry the account and region. A fleet run gives each (account,
/// Region) its own limiter under one overall bound (`scoped(client:account:overall:)`).
///
/// The result is a `JSONValue`, decoupled from the Snapshot model's Swift types.
public struct SnapshotGatherer: Sendable {
    /// The client; its HTTP client reports to `limiter` (throttling, success).
    public private(set) var client: AWSClient
    /// Keep each secret's `SecretString` in the snapshot (`snapshot --include-secrets`; the doctor analyses it).
    public var includeSecrets: Bool
    /// Store each secret's `Analysis`, computed by the core (``SecretAnalysis``) from the value, which is read
    /// for it (GetSecretValue) and then dropped unless `includeSecrets` keeps it.
    public var analyzesSecrets: Bool = false
    /// How many AWS calls may run at once (at most; throttling lowers it for a while).
    public var maxConcurrency: Int { limiter.maximum }
    /// The window of the metrics read (`--since`), in seconds before now (rounded down to the minute).
    public var metricWindow: TimeInterval = MappingMetricCatalogue.defaultWindow
    public var now: @Sendable () -> Date
    /// The reads of this run, shared by every mapping gathered with this gatherer.
    public let cache: ReadCache
    /// The calls in flight, shared likewise.
    public let limiter: AdaptiveLimiter
    /// The account whose credentials the client signs with, when the run visits several (`--accounts`): it
    /// keeps the cache entries of accounts apart (a function name means a different function in each).
    public private(set) var account: String?

    public init(
        client: AWSClient, includeSecrets: Bool = false, analyzesSecrets: Bool = false, maxConcurrency: Int = 8,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        let limiter = AdaptiveLimiter(maximum: maxConcurrency)
        self.init(client: client, includeSecrets: includeSecrets, cache: ReadCache(), limiter: limiter, now: now)
        self.analyzesSecrets = analyzesSecrets
    }

    init(
        client: AWSClient, includeSecrets: Bool, cache: ReadCache, limiter: AdaptiveLimiter,
        now: @escaping @Sendable () -> Date
    ) {
        var configuration = client.configuration
        // A client taken from another gatherer reports to this gatherer's limiter instead of that one's.
        let base = (configuration.http as? ThrottleAwareHTTPClient)?.base ?? configuration.http
        configuration.http = ThrottleAwareHTTPClient(base: base, limiter: limiter)
        self.client = AWSClient(configuration: configuration)
        self.includeSecrets = includeSecrets
        self.cache = cache
        self.limiter = limiter
        self.now = now
    }

    /// A gatherer for another client (another region) that shares this one's cache and limiter.
    public func sharing(client: AWSClient) -> SnapshotGatherer {
        var other = SnapshotGatherer(
            client: client, includeSecrets: includeSecrets, cache: cache, limiter: limiter, now: now)
        other.metricWindow = metricWindow
        other.analyzesSecrets = analyzesSecrets
        other.account = account
        return other
    }

    /// A gatherer for another (account, Region) that shares this one's cache but has its own adaptive limiter
    /// (AWS throttles per account and Region), whose requests are sent within `overall` (`--concurrency` for the
    /// whole run).
    ///
    /// - Parameters:
    ///   - client: the client of that Region, signing with that account's credentials.
    ///   - account: the account, or `nil` for the caller's own.
    ///   - overall: the run's bound on requests in flight, shared by every (account, Region).
    public func scoped(client: AWSClient, account: String?, overall: AdaptiveLimiter) -> SnapshotGatherer {
        var other = SnapshotGatherer(
            client: client, includeSecrets: includeSecrets, cache: cache,
            limiter: AdaptiveLimiter(maximum: limiter.maximum, overall: overall), now: now)
        other.metricWindow = metricWindow
        other.analyzesSecrets = analyzesSecrets
        other.account = account
        return other
    }

    /// The (account, Region) this gatherer reads, as its cache keys and the fleet's grouping name it.
    public var scope: String { account.map { "\($0)|\(region)" } ?? region }

    /// Runs one read under the limiter, once per run for `label` + `key` (the read cache). The client retries
    /// each call (3 attempts); a call still throttled after those is tried again, at most twice, once the shared
    /// pause the limiter set is over.
    /// `perMapping` reads usually serve one mapping only (`ReadCache`).
    func read(
        _ label: String, _ key: String, perMapping: Bool = false,
        _ operation: @escaping @Sendable () async throws -> JSONValue
    ) async throws -> JSONValue {
        let gatherer = self
        return try await cache.value("\(cacheScope(of: label))|\(label)|\(key)", perMapping: perMapping) {
            try await gatherer.limited(operation)
        }
    }

    /// Runs one call under the limiter, outside the read cache (for reads that are never asked for again, such
    /// as a batch of metric queries), tried again as `read` does when it stays throttled.
    func limited(_ operation: @escaping @Sendable () async throws -> JSONValue) async throws -> JSONValue {
        var rounds = 0
        while true {
            do {
                return try await limiter.run { try await operation() }
            } catch let error as AWSError where error.kind == .throttling && rounds < 2 {
                rounds += 1
            }
        }
    }

    /// The part of a read's cache key that says where it was read. IAM is global to an account
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html: roles are not Regional), so a role read
    /// for one Region serves the account's other Regions; every other service is read per (account, Region).
    func cacheScope(of label: String) -> String {
        label.hasPrefix("iam.") ? "\(account ?? "")|global" : scope
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
                .notFound, "no such event source mapping", input: uuid,
                fix: "check the UUID and the region (aws lambda list-event-source-mappings --region \(region))")
        } catch let error as ToolError {
            throw error
        } catch {
            throw ToolError.remote(
                "cannot read the event source mapping", input: uuid,
                fix: "\(FailureReason.reported(error)); check the credentials, region and network, then retry")
        }
        return await gather(mapping: mapping, metrics: true)
    }

    /// Gathers the snapshot of a mapping already read (GetEventSourceMapping, or one entry of
    /// ListEventSourceMappings, which has the same shape), or of one a request would make: the create/update
    /// preflight passes it so that it is checked by the same gathering and the same doctor checks as an
    /// existing one. `metrics: false` leaves out the metrics (a mapping that does not exist yet has
    /// none). Never throws: failed reads are recorded under `Errors`.
    public func gather(mapping: JSONValue, metrics: Bool = false) async -> JSONValue {
        let parts = SnapshotParts()
        let context = Context(client: client, limiter: limiter, parts: parts, gatherer: self)
        // The core says what the mapping depends on and which call reads it; every read starts as soon as the
        // outputs it needs are in, so independent chains (role, cluster, network, secrets) overlap.
        let plan = MappingReadPlan(
            mapping: mapping, readsMetrics: metrics, keepsSecretValues: includeSecrets,
            analysesSecretsAt: analyzesSecrets ? now() : nil)
        var outputs: MappingReadPlan.Outputs = [:]
        var started: Set<SnapshotRead> = []
        await withTaskGroup(of: (SnapshotRead, JSONValue?).self) { group in
            for read in plan.reads(after: outputs) where started.insert(read).inserted {
                group.addTask { (read, await context.perform(read)) }
            }
            while let (read, output) = await group.next() {
                outputs[read] = .some(output)
                for next in plan.reads(after: outputs) where started.insert(next).inserted {
                    group.addTask { (next, await context.perform(next)) }
                }
            }
        }
        var document = await parts.document()
        document.merge(plan.parts(from: outputs)) { _, new in new }
        document["EventSourceMapping"] = mapping
        document["SnapshotVersion"] = 1
        document["Region"] = .string(region)
        document["CapturedAt"] = .string(ISO8601Instant.format(now()))
        return .object(document)
    }

}

/// The `Errors` of the snapshot under construction, shared by the reading tasks.
actor SnapshotParts {
    private var errors: [String: String] = [:]

    func error(_ call: String, _ reason: String) {
        if let existing = errors[call] {
            if !existing.contains(reason) { errors[call] = existing + "; " + reason }
        } else {
            errors[call] = reason
        }
    }

    func document() -> [String: JSONValue] {
        errors.isEmpty ? [:] : ["Errors": .object(errors.mapValues { .string($0) })]
    }
}

/// The reads of one mapping; each records its output or its error and never throws.
struct Context: Sendable {
    var client: AWSClient
    var limiter: AdaptiveLimiter
    var parts: SnapshotParts
    var gatherer: SnapshotGatherer

    /// Runs one read under the limiter, once per run for `label` + `key` (the read cache); on failure
    /// records `label` → reason and returns nil.
    func call(
        _ label: String, _ key: String, perMapping: Bool = false,
        _ operation: @escaping @Sendable () async throws -> JSONValue
    ) async -> JSONValue? {
        await recording(label) { try await gatherer.read(label, key, perMapping: perMapping, operation) }
    }

    /// The value of `operation`, or nil with its failure recorded under `label`.
    func recording(_ label: String, _ operation: () async throws -> JSONValue) async -> JSONValue? {
        do {
            return try await operation()
        } catch {
            await parts.error(label, FailureReason.recorded(error))
            return nil
        }
    }

    /// Performs one read of the plan (``MappingReadPlan``): the client call its case names, nothing derived.
    func perform(_ read: SnapshotRead) async -> JSONValue? {
        let lambda = LambdaClient(client: client)
        let iam = IAMClient(client: client)
        let kafka = KafkaClient(client: client)
        let ec2 = EC2Client(client: client)
        let secretsManager = SecretsManagerClient(client: client)
        let kms = KMSClient(client: client)
        if case .getMetricData = read.call {
            // Batched with other mappings' metrics when a fleet prefetched them (MetricReads.swift).
            return await recording(read.label) { try await gatherer.metricData(read) }
        }
        // A topic is usually consumed by one mapping: its read stays out of the shared pool (ReadCache).
        var perMapping = false
        if case .describeTopic = read.call { perMapping = true }
        return await call(read.label, read.key, perMapping: perMapping) {
            switch read.call {
            case .getFunctionConfiguration(let arn): return try await lambda.getFunctionConfiguration(functionName: arn)
            case .getMetricData: return .null
            case .getRole(let role): return try await iam.getRole(roleName: role)
            case .listRolePolicies(let role): return try await iam.listRolePolicies(roleName: role)
            case .getRolePolicy(let role, let name):
                return try await iam.getRolePolicy(roleName: role, policyName: name)
            case .listAttachedRolePolicies(let role): return try await iam.listAttachedRolePolicies(roleName: role)
            case .getPolicy(let arn): return try await iam.getPolicy(policyArn: arn)
            case .getPolicyVersion(let arn, let version):
                return try await iam.getPolicyVersion(policyArn: arn, versionId: version)
            case .describeVpcConnection(let arn): return try await kafka.describeVpcConnection(arn: arn)
            case .describeClusterV2(let arn): return try await kafka.describeClusterV2(clusterArn: arn)
            case .getBootstrapBrokers(let arn): return try await kafka.getBootstrapBrokers(clusterArn: arn)
            case .listScramSecrets(let arn): return try await kafka.listScramSecrets(clusterArn: arn)
            case .describeTopic(let arn, let topic):
                return try await kafka.describeTopic(clusterArn: arn, topicName: topic)
            case .describeSubnets(let ids): return try await ec2.describeSubnets(subnetIds: ids)
            case .describeSecurityGroups(let ids): return try await ec2.describeSecurityGroups(groupIds: ids)
            case .describeSecurityGroupsOfVpc(let vpc):
                return try await ec2.describeSecurityGroups(filters: [("vpc-id", [vpc])])
            case .describeRouteTables(let vpc): return try await ec2.describeRouteTables(filters: [("vpc-id", [vpc])])
            case .describeNatGateways(let vpc): return try await ec2.describeNatGateways(filters: [("vpc-id", [vpc])])
            case .describeVpcEndpoints(let vpc): return try await ec2.describeVpcEndpoints(filters: [("vpc-id", [vpc])])
            case .describeSecret(let arn): return try await secretsManager.describeSecret(secretId: arn)
            case .getSecretValue(let arn): return try await secretsManager.getSecretValue(secretId: arn)
            case .describeKey(let id): return try await kms.describeKey(keyId: id)
            }
        }
    }
}
