import Foundation

/// MAP015: the lag's trend. The mapping's own `MaxOffsetLag` (`MetricData`, dimension `EventSourceMappingUUID`
/// of this mapping) when it publishes `KafkaMetrics`; otherwise the function's `OffsetLag` (dimension
/// `FunctionName`), which mixes the lag of every Kafka mapping of the function and is said to be so.
public struct OffsetLagCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `offset-lag`, as listed in `summary.checks`.
    public let name = "offset-lag"
    /// True: a mapping that does not exist yet has no lag, so the preflight leaves this check out.
    public var judgesExistingMapping: Bool { true }
    /// MAP015.
    public var codes: [FindingCode] { [.map015] }
    /// `MetricData` (a snapshot of an older msk-esm has `Metrics.OffsetLag` instead).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] {
        snapshot.metricData == nil && snapshot.metrics?.offsetLag != nil ? [.metrics] : [.metricData]
    }
    /// The MAP015 finding for the lag's trend, or none when no lag series was read.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let uuid = context.snapshot.eventSourceMapping.uuid
        guard let lag = MappingMetricsView(context.snapshot).lag else {
            guard let output = context.snapshot.metrics?.offsetLag else { return [] }
            return MappingStatusRules.offsetLag(
                points: zip(
                    output.metricDataResults?.first?.timestamps ?? [], output.metricDataResults?.first?.values ?? []
                )
                .map { ($0.0.date, $0.1) }, metric: "OffsetLag",
                scope: "the function's, all its Kafka mappings together", mappingUUID: uuid)
        }
        return MappingStatusRules.offsetLag(
            points: lag.series.points.map { ($0.date, $0.value) }, metric: lag.series.query.metricName,
            scope: lag.perMapping ? "this mapping's own" : "the function's, all its Kafka mappings together",
            mappingUUID: uuid)
    }
}

