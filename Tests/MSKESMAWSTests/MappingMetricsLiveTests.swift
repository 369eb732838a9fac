import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import Testing

/// The mapping's own metrics against moto's CloudWatch. moto answers GetMetricData only with the data stored for
/// the exact dimension set asked for, so the tests store data with the AWS CLI (`put-metric-data`) under the
/// documented names and dimension sets — `EventSourceMappingUUID` for a mapping's own metrics, `FunctionName` for
/// the function's OffsetLag (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html) — and
/// check what msk-esm asked for (the proxy's log of each GetMetricData body) and what it concluded. The mappings
/// are seeded in the shared test server under functions of their own (metrics-two, metrics-off, metrics-fleet),
/// so no other suite sees them.
@Suite(
    "mapping metrics live", .serialized,
    .enabled(if: PythonProcess.available && AWSCLI.available, "skipped: python3, moto or the AWS CLI is missing"))
struct MappingMetricsLiveTests {
    static let all = ["EventCount", "ErrorCount", "KafkaMetrics"]
    static let twoA = "3e7a0000-0000-4000-8000-00000000000a"
    static let twoB = "3e7a0000-0000-4000-8000-00000000000b"
    static let off = "3e7a0000-0000-4000-8000-0000000000c0"
    static let fleetSize = 40

    static func fleetUUID(_ index: Int) -> String { String(format: "3e7af000-0000-4000-8000-%012d", index) }

    /// Seeds the mappings once per process: two mappings of metrics-two (every metric group on), one of
    /// metrics-off (MetricsConfig off), and the 40 of metrics-fleet (every group on: 560 queries).
    static let seeded = Task { () throws -> TestBed in
        let bed = try await TestBed.shared()
        let account = bed.info["account"]?.stringValue ?? "123456789012"
        func arn(_ function: String) -> String { "arn:aws:lambda:\(bed.region):\(account):function:\(function)" }
        func mapping(_ uuid: String, _ function: String, _ groups: [String]) -> JSONValue {
            var mapping: [String: JSONValue] = [
                "UUID": .string(uuid), "FunctionArn": .string(arn(function)), "State": "Enabled",
                "EventSourceArn": .string("arn:aws:kafka:\(bed.region):\(account):cluster/metrics/abc-1"),
                "Topics": ["orders"], "StartingPosition": "TRIM_HORIZON", "BatchSize": 100,
                "LastProcessingResult": "OK", "StateTransitionReason": "USER_INITIATED",
                "EventSourceMappingArn": .string(
                    "arn:aws:lambda:\(bed.region):\(account):event-source-mapping:\(uuid)"),
            ]
            if !groups.isEmpty { mapping["MetricsConfig"] = ["Metrics": .array(groups.map { .string($0) })] }
            return .object(mapping)
        }
        var mappings = [
            mapping(twoA, "metrics-two", all), mapping(twoB, "metrics-two", all), mapping(off, "metrics-off", []),
        ]
        mappings += (0..<fleetSize).map { mapping(fleetUUID($0), "metrics-fleet", all) }
        _ = try await bed.sideDoor(bed.testbedURL + "/_testbed/seed", body: ["mappings": .array(mappings)])

        // Points a few minutes back, inside the default window of one hour.
        let now = Date()
        func minutesAgo(_ minutes: Int) -> String {
            ISO8601Instant.format(
                Date(timeIntervalSince1970: ((now.timeIntervalSince1970 / 60).rounded(.down) - Double(minutes)) * 60))
        }
        func put(_ name: String, _ dimension: String, _ value: String, _ values: [Double]) throws {
            let data = values.enumerated().map { index, point -> JSONValue in
                [
                    "MetricName": .string(name), "Dimensions": [["Name": .string(dimension), "Value": .string(value)]],
                    "Timestamp": .string(minutesAgo(10 - index)), "Value": .number(point),
                ]
            }
            let text = String(decoding: try JSONEncoder().encode(JSONValue.array(data)), as: UTF8.self)
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in bed.environment(through: bed.motoURL) { environment[key] = value }
            environment["AWS_DEFAULT_REGION"] = bed.region
            let cli = try ChildProcess.run(
                "/usr/bin/env",
                ["aws", "cloudwatch", "put-metric-data", "--namespace", "AWS/Lambda", "--metric-data", text],
                environment: environment)
            guard cli.status == 0 else { throw AWSCLIError(message: cli.errorText) }
        }
        // The documented name, written out: the data must not follow a change of the code's constant.
        let mapping = "EventSourceMappingUUID"
        // metrics-two: A's lag is flat, B's rises; the function's OffsetLag rises too (it is both together).
        try put("MaxOffsetLag", mapping, twoA, [500, 500, 500, 500])
        try put("MaxOffsetLag", mapping, twoB, [100, 300, 600, 1000])
        try put("OffsetLag", "FunctionName", "metrics-two", [600, 800, 1100, 1500])
        // A dropped events and had polling errors; B filtered out everything it polled.
        try put("PolledEventCount", mapping, twoA, [10, 10, 10])
        try put("DroppedEventCount", mapping, twoA, [0, 2, 3])
        try put("PollingErrorCount", mapping, twoA, [1, 1])
        try put("PolledEventCount", mapping, twoB, [5, 5, 5])
        try put("FilteredOutEventCount", mapping, twoB, [5, 5, 5])
        try put("OnFailureDestinationDeliveredEventCount", mapping, twoB, [0, 4])
        // metrics-off: only the function's OffsetLag exists.
        try put("OffsetLag", "FunctionName", "metrics-off", [50, 40, 30, 20])
        return bed
    }

