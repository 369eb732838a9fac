import Foundation

/// One CloudWatch dimension (`{"Name", "Value"}`, as GetMetricData takes and the AWS CLI prints it).
public struct MetricDimension: Codable, Sendable, Hashable {
    /// `Name`, e.g. `EventSourceMappingUUID`.
    public var name: String
    /// `Value`, e.g. the mapping's UUID.
    public var value: String

    /// A dimension `name` = `value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case value = "Value"
    }
}

/// One metric statistic to read (a `MetricStat` of GetMetricData): which metric, with exactly which dimension
/// set, which statistic per period. CloudWatch answers only for the exact dimension set asked for
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension), so the
/// dimension set is part of what a series means and is recorded with its data.
public struct MetricQuery: Codable, Sendable, Hashable {
    /// `Namespace`, e.g. `AWS/Lambda`.
    public var namespace: String
    /// `MetricName`, e.g. `MaxOffsetLag`.
    public var metricName: String
    /// `Dimensions`: the exact set.
    public var dimensions: [MetricDimension]
    /// `Stat`: `Sum` or `Maximum`.
    public var stat: String
    /// `Period` in seconds.
    public var period: Int

    /// A query of `metricName` in `namespace` with exactly `dimensions`.
    public init(namespace: String, metricName: String, dimensions: [MetricDimension], stat: String, period: Int) {
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
        self.stat = stat
        self.period = period
    }

    /// A stable text for the query (cache keys, sorting): namespace, name, dimensions, statistic, period.
    public var key: String {
        let dimensions = self.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        return "\(namespace)/\(metricName)[\(dimensions)]\(stat)/\(period)"
    }

    enum CodingKeys: String, CodingKey {
        case namespace = "Namespace"
        case metricName = "MetricName"
        case dimensions = "Dimensions"
        case stat = "Stat"
        case period = "Period"
    }
}

