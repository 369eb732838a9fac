import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// Runs one msk-esm command line and returns its exit code; prints through `console`. The executable,
/// the REPL and the tests all come through here, so exit codes and error lines are the same everywhere.
public enum CommandLineEntry {
    public static func run(_ arguments: [String], console: Console = .standard()) async -> Int32 {
        let arguments = CLISkeletonOption.givingDefaultKind(CommandLineArguments.placingGlobalOptions(arguments))
        return await CommandContext.$console.withValue(console) {
            if LiveCommandHint.callsAWS(arguments) {
                CurlHTTPClient.prepareInBackground()
            }
            // Never return (and so never let the process exit) while libcurl is still being loaded: see
            // CurlHTTPClient.finishBackgroundPreparation.
            defer { CurlHTTPClient.finishBackgroundPreparation() }
            var command: ParsableCommand
            do {
                let requestFile =
                    arguments.first == "update"
                    && arguments.contains { $0.hasPrefix("--cli-input-json") || $0.hasPrefix("--cli-input-yaml") }
                command = try CommandContext.$requiredArgumentsOptional.withValue(
                    CLISkeletonOption.asksForInputSkeleton(arguments)
                ) {
                    try CommandContext.$mappingMayComeFromFile.withValue(requestFile) {
                        try MSKESM.parseAsRoot(arguments)
                    }
                }
            } catch {
                // A mistyped option first: argument-parser validates each command before it reports the
                // words no command took, so its own complaint would be about what the typo left missing.
                if MSKESM.exitCode(for: error) != .success,
                    let unknown = CommandLineArguments.unknownOption(in: arguments)
                {
                    console.report(unknown)
                    return unknown.exitCode
                }
                return report(error, arguments: arguments, console: console)
            }
            // --query selects from the JSON document, whatever --output says: the command writes JSON and
            // QueryOutput prints the selection in the format asked for.
            let queryOutput = (command as? CommandWithGlobalOptions)?.global.queryOutput(
                mirrored: type(of: command) as? MirrorsAWSOperation.Type, console: console)
            if queryOutput != nil, var withGlobals = command as? CommandWithGlobalOptions,
                withGlobals.global.output == .text || withGlobals.global.output == .table
            {
                withGlobals.global.output = .json
                if let writingJSON = withGlobals as? ParsableCommand { command = writingJSON }
            }
            do {
                try await CommandContext.$queryOutput.withValue(queryOutput) {
                    if var asyncCommand = command as? AsyncParsableCommand {
                        try await asyncCommand.run()
                    } else {
                        try command.run()
                    }
                }
                return 0
            } catch {
                return report(error, arguments: arguments, console: console)
            }
        }
    }

    /// Maps any error to the exit codes of docs/output.md#exit-codes and prints it as one line on stderr.
    static func report(_ error: Error, arguments: [String], console: Console) -> Int32 {
        switch error {
        case let error as ToolError:
            console.report(error)
            return error.exitCode
        case let error as ExitCode:
            return error.rawValue
        case is CancellationError:
            console.report(ToolError(.interrupted, "interrupted", fix: ""))
            return 130
        default:
            break
        }
        let parserCode = MSKESM.exitCode(for: error)
        if parserCode == .success {
            // --help, --version, --generate-completion-script: the text is the requested output.
            var text = MSKESM.fullMessage(for: error)
            if let command = helpRequested(arguments) {
                text = HelpPage.render(command, columns: Console.terminalColumns(), inREPL: CommandContext.inREPL)
            }
            console.write(text.hasSuffix("\n") ? text : text + "\n")
            return 0
        }
        let message =
            MSKESM.message(for: error)
            .split(separator: "\n").first.map(String.init) ?? "invalid command line"
        let path = (["msk-esm"] + commandPath(arguments)).joined(separator: " ")
        console.report(ToolError.usage(message, fix: "see '\(path) --help'"))
        return 2
    }

    /// The command whose help `arguments` ask for (`CMD --help`, `-h`, `help CMD`), or nil when they ask for
    /// something else (`--version`).
    static func helpRequested(_ arguments: [String]) -> ParsableCommand.Type? {
        let words = arguments.first == "help" ? Array(arguments.dropFirst()) : arguments
        guard arguments.first == "help" || arguments.contains(where: { ["-h", "--help", "-help"].contains($0) }) else {
            return nil
        }
        var command: ParsableCommand.Type = MSKESM.self
        for word in words {
            guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == word })
            else { break }
            command = next
        }
        return command
    }

    /// The subcommand words at the start of `arguments`, for the help hint.
    static func commandPath(_ arguments: [String]) -> [String] {
        var path: [String] = []
        var commands = MSKESM.configuration.subcommands
        for word in arguments {
            guard let next = commands.first(where: { $0.configuration.commandName == word }) else { break }
            path.append(word)
            commands = next.configuration.subcommands
        }
        return path
    }
}
