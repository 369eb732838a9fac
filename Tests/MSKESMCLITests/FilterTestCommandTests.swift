import Foundation
import MSKESMCore
import Testing

@testable import MSKESMCLI

/// `msk-esm filter test`: patterns from flags, files and snapshots over event files and `--value` records, the
/// JSON document per record, and the exit codes.
@Suite struct FilterTestCommandTests {
    static func temporaryFile(_ name: String, _ contents: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "filter-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    static func sampleEvent(records: Int = 3, partitions: Int = 1) async throws -> String {
        let sample = await CommandRunner.run([
            "event", "sample", "--records", String(records), "--partitions", String(partitions), "--at",
            "2026-11-27T00:00:00Z",
        ])
        try #require(sample.exitCode == 0)
        return try temporaryFile("event.json", Data(sample.stdout.utf8))
    }

    @Test func eachRecordIsKeptOrDroppedWithTheFilterThatKeptIt() async throws {
        let event = try await Self.sampleEvent()
        // The sample's amounts are 10.5, 11.5 and 12.5, in EUR.
        let result = await CommandRunner.run([
            "filter", "test", "--pattern", #"{"value": {"currency": ["USD"]}}"#,
            "--pattern", #"{"value": {"amount": [{"numeric": [">", 11]}]}}"#, event, "--output", "json",
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let document = try result.json()
        #expect(document["verdict"] as? String == "pass")
        let summary = try #require(document["summary"] as? [String: Any])
        let records = try #require(summary["records"] as? [[String: Any]])
        #expect(records.map { $0["offset"] as? Int } == [100, 101, 102])
        #expect(records.map { $0["kept"] as? Bool } == [false, true, true])
        #expect(records.map { $0["filter"] as? Int } == [nil, 1, 1])
        #expect(records.allSatisfy { $0["topic"] as? String == "orders" && $0["partition"] as? Int == 0 })
        #expect(records[0]["filter"] is NSNull)
        #expect((records[0]["clause"] as? String)?.contains("value.currency is \"EUR\"") == true)
        #expect(summary["kept"] as? Int == 2 && summary["dropped"] as? Int == 1)
    }

    @Test func theDirectlyBuiltDocumentIsTheReportsEncoding() throws {
        let records = [#"{"a":1}"#, "plain", #"{"a":2}"#].enumerated().map {
            FilterTestRecord(topic: "t", partition: 0, offset: $0.offset, value: FilterRecordValue(text: $0.element))
        }
        var input = FilterCriteriaRules.Input(patterns: [#"{"value":{"a":[2]}}"#, #"{"key":["k"]}"#])
        input.quota = 1
        let report = FilterTest.run(input, records: records + [FilterTestRecord(value: .absent)])
        #expect(JSONOutput.encode(try FilterTestCommand.document(report)) == JSONOutput.encode(report))
    }

    @Test func theTextReportNamesTheDecidingClause() async throws {
        let result = await CommandRunner.run([
            "filter", "test", "--pattern", #"{"value": [{"prefix": "ERROR"}]}"#, "--value", "ERROR disk full",
            "--value", "INFO all good", "--no-color",
        ])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("kept    record 0: filter 0 matched: value [{\"prefix\":\"ERROR\"}]"))
        #expect(result.stdout.contains("dropped record 1: filter 0: value is \"INFO all good\""))
    }

    @Test func anOperatorLambdaDoesNotListFailsAndKeepsNothing() async throws {
        let result = await CommandRunner.run([
            "filter", "test", "--pattern", #"{"value": [{"wildcard": "ERROR*"}]}"#, "--value", "ERROR x",
            "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let document = try result.json()
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.first?["code"] as? String == "FLT001")
        let records = try #require((document["summary"] as? [String: Any])?["records"] as? [[String: Any]])
        #expect(records.first?["kept"] as? Bool == false)
    }

    @Test func aPatternFileMayHoldFilterCriteria() async throws {
        let criteria =
            #"{"Filters": [{"Pattern": "{\"value\": {\"a\": [1]}}"}, {"Pattern": "{\"value\": {\"a\": [2]}}"}]}"#
        let file = try Self.temporaryFile("criteria.json", Data(criteria.utf8))
        let result = await CommandRunner.run([
            "filter", "test", "--pattern-file", file, "--value", #"{"a": 2}"#, "--output", "json",
        ])
        #expect(result.exitCode == 0)
        let summary = try #require(try result.json()["summary"] as? [String: Any])
        #expect((summary["filters"] as? [String])?.count == 2)
        #expect((summary["records"] as? [[String: Any]])?.first?["filter"] as? Int == 1)
    }

    @Test func theSnapshotsMappingFiltersAreTested() async throws {
        let snapshot: [String: Any] = [
            "SnapshotVersion": 1,
            "EventSourceMapping": [
                "UUID": "3f6a1d2c-8b4e-4f7a-9c1d-2e5b8a0f4c36", "Topics": ["orders"],
                "FilterCriteria": ["Filters": [["Pattern": #"{"key": ["order-0-100"]}"#]]],
            ],
        ]
        let file = try Self.temporaryFile("snapshot.json", try JSONSerialization.data(withJSONObject: snapshot))
        let event = try await Self.sampleEvent(records: 1)
        let result = await CommandRunner.run(["filter", "test", "--snapshot", file, event, "--output", "json"])
        #expect(result.exitCode == 1)
        let document = try result.json()
        let codes = (document["findings"] as? [[String: Any]])?.filter { $0["severity"] as? String == "fail" }
            .compactMap { $0["code"] as? String }
        #expect(codes == ["FLT002"])
        let records = try #require((document["summary"] as? [String: Any])?["records"] as? [[String: Any]])
        #expect(records.first?["kept"] as? Bool == false)
    }

    @Test func plainStringRecordsUnderAJSONFilterAreAWarning() async throws {
        let result = await CommandRunner.run([
            "filter", "test", "--pattern", #"{"value": {"level": ["ERROR"]}}"#, "--value", "ERROR x", "--strict",
        ])
        #expect(result.exitCode == 1)
        #expect(
            result.stdout.contains("FLT003 filter 0 matches JSON values, but every record's value is a plain string"))
    }

    @Test func anEventFileMayBeLargerThanASnapshot() async throws {
        // 2 MiB of records: over the 1 MiB of snapshots and secrets, within the 64 MiB of event files.
        let event = try await Self.sampleEvent(records: 6_000, partitions: 2)
        let size = try FileManager.default.attributesOfItem(atPath: event)[.size] as? Int ?? 0
        #expect(size > 2 << 20)
        let result = await CommandRunner.run([
            "filter", "test", "--pattern", #"{"value": {"currency": ["EUR"]}}"#, event, "--output", "json",
            "--query", "summary.kept",
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "12000")
        let decoded = await CommandRunner.run(["event", "decode", event, "--output", "json", "--query", "recordCount"])
        #expect(decoded.exitCode == 0, "\(decoded.stderr)")
        let asSnapshot = await CommandRunner.run(["doctor", "--snapshot", event])
        #expect(asSnapshot.exitCode == 2)
        #expect(asSnapshot.stderr.contains("larger than 1 MiB"))
    }

    @Test(arguments: [
        ["filter", "test", "--value", "x"], ["filter", "test", "--pattern", "{}"],
        ["filter", "test", "--pattern", "{}", "--snapshot", "s.json", "--value", "x"],
    ])
    func missingOrConflictingInputsAreUsageErrors(_ arguments: [String]) async {
        let result = await CommandRunner.run(arguments)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
    }
}