/// The metric groups a mapping's `MetricsConfig` turns on, and the metrics of each, for Amazon MSK and
/// self-managed Apache Kafka mappings. Source: the table of "Event source mapping metrics",
/// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
/// (namespace `AWS/Lambda`; the per-mapping dimension `EventSourceMappingUUID` is listed on
/// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-view.html). The per-function `OffsetLag`
/// (dimension `FunctionName`) is on the same page under "Performance metrics"; it is the lag of every Kafka
/// mapping of the function together.
///
/// | metric | group | statistic read |
/// |---|---|---|
/// | `PolledEventCount` | `EventCount` | Sum |
/// | `FilteredOutEventCount` | `EventCount` | Sum |
/// | `InvokedEventCount` | `EventCount` | Sum |
/// | `FailedInvokeEventCount` | `EventCount` | Sum |
/// | `DroppedEventCount` | `EventCount` | Sum |
/// | `OnFailureDestinationDeliveredEventCount` | `EventCount` | Sum |
/// | `CommittedEventCount` | `EventCount` | Sum |
/// | `PollingErrorCount` | `ErrorCount` | Sum |
/// | `InvokeErrorCount` | `ErrorCount` | Sum |
/// | `OnFailureDestinationDeliveryErrorCount` | `ErrorCount` | Sum |
/// | `SchemaRegistryErrorCount` | `ErrorCount` | Sum |
/// | `CommitErrorCount` | `ErrorCount` | Sum |
/// | `MaxOffsetLag` | `KafkaMetrics` | Maximum |
/// | `SumOffsetLag` | `KafkaMetrics` | Maximum |
public enum MappingMetricCatalogue {
    /// The namespace of every Lambda metric.
    public static let namespace = "AWS/Lambda"
    /// The dimension of a mapping's own metrics.
    public static let mappingDimension = "EventSourceMappingUUID"
    /// The dimension of the per-function `OffsetLag`.
    public static let functionDimension = "FunctionName"
    /// One point a minute: Lambda sends metric data to CloudWatch in 1-minute intervals
    /// (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics.html).
    public static let period = 60
    /// The default window (`--since`).
    public static let defaultWindow: TimeInterval = 3600
    /// GetMetricData takes at most 500 queries per call
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html).
    public static let queriesPerCall = 500

    /// The groups `MetricsConfig.Metrics` may name.
    public static let groups = ["EventCount", "ErrorCount", "KafkaMetrics"]

    /// The Kafka rows of the table above: (metric, group, statistic).
    public static let metrics: [(name: String, group: String, stat: String)] = [
        ("PolledEventCount", "EventCount", "Sum"),
        ("FilteredOutEventCount", "EventCount", "Sum"),
        ("InvokedEventCount", "EventCount", "Sum"),
        ("FailedInvokeEventCount", "EventCount", "Sum"),
        ("DroppedEventCount", "EventCount", "Sum"),
        ("OnFailureDestinationDeliveredEventCount", "EventCount", "Sum"),
        ("CommittedEventCount", "EventCount", "Sum"),
        ("PollingErrorCount", "ErrorCount", "Sum"),
        ("InvokeErrorCount", "ErrorCount", "Sum"),
        ("OnFailureDestinationDeliveryErrorCount", "ErrorCount", "Sum"),
        ("SchemaRegistryErrorCount", "ErrorCount", "Sum"),
        ("CommitErrorCount", "ErrorCount", "Sum"),
        ("MaxOffsetLag", "KafkaMetrics", "Maximum"),
        ("SumOffsetLag", "KafkaMetrics", "Maximum"),
    ]

    /// The metrics of the `ErrorCount` group, summed for the errors trend.
    public static var errorMetrics: [String] { metrics.filter { $0.group == "ErrorCount" }.map(\.name) }

    /// The groups a mapping's `MetricsConfig` turns on, in the table's order (unknown names ignored).
    public static func groups(of mapping: JSONValue) -> [String] {
        groups(named: mapping["MetricsConfig"]?["Metrics"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    /// The groups among `names` (a `MetricsConfig`'s `Metrics`), in the table's order (unknown names ignored).
    public static func groups(named names: [String]) -> [String] {
        let named = Set(names)
        return groups.filter(named.contains)
    }

    /// The queries for a mapping: its own metrics of the groups it turns on (dimension `EventSourceMappingUUID`
    /// only), and, when `KafkaMetrics` is off, the function's `OffsetLag` (dimension `FunctionName` only), the
    /// only lag there is then. Empty without a UUID and function.
    public static func queries(for mapping: JSONValue) -> [MetricQuery] {
        var queries: [MetricQuery] = []
        let groups = self.groups(of: mapping)
        if let uuid = mapping["UUID"]?.stringValue {
            for metric in metrics where groups.contains(metric.group) {
                queries.append(
                    MetricQuery(
                        namespace: namespace, metricName: metric.name,
                        dimensions: [MetricDimension(mappingDimension, uuid)], stat: metric.stat, period: period))
            }
        }
        if !groups.contains("KafkaMetrics"), let functionArn = mapping["FunctionArn"]?.stringValue {
            queries.append(
                MetricQuery(
                    namespace: namespace, metricName: "OffsetLag",
                    dimensions: [MetricDimension(functionDimension, MappingFacts.functionName(ofArn: functionArn))],
                    stat: "Maximum", period: period))
        }
        return queries
    }

    /// Packs distinct queries into calls of at most `limit` each (GetMetricData's 500), in order; each query
    /// appears once however many mappings asked for it (a function's `OffsetLag` for all its mappings).
    public static func batches(_ queries: [MetricQuery], limit: Int = queriesPerCall) -> [[MetricQuery]] {
        var seen: Set<MetricQuery> = []
        let distinct = queries.filter { seen.insert($0).inserted }
        let size = max(1, limit)
        return stride(from: 0, to: distinct.count, by: size).map {
            Array(distinct[$0..<min($0 + size, distinct.count)])
        }
    }

    /// The window ending at `now` rounded down to the minute, `seconds` long: every mapping of a run shares it.
    public static func window(endingAt now: Date, seconds: TimeInterval) -> (start: Date, end: Date) {
        let end = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        return (end.addingTimeInterval(-seconds), end)
    }
}

/// The snapshot's `MetricData` part (docs/snapshot.md): the window read, and per metric the exact query
/// (namespace, name, dimension set, statistic, period) with its data points, so that a series is never read
/// for another scope than the one it was asked for (the per-function `OffsetLag` is not a mapping's lag).
public struct SnapshotMetricData: Codable, Sendable, Equatable {
    /// `StartTime`: the window's start.
    public var startTime: AWSTimestamp?
    /// `EndTime`: the window's end.
    public var endTime: AWSTimestamp?
    /// `Series`: one per query.
    public var series: [MetricSeries]

    /// A part with the given window and series.
    public init(startTime: AWSTimestamp?, endTime: AWSTimestamp?, series: [MetricSeries]) {
        self.startTime = startTime
        self.endTime = endTime
        self.series = series
    }

    enum CodingKeys: String, CodingKey {
        case startTime = "StartTime"
        case endTime = "EndTime"
        case series = "Series"
    }

    /// The series of `metricName` whose dimension set is exactly `dimensions`, if read.
    public func series(_ metricName: String, dimensions: [MetricDimension]) -> MetricSeries? {
        series.first { $0.query.metricName == metricName && Set($0.query.dimensions) == Set(dimensions) }
    }

    /// The mapping's own series of `metricName` (dimension set exactly `EventSourceMappingUUID` = `uuid`).
    public func mappingSeries(_ metricName: String, uuid: String) -> MetricSeries? {
        series(metricName, dimensions: [MetricDimension(MappingMetricCatalogue.mappingDimension, uuid)])
    }
}

/// One metric read: its query and the data points (`Timestamps`, `Values`, `StatusCode` as a
/// `MetricDataResult` has them).
public struct MetricSeries: Codable, Sendable, Equatable {
    /// The query (namespace, name, dimension set, statistic, period).
    public var query: MetricQuery
    /// `Timestamps`.
    public var timestamps: [AWSTimestamp]
    /// `Values`, in the order of `timestamps`.
    public var values: [Double]
    /// `StatusCode`: Complete, PartialData, InternalError or Forbidden.
    public var statusCode: String?

    /// A series of `query` with its points.
    public init(query: MetricQuery, timestamps: [AWSTimestamp], values: [Double], statusCode: String? = nil) {
        self.query = query
        self.timestamps = timestamps
        self.values = values
        self.statusCode = statusCode
    }

    enum CodingKeys: String, CodingKey {
        case timestamps = "Timestamps"
        case values = "Values"
        case statusCode = "StatusCode"
    }

    public init(from decoder: Decoder) throws {
        query = try MetricQuery(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timestamps = try container.decodeIfPresent([AWSTimestamp].self, forKey: .timestamps) ?? []
        values = try container.decodeIfPresent([Double].self, forKey: .values) ?? []
        statusCode = try container.decodeIfPresent(String.self, forKey: .statusCode)
    }

    public func encode(to encoder: Encoder) throws {
        try query.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timestamps, forKey: .timestamps)
        try container.encode(values, forKey: .values)
        try container.encodeIfPresent(statusCode, forKey: .statusCode)
    }

    /// The points oldest first.
    public var points: [(date: Date, value: Double)] {
        zip(timestamps, values).map { ($0.0.date, $0.1) }.sorted { $0.date < $1.date }
    }

    /// The sum of the values (a count over the window).
    public var total: Double { values.reduce(0, +) }
}
