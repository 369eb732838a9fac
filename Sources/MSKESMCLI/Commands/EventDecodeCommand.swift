import ArgumentParser
import Foundation
import MSKESMCore
import MSKESMKafka

/// `msk-esm event decode FILE`: a Kafka event or an on-failure record, decoded for people.
struct EventDecodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a Kafka event or an on-failure destination record: keys, values, headers, batch info.",
        discussion: """
            Reads the event Lambda delivered (records keyed by topic-partition) or the record an on-failure \
            destination received (requestContext, KafkaBatchInfo with recordsInfo per topic-partition for SQS, \
            SNS and S3, or recordInfo and the failed event as payload for a Kafka topic). Keys, values and \
            headers are decoded as UTF-8 text (base64 when they are binary); failure records show the \
            condition, invoke count, payload size and each partition's first and last offsets and timestamps.

            Schema registries: a key or value in the Confluent wire format (byte 0, 4-byte schema id) or the Glue \
            format (byte 3, compression byte, 16-byte schema version UUID) shows its schema id; a JSON Schema \
            payload is shown as its JSON; with --schema FILE (an Avro schema, .avsc) each value is decoded with \
            it, framed or not (with EventRecordFormat SOURCE Lambda removes the framing). A value that does not \
            decode says where and why in one line. Failure records whose reason is SCHEMA_NOT_FOUND or \
            DESERIALIZATION_ERROR are explained.

            With --output json: {"kind": "event" | "failureRecord", …} with the decoded records; per record \
            valueSchemaRegistry, valueDecoded or valueDecodeError (and key…); schemaRegistryErrors for failure \
            records.

            Examples:
              msk-esm event decode failed-batch.json
              msk-esm event decode event.json --schema order.avsc
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: ArgumentHelp("The event or failure record (JSON), or - for standard input.", valueName: "file"))
    var file: String

    @Option(
        name: .customLong("schema"),
        help: ArgumentHelp("Decode each record value with this Avro schema (.avsc JSON).", valueName: "file"))
    var schema: String?

    func validate() throws {
        try global.validate()
        if schema == "-" && file == "-" { throw ValidationError("--schema and FILE cannot both be standard input") }
    }

    func run() async throws {
        let data = try InputReader.data(from: file, label: "FILE", limit: .event)
        let avro = try schema.map { path in
            try AvroSchemaDocument.parse(InputReader.data(from: path, label: "--schema"), source: path)
        }
        let decoded = try KafkaEventDecoder.decode(
            data, source: file == "-" ? "standard input" : file, valueSchema: avro)
        let console = CommandContext.console
        if global.output == .text {
            // Keys, values and headers are the producer's bytes: control characters are shown escaped.
            let lines = EventDecodeCommand.text(decoded).map { $0.escapingControlCharacters() }
            console.write(lines.joined(separator: "\n") + "\n")
        } else {
            console.write(
                global.output == .jsonl ? try JSONOutput.documentLine(decoded) : try JSONOutput.document(decoded))
        }
    }

    static func text(_ decoded: JSONValue) -> [String] {
        var lines: [String] = []
        if decoded["kind"]?.stringValue == "failureRecord" {
            lines.append(
                "on-failure record: \(decoded["condition"]?.stringValue ?? "?") after "
                    + "\(render(decoded["approximateInvokeCount"])) invocation(s)")
            for field in ["functionArn", "timestamp", "eventSourceArn", "bootstrapServers", "batchSize", "payloadSize"]
            {
                if let value = decoded[field] { lines.append("  \(field): \(render(value))") }
            }
            if let function = decoded["response"]?["functionError"]?.stringValue {
                lines.append("  functionError: \(function)")
            }
            for batch in decoded["batches"]?.arrayValue ?? [] {
                lines.append(
                    "  \(batch["topicPartition"]?.stringValue ?? "record"): offsets \(render(batch["firstRecordOffset"]))"
                        + "–\(render(batch["lastRecordOffset"])), \(render(batch["firstRecordTimestamp"])) → "
                        + render(batch["lastRecordTimestamp"]))
            }
            for error in decoded["schemaRegistryErrors"]?.arrayValue ?? [] {
                lines.append(
                    "  schema registry: \(error["reason"]?.stringValue ?? "?") — \(error["meaning"]?.stringValue ?? "")"
                )
                lines.append("    fix: \(error["fix"]?.stringValue ?? "")")
            }
            if let payload = decoded["payload"] {
                lines.append("payload:")
                lines += text(payload).map { "  " + $0 }
            }
            return lines
        }
        lines.append(
            "\(decoded["eventSource"]?.stringValue ?? "event") — \(render(decoded["recordCount"])) record(s)"
                + (decoded["eventSourceArn"]?.stringValue.map { " from \($0)" } ?? ""))
        for record in decoded["records"]?.arrayValue ?? [] {
            lines.append(
                "\(record["topicPartition"]?.stringValue ?? "?") offset \(render(record["offset"])) at "
                    + "\(record["time"]?.stringValue ?? render(record["timestamp"])) (\(render(record["timestampType"])))"
            )
            lines.append("  key: \(render(record["key"]))")
            lines.append("  value (\(render(record["valueSize"])) bytes): \(render(record["value"]))")
            for part in ["key", "value"] {
                if let framing = record[part + "SchemaRegistry"] {
                    let id = framing["schemaId"].map(render) ?? framing["schemaVersionId"].map(render) ?? "?"
                    lines.append("  \(part) schema registry: \(render(framing["format"])) schema \(id)")
                }
                if let value = record[part + "Decoded"] { lines.append("  \(part) decoded: \(render(value))") }
                if let error = record[part + "DecodeError"] {
                    lines.append("  \(part) not decoded: \(render(error))")
                }
                if let trailing = record[part + "TrailingBytes"] {
                    lines.append("  \(part): \(render(trailing)) bytes after the decoded value (another schema?)")
                }
            }
            for header in record["headers"]?.arrayValue ?? [] {
                lines.append("  header \(header["name"]?.stringValue ?? "?"): \(render(header["value"]))")
            }
        }
        return lines
    }

    static func render(_ value: JSONValue?) -> String {
        switch value {
        case .none, .null?: return "-"
        case .string(let text)?: return text
        case .number(let number)?:
            return number.rounded() == number && abs(number) < 9e15 ? String(Int(number)) : String(number)
        case .bool(let flag)?: return String(flag)
        case .object(let members)?:
            if let base64 = members["base64"]?.stringValue { return "base64:\(base64)" }
            return JSONOutput.encodeLine(JSONValue.object(members)).trimmingWhitespaceAndNewlines()
        case .array?:
            return JSONOutput.encodeLine(value ?? .null).trimmingWhitespaceAndNewlines()
        }
    }
}

extension EventDecodeCommand: CommandWithGlobalOptions {}

extension EventDecodeCommand: NeverCallsAWS {}
