import Foundation
import MSKESMCore

/// The event Lambda delivers for Kafka records, as documented
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html, "Example event"): `eventSource` (`aws:kafka`
/// or `SelfManagedKafka`), `eventSourceArn` (MSK only), `bootstrapServers`, and `records` keyed by
/// `topic-partition`, each record with `key` and `value` base64-encoded and `headers` as a list of
/// one-entry objects whose value is the header's bytes as an array of numbers.
public enum KafkaEventSample {
    /// Options of `msk-esm event sample`.
    public struct Options: Sendable {
        public var topic = "orders"
        public var partitions = 1
        public var recordsPerPartition = 2
        /// The value of every record; nil for a small JSON document per record.
        public var value: [UInt8]?
        public var selfManaged = false
        public var eventSourceArn =
            "arn:aws:kafka:us-east-1:123456789012:cluster/demo-cluster/751d2973-a626-431c-9d4e-d7975eb44dd7-2"
        public var bootstrapServers =
            "b-1.demo-cluster.abc123.c2.kafka.us-east-1.amazonaws.com:9098,b-2.demo-cluster.abc123.c2.kafka.us-east-1.amazonaws.com:9098"
        public var now = Date(timeIntervalSince1970: 1_764_158_400)

        public init() {}
    }

    /// The event as a JSON value (member order is the renderer's).
    public static func make(_ options: Options) -> JSONValue {
        var records: [String: JSONValue] = [:]
        let baseMillis = (options.now.timeIntervalSince1970 * 1000).rounded()
        for partition in 0..<max(options.partitions, 1) {
            var list: [JSONValue] = []
            for index in 0..<max(options.recordsPerPartition, 0) {
                let offset = 100 + index
                let key = "order-\(partition)-\(offset)"
                let value =
                    options.value
                    ?? Array(#"{"orderId":"\#(key)","amount":\#(10 + index).5,"currency":"EUR"}"#.utf8)
                list.append(
                    .object([
                        "topic": .string(options.topic),
                        "partition": .number(Double(partition)),
                        "offset": .number(Double(offset)),
                        "timestamp": .number(baseMillis + Double(partition * 1000 + index)),
                        "timestampType": "CREATE_TIME",
                        "key": .string(Data(key.utf8).base64EncodedString()),
                        "value": .string(Data(value).base64EncodedString()),
                        "headers": .array([
                            .object(["content-type": .array(Array("application/json".utf8).map { .number(Double($0)) })]
                            )
                        ]),
                    ]))
            }
            records["\(options.topic)-\(partition)"] = .array(list)
        }
        var event: [String: JSONValue] = [
            "eventSource": .string(options.selfManaged ? "SelfManagedKafka" : "aws:kafka"),
            "bootstrapServers": .string(options.bootstrapServers),
            "records": .object(records),
        ]
        if !options.selfManaged { event["eventSourceArn"] = .string(options.eventSourceArn) }
        return .object(event)
    }
}

/// Reads a Kafka event or an on-failure destination record and decodes it for people: keys, values and
/// headers from base64 and byte arrays; for failure records the batch per topic-partition (first and last
/// offsets and timestamps), payload size and condition. Both documented record shapes are read: SQS/SNS/S3
/// destinations (`KafkaBatchInfo.recordsInfo` by topic-partition,
/// https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html) and Kafka destinations
/// (`KafkaBatchInfo.recordInfo` plus the failed event as `payload`,
/// https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html).
public enum KafkaEventDecoder {
    /// Decodes `data`; a `ToolError` (exit 2) when it is neither shape. Keys and values framed for a schema
    /// registry (``SchemaRegistryPayload``) get their framing and, for JSON Schema payloads, their JSON; values
    /// are decoded with `valueSchema` when one is given (framed or not: with `EventRecordFormat` SOURCE Lambda
    /// strips the framing).
    public static func decode(_ data: Data, source: String, valueSchema: AvroSchemaDocument? = nil) throws -> JSONValue
    {
        guard let value = try? JSONValue.parse(data), case .object(let document) = value
        else {
            throw ToolError.usage(
                "not a JSON object", input: source,
                fix: "give a Kafka event (msk-esm event sample prints one) or an on-failure record as JSON")
        }
        if document["records"] != nil { return try decodeEvent(document, source: source, valueSchema: valueSchema) }
        if document["KafkaBatchInfo"] != nil || document["requestContext"] != nil {
            return try decodeFailure(document, source: source, valueSchema: valueSchema)
        }
        throw ToolError.usage(
            "neither a Kafka event (records) nor an on-failure record (requestContext, KafkaBatchInfo)",
            input: source, fix: "give the event Lambda delivered or the record the destination received")
    }

    static func decodeEvent(_ event: [String: JSONValue], source: String, valueSchema: AvroSchemaDocument?) throws
        -> JSONValue
    {
        guard case .object(let groups)? = event["records"] else {
            throw ToolError.usage(
                "records is not an object", input: source, fix: "records maps topic-partition to a list")
        }
        var decoded: [JSONValue] = []
        for name in groups.keys.sorted() {
            guard case .array(let list)? = groups[name] else {
                throw ToolError.usage(
                    "records.\(name) is not a list", input: source, fix: "each topic-partition holds a list of records")
            }
            for record in list {
                guard case .object(let fields) = record else { continue }
                var out: [String: JSONValue] = ["topicPartition": .string(name)]
                for field in ["topic", "partition", "offset", "timestamp", "timestampType"] {
                    if let value = fields[field] { out[field] = value }
                }
                if case .number(let millis)? = fields["timestamp"] {
                    out["time"] = .string(ISO8601Instant.format(Date(timeIntervalSince1970: millis / 1000)))
                }
                // Each key and value is base64-decoded once, for its text, its size and its framing.
                if let key = fields["key"]?.stringValue {
                    let bytes = Data(base64Encoded: key)
                    out["key"] = bytesValue(bytes, base64: key)
                    out.merge(registryFields(bytes, prefix: "key", schema: nil)) { $1 }
                }
                if let value = fields["value"]?.stringValue {
                    let bytes = Data(base64Encoded: value)
                    out["value"] = bytesValue(bytes, base64: value)
                    out["valueSize"] = .number(Double(bytes?.count ?? 0))
                    out.merge(registryFields(bytes, prefix: "value", schema: valueSchema)) { $1 }
                }
                if case .array(let headers)? = fields["headers"] {
                    out["headers"] = .array(
                        headers.flatMap { header -> [JSONValue] in
                            guard case .object(let entries) = header else { return [] }
                            return entries.keys.sorted().map { name in
                                let bytes = (entries[name]?.arrayValue ?? []).compactMap { $0.intValue }.map {
                                    UInt8(truncatingIfNeeded: $0)
                                }
                                return .object(["name": .string(name), "value": text(bytes)])
                            }
                        })
                }
                decoded.append(.object(out))
            }
        }
        var result: [String: JSONValue] = ["kind": "event", "records": .array(decoded)]
        for field in ["eventSource", "eventSourceArn", "bootstrapServers"] {
            if let value = event[field] { result[field] = value }
        }
        result["recordCount"] = .number(Double(decoded.count))
        return .object(result)
    }

    static func decodeFailure(_ record: [String: JSONValue], source: String, valueSchema: AvroSchemaDocument?) throws
        -> JSONValue
    {
        var result: [String: JSONValue] = ["kind": "failureRecord"]
        let reasons = SchemaRegistryFailureReason.found(in: .object(record))
        if !reasons.isEmpty {
            result["schemaRegistryErrors"] = .array(
                reasons.map {
                    [
                        "reason": .string($0.rawValue), "meaning": .string($0.meaning), "fix": .string($0.fix),
                        "source": "https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html",
                    ]
                })
        }
        if let context = record["requestContext"]?.objectValue {
            for field in ["condition", "approximateInvokeCount", "functionArn", "requestId"] {
                if let value = context[field] { result[field] = value }
            }
        }
        if let response = record["responseContext"]?.objectValue { result["response"] = .object(response) }
        if let timestamp = record["timestamp"] { result["timestamp"] = timestamp }
        if let info = record["KafkaBatchInfo"]?.objectValue {
            for field in ["batchSize", "eventSourceArn", "bootstrapServers", "payloadSize"] {
                if let value = info[field] { result[field] = value }
            }
            var batches: [JSONValue] = []
            if let perPartition = info["recordsInfo"]?.objectValue {
                for name in perPartition.keys.sorted() {
                    var entry: [String: JSONValue] = ["topicPartition": .string(name)]
                    for (field, value) in perPartition[name]?.objectValue ?? [:] { entry[field] = value }
                    batches.append(.object(entry))
                }
            }
            if let single = info["recordInfo"]?.objectValue {
                batches.append(
                    .object([
                        "firstRecordOffset": single["offset"] ?? .null, "lastRecordOffset": single["offset"] ?? .null,
                        "firstRecordTimestamp": single["timestamp"] ?? .null,
                        "lastRecordTimestamp": single["timestamp"] ?? .null,
                    ]))
            }
            result["batches"] = .array(batches)
        }
        if case .object(let payload)? = record["payload"], payload["records"] != nil {
            result["payload"] = try decodeEvent(payload, source: source, valueSchema: valueSchema)
        } else if let text = record["payload"]?.stringValue, let data = text.data(using: .utf8),
            case .object(let payload)? = try? JSONValue.parse(data),
            payload["records"] != nil
        {
            result["payload"] = try decodeEvent(payload, source: source, valueSchema: valueSchema)
        }
        return .object(result)
    }

    /// `<prefix>SchemaRegistry` (the framing), `<prefix>Decoded` / `<prefix>DecodeError` and
    /// `<prefix>TrailingBytes` for one key or value; empty for plain bytes without a schema.
    /// `data` is the decoded base64, nil when it was not base64.
    static func registryFields(_ data: Data?, prefix: String, schema: AvroSchemaDocument?) -> [String: JSONValue] {
        guard let data else { return [:] }
        let payload = SchemaRegistryPayload(Array(data))
        var out: [String: JSONValue] = [:]
        if let framing = payload.description { out[prefix + "SchemaRegistry"] = framing }
        if let decoded = SchemaRegistryRecordDecoder.decode(payload, avro: schema) {
            if let value = decoded["decoded"] { out[prefix + "Decoded"] = value }
            if let error = decoded["decodeError"] { out[prefix + "DecodeError"] = error }
            if let trailing = decoded["trailingBytes"] { out[prefix + "TrailingBytes"] = trailing }
        }
        return out
    }

    /// UTF-8 text when the bytes are valid UTF-8 without control characters, else `{"base64": …}`;
    /// `{"invalidBase64": …}` when `data`, the decoded `base64`, is nil.
    static func bytesValue(_ data: Data?, base64: String) -> JSONValue {
        guard let data else { return .object(["invalidBase64": .string(base64)]) }
        return text(Array(data))
    }

    static func text(_ bytes: [UInt8]) -> JSONValue {
        if let string = String(bytes: bytes, encoding: .utf8),
            !string.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        {
            return .string(string)
        }
        return .object(["base64": .string(Data(bytes).base64EncodedString())])
    }
}