/// MET001–MET006: what the mapping's own metrics (`MetricsConfig`) say over the window: events dropped, every
/// event filtered out, errors, deliveries to the on-failure destination; and, when a group is off, how to turn
/// it on. Source of the metrics and their meaning:
/// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
public struct MappingMetricsCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `mapping-metrics`, as listed in `summary.checks`.
    public let name = "mapping-metrics"
    /// True: only an existing mapping has metrics.
    public var judgesExistingMapping: Bool { true }
    /// MET001–MET006.
    public var codes: [FindingCode] { FindingCode.metricsCodes }
    /// `MetricData` when the mapping publishes metrics of its own; nothing otherwise (MET005 says how to).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] {
        MappingMetricsView.groups(snapshot).isEmpty ? [] : [.metricData]
    }

    /// MET005 for each group off; with `MetricData`, MET001–MET004 (or MET006 when the window has no point).
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let snapshot = context.snapshot
        let uuid = snapshot.eventSourceMapping.uuid ?? "<uuid>"
        let groups = MappingMetricsView.groups(snapshot)
        var findings: [Finding] = []
        let missing = MappingMetricCatalogue.groups.filter { !groups.contains($0) }
        if !missing.isEmpty {
            let all = MappingMetricCatalogue.groups
            findings.append(
                Finding(
                    code: .met005, severity: .info,
                    title: groups.isEmpty
                        ? "the mapping publishes no metrics of its own (MetricsConfig is off)"
                        : "MetricsConfig leaves \(missing.joined(separator: ", ")) off",
                    detail: "With MetricsConfig, Lambda publishes the mapping's own metrics (AWS/Lambda, dimension "
                        + "EventSourceMappingUUID): events polled, filtered out, dropped and sent to the on-failure "
                        + "destination (EventCount), polling and commit errors (ErrorCount), and the lag of this "
                        + "mapping alone (KafkaMetrics: MaxOffsetLag); without KafkaMetrics the only lag is the "
                        + "function's OffsetLag, which mixes all its mappings. CloudWatch charges for the extra metrics.",
                    fix: "aws lambda update-event-source-mapping --uuid \(uuid) --metrics-config Metrics="
                        + all.joined(separator: ",") + " (or msk-esm update \(uuid) "
                        + all.map { "--metric \($0)" }.joined(separator: " ") + ")",
                    evidence: [
                        "enabled": .array(groups.map { .string($0) }), "off": .array(missing.map { .string($0) }),
                    ]
                ))
        }
        guard !groups.isEmpty, snapshot.metricData != nil, let mappingUUID = snapshot.eventSourceMapping.uuid
        else { return findings }
        let view = MappingMetricsView(snapshot)
        func total(_ name: String) -> Double? { view.series(name).map(\.total) }
        let window = view.windowText
        let read = MappingMetricCatalogue.metrics.filter { groups.contains($0.group) }.compactMap {
            view.series($0.name)
        }
        if !read.isEmpty && read.allSatisfy({ $0.values.isEmpty }) {
            findings.append(
                Finding(
                    code: .met006, severity: .info, title: "no metric data for the mapping \(window)",
                    detail: "MetricsConfig is on (\(groups.joined(separator: ", "))), but CloudWatch has no point for "
                        + "EventSourceMappingUUID \(mappingUUID) in the window: a disabled mapping publishes none, "
                        + "and the metrics start when they are turned on.",
                    fix: "msk-esm doctor \(mappingUUID) --since 24h, or check the mapping's State"))
            return findings
        }
        if groups.contains("EventCount") {
            let dropped = total("DroppedEventCount") ?? 0
            findings.append(
                dropped > 0
                    ? Finding(
                        code: .met001, severity: .warn, title: "the mapping dropped \(Int(dropped)) events \(window)",
                        detail: "DroppedEventCount counts records that exceeded MaximumRecordAgeInSeconds or "
                            + "MaximumRetryAttempts and were not sent to an on-failure destination: they are lost.",
                        fix: "find the function's errors (the Errors and Throttles metrics), and set an on-failure "
                            + "destination: aws lambda update-event-source-mapping --uuid \(mappingUUID) "
                            + "--destination-config '{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:…\"}}'",
                        evidence: ["DroppedEventCount": .number(dropped)])
                    : Finding(code: .met001, severity: .pass, title: "no event dropped \(window)"))
            let polled = total("PolledEventCount") ?? 0
            let filtered = total("FilteredOutEventCount") ?? 0
            if polled > 0 && filtered >= polled {
                findings.append(
                    Finding(
                        code: .met002, severity: .warn,
                        title: "all \(Int(polled)) events polled were filtered out \(window)",
                        detail: "FilteredOutEventCount equals PolledEventCount: the function was never invoked. A "
                            + "Kafka filter can only match the record's value (not its key or headers), as JSON "
                            + "when the value is JSON, otherwise as a plain string "
                            + "(https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).",
                        fix: "check the patterns against real records: aws lambda get-event-source-mapping --uuid "
                            + "\(mappingUUID) --query FilterCriteria",
                        evidence: ["PolledEventCount": .number(polled), "FilteredOutEventCount": .number(filtered)]))
            } else if polled > 0 {
                findings.append(
                    Finding(
                        code: .met002, severity: .pass,
                        title: "\(Int(polled - filtered)) of \(Int(polled)) events polled passed the filters \(window)")
                )
            }
            let delivered = total("OnFailureDestinationDeliveredEventCount") ?? 0
            findings.append(
                delivered > 0
                    ? Finding(
                        code: .met004, severity: .warn,
                        title: "\(Int(delivered)) events went to the on-failure destination \(window)",
                        detail: "Each is a record the function failed to process within the retry and age limits; "
                            + "the destination holds its metadata (or the record, for an S3 or Kafka destination).",
                        fix: "read the destination's messages and the function's errors; msk-esm event decode "
                            + "explains an on-failure record",
                        evidence: ["OnFailureDestinationDeliveredEventCount": .number(delivered)])
                    : Finding(
                        code: .met004, severity: .pass, title: "nothing sent to the on-failure destination \(window)"))
        }
        if groups.contains("ErrorCount") {
            var errors: [String: Double] = [:]
            for name in MappingMetricCatalogue.errorMetrics {
                if let count = total(name), count > 0 { errors[name] = count }
            }
            findings.append(
                errors.isEmpty
                    ? Finding(code: .met003, severity: .pass, title: "no polling, invoke or commit error \(window)")
                    : Finding(
                        code: .met003, severity: .warn,
                        title: "the mapping reported errors \(window): "
                            + errors.keys.sorted().map { "\($0) \(Int(errors[$0] ?? 0))" }.joined(
                                separator: ", "),
                        detail: "PollingErrorCount: Lambda could not poll the brokers (network, authentication, "
                            + "permissions); InvokeErrorCount: batches it could not invoke the function with; "
                            + "CommitErrorCount: offsets it could not commit; SchemaRegistryErrorCount: schemas it "
                            + "could not fetch or use; OnFailureDestinationDeliveryErrorCount: records it could not "
                            + "send to the on-failure destination.",
                        fix: "msk-esm doctor \(mappingUUID) --probe checks the path to the brokers; the mapping's "
                            + "system logs (LoggingConfig) name each error",
                        evidence: errors.mapValues { .number($0) }))
        }
        return findings
    }
}

/// The metric series a snapshot holds for its mapping, as the checks and the report's trends read them.
public struct MappingMetricsView: Sendable {
    /// The snapshot's `MetricData`, if read.
    public let data: SnapshotMetricData?
    /// The mapping's UUID.
    public let uuid: String?
    /// The function's name (for its `OffsetLag`).
    public let functionName: String?

