import Foundation
import MSKESMCore

/// The reads of one run, shared by every mapping it gathers: the first request for a key starts the read,
/// later ones (even while it is still in flight) await the same `Task`. So `doctor --all` makes one
/// DescribeClusterV2 per cluster, one GetRole per role, one DescribeSecurityGroups per VPC, however many
/// mappings share them, and the number of API calls grows with the distinct resources, not the mappings.
/// Failures are kept too: a cluster that cannot be read is reported for every mapping on it, without
/// asking again.
///
/// The cache is bounded so that a fleet's memory does not grow with its resources without limit: past its
/// capacity, a pool drops its least recently used quarter (a key asked again afterwards is read again). There
/// are two pools. Reads that usually serve one mapping only (a topic: `kafka.DescribeTopic`, keyed by cluster and
/// topic, and each consumer usually has a topic of its own) go to a small pool of their own, so that the flood
/// of them in a fleet cannot evict the shared reads (functions, roles, clusters, networks, secrets) that later
/// mappings need again. The shared pool's default, 8,192 entries, holds every shared read of the
/// 10,000-mapping fleet BENCHMARKS.md measures (about 7,700: 2,000 functions, 1,000 roles x 4 reads, 500
/// clusters x 3, networks and secrets); the per-mapping pool keeps 1,024 (a topic shared by mappings that are
/// diagnosed close together is still read once). Each answer is kept as its compact JSON text and parsed again
/// for each mapping that asks: a parsed tree takes several times the memory of its text, and parsing a few KiB
/// costs little next to a request. A finished read keeps its result, not its `Task`: a finished task keeps
/// the stack slabs of its async frames as long as it is referenced (heaptrack at 10,000 mappings: 60 MiB of
/// them for ~9,000 entries). Memory is bounded by those counts times the length of one AWS answer (a few KiB).
public actor ReadCache {
    /// One least-recently-used pool of reads.
    private struct Pool {
        var entries: [String: Entry] = [:]
        /// When each key was last asked for (a counter, not a clock): the eviction order.
        var lastUse: [String: UInt64] = [:]
        let capacity: Int

        /// Drops the least recently used quarter of the entries (at least one): sorting once per quarter keeps
        /// eviction cheap however often it happens.
        mutating func evict() {
            let oldest = lastUse.sorted { $0.value < $1.value }.prefix(max(1, entries.count / 4))
            for (key, _) in oldest {
                entries[key] = nil
                lastUse[key] = nil
            }
        }
    }

    /// A read still in flight (askers await its task) or finished (its text, or its failure).
    private enum Entry {
        case reading(Task<String, Error>)
        case read(Result<String, Error>)
    }

    private var shared: Pool
    private var perMapping: Pool
    private var uses: UInt64 = 0
    private var reads = 0
    private var hits = 0
    /// How many shared entries the cache keeps before it evicts.
    public var capacity: Int { shared.capacity }

    /// A cache of at most `capacity` shared entries and `perMappingCapacity` per-mapping ones.
    /// - Parameters:
    ///   - capacity: shared entries kept before the least recently used are dropped (at least 1).
    ///   - perMappingCapacity: entries of reads that usually serve one mapping (at least 1).
    public init(capacity: Int = 8192, perMappingCapacity: Int = 1024) {
        shared = Pool(capacity: max(1, capacity))
        perMapping = Pool(capacity: max(1, perMappingCapacity))
    }

    /// The value of `key`, read by `read` once per cache (as long as the key stays in its pool).
    /// - Parameters:
    ///   - key: the read's key, unique in the run.
    ///   - perMapping: whether the read usually serves one mapping only (kept in the small pool).
    ///   - read: makes the read.
    public func value(
        _ key: String, perMapping: Bool = false, _ read: @escaping @Sendable () async throws -> JSONValue
    ) async throws -> JSONValue {
        let entry: Entry
        uses += 1
        if perMapping {
            entry = lookUp(key, in: &self.perMapping, read)
        } else {
            entry = lookUp(key, in: &shared, read)
        }
        switch entry {
        case .read(let result):
            return try JSONValue.parse(try result.get())
        case .reading(let task):
            let result = await task.result
            if perMapping {
                Self.settle(key, task, result, in: &self.perMapping)
            } else {
                Self.settle(key, task, result, in: &shared)
            }
            return try JSONValue.parse(try result.get())
        }
    }

    /// Replaces the finished `task` of `key` by its result (unless the key was evicted or read again since).
    private static func settle(
        _ key: String, _ task: Task<String, Error>, _ result: Result<String, Error>, in pool: inout Pool
    ) {
        if case .reading(let current)? = pool.entries[key], current == task { pool.entries[key] = .read(result) }
    }

    private func lookUp(
        _ key: String, in pool: inout Pool, _ read: @escaping @Sendable () async throws -> JSONValue
    ) -> Entry {
        pool.lastUse[key] = uses
        if let existing = pool.entries[key] {
            hits += 1
            return existing
        }
        let task = Task { JSONWriter.write(try await read(), pretty: false) }
        pool.entries[key] = .reading(task)
        reads += 1
        if pool.entries.count > pool.capacity { pool.evict() }
        return .reading(task)
    }

    /// Results computed ahead for a key from reads made for many keys at once (a fleet's metrics, read in
    /// GetMetricData calls of up to 500 queries): not reads of their own, so not counted in ``statistics``.
    /// Kept as computations, not results: a fleet holds the shared batch of answers and each key's small
    /// recipe, not a derived document for every mapping still waiting to be diagnosed. `takers` counts the
    /// seedings not yet taken (``takeSeeded(_:)``), so that a batch is let go once its mappings have their part.
    private var seeded: [String: (compute: @Sendable () async throws -> JSONValue, takers: Int)] = [:]

    /// Seeds `key` with a value that `compute` derives (typically by awaiting a shared batch of reads). Seeding a
    /// key again keeps the first computation and counts one more taker.
    /// - Parameters:
    ///   - key: the key the value is for (mappings of one function may share it).
    ///   - compute: derives the value, each time ``seededValue(_:)``'s or ``takeSeeded(_:)``'s caller runs it.
    public func seed(_ key: String, _ compute: @escaping @Sendable () async throws -> JSONValue) {
        if let existing = seeded[key] {
            seeded[key] = (existing.compute, existing.takers + 1)
        } else {
            seeded[key] = (compute, 1)
        }
    }

    /// The seeded computation of `key`, if any, leaving it seeded.
    /// - Parameter key: the key the value was seeded for.
    public func seededValue(_ key: String) -> (@Sendable () async throws -> JSONValue)? { seeded[key]?.compute }

    /// The seeded computation of `key`, if any, for one of the reads it was seeded for: after as many takes as
    /// seedings the cache forgets it, and with it (once its other keys are taken too) the batch it awaits.
    /// - Parameter key: the key the value was seeded for.
    public func takeSeeded(_ key: String) -> (@Sendable () async throws -> JSONValue)? {
        guard let entry = seeded[key] else { return nil }
        seeded[key] = entry.takers > 1 ? (entry.compute, entry.takers - 1) : nil
        return entry.compute
    }

    /// How many distinct keys were read, and how many requests were answered from the cache.
    public var statistics: (reads: Int, hits: Int) { (reads, hits) }
}
