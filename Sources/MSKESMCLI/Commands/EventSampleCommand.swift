import ArgumentParser
import Foundation
import MSKESMCore
import MSKESMKafka

/// `msk-esm event sample`: a realistic Kafka event as Lambda delivers it.
struct EventSampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Print a Kafka event as Lambda delivers it to the function (JSON).",
        discussion: """
            The documented payload: eventSource (aws:kafka, or SelfManagedKafka with --self-managed), \
            eventSourceArn (MSK only), bootstrapServers, and records keyed by topic-partition; each record has \
            topic, partition, offset, timestamp (epoch milliseconds, from --at or now), timestampType, key and \
            value in base64, and headers as [{"name": [bytes]}]. Use it to test a handler locally \
            (sam local invoke -e event.json).

            Example:
              msk-esm event sample --topic orders --partitions 2 --records 3 --value-file order.json > event.json
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(help: "The topic of the records.")
    var topic = "orders"

    @Option(help: "How many partitions the batch spans.")
    var partitions = 1

    @Option(help: "How many records per partition.")
    var records = 2

    @Option(
        help: ArgumentHelp(
            "A file whose bytes are every record's value (default: a small JSON order).", valueName: "file"))
    var valueFile: String?

    @Flag(help: "A self-managed Kafka event (eventSource SelfManagedKafka, no eventSourceArn).")
    var selfManaged = false

    func validate() throws {
        try global.validate()
        guard (1...1000).contains(partitions) else { throw ValidationError("--partitions must be 1 to 1000") }
        guard (0...10000).contains(records) else { throw ValidationError("--records must be 0 to 10000") }
        guard !topic.isEmpty else { throw ValidationError("--topic must not be empty") }
    }

    func run() async throws {
        var options = KafkaEventSample.Options()
        options.topic = topic
        options.partitions = partitions
        options.recordsPerPartition = records
        options.selfManaged = selfManaged
        options.now = global.now
        if selfManaged { options.bootstrapServers = "kafka-1.example.internal:9096,kafka-2.example.internal:9096" }
        if let valueFile { options.value = Array(try InputReader.data(from: valueFile, label: "--value-file")) }
        CommandContext.console.write(try JSONOutput.document(KafkaEventSample.make(options)))
    }
}

extension EventSampleCommand: CommandWithGlobalOptions {}

extension EventSampleCommand: NeverCallsAWS {}
