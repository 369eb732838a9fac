import Foundation
import MSKESMCore

/// The reads of one run, shared by every mapping it gathers: the first request for a key starts the read,
/// later ones (even while it is still in flight) await the same `Task`. So `doctor --all` makes one
/// DescribeClusterV2 per cluster, one GetRole per role, one DescribeSecurityGroups per VPC, however many
/// mappings share them, and the number of API calls grows with the distinct resources, not the mappings.
/// Failures are kept too: a cluster that cannot be read is reported for every mapping on it, without
/// asking again.
///
/// The cache is bounded so that a fleet's memory does not grow with its resources without limit: past
/// `capacity` entries the least recently used quarter is dropped (a key asked again afterwards is read again).
/// The default, 4,096, holds every role, cluster, function and VPC of a 10,000-mapping fleet of the size
/// BENCHMARKS.md measures, so such a run reads each once.
public actor ReadCache {
    private var entries: [String: Task<JSONValue, Error>] = [:]
    /// When each key was last asked for (a counter, not a clock): the eviction order.
    private var lastUse: [String: UInt64] = [:]
    private var uses: UInt64 = 0
    private var reads = 0
    private var hits = 0
    /// How many entries the cache keeps before it evicts.
    public let capacity: Int

    /// A cache of at most `capacity` entries.
    /// - Parameter capacity: entries kept before the least recently used are dropped (at least 1).
    public init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// The value of `key`, read by `read` once per cache.
    public func value(_ key: String, _ read: @escaping @Sendable () async throws -> JSONValue) async throws -> JSONValue
    {
        let task: Task<JSONValue, Error>
        uses += 1
        lastUse[key] = uses
        if let existing = entries[key] {
            task = existing
            hits += 1
        } else {
            task = Task { try await read() }
            entries[key] = task
            reads += 1
            if entries.count > capacity { evict() }
        }
        return try await task.value
    }

    /// Drops the least recently used quarter of the entries (at least one): sorting once per quarter keeps
    /// eviction cheap however often it happens.
    private func evict() {
        let oldest = lastUse.sorted { $0.value < $1.value }.prefix(max(1, entries.count / 4))
        for (key, _) in oldest {
            entries[key] = nil
            lastUse[key] = nil
        }
    }

    /// Results computed ahead for a key from reads made for many keys at once (a fleet's metrics, read in
    /// GetMetricData calls of up to 500 queries): not reads of their own, so not counted in ``statistics``.
    private var seeded: [String: Task<JSONValue, Error>] = [:]

    /// Seeds `key` with a value that `compute` derives (typically by awaiting a shared batch of reads).
    public func seed(_ key: String, _ compute: @escaping @Sendable () async throws -> JSONValue) {
        if seeded[key] == nil { seeded[key] = Task { try await compute() } }
    }

    /// The seeded computation of `key`, if any.
    public func seededValue(_ key: String) -> Task<JSONValue, Error>? { seeded[key] }

    /// How many distinct keys were read, and how many requests were answered from the cache.
    public var statistics: (reads: Int, hits: Int) { (reads, hits) }
}
