import Foundation
import Testing

@testable import MSKESMCLI

/// The command frame: exit codes, one-line errors, global options (docs/output.md#exit-codes,
/// docs/output.md#errors, docs/output.md#global-options).
struct CommandFrameTests {
    @Test func versionPrintsAndExitsZero() throws {
        let result = try CommandRunner.runBinary(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == MSKESM.version + "\n")
    }

    @Test(arguments: [
        ["--bogus"],
        ["secret", "validate"],
        ["secret", "validate", "x.json", "--output", "yaml"],
        ["secret", "validate", "x.json", "--at", "yesterday"],
        ["nosuchcommand"],
    ])
    func usageErrorsExitTwoWithOneLine(arguments: [String]) throws {
        let result = try CommandRunner.runBinary(arguments)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
        #expect(result.stderr.contains("--help"))
    }

    @Test func missingFileNamesTheInput() async {
        let result = await CommandRunner.run(["secret", "validate", "/no/such/secret.json"])
        #expect(result.exitCode == 2)
        #expect(result.stderr == "msk-esm: error: file not found (/no/such/secret.json): check the path\n")
    }

    @Test func helpExitsZeroOnStdout() throws {
        let result = try CommandRunner.runBinary(["secret", "--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("USAGE: msk-esm secret"))
        #expect(result.stderr.isEmpty)
    }

    @Test func commandPathIsFoundForHelpHint() {
        #expect(CommandLineEntry.commandPath(["secret", "validate", "--x"]) == ["secret", "validate"])
        #expect(CommandLineEntry.commandPath(["--x", "secret"]) == [])
    }
}
