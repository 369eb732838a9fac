import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm create`: creates a Kafka event source mapping after a preflight, never twice.
struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a Kafka event source mapping, after checking that it can work, and never twice.",
        discussion: """
            Before the call, a preflight runs the doctor's checks over the mapping the request would make \
            (parameter rules, broker choice, secrets when readable, the function, IAM and network) from the live \
            environment; a fail stops the command with exit 1 unless --force (--no-preflight skips it). A \
            mapping with the same function, event source and topic is looked for first: identical → printed, \
            exit 0; different → MAP009, exit 1 (use update). When the create's outcome is unknown (timeout, \
            reset, 5xx), the mappings are listed again before any retry. --dry-run prints the request and the \
            preflight and changes nothing; it still reads AWS (the preflight, unless --no-preflight, and the \
            look for an identical mapping). JSON: {verdict, findings, request {method, path, body}, result}.

            Example:
              msk-esm create --function orders-consumer --cluster arn:aws:kafka:us-east-1:123456789012:cluster/prod/1a2b3c4d-5e6f-2 \\
                --topic orders --starting-position TRIM_HORIZON --auth scram-512 \\
                --secret-id arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf --wait
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @OptionGroup var skeleton: CLISkeletonOption
    @OptionGroup var flags: MappingFlags
    @OptionGroup var waitOptions: WaitOptions

    @Flag(name: .customLong("dry-run"), help: "Print the request and the preflight; make no write call.")
    var dryRun = false

    @Flag(name: .customLong("no-preflight"), help: "Skip the preflight checks.")
    var noPreflight = false

    @Flag(help: "Create even when the preflight fails.")
    var force = false

    func validate() throws {
        try global.validate(mirrorsAWSCall: true, reportsChanges: true)
        try flags.validate(now: global.now)
        if flags.inputFilePath == nil && !CommandContext.requiredArgumentsOptional {
            // Each member may come from msk-esm's flag or the AWS CLI's name for it.
            let cli = flags.cli
            if flags.function == nil && cli.functionName == nil { throw ValidationError("missing --function NAME") }
            if flags.cluster == nil && flags.bootstrapServers == nil && cli.eventSourceArn == nil
                && cli.selfManagedEventSource == nil
            {
                throw ValidationError(
                    "missing --cluster ARN (Amazon MSK) or --bootstrap-servers host:port,… (self-managed)")
            }
            if flags.topic == nil && cli.topics.isEmpty { throw ValidationError("missing --topic NAME") }
            if flags.startingPosition == nil {
                throw ValidationError("missing --starting-position TRIM_HORIZON|LATEST|AT_TIMESTAMP")
            }
        }
    }

    static let path = "/2015-03-31/event-source-mappings"

    /// The request's members that must be present (after merging the file), and a timestamp not in the future.
    static func checkComplete(_ body: [String: JSONValue], now: Date, source: String) throws {
        let missing: [(String, Bool)] = [
            ("FunctionName (--function)", body["FunctionName"] == nil),
            (
                "EventSourceArn or SelfManagedEventSource (--cluster or --bootstrap-servers)",
                body["EventSourceArn"] == nil && body["SelfManagedEventSource"] == nil
            ),
            ("Topics (--topic)", body["Topics"] == nil),
            ("StartingPosition (--starting-position)", body["StartingPosition"] == nil),
        ]
        if let (name, _) = missing.first(where: \.1) {
            throw ToolError.usage("the request has no \(name)", input: source, fix: "give the flag or the member")
        }
        if body["EventSourceArn"] != nil && body["SelfManagedEventSource"] != nil {
            throw ToolError.usage(
                "the request has both EventSourceArn and SelfManagedEventSource", input: source,
                fix: "keep one: --cluster for Amazon MSK, --bootstrap-servers for self-managed Kafka")
        }
        if let seconds = body["StartingPositionTimestamp"], let date = Self.date(seconds), date > now {
            throw ToolError.usage(
                "StartingPositionTimestamp \(ISO8601Instant.format(date)) is in the future", input: source,
                fix: "give a past instant (Lambda refuses a future one)")
        }
    }

    static func date(_ value: JSONValue) -> Date? {
        if case .number(let seconds) = value { return Date(timeIntervalSince1970: seconds) }
        return value.stringValue.flatMap(AWSTimestamp.parse)
    }

    func run() async throws {
        if try skeleton.printIfAsked(mirrored: Self.self, global: global) { return }
        let console = CommandContext.console
        var body = flags.requestBody(base: try flags.requestBase())
        body.removeValue(forKey: "UUID")
        try Self.checkComplete(body, now: global.now, source: flags.inputFilePath ?? "the flags")
        let request = MappingChangeDocument.Request(method: "POST", path: Self.path, body: .object(body))
        let client = try MappingCommandSupport.client(global)
        let lambda = LambdaClient(client: client, timestamps: global.timestamps)
        let function = body["FunctionName"]?.stringValue ?? ""

        var findings: [Finding] = []
        if !noPreflight {
            let (report, snapshot) = try await MappingPreflight(client: client, now: global.now)
                .run(mapping: MappingPreflight.syntheticMapping(create: body))
            try Self.requireFunction(snapshot, function: function)
            findings = report.findings
        }

        // Idempotency: the same function, source and topic.
        let existing: [JSONValue]
        do {
            existing = try await Self.sameMappings(as: body, lambda: lambda)
        } catch {
            throw MappingCommandSupport.failure(error, doing: "list the event source mappings", input: function)
        }
        if let mapping = existing.first {
            let differences = MappingIdentity.differences(of: mapping, from: body)
            if differences.isEmpty {
                try finish(
                    findings: findings, request: request, result: mapping,
                    note: "already exists, unchanged: \(mapping["UUID"]?.stringValue ?? "")")
                return
            }
            findings.append(MappingIdentity.duplicateFinding(mapping, differences: differences))
            try finish(findings: findings, request: request, result: nil, note: nil)
            throw ExitCode(1)
        }

        let verdict = Verdict(findings: findings)
        if verdict == .fail && !force {
            try finish(
                findings: findings, request: request, result: nil,
                note: "not created: the preflight failed (--force creates anyway)")
            throw ExitCode(1)
        }
        if dryRun {
            try finish(
                findings: findings, request: request, result: nil, note: "dry run: nothing was created",
                showRequest: true)
            return
        }

        let trace: (@Sendable (String) -> Void)? = global.debug ? { @Sendable text in console.writeError(text) } : nil
        var result = try await Self.createOnce(body, lambda: lambda, trace: trace)
        let uuid = result["UUID"]?.stringValue ?? ""
        if waitOptions.wait {
            let target = MappingCommandSupport.target(enabled: body["Enabled"]?.boolValue != false)
            if let settled = try await MappingCommandSupport.wait(
                uuid: uuid, for: target, options: waitOptions, global: global, client: client)
            {
                result = settled
            }
        }
        try finish(
            findings: findings, request: request, result: result,
            note: "created \(uuid): \(result["State"]?.stringValue ?? "")")
    }

    /// A missing function is bad input (exit 2), not a finding.
    static func requireFunction(_ snapshot: Snapshot, function: String) throws {
        if let error = snapshot.errors?["lambda.GetFunctionConfiguration"], error.contains("ResourceNotFound") {
            throw ToolError.usage(
                "function \(function) does not exist", input: "--function",
                fix: "check the name and the region (aws lambda list-functions)")
        }
    }

    static func sameMappings(as body: [String: JSONValue], lambda: LambdaClient) async throws -> [JSONValue] {
        let listed = try await lambda.listEventSourceMappings(
            functionName: body["FunctionName"]?.stringValue, eventSourceArn: body["EventSourceArn"]?.stringValue)
        return MappingIdentity.sameMappings(as: body, in: listed["EventSourceMappings"]?.arrayValue ?? [])
    }

    /// Whether a failed create may have taken effect: no answer, or a server error after the request was sent.
    static func outcomeUnknown(_ error: Error) -> Bool {
        switch error {
        case let error as TransportError: return error.kind != .connect
        case let error as AWSError: return error.status >= 500
        default: return false
        }
    }

    /// Creates the mapping once: when an attempt's outcome is unknown, lists again and takes the mapping it
    /// made, if any, before trying again (never a second mapping).
    static func createOnce(
        _ body: [String: JSONValue], lambda: LambdaClient, attempts: Int = 3, trace: (@Sendable (String) -> Void)?
    ) async throws -> JSONValue {
        let function = body["FunctionName"]?.stringValue
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await lambda.createEventSourceMapping(.object(body))
            } catch  where outcomeUnknown(error) {
                trace?("create: outcome unknown (\(FailureReason.reported(error))); listing before a retry\n")
                let found: [JSONValue]
                do {
                    found = try await sameMappings(as: body, lambda: lambda)
                } catch {
                    throw MappingCommandSupport.failure(error, doing: "list the event source mappings", input: function)
                }
                if let mapping = found.first { return mapping }
                if attempt >= attempts {
                    throw MappingCommandSupport.failure(
                        error, doing: "create the event source mapping", input: function)
                }
                try await Task.sleep(nanoseconds: UInt64(attempt) * 500_000_000)
            } catch {
                throw MappingCommandSupport.failure(error, doing: "create the event source mapping", input: function)
            }
        }
    }

    func finish(
        findings: [Finding], request: MappingChangeDocument.Request, result: JSONValue?, note: String?,
        showRequest: Bool = false
    ) throws {
        let console = CommandContext.console
        switch global.output {
        case .reportJSON, .jsonl,
            .json where result == nil:
            let document = MappingChangeDocument(
                verdict: Verdict(findings: findings), findings: CheckReport(findings: findings).findings,
                request: request,
                changes: nil, result: result)
            // msk-esm's document: asked for, or the command made no call whose answer json could show (a dry run,
            // a preflight that refused). --query selects from it.
            console.write(try JSONOutput.document(document))
        case .json:
            // As the AWS CLI's: the API's answer, and --query selects from it; the preflight's problems on stderr.
            if !findings.isEmpty {
                console.writeError(ReportRenderer(color: false, quiet: true).text(CheckReport(findings: findings)))
            }
            try MappingCommandSupport.printAWSCLIJSON(result ?? .null, operation: Self.modelOperation)
        case .text where global.asksForAWSCLIOutput && result != nil, .table where result != nil:
            // The API's answer, as the AWS CLI prints it; the preflight's problems still reach the user.
            if !findings.isEmpty {
                console.writeError(ReportRenderer(color: false, quiet: true).text(CheckReport(findings: findings)))
            }
            try MappingCommandSupport.printAWSCLIOutput(result ?? .null, operation: Self.operationName, global: global)
        case .text, .table, .sarif, .github, .markdown:
            var text = ""
            if !noPreflight || !findings.isEmpty {
                text +=
                    (noPreflight ? "" : "preflight: ")
                    + ReportRenderer(color: console.colorEnabled(global), quiet: global.quiet)
                    .text(CheckReport(findings: findings))
            }
            if showRequest || global.debug { text += MappingCommandSupport.requestText(request) }
            if let note { text += note.escapingControlCharacters() + "\n" }
            if let result, !global.quiet, note?.hasPrefix("created") == true || note?.hasPrefix("already") == true {
                text += MappingCommandSupport.text(result)
            }
            console.write(text)
        }
    }
}

extension CreateCommand: CommandWithGlobalOptions, MirrorsAWSOperation {
    static var outputFormats: [OutputFormat] { [.text, .json, .table, .reportJSON] }
    static let operationName = "CreateEventSourceMapping"
}