    func decode(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    func findings(_ document: JSONValue?, _ code: String) -> [JSONValue] {
        document?["findings"]?.arrayValue?.filter { $0["code"]?.stringValue == code } ?? []
    }

    /// The GetMetricData requests a proxy saw, each as its list of queries: (metric, [dimension name=value]).
    func metricRequests(_ proxy: PrivateFaultProxy, bed: TestBed) async throws -> [[(String, [String])]] {
        let log = try await bed.sideDoor(proxy.url + "/_proxy/log").arrayValue ?? []
        return log.filter { $0["operation"]?.stringValue == "GetMetricData" }.map { entry in
            let key = entry["key"]?.stringValue ?? ""
            let body = String(key.split(separator: " ", maxSplits: 3).last ?? "")
            var form: [String: String] = [:]
            for pair in body.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                form[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            var queries: [(String, [String])] = []
            var index = 1
            while let name = form["MetricDataQueries.member.\(index).MetricStat.Metric.MetricName"] {
                var dimensions: [String] = []
                var number = 1
                let prefix = "MetricDataQueries.member.\(index).MetricStat.Metric.Dimensions.member."
                while let dimension = form["\(prefix)\(number).Name"] {
                    dimensions.append("\(dimension)=\(form["\(prefix)\(number).Value"] ?? "")")
                    number += 1
                }
                queries.append((name, dimensions))
                index += 1
            }
            return queries
        }
    }

    @Test(
        "a function with two mappings: each asks for its own metrics by EventSourceMappingUUID, and their lags are not mixed"
    )
    func twoMappingsOfOneFunction() async throws {
        let bed = try await Self.seeded.value
        let proxy = try PrivateFaultProxy(bed: bed)
        let result = try BinaryRunner.run(
            ["doctor", "--function", "metrics-two", "--output", "json"],
            environment: bed.environment(through: proxy.url))
        #expect(result.exitCode == 0 || result.exitCode == 1, "\(result.stderr)")
        let documents = Dictionary(
            uniqueKeysWithValues: (try decode(result.stdout)["mappings"]?.arrayValue ?? []).compactMap { document in
                document["uuid"]?.stringValue.map { ($0, document) }
            })
        #expect(Set(documents.keys) == [Self.twoA, Self.twoB])
        // A's own lag is flat: pass, though the function's OffsetLag (both mappings) rises.
        let lagA = findings(documents[Self.twoA], "MAP015")
        #expect(lagA.map { $0["severity"]?.stringValue } == ["pass"])
        #expect(lagA.first?["evidence"]?["metric"] == "MaxOffsetLag")
        #expect(lagA.first?["evidence"]?["scope"] == "this mapping's own")
        // B's own lag rises: warn, from 100 to 1000.
        let lagB = findings(documents[Self.twoB], "MAP015")
        #expect(lagB.map { $0["severity"]?.stringValue } == ["warn"])
        #expect(lagB.first?["evidence"]?["first"] == .number(100) && lagB.first?["evidence"]?["last"] == .number(1000))
        // A: 5 dropped, 2 polling errors; B: everything filtered out, 4 to the on-failure destination.
        #expect(findings(documents[Self.twoA], "MET001").first?["evidence"]?["DroppedEventCount"] == .number(5))
        #expect(findings(documents[Self.twoA], "MET003").first?["evidence"]?["PollingErrorCount"] == .number(2))
        #expect(findings(documents[Self.twoA], "MET002").first?["severity"] == "pass")
        #expect(findings(documents[Self.twoB], "MET002").first?["severity"] == "warn")
        #expect(findings(documents[Self.twoB], "MET004").first?["severity"] == "warn")
        #expect(findings(documents[Self.twoB], "MET001").first?["severity"] == "pass")
        // The points are in the JSON: B's lag trend.
        let trends = documents[Self.twoB]?["summary"]?["metrics"]?["trends"]?.arrayValue ?? []
        #expect(trends.first?["name"] == "lag")
        #expect(trends.first?["points"]?.arrayValue?.compactMap { $0["value"] } == [100, 300, 600, 1000])

        // Exactly the documented queries, in one call: 14 per mapping, each with the one dimension
        // EventSourceMappingUUID of its mapping; no per-function OffsetLag (KafkaMetrics gives the mapping's own).
        let requests = try await metricRequests(proxy, bed: bed)
        #expect(requests.count == 1)
        let queries = requests.flatMap { $0 }
        let expected = [Self.twoA, Self.twoB].flatMap { uuid in
            MappingMetricCatalogue.metrics.map { ($0.name, ["EventSourceMappingUUID=\(uuid)"]) }
        }
        #expect(queries.map { "\($0.0) \($0.1)" }.sorted() == expected.map { "\($0.0) \($0.1)" }.sorted())
    }

    @Test(
        "metrics off: MET005 with the command, the function's OffsetLag by FunctionName alone, labelled as the function's"
    )
    func metricsOff() async throws {
        let bed = try await Self.seeded.value
        let proxy = try PrivateFaultProxy(bed: bed)
        let result = try BinaryRunner.run(
            ["doctor", Self.off, "--output", "json"], environment: bed.environment(through: proxy.url))
        let report = try decode(result.stdout)
        let met005 = findings(report, "MET005")
        #expect(met005.first?["severity"] == "info")
        #expect(
            met005.first?["fix"]?.stringValue?.contains(
                "--uuid \(Self.off) --metrics-config Metrics=EventCount,ErrorCount,KafkaMetrics") == true)
        let lag = findings(report, "MAP015").first
        #expect(lag?["severity"] == "pass")
        #expect(lag?["evidence"]?["metric"] == "OffsetLag")
        #expect(lag?["evidence"]?["scope"] == "the function's, all its Kafka mappings together")
        let requests = try await metricRequests(proxy, bed: bed)
        #expect(requests.map { $0.map { "\($0.0) \($0.1)" } } == [["OffsetLag [\"FunctionName=metrics-off\"]"]])
    }

    @Test(
        "the snapshot records the window, and per series its exact dimension set and points; the text shows sparklines")
    func snapshotAndText() async throws {
        let bed = try await Self.seeded.value
        let result = try BinaryRunner.run(
            ["snapshot", Self.twoB, "--since", "2h"], environment: bed.environment())
        #expect(result.exitCode == 0, "\(result.stderr)")
        let snapshot = try decode(result.stdout)
        let data = try #require(snapshot["MetricData"])
        let start = try #require(data["StartTime"]?.stringValue.flatMap(AWSTimestamp.parse))
        let end = try #require(data["EndTime"]?.stringValue.flatMap(AWSTimestamp.parse))
        #expect(end.timeIntervalSince(start) == 7200)
        let series = data["Series"]?.arrayValue ?? []
        #expect(series.count == 14)
        #expect(
            series.allSatisfy {
                $0["Namespace"] == "AWS/Lambda"
                    && $0["Dimensions"] == [["Name": "EventSourceMappingUUID", "Value": .string(Self.twoB)]]
            })
        let lag = series.first { $0["MetricName"] == "MaxOffsetLag" }
        #expect(lag?["Values"] == [100, 300, 600, 1000])
        #expect(lag?["Stat"] == "Maximum")
        // Nothing per function was read, so nothing per function can be taken for this mapping's lag.
        #expect(snapshot["Metrics"] == nil)

        let text = try BinaryRunner.run(["doctor", Self.twoB], environment: bed.environment())
        let lines = text.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let lagLine = try #require(lines.first { $0.hasPrefix("lag ") }, "\(text.stdout)")
        #expect(lagLine.contains("▁") && lagLine.contains("█") && lagLine.contains("100 → 1000"), "\(lagLine)")
        #expect(lines.contains { $0.hasPrefix("dropped ") } && lines.contains { $0.hasPrefix("errors ") })
    }

