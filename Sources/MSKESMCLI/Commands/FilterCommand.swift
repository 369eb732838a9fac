import ArgumentParser

/// `msk-esm filter`: event filters (FilterCriteria) of Kafka mappings.
struct FilterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Test event filter patterns (FilterCriteria) against Kafka records as Lambda applies them.",
        discussion: """
            Example:
              msk-esm event sample --records 5 > event.json
              msk-esm filter test --pattern '{"value": {"currency": ["EUR"]}}' event.json
            """,
        subcommands: [FilterTestCommand.self])
}
