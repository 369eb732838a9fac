import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm update UUID`: changes a mapping, showing the diff; refuses create-only changes (MAP008).
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change a Kafka event source mapping: print the diff, check it, send only what changes.",
        discussion: """
            Reads the mapping, compares it with the flags (and --cli-input-json), and prints the changes \
            (- old / + new). Create-only settings (Topics, StartingPosition, EventSourceArn, the consumer group \
            id, self-managed endpoints) are refused with MAP008 and the recipe to recreate the mapping. An \
            update that changes nothing makes no call. The preflight, --dry-run, --force and --wait work as for \
            create. JSON: {verdict, findings, request, changes [{field, from, to}], result}.

            Example:
              msk-esm update 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --batch-size 500 --batching-window 5
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @OptionGroup var skeleton: CLISkeletonOption

    @OptionGroup var mapping: MappingUUIDArgument

    @OptionGroup var flags: MappingFlags
    @OptionGroup var waitOptions: WaitOptions

    @Flag(name: .customLong("dry-run"), help: "Print the diff, the request and the preflight; make no write call.")
    var dryRun = false

    @Flag(name: .customLong("no-preflight"), help: "Skip the preflight checks.")
    var noPreflight = false

    @Flag(help: "Update even when the preflight fails.")
    var force = false

    func validate() throws {
        try global.validate(mirrorsAWSCall: true, reportsChanges: true)
        try flags.validate(now: global.now)
    }

    func run() async throws {
        if try skeleton.printIfAsked(mirrored: Self.self, global: global) { return }
        let console = CommandContext.console
        let base = try flags.requestBase()
        let uuid = try Self.mappingUUID(given: mapping, file: base["UUID"], source: flags.inputFilePath)
        var wanted = flags.requestBody(base: base)
        wanted.removeValue(forKey: "UUID")
        let nothingToChange = ToolError.usage(
            "nothing to change", input: uuid, fix: "give the settings to change, e.g. --batch-size 500")
        // --auth iam may be all there is: IAM_AUTH on self-managed Kafka, which only the mapping read tells.
        if wanted.isEmpty && flags.auth != .iam { throw nothingToChange }
        let client = try MappingCommandSupport.client(global)
        let lambda = LambdaClient(client: client, timestamps: global.timestamps)
        let current: JSONValue
        do {
            current = try await lambda.getEventSourceMapping(uuid: uuid)
        } catch {
            throw MappingCommandSupport.failure(error, doing: "read the event source mapping", input: uuid)
        }
        if flags.auth == .iam && current["SelfManagedEventSource"] != nil {
            // On self-managed Kafka --auth iam is IAM_AUTH, which only the mapping read says.
            wanted = flags.requestBody(base: base, selfManagedHint: true)
            wanted.removeValue(forKey: "UUID")
        }
        if wanted.isEmpty { throw nothingToChange }
        let plan = MappingUpdatePlan(current: current, request: wanted)
        let path = "/2015-03-31/event-source-mappings/\(uuid)"
        let request = MappingChangeDocument.Request(method: "PUT", path: path, body: .object(plan.body))
        if !plan.createOnlyFindings.isEmpty {
            try finish(
                findings: plan.createOnlyFindings, request: nil, changes: plan.changes, result: nil, note: "not updated"
            )
            throw ExitCode(1)
        }
        if plan.isEmpty {
            try finish(
                findings: [], request: nil, changes: [], result: nil,
                note: "no changes: \(uuid) already has these settings")
            return
        }
        var findings: [Finding] = []
        if !noPreflight {
            let (report, snapshot) = try await MappingPreflight(client: client, now: global.now)
                .run(mapping: MappingPreflight.syntheticMapping(current: current, update: plan.body))
            if plan.body["FunctionName"] != nil {
                try CreateCommand.requireFunction(snapshot, function: plan.body["FunctionName"]?.stringValue ?? "")
            }
            findings = report.findings
        }
        if Verdict(findings: findings) == .fail && !force {
            try finish(
                findings: findings, request: request, changes: plan.changes, result: nil,
                note: "not updated: the preflight failed (--force updates anyway)")
            throw ExitCode(1)
        }
        if dryRun {
            try finish(
                findings: findings, request: request, changes: plan.changes, result: nil,
                note: "dry run: nothing was changed", showRequest: true)
            return
        }
        var result: JSONValue
        do {
            result = try await lambda.updateEventSourceMapping(uuid: uuid, .object(plan.body))
        } catch {
            throw MappingCommandSupport.failure(error, doing: "update the event source mapping", input: uuid)
        }
        _ = console
        if waitOptions.wait {
            let enabled = plan.body["Enabled"]?.boolValue ?? MappingIdentity.isEnabled(current["State"]?.stringValue)
            if let settled = try await MappingCommandSupport.wait(
                uuid: uuid, for: MappingCommandSupport.target(enabled: enabled), options: waitOptions, global: global,
                client: client)
            {
                result = settled
            }
        }
        try finish(
            findings: findings, request: request, changes: plan.changes, result: result,
            note: "updated \(uuid): \(result["State"]?.stringValue ?? "")")
    }

    /// The mapping to update: the one named on the command line, else the request file's `UUID` (as the AWS CLI
    /// takes it from `--cli-input-json`). Both, and different, is a usage error: which mapping was meant?
    static func mappingUUID(given: MappingUUIDArgument, file: JSONValue?, source: String?) throws -> String {
        let fromFile = file?.stringValue
        if given.isGiven {
            if let fromFile, fromFile != given.value {
                throw ToolError.usage(
                    "the request's UUID \(fromFile) is not the mapping named, \(given.value)", input: source,
                    fix: "name one mapping: drop the UUID from the command line or from the file")
            }
            return given.value
        }
        guard let fromFile else {
            throw ToolError.usage(
                "missing the mapping's UUID", input: source,
                fix: "give it as an argument, as --uuid UUID, or as UUID in the request file")
        }
        do {
            try MappingCommandSupport.validateUUID(fromFile)
        } catch {
            throw ToolError.usage("\(error)", input: source, fix: "write the mapping's UUID as msk-esm list prints it")
        }
        return fromFile
    }

    func finish(
        findings: [Finding], request: MappingChangeDocument.Request?, changes: [MappingChange], result: JSONValue?,
        note: String, showRequest: Bool = false
    ) throws {
        let console = CommandContext.console
        switch global.output {
        case .reportJSON, .jsonl,
            .json where result == nil:
            let document = MappingChangeDocument(
                verdict: Verdict(findings: findings), findings: CheckReport(findings: findings).findings,
                request: request,
                changes: changes, result: result)
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
            if !findings.isEmpty {
                console.writeError(ReportRenderer(color: false, quiet: true).text(CheckReport(findings: findings)))
            }
            try MappingCommandSupport.printAWSCLIOutput(result ?? .null, operation: Self.operationName, global: global)
        case .text, .table, .sarif, .github, .markdown:
            var text = MappingCommandSupport.diff(changes)
            if !findings.isEmpty || !noPreflight && request != nil {
                text +=
                    (request != nil && !noPreflight ? "preflight: " : "")
                    + ReportRenderer(color: console.colorEnabled(global), quiet: global.quiet).text(
                        CheckReport(findings: findings))
            }
            if let request, showRequest || global.debug { text += MappingCommandSupport.requestText(request) }
            text += note.escapingControlCharacters() + "\n"
            console.write(text)
        }
    }
}

extension UpdateCommand: CommandWithGlobalOptions, MirrorsAWSOperation {
    static var outputFormats: [OutputFormat] { [.text, .json, .table, .reportJSON] }
    static let operationName = "UpdateEventSourceMapping"
}
