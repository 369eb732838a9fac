import ArgumentParser
import Foundation
import JMESPath
import MSKESMAWS
import MSKESMCore

/// Output formats of `--output`. `jsonl` only where a command streams several results; `table` only on the
/// commands that mirror an AWS CLI call; `report-json` (msk-esm's document around the call) only on create and
/// update (docs/output.md).
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, jsonl, table
    case reportJSON = "report-json"
    /// SARIF 2.1.0, GitHub workflow-command annotations and a Markdown report: only on lint (docs/output.md).
    case sarif, github, markdown

    /// The formats for CI and reviews that only `lint` prints.
    static let reportFormats: [OutputFormat] = [.sarif, .github, .markdown]
}

/// `--color`, as the AWS CLI takes it.
public enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Colour even when stdout is not a terminal or NO_COLOR is set.
    case on
    /// Never colour (as `--no-color`).
    case off
    /// Colour on a terminal, unless NO_COLOR or TERM=dumb (the default).
    case auto
}

/// The global options (docs/output.md#global-options), spelled as the AWS CLI spells them. Every subcommand includes
/// them with `@OptionGroup`, so they may stand anywhere on the command line.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Output format: text for people (the default), json for scripts (one document on stdout). Given as --output text, json or table, get, list, create, update, delete, enable and disable print the AWS call's response as the AWS CLI does (its tab-separated text, its JSON, its table); create and update print msk-esm's document (preflight, request, changes) as report-json. lint also prints sarif (SARIF 2.1.0), github (Actions annotations) and markdown; doctor also prints markdown (a report with a diagram of the path).",
            valueName: "format"))
    public var outputChoice: OutputFormat?

    /// The output format (text when `--output` is not given).
    public var output: OutputFormat {
        get { outputChoice ?? .text }
        set { outputChoice = newValue }
    }

    /// Whether `--output text` or `--output table` was given: commands that mirror an AWS call then print what
    /// the AWS CLI prints (docs/output.md); without `--output` they print the people-oriented view.
    public var asksForAWSCLIOutput: Bool { outputChoice == .text || outputChoice == .table }

    /// How the AWS calls' timestamps should come back: as the service sent them where the output is the AWS CLI
    /// v1's (`--output text|table|json`, `--query`), else ISO 8601 as in msk-esm's views and documents.
    public var timestamps: ServiceShapes.TimestampStyle {
        asksForAWSCLIOutput || outputChoice == .json || query != nil ? .wire : .iso8601
    }

    @Option(
        help: ArgumentHelp(
            "A JMESPath expression that selects what to print from the JSON document (the AWS call's response for get, list, create, update, delete, enable, disable), as the AWS CLI's --query does.",
            valueName: "expression"),
        transform: GlobalOptions.parseQuery)
    public var query: JMESPathQuery?

    @Flag(name: .customLong("no-color"), help: "Never colour the output (also when NO_COLOR is set).")
    public var noColor = false

    @Option(
        help: ArgumentHelp(
            "Colour the text output: on, off, or auto (on a terminal without NO_COLOR).", valueName: "on|off|auto"))
    public var color: ColorChoice?

    @Flag(help: "Print only problems and errors.")
    public var quiet = false

    @Flag(help: "Exit 1 on warnings and on checks that could not run, not only on failures.")
    public var strict = false

    @Option(
        help: ArgumentHelp(
            "Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.",
            valueName: "ISO-8601-time"),
        transform: GlobalOptions.parseInstant)
    public var at: Date?

    @Flag(help: "Trace what the command does on stderr, with secrets and signatures redacted.")
    public var debug = false

    @OptionGroup(title: "AWS options") public var aws: AWSOptions

    public init() {}

    /// The instant dates are evaluated at.
    public var now: Date { at ?? Date() }

    static func parseInstant(_ text: String) throws -> Date {
        if let date = ISO8601Instant.parse(text) { return date }
        throw ValidationError(
            "'\(text)' is not an ISO 8601 time: write it as 2026-11-26T12:00:00Z or 2026-11-26")
    }

    static func parseQuery(_ text: String) throws -> JMESPathQuery {
        do {
            return try JMESPathQuery(text)
        } catch {
            // argument-parser puts "the value '…' is invalid for '--query'" before this.
            let place = error.column.map { "at column \($0): " } ?? ""
            throw ValidationError("not a JMESPath expression, \(place)\(error.message)")
        }
    }

    /// What `--query` makes of the output, or nil without it. `mirrored` is the AWS call the command mirrors:
    /// its response is what the query selects from, and its name titles a table; `console` says how wide and
    /// whether coloured.
    func queryOutput(mirrored: MirrorsAWSOperation.Type?, console: Console) -> QueryOutput? {
        guard let query else { return nil }
        let format: QueryOutput.Format
        switch output {
        case .json, .reportJSON, .sarif: format = .json
        case .jsonl: format = .jsonLines
        case .text, .github, .markdown: format = .text
        case .table:
            format = .table(
                title: mirrored?.operationName ?? "", width: console.outputColumns, style: console.tableStyle(self))
        }
        // report-json is msk-esm's own document: the query selects from it, not from the response.
        return QueryOutput(
            query: query, format: format, responseOperation: output == .reportJSON ? nil : mirrored?.modelOperation)
    }

    /// - Parameter mirrorsAWSCall: the command prints an AWS call's response (get, list, create, update, delete,
    ///   enable, disable), so `--output table` means the AWS CLI's table of it.
    /// - Parameter reportsChanges: the command has msk-esm's change document (create, update): `--output report-json`.
    /// - Parameter printsCIReports: the command prints `--output sarif`, `github` and `markdown` (lint).
    /// - Parameter printsMarkdown: the command prints `--output markdown` only (doctor).
    public func validate(
        allowsJSONLines: Bool = false, allowsManyRegions: Bool = false, mirrorsAWSCall: Bool = false,
        reportsChanges: Bool = false, printsCIReports: Bool = false, printsMarkdown: Bool = false
    ) throws {
        if OutputFormat.reportFormats.contains(output) && !printsCIReports && !(output == .markdown && printsMarkdown) {
            let commands = output == .markdown ? "lint and doctor" : "lint"
            throw ValidationError("--output \(output.rawValue) is for \(commands): use --output text or json")
        }
        // SARIF is a JSON document, so --query selects from it; annotations and Markdown are not.
        if query != nil && (output == .github || output == .markdown) {
            throw ValidationError(
                "--query selects from a JSON document: use it with --output json or sarif, not \(output.rawValue)")
        }
        if output == .jsonl && !allowsJSONLines {
            throw ValidationError("--output jsonl is for commands that stream several results: use --output json")
        }
        if output == .reportJSON && !reportsChanges {
            throw ValidationError(
                "--output report-json is for create and update (their preflight and changes): use --output json")
        }
        if output == .table && !mirrorsAWSCall {
            throw ValidationError(
                "--output table is for the commands that mirror an AWS CLI call (get, list, create, update, delete, enable, disable): use --output text or json"
            )
        }
        if noColor && color == .on {
            throw ValidationError("--no-color and --color on contradict each other: give one")
        }
        if aws.regions.count > 1 && !allowsManyRegions {
            throw ValidationError("--region takes one value here (only doctor --all takes several)")
        }
    }
}
