import ArgumentParser
import Foundation
import MSKESMCore

/// `doctor --all --accounts FILE --assume-role-name NAME [--external-id ID]`: the accounts a fleet run visits
/// (docs/output.md#doctor---all).
struct FleetAccountOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "With --all: the accounts to diagnose: account ids one a line, or a JSON list of {\"accountId\", \"roleArn\"}; the role is assumed in each.",
            valueName: "file"))
    var accounts: String?

    @Flag(
        help: ArgumentHelp(
            "With --all: diagnose every active account of the organization (Organizations ListAccounts, from the management or a delegated administrator account), assuming --assume-role-name in each; the caller's own account is read with the current credentials."
        ))
    var organization = false

    @Option(
        name: .customLong("assume-role-name"),
        help: ArgumentHelp(
            "With --accounts: the role to assume in each account (arn:PARTITION:iam::ACCOUNT:role/NAME).",
            valueName: "name"))
    var assumeRoleName: String?

    @Option(
        name: .customLong("external-id"),
        help: ArgumentHelp("With --accounts: the external id the roles' trust policies require.", valueName: "id"))
    var externalId: String?

    /// Usage errors, one line each, before any work.
    func check(all: Bool) throws {
        if accounts != nil && organization {
            throw ValidationError("--accounts and --organization cannot be combined: give one")
        }
        if accounts == nil && !organization {
            if assumeRoleName != nil || externalId != nil {
                throw ValidationError(
                    "--assume-role-name and --external-id go with --all --accounts FILE or --all --organization")
            }
            return
        }
        guard all else { throw ValidationError("\(organization ? "--organization" : "--accounts") goes with --all") }
        if organization && assumeRoleName == nil {
            throw ValidationError("--organization needs --assume-role-name NAME: the role to assume in each account")
        }
        if let assumeRoleName, assumeRoleName.isEmpty || assumeRoleName.contains(":") {
            throw ValidationError("--assume-role-name takes a role name (e.g. MskEsmReadOnly), not an ARN")
        }
    }

    /// The accounts of `--accounts`, or `nil` without it (`--organization` lists them later, from AWS). A plain id list needs `--assume-role-name`.
    func load() throws -> [FleetAccount]? {
        guard let accounts else { return nil }
        let text = try InputReader.text(from: accounts, label: "--accounts")
        let list = try FleetAccount.list(parsing: text, input: "--accounts \(accounts)")
        if assumeRoleName == nil, let bare = list.first(where: { $0.roleArn == nil }) {
            throw ToolError.usage(
                "account \(bare.accountId) has no role to assume", input: "--accounts \(accounts)",
                fix: "add --assume-role-name NAME, or give each account a roleArn in a JSON list")
        }
        return list
    }
}
