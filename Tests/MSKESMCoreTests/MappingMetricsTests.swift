import Foundation
import Testing

@testable import MSKESMCore

/// The mapping's own metrics: the queries (the documented names, namespace and dimension sets), the packing of
/// queries into GetMetricData calls, the MET findings, and MAP015 on the right lag.
@Suite struct MappingMetricsTests {
    static let uuid = "a1b2c3d4-5678-90ab-cdef-000000000001"
    static let other = "a1b2c3d4-5678-90ab-cdef-000000000002"
    static let functionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders"

    static func mapping(_ groups: [String]?, uuid: String = uuid, functionArn: String = functionArn) -> JSONValue {
        var mapping: [String: JSONValue] = [
            "UUID": .string(uuid), "FunctionArn": .string(functionArn), "State": "Enabled",
            "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/1", "Topics": ["orders"],
        ]
        if let groups { mapping["MetricsConfig"] = ["Metrics": .array(groups.map { .string($0) })] }
        return .object(mapping)
    }

    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    static func series(
        _ name: String, _ values: [Double], dimension: String = "EventSourceMappingUUID", value: String = uuid
    )
        -> MetricSeries
    {
        let stat = name.hasSuffix("Lag") ? "Maximum" : "Sum"
        return MetricSeries(
            query: MetricQuery(
                namespace: "AWS/Lambda", metricName: name, dimensions: [MetricDimension(dimension, value)], stat: stat,
                period: 60),
            timestamps: values.indices.map { AWSTimestamp(start.addingTimeInterval(Double($0) * 60)) }, values: values,
            statusCode: "Complete")
    }

    static func snapshot(_ groups: [String]?, series: [MetricSeries]?) throws -> Snapshot {
        var document: [String: JSONValue] = ["SnapshotVersion": 1, "EventSourceMapping": mapping(groups)]
        if let series {
            document["MetricData"] = try JSONValue(
                encoding: SnapshotMetricData(
                    startTime: AWSTimestamp(start), endTime: AWSTimestamp(start.addingTimeInterval(3600)),
                    series: series))
        }
        return try Snapshot.decode(.object(document), source: "test")
    }

    func findings(_ snapshot: Snapshot, _ code: String) throws -> [Finding] {
        try Doctor().run(snapshot, at: Self.start.addingTimeInterval(3600)).findings.filter { $0.code == code }
    }

