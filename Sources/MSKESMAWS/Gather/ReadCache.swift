import Foundation
import MSKESMCore

/// The reads of one run, shared by every mapping it gathers: the first request for a key starts the read,
/// later ones (even while it is still in flight) await the same `Task`. So `doctor --all` makes one
/// DescribeClusterV2 per cluster, one GetRole per role, one DescribeSecurityGroups per VPC, however many
/// mappings share them, and the number of API calls grows with the distinct resources, not the mappings.
/// Failures are kept too: a cluster that cannot be read is reported for every mapping on it, without
/// asking again.
public actor ReadCache {
    private var entries: [String: Task<JSONValue, Error>] = [:]
    private var hits = 0

    public init() {}

    /// The value of `key`, read by `read` once per cache.
    public func value(_ key: String, _ read: @escaping @Sendable () async throws -> JSONValue) async throws -> JSONValue
    {
        let task: Task<JSONValue, Error>
        if let existing = entries[key] {
            task = existing
            hits += 1
        } else {
            task = Task { try await read() }
            entries[key] = task
        }
        return try await task.value
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
    public var statistics: (reads: Int, hits: Int) { (entries.count, hits) }
}