    /// The view of `snapshot`.
    public init(_ snapshot: Snapshot) {
        data = snapshot.metricData
        uuid = snapshot.eventSourceMapping.uuid
        functionName = snapshot.eventSourceMapping.functionArn.map(MappingFacts.functionName(ofArn:))
    }

    /// The groups the mapping's `MetricsConfig` turns on.
    public static func groups(_ snapshot: Snapshot) -> [String] {
        MappingMetricCatalogue.groups(named: snapshot.eventSourceMapping.metricsConfig?.metrics ?? [])
    }

    /// The lag series: the mapping's own `MaxOffsetLag`, else the function's `OffsetLag`.
    public var lag: (series: MetricSeries, perMapping: Bool)? {
        if let uuid, let own = data?.mappingSeries("MaxOffsetLag", uuid: uuid) { return (own, true) }
        if let functionName,
            let function = data?.series(
                "OffsetLag", dimensions: [MetricDimension(MappingMetricCatalogue.functionDimension, functionName)])
        {
            return (function, false)
        }
        return nil
    }

    /// The mapping's own series of `name`.
    public func series(_ name: String) -> MetricSeries? {
        guard let uuid else { return nil }
        return data?.mappingSeries(name, uuid: uuid)
    }

    /// "in the window 10:00–11:00Z" style text, or "in the window" when the snapshot does not say.
    var windowText: String {
        guard let start = data?.startTime?.date, let end = data?.endTime?.date else { return "in the window" }
        return "from \(ISO8601Instant.format(start)) to \(ISO8601Instant.format(end))"
    }

    /// The trends the report shows (lag, dropped, errors), each a per-minute series: `summary.metrics`.
    public var trends: MetricTrends? {
        guard let data else { return nil }
        var trends: [MetricTrend] = []
        if let lag {
            trends.append(
                MetricTrend(
                    name: "lag", metrics: [lag.series.query.metricName], dimensions: lag.series.query.dimensions,
                    points: lag.series.points))
        }
        if let dropped = series("DroppedEventCount") {
            trends.append(
                MetricTrend(
                    name: "dropped", metrics: ["DroppedEventCount"], dimensions: dropped.query.dimensions,
                    points: dropped.points))
        }
        let errors = MappingMetricCatalogue.errorMetrics.compactMap(series)
        if let first = errors.first {
            var byMinute: [Date: Double] = [:]
            for series in errors { for point in series.points { byMinute[point.date, default: 0] += point.value } }
            trends.append(
                MetricTrend(
                    name: "errors", metrics: errors.map(\.query.metricName), dimensions: first.query.dimensions,
                    points: byMinute.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
        guard !trends.isEmpty else { return nil }
        return MetricTrends(start: data.startTime, end: data.endTime, trends: trends)
    }
}

/// The report's `summary.metrics`: the window and, per trend, its data points (docs/output.md).
public struct MetricTrends: Codable, Sendable, Equatable {
    /// The window's start.
    public var start: AWSTimestamp?
    /// The window's end.
    public var end: AWSTimestamp?
    /// Lag, dropped, errors (those read).
    public var trends: [MetricTrend]

    /// The trends of a window.
    /// - Parameters:
    ///   - start: the window's start.
    ///   - end: the window's end.
    ///   - trends: the trends read.
    public init(start: AWSTimestamp?, end: AWSTimestamp?, trends: [MetricTrend]) {
        self.start = start
        self.end = end
        self.trends = trends
    }
}

/// One trend: a name (`lag`, `dropped`, `errors`), the metrics it is made of, their dimension set, the points.
public struct MetricTrend: Codable, Sendable, Equatable {
    /// `lag`, `dropped` or `errors`.
    public var name: String
    /// The CloudWatch metrics (errors: the ErrorCount metrics, summed per minute).
    public var metrics: [String]
    /// The dimension set the points are for (`EventSourceMappingUUID`, or `FunctionName` for the function's lag).
    public var dimensions: [MetricDimension]
    /// The points, oldest first.
    public var points: [MetricPoint]

    /// A trend of `points`.
    public init(name: String, metrics: [String], dimensions: [MetricDimension], points: [(date: Date, value: Double)]) {
        self.name = name
        self.metrics = metrics
        self.dimensions = dimensions
        self.points = points.map { MetricPoint(timestamp: AWSTimestamp($0.date), value: $0.value) }
    }
}

/// One data point: `{"timestamp", "value"}`.
public struct MetricPoint: Codable, Sendable, Equatable {
    /// When.
    public var timestamp: AWSTimestamp
    /// The value for that minute.
    public var value: Double
}
