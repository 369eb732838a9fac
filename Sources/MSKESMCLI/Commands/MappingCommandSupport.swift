import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

#if canImport(Glibc)
    import Glibc
#endif

/// `--wait`, `--timeout` and `--poll-interval`, shared by the commands that change a mapping.
struct WaitOptions: ParsableArguments, Sendable {
    @Flag(help: "Wait until the mapping's State settles; exit 1 if it ends in a problem state.")
    var wait = false

    @Option(help: ArgumentHelp("Give up waiting after this many seconds (default 600).", valueName: "seconds"))
    var timeout: Double = 600

    @Option(
        name: .customLong("poll-interval"),
        help: ArgumentHelp(
            "Seconds between the first polls of State; the pause grows by half each poll, to 15 s at most (default 2).",
            valueName: "seconds"))
    var pollInterval: Double = 2

    init() {}

    func validate() throws {
        if timeout <= 0 { throw ValidationError("--timeout must be more than 0 seconds") }
        if pollInterval <= 0 { throw ValidationError("--poll-interval must be more than 0 seconds") }
    }
}

/// The JSON document of `create` and `update` (docs/findings.md#the-report-document): the preflight, the request, the
/// changes and the API's answer.
struct MappingChangeDocument: Encodable {
    struct Request: Encodable {
        var method: String
        var path: String
        var body: JSONValue
    }

    var verdict: Verdict
    var findings: [Finding]
    var request: Request?
    var changes: [MappingChange]?
    var result: JSONValue?

    enum CodingKeys: String, CodingKey { case verdict, findings, request, changes, result }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(findings, forKey: .findings)
        try container.encode(request, forKey: .request)
        if let changes { try container.encode(changes, forKey: .changes) }
        try container.encode(result ?? .null, forKey: .result)
    }
}

/// What the mapping commands share: the Lambda client, error mapping, UUID checks, waiting and rendering.
enum MappingCommandSupport {
    /// 8-4-4-4-12 hexadecimal digits, checked by hand: a regular expression here would bring in ICU's regex
    /// engine at the start of every live command.
    static func isUUID(_ text: String) -> Bool {
        let groups = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy {
                $0.allSatisfy {
                    UInt8(ascii: "0")...UInt8(ascii: "9") ~= $0 || UInt8(ascii: "a")...UInt8(ascii: "f") ~= $0 | 0x20
                }
            }
    }

    static func validateUUID(_ uuid: String) throws {
        if !isUUID(uuid) {
            throw ValidationError("'\(uuid)' is not an event source mapping UUID (8-4-4-4-12 hexadecimal digits)")
        }
    }

    static func client(_ global: GlobalOptions) throws -> AWSClient {
        try global.aws.client(debug: global.debug)
    }

    /// An AWS failure as the one-line error of docs/output.md#errors: a missing mapping or function is exit 2 (the
    /// input names something that does not exist), anything else after retries exit 3.
    static func failure(_ error: Error, doing what: String, input: String?) -> Error {
        switch error {
        case is ToolError, is CancellationError, is ExitCode: return error
        case let error as AWSError where error.kind == .notFound:
            return ToolError.usage(
                "not found", input: input,
                fix: "\(error.descriptionWithRequestID.prefix(160)); check the name and the region (msk-esm list)")
        case let error as CredentialError:
            return ToolError.usage(
                "no AWS credentials", input: nil, fix: "\(error.reason.prefix(160)); set a profile or AWS_ACCESS_KEY_ID"
            )
        default:
            return ToolError.remote(
                "cannot \(what)", input: input,
                fix:
                    "\(FailureReason.reported(error).prefix(400)); check the credentials, region and network, then retry"
            )
        }
    }

    /// The state to wait for after a change.
    static func target(enabled: Bool) -> MappingWaiter.Target { enabled ? .enabled : .disabled }

    /// Polls until the mapping settles; prints progress on stderr (text output) and the explanation of a
    /// problem state. Returns the last mapping read; throws `ExitCode(1)` when it did not reach `target`.
    @discardableResult
    static func wait(
        uuid: String, for target: MappingWaiter.Target, options: WaitOptions, global: GlobalOptions, client: AWSClient
    ) async throws -> JSONValue? {
        let console = CommandContext.console
        let showProgress = (global.output == .text || global.output == .table) && !global.quiet
        let last = LastState()
        let waiter = MappingWaiter(
            lambda: LambdaClient(client: client), timeout: options.timeout, interval: options.pollInterval,
            progress: { state in
                if showProgress, last.changed(to: state) { console.writeError(stateLine(uuid, state)) }
            })
        let outcome: MappingWaiter.Outcome
        do {
            outcome = try await waiter.wait(uuid: uuid, for: target)
        } catch {
            throw failure(error, doing: "read the event source mapping", input: uuid)
        }
        switch outcome {
        case .reached(let mapping):
            return mapping
        case .settledElsewhere(let mapping):
            guard let mapping else {
                throw ToolError.usage(
                    "the mapping was deleted while waiting for \(target.rawValue)", input: uuid, fix: "msk-esm list")
            }
            try report(
                problem: "ended \(mapping["State"]?.stringValue ?? "unknown"), not \(target.state ?? "")",
                mapping: mapping, global: global)
            throw ExitCode(1)
        case .timedOut(let mapping):
            try report(
                problem: "still \(mapping["State"]?.stringValue ?? "unknown") after \(Int(options.timeout)) s",
                mapping: mapping, global: global)
            throw ExitCode(1)
        }
    }

