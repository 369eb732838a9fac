import Foundation
import MSKESMCore

/// The metrics reads of a run. GetMetricData takes up to 500 queries a call
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html), so the queries of
/// many mappings go in as few calls as that allows: `doctor --all` over N mappings makes
/// ceil(distinct queries / 500) calls per Region, not one per mapping or function. Every mapping of a run shares
/// one window, ending on a whole minute.
extension SnapshotGatherer {
    /// The window of this run's metric reads.
    public var metricReadWindow: (start: Date, end: Date) {
        MappingMetricCatalogue.window(endingAt: now(), seconds: metricWindow)
    }

    /// Reads the metrics of `mappings` now, in batched GetMetricData calls, and seeds the read cache with each
    /// mapping's `MetricData`, so that gathering them afterwards makes no metric call of its own.
    public func prefetchMetrics(of mappings: [JSONValue]) async {
        await prefetchMetrics(
            reads: mappings.compactMap { MappingReadPlan(mapping: $0, readsMetrics: true).metricsRead })
    }

    /// Makes the metric reads `reads` (each a mapping's `metricsRead`) now, as ``prefetchMetrics(of:)`` does.
    /// - Parameter reads: the metric reads of the mappings to be gathered.
    package func prefetchMetrics(reads: [SnapshotRead]) async {
        guard !reads.isEmpty else { return }
        let window = metricReadWindow
        let queries = reads.flatMap { read -> [MetricQuery] in
            if case .getMetricData(let queries) = read.call { return queries }
            return []
        }
        let gatherer = self
        let batch = Task { await gatherer.readSeries(queries, window: window) }
        for read in reads {
            guard case .getMetricData(let queries) = read.call else { continue }
            await cache.seed(metricCacheKey(read)) {
                try SnapshotGatherer.metricData(queries, from: await batch.value, window: window)
            }
        }
    }

    /// The `MetricData` document of one read: seeded by ``prefetchMetrics(of:)``, or read now.
    func metricData(_ read: SnapshotRead) async throws -> JSONValue {
        guard case .getMetricData(let queries) = read.call else { return .null }
        if let seeded = await cache.takeSeeded(metricCacheKey(read)) { return try await seeded() }
        let window = metricReadWindow
        return try SnapshotGatherer.metricData(queries, from: await readSeries(queries, window: window), window: window)
    }

    func metricCacheKey(_ read: SnapshotRead) -> String { "\(scope)|metrics|\(read.key)" }

    /// Reads `queries` (each distinct one once) in calls of at most 500; per query, its result or the failure
    /// of its call.
    func readSeries(_ queries: [MetricQuery], window: (start: Date, end: Date)) async -> [MetricQuery: Result<
        JSONValue, Error
    >] {
        let batches = MappingMetricCatalogue.batches(queries)
        let cloudWatch = CloudWatchClient(client: client)
        return await withTaskGroup(of: [MetricQuery: Result<JSONValue, Error>].self) { group in
            for batch in batches {
                group.addTask {
                    let ids = batch.enumerated().map { (id: "q\($0.offset)", query: $0.element) }
                    do {
                        // Not through the read cache: a batch is never asked for again (each query is in one
                        // batch of the run), and its key and answer would take ~100 KiB of the cache each.
                        let output = try await self.limited {
                            try await cloudWatch.getMetricData(queries: ids, start: window.start, end: window.end)
                        }
                        var byId: [String: JSONValue] = [:]
                        for result in output["MetricDataResults"]?.arrayValue ?? [] {
                            if let id = result["Id"]?.stringValue { byId[id] = result }
                        }
                        return Dictionary(
                            uniqueKeysWithValues: ids.map { ($0.query, .success(byId[$0.id] ?? [:])) })
                    } catch {
                        return Dictionary(uniqueKeysWithValues: batch.map { ($0, .failure(error)) })
                    }
                }
            }
            var all: [MetricQuery: Result<JSONValue, Error>] = [:]
            for await part in group { all.merge(part) { first, _ in first } }
            return all
        }
    }

    /// The `MetricData` part (docs/snapshot.md) for `queries`: the window, and per query its namespace, name,
    /// exact dimension set, statistic, period and points. Throws the failure of any call it needed.
    static func metricData(
        _ queries: [MetricQuery], from results: [MetricQuery: Result<JSONValue, Error>],
        window: (start: Date, end: Date)
    ) throws -> JSONValue {
        var series: [JSONValue] = []
        for query in queries {
            let result = try (results[query] ?? .success([:])).get()
            var entry = (try? JSONValue(encoding: query))?.objectValue ?? [:]
            entry["Timestamps"] = result["Timestamps"] ?? []
            entry["Values"] = result["Values"] ?? []
            entry["StatusCode"] = result["StatusCode"] ?? "Complete"
            series.append(.object(entry))
        }
        return [
            "StartTime": .string(ISO8601Instant.format(window.start)),
            "EndTime": .string(ISO8601Instant.format(window.end)), "Series": .array(series),
        ]
    }
}
