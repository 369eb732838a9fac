import ArgumentParser
import MSKESMCore

/// The root of the command tree. Each subcommand lives in its own file under `Commands/`.
public struct MSKESM: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "msk-esm",
        abstract:
            "Create, check and diagnose AWS Lambda event source mappings for Kafka (Amazon MSK and self-managed).",
        discussion: """
            Exit codes: 0 success or healthy; 1 the check found problems (fail, or warn and skipped checks \
            with --strict); 2 usage or input error; 3 AWS or network error after retries; 130 interrupted.

            Example:
              msk-esm secret validate secret.json --output json
            """,
        version: version,
        groupedSubcommands: [
            CommandGroup(
                name: "Diagnose",
                subcommands: [
                    DoctorCommand.self, LintCommand.self, ProbeCommand.self, BrokersCommand.self, SnapshotCommand.self,
                ]),
            CommandGroup(
                name: "Manage mappings",
                subcommands: [
                    CreateCommand.self, UpdateCommand.self, GetCommand.self, ListCommand.self, DeleteCommand.self,
                    EnableCommand.self, DisableCommand.self, WaitCommand.self,
                ]),
            CommandGroup(name: "Secrets", subcommands: [SecretCommand.self]),
            CommandGroup(name: "Network and policy", subcommands: [NetworkCommand.self, PolicyCommand.self]),
            CommandGroup(
                name: "Tools", subcommands: [EventCommand.self, FilterCommand.self, ReplCommand.self, MCPCommand.self]),
        ]
    )

    public init() {}
}
