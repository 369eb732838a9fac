import ArgumentParser

/// `msk-esm secret …`: mTLS, SASL/SCRAM, BASIC_AUTH and root-CA secrets.
struct SecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Validate and repair the secrets a Kafka event source mapping uses.",
        subcommands: [SecretValidateCommand.self, SecretFixCommand.self]
    )
}