    @Test("doctor --all over 40 mappings (560 queries) makes ceil(560 / 500) = 2 GetMetricData calls of at most 500")
    func batching() async throws {
        let bed = try await Self.seeded.value
        let proxy = try PrivateFaultProxy(bed: bed)
        let result = try BinaryRunner.run(
            ["doctor", "--all", "--function-prefix", "metrics-fleet", "--output", "json"],
            environment: bed.environment(through: proxy.url))
        #expect(result.exitCode == 0 || result.exitCode == 1, "\(result.stderr)")
        let mappings = try decode(result.stdout)["mappings"]?.arrayValue ?? []
        #expect(mappings.count == Self.fleetSize)
        let requests = try await metricRequests(proxy, bed: bed)
        let queries = Self.fleetSize * MappingMetricCatalogue.metrics.count
        #expect(queries == 560)
        #expect(requests.count == (queries + 499) / 500)
        #expect(requests.allSatisfy { $0.count <= 500 })
        #expect(requests.map(\.count).reduce(0, +) == queries)
        // Each mapping's series came back from the shared calls: every mapping has its MET findings, none skipped.
        #expect(
            mappings.allSatisfy { document in
                !(document["findings"]?.arrayValue ?? []).contains {
                    ($0["code"]?.stringValue ?? "").hasPrefix("MET") && $0["severity"] == "skipped"
                }
            })
    }
}