    @Test("the queries are the documented Kafka metrics of each group on, by EventSourceMappingUUID alone")
    func queriesOfEachGroup() {
        let all = MappingMetricCatalogue.queries(for: Self.mapping(["EventCount", "ErrorCount", "KafkaMetrics"]))
        #expect(
            all.map(\.metricName) == [
                "PolledEventCount", "FilteredOutEventCount", "InvokedEventCount", "FailedInvokeEventCount",
                "DroppedEventCount", "OnFailureDestinationDeliveredEventCount", "CommittedEventCount",
                "PollingErrorCount", "InvokeErrorCount", "OnFailureDestinationDeliveryErrorCount",
                "SchemaRegistryErrorCount", "CommitErrorCount", "MaxOffsetLag", "SumOffsetLag",
            ])
        #expect(all.allSatisfy { $0.namespace == "AWS/Lambda" && $0.period == 60 })
        #expect(all.allSatisfy { $0.dimensions == [MetricDimension("EventSourceMappingUUID", Self.uuid)] })
        #expect(all.filter { $0.stat == "Maximum" }.map(\.metricName) == ["MaxOffsetLag", "SumOffsetLag"])
        // KafkaMetrics gives the mapping's own lag: the function's OffsetLag is not read.
        #expect(!all.contains { $0.metricName == "OffsetLag" })
    }

    @Test("without KafkaMetrics the lag is the function's OffsetLag, by FunctionName alone")
    func functionLagWithoutKafkaMetrics() {
        let off = MappingMetricCatalogue.queries(for: Self.mapping(nil))
        #expect(
            off == [
                MetricQuery(
                    namespace: "AWS/Lambda", metricName: "OffsetLag",
                    dimensions: [MetricDimension("FunctionName", "orders")],
                    stat: "Maximum", period: 60)
            ])
        let events = MappingMetricCatalogue.queries(for: Self.mapping(["EventCount"]))
        #expect(events.count == 8)
        #expect(events.last?.metricName == "OffsetLag")
    }

    @Test("queries are packed 500 a call at most, each distinct query once, ceil(distinct / 500) calls")
    func packing() {
        // 40 mappings with every group (14 queries each) and 40 without (the same 4 functions' OffsetLag).
        var queries: [MetricQuery] = []
        for index in 0..<80 {
            let uuid = String(format: "a1b2c3d4-5678-90ab-cdef-%012d", index)
            let mapping = Self.mapping(
                index < 40 ? MappingMetricCatalogue.groups : nil, uuid: uuid,
                functionArn: "arn:aws:lambda:us-east-1:123456789012:function:fn-\(index % 4)")
            queries += MappingMetricCatalogue.queries(for: mapping)
        }
        let batches = MappingMetricCatalogue.batches(queries)
        let distinct = Set(queries).count
        #expect(distinct == 40 * 14 + 4)
        #expect(batches.map(\.count) == [500, 64])
        #expect(Set(batches.flatMap { $0 }).count == distinct)
        #expect(batches.flatMap { $0 }.count == distinct)
        for limit in [1, 7, 100, 563, 564, 1000] {
            let packed = MappingMetricCatalogue.batches(queries, limit: limit)
            #expect(packed.allSatisfy { $0.count <= limit })
            #expect(packed.count == (distinct + limit - 1) / limit)
        }
    }

    @Test("the window ends on a whole minute and is --since long")
    func window() {
        let window = MappingMetricCatalogue.window(
            endingAt: Date(timeIntervalSince1970: 1_796_000_059.5), seconds: 3600)
        #expect(window.end == Date(timeIntervalSince1970: 1_796_000_040))
        #expect(window.end.timeIntervalSince(window.start) == 3600)
    }

    @Test("MetricsConfig off: MET005 says how to turn it on, with the AWS CLI and msk-esm commands")
    func metricsOff() throws {
        let met005 = try findings(try Self.snapshot(nil, series: nil), "MET005")
        #expect(met005.count == 1)
        #expect(met005.first?.severity == .info)
        let fix = met005.first?.fix ?? ""
        #expect(
            fix.contains(
                "aws lambda update-event-source-mapping --uuid \(Self.uuid) --metrics-config Metrics=EventCount,ErrorCount,KafkaMetrics"
            ))
        #expect(
            fix.contains("msk-esm update \(Self.uuid) --metric EventCount --metric ErrorCount --metric KafkaMetrics"))
        // Nothing else to judge, and nothing skipped for want of MetricData.
        #expect(try findings(try Self.snapshot(nil, series: nil), "MET001").isEmpty)
        let partial = try findings(try Self.snapshot(["EventCount"], series: []), "MET005")
        #expect(partial.first?.title.contains("ErrorCount, KafkaMetrics") == true)
        #expect(try findings(try Self.snapshot(MappingMetricCatalogue.groups, series: []), "MET005").isEmpty)
    }

    @Test("MetricsConfig on but no MetricData read: the check is skipped, not passed")
    func metricsOnNotRead() throws {
        let met = try findings(try Self.snapshot(["EventCount"], series: nil), "MET001")
        #expect(met.map(\.severity) == [.skipped])
    }

    @Test("dropped, all filtered out, errors and on-failure deliveries each give their warning")
    func warnings() throws {
        let snapshot = try Self.snapshot(
            MappingMetricCatalogue.groups,
            series: [
                Self.series("PolledEventCount", [10, 20, 30]), Self.series("FilteredOutEventCount", [10, 20, 30]),
                Self.series("DroppedEventCount", [0, 2, 3]),
                Self.series("OnFailureDestinationDeliveredEventCount", [0, 0, 4]),
                Self.series("PollingErrorCount", [1, 0, 1]), Self.series("CommitErrorCount", [0, 0, 0]),
            ])
        let dropped = try findings(snapshot, "MET001")
        #expect(dropped.map(\.severity) == [.warn])
        #expect(dropped.first?.evidence["DroppedEventCount"] == .number(5))
        let filtered = try findings(snapshot, "MET002")
        #expect(filtered.map(\.severity) == [.warn])
        #expect(filtered.first?.title.contains("all 60 events polled were filtered out") == true)
        let errors = try findings(snapshot, "MET003")
        #expect(errors.map(\.severity) == [.warn])
        #expect(errors.first?.evidence == ["PollingErrorCount": .number(2)])
        #expect(try findings(snapshot, "MET004").map(\.severity) == [.warn])
    }

    @Test("healthy metrics pass; another mapping's series are never read as this one's")
    func passesAndScope() throws {
        let healthy = try Self.snapshot(
            ["EventCount", "ErrorCount"],
            series: [
                Self.series("PolledEventCount", [10, 20]), Self.series("FilteredOutEventCount", [1, 0]),
                Self.series("DroppedEventCount", [0, 0]), Self.series("PollingErrorCount", []),
                // The same metrics of another mapping: ignored.
                Self.series("DroppedEventCount", [9, 9], value: Self.other),
                Self.series("PollingErrorCount", [9], value: Self.other),
            ])
        for code in ["MET001", "MET002", "MET003", "MET004"] {
            #expect(try findings(healthy, code).map(\.severity) == [.pass], "\(code)")
        }
        let idle = try Self.snapshot(
            ["EventCount"], series: [Self.series("DroppedEventCount", []), Self.series("PolledEventCount", [])])
        #expect(try findings(idle, "MET006").map(\.severity) == [.info])
        #expect(try findings(idle, "MET001").isEmpty)
    }

    @Test("MAP015 judges the mapping's own MaxOffsetLag, not the function's OffsetLag nor another mapping's lag")
    func lagPerMapping() throws {
        let rising: [Double] = [10, 50, 100, 400]
        let flat: [Double] = [500, 500, 500, 500]
        // The function's OffsetLag rises (another mapping of the function falls behind); this mapping's own
        // lag is flat: no warning.
        let own = try Self.snapshot(
            MappingMetricCatalogue.groups,
            series: [
                Self.series("MaxOffsetLag", flat), Self.series("MaxOffsetLag", rising, value: Self.other),
                Self.series("OffsetLag", rising, dimension: "FunctionName", value: "orders"),
            ])
        let lag = try findings(own, "MAP015")
        #expect(lag.map(\.severity) == [.pass])
        #expect(lag.first?.evidence["metric"] == "MaxOffsetLag")
        #expect(lag.first?.evidence["scope"] == "this mapping's own")
        // Only the function's lag: judged, and said to be the function's.
        let function = try Self.snapshot(
            nil, series: [Self.series("OffsetLag", rising, dimension: "FunctionName", value: "orders")])
        let functionLag = try findings(function, "MAP015")
        #expect(functionLag.map(\.severity) == [.warn])
        #expect(functionLag.first?.detail.contains("the function's, all its Kafka mappings together") == true)
    }

    @Test("summary.metrics holds the trends' points (lag, dropped, errors summed per minute)")
    func trends() throws {
        let snapshot = try Self.snapshot(
            MappingMetricCatalogue.groups,
            series: [
                Self.series("MaxOffsetLag", [1, 2, 3]), Self.series("DroppedEventCount", [0, 1, 0]),
                Self.series("PollingErrorCount", [1, 0, 2]), Self.series("CommitErrorCount", [1, 1, 0]),
            ])
        let summary = try Doctor().run(snapshot, at: Self.start).summary
        let trends = try #require(summary.metrics?.trends)
        #expect(trends.map(\.name) == ["lag", "dropped", "errors"])
        #expect(trends[0].points.map(\.value) == [1, 2, 3])
        #expect(trends[0].dimensions == [MetricDimension("EventSourceMappingUUID", Self.uuid)])
        #expect(trends[2].points.map(\.value) == [2, 1, 2])
        let json = try JSONValue(encoding: summary)
        let lag = json["metrics"]?["trends"]?.arrayValue?.first
        #expect(lag?["points"]?.arrayValue?.last?["value"] == .number(3))
    }
}
