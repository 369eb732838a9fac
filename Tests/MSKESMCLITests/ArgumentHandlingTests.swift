import ArgumentParser
import Foundation
import MSKESMCore
import Testing

@testable import MSKESMCLI

/// How command lines are read (issue 13, "Arguments"): an unknown option is named before anything else, and
/// global options stand anywhere, also before the subcommand.
struct ArgumentHandlingTests {
    /// Every command that runs (the leaves of the command tree), as the words that name it.
    static let commandPaths: [[String]] = {
        func leaves(_ command: ParsableCommand.Type, _ path: [String]) -> [[String]] {
            let subcommands = command.configuration.subcommands
            if subcommands.isEmpty { return [path] }
            return subcommands.flatMap { leaves($0, path + [$0.configuration.commandName ?? ""]) }
        }
        return leaves(MSKESM.self, [])
    }()

    @Test func theTreeHasEveryCommand() {
        #expect(Self.commandPaths.count >= 19)
        #expect(Self.commandPaths.contains(["secret", "validate"]))
        #expect(Self.commandPaths.contains(["doctor"]))
    }

    @Test("an unknown option is the error, whatever else is missing", arguments: commandPaths)
    func unknownOptionInEveryCommand(path: [String]) throws {
        let result = try CommandRunner.runBinary(path + ["--no-such-option"])
        let name = path.joined(separator: " ")
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "msk-esm: error: unknown option '--no-such-option' (\(name)): see 'msk-esm \(name) --help'\n")
    }

    @Test("a mistyped option of any command is named with the option meant", arguments: commandPaths)
    func mistypedOptionInEveryCommand(path: [String]) async throws {
        var command: ParsableCommand.Type = MSKESM.self
        for word in path {
            command = try #require(command.configuration.subcommands.first { $0.configuration.commandName == word })
        }
        let options = (CommandTreeDescription.of(command)?.command.arguments ?? []).filter { $0.kind != .positional }
            .flatMap { $0.names ?? [] }.map(\.spelled)
            .filter { $0.hasPrefix("--") && $0.count >= 8 && !CommandLineArguments.builtInOptions.contains($0) }
        let option = try #require(options.first)
        // Two neighbouring letters swapped, as fingers do: --output → --otuput.
        var letters = Array(option)
        letters.swapAt(3, 4)
        let typo = String(letters)
        try #require(typo != option && !options.contains(typo))
        let result = await CommandRunner.run(path + [typo, "x"])
        #expect(result.exitCode == 2)
        #expect(
            result.stderr
                == "msk-esm: error: unknown option '\(typo)' (\(path.joined(separator: " "))): did you mean \(option)?\n"
        )
    }

    @Test(
        "the unknown option comes before missing, conflicting and malformed arguments",
        arguments: [
            (["create", "--functoin", "f"], "unknown option '--functoin' (create): did you mean --function?"),
            (["doctor", "--bogus"], "unknown option '--bogus' (doctor): see 'msk-esm doctor --help'"),
            (
                ["doctor", "--snapshot", "a.json", "--all", "--bogus"],
                "unknown option '--bogus' (doctor): see 'msk-esm doctor --help'"
            ),
            (
                ["create", "--function", "f", "--batch-size", "many", "--topik", "t"],
                "unknown option '--topik' (create): did you mean --topic?"
            ),
            (
                ["update", "--batch-size=5", "--bogus=1"],
                "unknown option '--bogus' (update): see 'msk-esm update --help'"
            ),
        ])
    func unknownOptionFirst(arguments: [String], message: String) throws {
        let result = try CommandRunner.runBinary(arguments)
        #expect(result.exitCode == 2)
        #expect(result.stderr == "msk-esm: error: \(message)\n")
    }

    @Test func valuesAndPositionalsThatLookLikeOptionsAreNotOptions() {
        // A value after an option that takes one, a negative number, `-` for stdin, and anything after `--`.
        #expect(CommandLineArguments.unknownOption(in: ["secret", "validate", "-", "--output", "json"]) == nil)
        #expect(CommandLineArguments.unknownOption(in: ["create", "--max-record-age", "-1"]) == nil)
        #expect(CommandLineArguments.unknownOption(in: ["snapshot", "u", "--write", "-"]) == nil)
        #expect(CommandLineArguments.unknownOption(in: ["secret", "validate", "--", "--file-named-so"]) == nil)
        #expect(CommandLineArguments.unknownOption(in: ["create", "--no-bisect-on-error", "--bisect-on-error"]) == nil)
        #expect(CommandLineArguments.unknownOption(in: ["secret", "validate", "-x"])?.what == "unknown option '-x'")
    }

    // MARK: Global options anywhere

    @Test func globalOptionsBeforeTheSubcommandMoveAfterIt() {
        #expect(
            CommandLineArguments.placingGlobalOptions(["--region", "us-east-1", "--output", "json", "list"])
                == ["list", "--region", "us-east-1", "--output", "json"])
        #expect(
            CommandLineArguments.placingGlobalOptions(["--no-color", "--strict", "doctor", "--snapshot", "F"])
                == ["doctor", "--no-color", "--strict", "--snapshot", "F"])
        #expect(
            CommandLineArguments.placingGlobalOptions(["--output=json", "secret", "--quiet", "validate", "--", "-x"])
                == ["secret", "validate", "--output=json", "--quiet", "--", "-x"])
        // Nothing to move, or nothing to move it to: unchanged.
        #expect(CommandLineArguments.placingGlobalOptions(["list", "--region", "x"]) == ["list", "--region", "x"])
        #expect(CommandLineArguments.placingGlobalOptions(["--output", "json"]) == ["--output", "json"])
        #expect(CommandLineArguments.placingGlobalOptions(["--help"]) == ["--help"])
    }

    @Test func globalOptionsBeforeTheSubcommandWork() throws {
        let result = try CommandRunner.runBinary([
            "--no-color", "--strict", "--output", "json", "doctor", "--snapshot",
            DoctorCommandTests.example("healthy-iam.json"),
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try result.json()["verdict"] as? String == "pass")
    }

    @Test func aLiveCommandWithGlobalOptionsFirstGetsToAWS() throws {
        // No credentials anywhere: the command got past its arguments when it says so.
        let home = NSTemporaryDirectory() + "msk-esm-args-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try CommandRunner.runBinary(
            ["--region", "us-east-1", "--output", "json", "list"],
            environment: [
                "HOME": home, "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": "",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "",
                "AWS_WEB_IDENTITY_TOKEN_FILE": "",
            ])
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("msk-esm: error: no AWS credentials found"), "\(result.stderr)")
    }
}
