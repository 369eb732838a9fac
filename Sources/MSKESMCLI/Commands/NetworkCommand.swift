import ArgumentParser

/// `msk-esm network …`: security groups and the VPC's paths to AWS services.
struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Check the security groups, routes and VPC endpoints an event source mapping depends on.",
        subcommands: [NetworkCheckCommand.self]
    )
}
