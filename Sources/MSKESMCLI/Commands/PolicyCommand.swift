import ArgumentParser

/// `msk-esm policy …`: IAM policies of the execution role, offline.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Evaluate IAM policies offline, as AWS does, and suggest least-privilege fixes.",
        subcommands: [PolicyCheckCommand.self]
    )
}
