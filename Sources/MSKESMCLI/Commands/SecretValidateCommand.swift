import ArgumentParser
import MSKESMCore

/// Placeholder until the secret checks land (issue 2).
struct SecretValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an mTLS, SASL/SCRAM, BASIC_AUTH or root-CA secret the way Lambda will read it."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The secret JSON file, or - for standard input.")
    var file: String

    func run() async throws {
        _ = try InputReader.text(from: file)
        try global.finish(CheckReport(findings: []))
    }
}