    /// A wait that ended badly: text → the explanation on stderr (stdout stays for the document); JSON →
    /// one document `{verdict, findings, summary}` with the mapping.
    static func report(problem: String, mapping: JSONValue, global: GlobalOptions) throws {
        let console = CommandContext.console
        var findings = MappingWaiter.explanation(of: mapping).filter { $0.severity != .pass }
        findings.insert(
            Finding(
                code: .map010, severity: .fail, title: "mapping \(mapping["UUID"]?.stringValue ?? "") \(problem)",
                detail: "State: \(mapping["State"]?.stringValue ?? "unknown"). StateTransitionReason: "
                    + "\(mapping["StateTransitionReason"]?.stringValue ?? "none"). LastProcessingResult: "
                    + "\(mapping["LastProcessingResult"]?.stringValue ?? "none")",
                fix: "msk-esm doctor \(mapping["UUID"]?.stringValue ?? "UUID")",
                evidence: [
                    "State": mapping["State"] ?? .null,
                    "StateTransitionReason": mapping["StateTransitionReason"] ?? .null,
                    "LastProcessingResult": mapping["LastProcessingResult"] ?? .null,
                ]), at: 0)
        let report = CheckReport(findings: findings, summary: MappingStateSummary(uuid: mapping["UUID"]?.stringValue))
        switch global.output {
        case .json, .jsonl, .reportJSON: console.write(try JSONOutput.document(report))
        case .text, .table, .sarif, .github, .markdown:
            console.writeError(ReportRenderer(color: false, quiet: false).text(report))
        }
    }

    // MARK: rendering

    static func printJSON(_ value: JSONValue) throws {
        CommandContext.console.write(try JSONOutput.document(value))
    }

    /// An AWS call's response as `aws lambda … --output json` prints it (`operation`: `lambda.GetEventSourceMapping`):
    /// members in the model's order, timestamps as sent, nothing for an empty object. With `--query`, the selection.
    static func printAWSCLIJSON(_ response: JSONValue, operation: String) throws {
        let console = CommandContext.console
        if CommandContext.queryOutput != nil { return console.write(try JSONOutput.document(response)) }
        console.write(AWSCLIOutput.json(response, order: .response(of: operation, selected: false)))
    }

    /// An AWS call's response as `aws lambda … --output text|table` prints it (docs/output.md); the table is
    /// titled with the call's name.
    static func printAWSCLIOutput(_ response: JSONValue, operation: String, global: GlobalOptions) throws {
        let console = CommandContext.console
        guard global.output == .table else { return console.write(AWSCLIOutput.text(response)) }
        do {
            console.write(
                try AWSCLITable.render(
                    response, title: operation, width: console.outputColumns, style: console.tableStyle(global)))
        } catch {
            // A response is a structure, which always lays out; only a --query selection can fail.
            throw ToolError.usage(
                "cannot lay out the \(operation) response as a table (\(error))", fix: "use --output json")
        }
    }

    /// `FunctionArn` → the function's name (with its qualifier).
    static func functionName(_ mapping: JSONValue) -> String {
        MappingIdentity.functionKey(mapping["FunctionArn"]?.stringValue ?? "")
    }

    /// A value as a person reads it in text output: a string as it is, anything else as compact JSON, and
    /// control characters escaped either way (names and results come from data).
    static func displayText(_ value: JSONValue) -> String {
        (value.stringValue ?? value.compactText).escapingControlCharacters()
    }

    /// `UUID: State`, the line that says where a mapping stands (the state as AWS sent it, escaped).
    static func stateLine(_ uuid: String, _ state: String) -> String {
        "\(uuid): \(state.escapingControlCharacters())\n"
    }

    /// One mapping for people: the fields that matter, one per line.
    static func text(_ mapping: JSONValue) -> String {
        var lines: [String] = []
        func line(_ label: String, _ value: JSONValue?) {
            guard let value, value != .null else { return }
            lines.append(label + String(repeating: " ", count: max(2, 32 - label.count)) + displayText(value))
        }
        let members = mapping.objectValue ?? [:]
        let first = [
            "UUID", "State", "StateTransitionReason", "LastProcessingResult", "FunctionArn", "EventSourceArn", "Topics",
        ]
        for key in first { line(key, members[key]) }
        for key in members.keys.sorted() where !first.contains(key) { line(key, members[key]) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text diff of an update: `- BatchSize: 100` / `+ BatchSize: 500`.
    static func diff(_ changes: [MappingChange]) -> String {
        changes.map { "- \($0.field): \(displayText($0.from))\n+ \($0.field): \(displayText($0.to))\n" }
            .joined()
    }

    /// The request as a person reads it: method, path and the JSON body.
    static func requestText(_ request: MappingChangeDocument.Request) -> String {
        "\(request.method) \(request.path)\n" + JSONOutput.encode(request.body)
    }

    /// Whether standard input is a terminal (a person who can answer a question).
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
}

/// The last state printed, so progress prints each state once.
final class LastState: @unchecked Sendable {
    private let lock = NSLock()
    private var state: String?

    func changed(to new: String) -> Bool {
        lock.withLock {
            defer { state = new }
            return state != new
        }
    }
}

/// The summary of the report a mapping command prints when the mapping ends in a bad state: `{"uuid"}`
/// (`null` when AWS gave none).
struct MappingStateSummary: ReportSummary {
    var uuid: String?

    enum CodingKeys: String, CodingKey { case uuid }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uuid, forKey: .uuid)
    }
}
