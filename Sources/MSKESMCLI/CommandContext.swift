import ArgumentParser
import Foundation
import MSKESMCore

/// What a running command needs from its surroundings. Bound with a task-local so that the same command
/// types run in the shell, in the REPL and in tests, each with its own console.
public enum CommandContext {
    @TaskLocal public static var console: Console = .standard()
    /// `--query` of the running command line: applied where a command prints its JSON document.
    @TaskLocal public static var queryOutput: QueryOutput?
    /// Whether the command line runs in the REPL (help then shows command lines without `msk-esm`).
    @TaskLocal public static var inREPL = false
    /// Whether the command line asks for an input skeleton (`--generate-cli-skeleton input`), which needs none of
    /// the command's required arguments: argument groups that check them on their own skip the check.
    @TaskLocal static var requiredArgumentsOptional = false
    /// Whether `update` was given a request file, whose `UUID` may name the mapping instead of the command line.
    @TaskLocal static var mappingMayComeFromFile = false
}

/// A command with the global options: how CommandLineEntry finds `--query` and `--output` on any of them.
protocol CommandWithGlobalOptions {
    var global: GlobalOptions { get set }
}

/// A command that prints an AWS call's response as the AWS CLI prints it with `--output text|table` and
/// `--query` (docs/output.md).
protocol MirrorsAWSOperation: AcceptsOutputFormats {
    /// The call's name, as the AWS CLI titles its table: `GetEventSourceMapping`.
    static var operationName: String { get }
}

extension MirrorsAWSOperation {
    static var outputFormats: [OutputFormat] { [.text, .json, .table] }

    /// The operation in the service model (`lambda.GetEventSourceMapping`): every mirrored call is Lambda's.
    static var modelOperation: String { "lambda." + operationName }
}

extension GlobalOptions {
    /// Prints a check report in the chosen format and ends the command with its exit code (docs/output.md#exit-codes).
    /// `summaryLines` are extra text lines for people; JSON carries the same facts in `report.summary`.
    func finish<Summary>(_ report: CheckReport<Summary>, summaryLines: [String] = []) throws {
        let console = CommandContext.console
        switch output {
        case .json, .reportJSON:
            console.write(try JSONOutput.document(report))
        case .jsonl:
            console.write(try JSONOutput.documentLine(report))
        case .text, .table, .sarif, .github, .markdown:
            let renderer = ReportRenderer(color: console.colorEnabled(self), quiet: quiet)
            console.write(renderer.text(report, summaryLines: summaryLines))
        }
        if report.isFailing(strict: strict) { throw ExitCode(1) }
    }
}
