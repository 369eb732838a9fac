import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

/// `msk-esm event sample` and `event decode`.
struct EventCommandTests {
    static func python(_ script: String, stdin: String) -> String? {
        guard
            let python = try? ChildProcess.run(
                "/usr/bin/env", ["python3", "-c", script], input: .data(Data(stdin.utf8)), error: .inherit)
        else { return nil }
        return python.status == 0 ? python.outputText : nil
    }

    static let hasPython = python("print(1)", stdin: "") != nil

    /// The sample has the documented shape; Python's json and base64 read it back.
    @Test(.enabled(if: hasPython, "needs python3"), arguments: [false, true])
    func sampleHasTheDocumentedShape(_ selfManaged: Bool) async throws {
        let result = await CommandRunner.run(
            [
                "event", "sample", "--topic", "payments", "--partitions", "2", "--records", "3",
                "--at", "2026-11-27T00:00:00Z",
            ] + (selfManaged ? ["--self-managed"] : []))
        #expect(result.exitCode == 0)
        let script = """
            import json, sys, base64
            e = json.load(sys.stdin)
            out = [e["eventSource"], str("eventSourceArn" in e), ",".join(sorted(e["records"]))]
            for name, records in sorted(e["records"].items()):
                for r in records:
                    assert r["topic"] == "payments" and name == "payments-%d" % r["partition"]
                    json.loads(base64.b64decode(r["value"]))
                    out.append(base64.b64decode(r["key"]).decode())
                    out.append(bytes(r["headers"][0]["content-type"]).decode())
                    out.append(str(r["timestamp"]) + r["timestampType"])
            print("\\n".join(out))
            """
        let lines = try #require(Self.python(script, stdin: result.stdout)).split(separator: "\n").map(String.init)
        #expect(lines[0] == (selfManaged ? "SelfManagedKafka" : "aws:kafka"))
        #expect(lines[1] == (selfManaged ? "False" : "True"))
        #expect(lines[2] == "payments-0,payments-1")
        #expect(lines.count == 3 + 2 * 3 * 3)
        #expect(lines[3] == "order-0-100")
        #expect(lines[4] == "application/json")
        #expect(lines[5] == "1795737600000CREATE_TIME")
    }

    @Test func decodeRoundTripsBinaryValues() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("event-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let value = Data([0, 1, 2, 0xFF, 0xFE])
        try value.write(to: directory.appendingPathComponent("value.bin"))
        let sample = await CommandRunner.run([
            "event", "sample", "--records", "1", "--value-file", directory.appendingPathComponent("value.bin").path,
        ])
        try Data(sample.stdout.utf8).write(to: directory.appendingPathComponent("event.json"))
        let decoded = await CommandRunner.run([
            "event", "decode", directory.appendingPathComponent("event.json").path, "--output", "json",
        ])
        #expect(decoded.exitCode == 0)
        let json = try decoded.json()
        #expect(json["kind"] as? String == "event")
        let record = try #require((json["records"] as? [[String: Any]])?.first)
        #expect((record["value"] as? [String: Any])?["base64"] as? String == value.base64EncodedString())
        #expect(record["key"] as? String == "order-0-100")
        #expect((record["headers"] as? [[String: Any]])?.first?["value"] as? String == "application/json")
        #expect(record["valueSize"] as? Int == 5)
    }

    /// The two documented failure-record shapes: SQS/SNS/S3 (recordsInfo per topic-partition) and a Kafka
    /// topic destination (recordInfo and the failed event as payload).
    @Test func decodesOnFailureRecords() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("failure-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let queueRecord: [String: Any] = [
            "requestContext": [
                "requestId": "316aa6d0-8154-xmpl-9af7-85d5f4a6bc81",
                "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:myfunction",
                "condition": "RetryAttemptsExhausted", "approximateInvokeCount": 1,
            ],
            "responseContext": ["statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"],
            "version": "1.0", "timestamp": "2019-11-14T00:38:06.021Z",
            "KafkaBatchInfo": [
                "batchSize": 500, "eventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/uuid-2",
                "bootstrapServers": "b-1:9092", "payloadSize": 2_039_086,
                "recordsInfo": [
                    "Topic-0": [
                        "firstRecordOffset": "49601189658422359378836298521827638475320189012309704722",
                        "lastRecordOffset": "49601189658422359378836298522902373528957594348623495186",
                        "firstRecordTimestamp": "2019-11-14T00:38:04.835Z",
                        "lastRecordTimestamp": "2019-11-14T00:38:05.580Z",
                    ]
                ],
            ],
        ]
        let kafkaRecord: [String: Any] = [
            "requestContext": ["condition": "RetriesExhausted", "approximateInvokeCount": 3],
            "KafkaBatchInfo": [
                "batchSize": 1, "bootstrapServers": "b-1:9098", "payloadSize": 1162,
                "recordInfo": ["offset": "100", "timestamp": "2019-11-14T18:16:04.835Z"],
            ],
            "payload": [
                "eventSource": "aws:kafka", "bootstrapServers": "b-1:9098",
                "records": [
                    "my-topic-0": [
                        [
                            "headers": [], "key": "dGVzdC1rZXk=", "offset": 100, "partition": 0,
                            "timestamp": 1_749_116_692_330, "timestampType": "CREATE_TIME", "topic": "my-topic",
                            "value": "dGVzdC12YWx1ZQ==",
                        ]
                    ]
                ],
            ],
        ]
        let queueFile = directory.appendingPathComponent("queue.json")
        let kafkaFile = directory.appendingPathComponent("kafka.json")
        try JSONSerialization.data(withJSONObject: queueRecord).write(to: queueFile)
        try JSONSerialization.data(withJSONObject: kafkaRecord).write(to: kafkaFile)

