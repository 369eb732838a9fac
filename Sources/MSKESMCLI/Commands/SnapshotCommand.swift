import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem

/// `msk-esm snapshot UUID`: reads everything doctor needs about one mapping from AWS into one JSON document.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Read a Kafka event source mapping and everything around it from AWS into one JSON snapshot.",
        discussion: """
            The snapshot holds the mapping, its function, the MSK cluster and bootstrap brokers, the execution \
            role and its policies, the security groups, subnets, route tables, NAT gateways and VPC endpoints, \
            the secrets' descriptions and KMS keys, each exactly as the AWS CLI prints it, and the metrics over \
            --since (1h by default) under MetricData: the mapping's own (MetricsConfig: EventCount, ErrorCount, \
            KafkaMetrics; dimension EventSourceMappingUUID), and the function's OffsetLag (dimension FunctionName) \
            when the mapping publishes no lag of its own, each series with its window and dimension set; on an \
            MSK Provisioned cluster (Kafka 3.6.0 or later), the topic's DescribeTopic under Topics (partition \
            count, replication factor). Reads that fail are listed under "Errors". Each secret's value is read and validated (its \
            `secret validate --output json` document is kept as Secrets[ARN].Analysis); the value itself is \
            left out unless --include-secrets is given (then the file is written with mode 0600).

            Example:
              msk-esm snapshot 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --region us-east-1 --write snapshot.json
              msk-esm snapshot 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --since 6h
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The UUID of the event source mapping.")
    var uuid: String

    @Option(
        help: ArgumentHelp("Write the snapshot to this file (- for standard output, the default).", valueName: "file"))
    var write: String?

    @Flag(help: "Replace the file named by --write if it exists.")
    var force = false

    @Flag(name: .customLong("include-secrets"), help: "Keep the secrets' values (SecretString) in the snapshot.")
    var includeSecrets = false

    @OptionGroup var metricWindow: MetricWindowOption

    func validate() throws {
        try global.validate()
        try MappingCommandSupport.validateUUID(uuid)
    }

    func run() async throws {
        let console = CommandContext.console
        // The target first: a file that cannot be written fails before the reads, not after them.
        if let write, write != "-" { try AtomicFileWriter.checkTarget(write, overwrite: force) }
        let client = try global.aws.client(debug: global.debug, console: console)
        // Secrets[arn].Analysis: each secret's `secret validate --output json` document, made by the core
        // knowing the secret's type and name from the mapping, so a snapshot without the values stays diagnosable.
        var gatherer = SnapshotGatherer(
            client: client, includeSecrets: includeSecrets, analyzesSecrets: true, now: { [global] in global.now })
        gatherer.metricWindow = metricWindow.seconds
        let snapshot = try await gatherer.gather(mappingUUID: uuid)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(snapshot) + Data("\n".utf8)
        guard let write, write != "-" else {
            console.write(try CommandContext.queryOutput?.render(snapshot) ?? String(decoding: data, as: UTF8.self))
            return
        }
        try AtomicFileWriter.write(data, to: write, mode: includeSecrets ? 0o600 : 0o644, overwrite: force)
        let errors = snapshot["Errors"]?.objectValue ?? [:]
        let parts = (snapshot.objectValue ?? [:]).keys.filter {
            !["Errors", "SnapshotVersion", "Region", "CapturedAt"].contains($0)
        }
        .sorted()
        switch global.output {
        case .json, .jsonl, .reportJSON:
            let summary: JSONValue = [
                "file": .string(write), "uuid": .string(uuid), "parts": .array(parts.map { .string($0) }),
                "errors": .object(errors),
            ]
            console.write(
                try CommandContext.queryOutput?.render(summary) ?? String(
                    decoding: try encoder.encode(summary), as: UTF8.self) + "\n")
        case .text, .table, .sarif, .github, .markdown:
            if !global.quiet || !errors.isEmpty {
                // The file name and AWS's error messages are data: shown with control characters escaped.
                var lines = ["wrote \(write): \(parts.count) parts (\(parts.joined(separator: ", ")))"]
                for (call, reason) in errors.sorted(by: { $0.key < $1.key }) {
                    lines.append("  could not read \(call): \(reason.stringValue ?? "")")
                }
                console.write(lines.map { $0.escapingControlCharacters() + "\n" }.joined())
            }
        }
    }
}

extension SnapshotCommand: CommandWithGlobalOptions {}
