import ArgumentParser

/// `msk-esm brokers …`: how Lambda chooses brokers and authentication.
struct BrokersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brokers",
        abstract: "Explain which bootstrap brokers and authentication Lambda uses for a mapping.",
        subcommands: [BrokersExplainCommand.self]
    )
}