        let queue = try await CommandRunner.run(["event", "decode", queueFile.path, "--output", "json"]).json()
        #expect(queue["kind"] as? String == "failureRecord")
        #expect(queue["condition"] as? String == "RetryAttemptsExhausted")
        #expect(queue["payloadSize"] as? Int == 2_039_086)
        let batch = try #require((queue["batches"] as? [[String: Any]])?.first)
        #expect(batch["topicPartition"] as? String == "Topic-0")
        #expect(batch["lastRecordTimestamp"] as? String == "2019-11-14T00:38:05.580Z")

        let kafka = try await CommandRunner.run(["event", "decode", kafkaFile.path, "--output", "json"]).json()
        #expect(kafka["condition"] as? String == "RetriesExhausted")
        let payload = try #require(kafka["payload"] as? [String: Any])
        let record = try #require((payload["records"] as? [[String: Any]])?.first)
        #expect(record["key"] as? String == "test-key")
        #expect(record["value"] as? String == "test-value")

        let text = await CommandRunner.run(["event", "decode", kafkaFile.path])
        #expect(text.stdout.contains("on-failure record: RetriesExhausted after 3 invocation(s)"))
        #expect(text.stdout.contains("value (10 bytes): test-value"))
    }

    @Test(arguments: ["[1, 2]", "{\"hello\": 1}", "not json"])
    func decodeRejectsOtherDocuments(_ content: String) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID()).json")
        try Data(content.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = await CommandRunner.run(["event", "decode", file.path, "--output", "json"])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
    }

    /// `event decode --schema`: a Confluent-framed Avro value is decoded with the schema, a truncated one says
    /// where it stopped (and the command still succeeds), and a failure record's schema-registry reason is
    /// explained.
    @Test func decodeWithAnAvroSchemaAndExplainedReasons() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avro-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema =
            #"{"type":"record","name":"Order","fields":[{"name":"sku","type":"string"},{"name":"qty","type":"long"}]}"#
        try Data(schema.utf8).write(to: directory.appendingPathComponent("order.avsc"))
        // Confluent framing (0, schema id 7), then "ab" (length 2 → 0x04) and 5 (zig-zag 0x0a).
        let good: [UInt8] = [0, 0, 0, 0, 7, 0x04, 0x61, 0x62, 0x0a]
        let truncated: [UInt8] = [0, 0, 0, 0, 7, 0x7e, 0x61]
        let records = [good, truncated].enumerated().map { index, bytes in
            #"{"topic":"orders","partition":0,"offset":\#(index),"timestamp":0,"timestampType":"CREATE_TIME","value":"\#(Data(bytes).base64EncodedString())","headers":[]}"#
        }
        let event = #"{"eventSource":"aws:kafka","records":{"orders-0":[\#(records.joined(separator: ","))]}}"#
        try Data(event.utf8).write(to: directory.appendingPathComponent("event.json"))
        let result = await CommandRunner.run([
            "event", "decode", directory.appendingPathComponent("event.json").path, "--schema",
            directory.appendingPathComponent("order.avsc").path, "--output", "json",
        ])
        #expect(result.exitCode == 0)
        let decoded = try JSONValue.parse(Data(result.stdout.utf8))
        let list = decoded["records"]?.arrayValue ?? []
        #expect(list.count == 2)
        #expect(list.first?["valueSchemaRegistry"]?["schemaId"] == 7)
        #expect(list.first?["valueDecoded"] == ["sku": "ab", "qty": 5])
        #expect(list.last?["valueDecodeError"]?.stringValue?.contains("exceeds the 1 bytes left") == true)

        let failure =
            #"{"requestContext":{"condition":"DESERIALIZATION_ERROR","approximateInvokeCount":1},"KafkaBatchInfo":{"batchSize":1}}"#
        try Data(failure.utf8).write(to: directory.appendingPathComponent("failure.json"))
        let text = await CommandRunner.run(["event", "decode", directory.appendingPathComponent("failure.json").path])
        #expect(text.exitCode == 0)
        #expect(text.stdout.contains("schema registry: DESERIALIZATION_ERROR"))
        #expect(text.stdout.contains("msk-esm event decode FILE --schema"))

        let badSchema = await CommandRunner.run([
            "event", "decode", directory.appendingPathComponent("event.json").path, "--schema",
            directory.appendingPathComponent("event.json").path,
        ])
        #expect(badSchema.exitCode == 2)
    }
}
