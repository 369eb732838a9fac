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

            With --output json: {"kind": "event" | "failureRecord", …} with the decoded records.

            Example:
              msk-esm event decode failed-batch.json
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: ArgumentHelp("The event or failure record (JSON), or - for standard input.", valueName: "file"))
    var file: String

    func validate() throws { try global.validate() }

    func run() async throws {
        let data = try InputReader.data(from: file, label: "FILE", limit: .event)
        let decoded = try KafkaEventDecoder.decode(data, source: file == "-" ? "standard input" : file)
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
