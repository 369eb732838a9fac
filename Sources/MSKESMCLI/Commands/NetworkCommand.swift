import ArgumentParser

/// `msk-esm network …`: security groups and the VPC's paths to AWS services.
struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Check the security groups, routes and VPC endpoints an event source mapping depends on.",
        discussion: """
            Example:
              msk-esm network check --group-id sg-0a1 --subnet-id subnet-1 --port 9098 \\
                --security-groups-json sg.json --region us-east-1
            """,
        subcommands: [NetworkCheckCommand.self]
    )
}
