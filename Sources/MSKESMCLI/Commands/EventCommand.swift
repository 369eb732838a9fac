import ArgumentParser

/// `msk-esm event`: the Kafka event Lambda delivers, and the records on-failure destinations receive.
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Print a sample Kafka event, or decode an event or on-failure record.",
        discussion: """
            Example:
              msk-esm event sample --topic orders --partitions 2 --records 3 > event.json
              msk-esm event decode event.json
            """,
        subcommands: [EventSampleCommand.self, EventDecodeCommand.self])
}
