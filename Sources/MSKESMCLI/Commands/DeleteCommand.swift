import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm delete UUID`: deletes a mapping, after a confirmation (or `--yes`).
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete an event source mapping (asks first on a terminal; --yes elsewhere).",
        discussion: """
            On a terminal the command shows the mapping and asks; when standard input is not a terminal \
            (scripts, CI) it refuses without --yes (exit 2). --wait waits until the mapping is gone. JSON: the \
            API's answer (State Deleting).

            Example:
              msk-esm delete 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --yes --wait
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @OptionGroup var skeleton: CLISkeletonOption

    @OptionGroup var mapping: MappingUUIDArgument
    var uuid: String { mapping.value }

    @Flag(help: "Delete without asking.")
    var yes = false

    @OptionGroup var waitOptions: WaitOptions

    func validate() throws {
        try global.validate(mirrorsAWSCall: true)
    }

    func run() async throws {
        if try skeleton.printIfAsked(mirrored: Self.self, global: global) { return }
        if !yes && !MappingCommandSupport.inputIsTerminal {
            throw ToolError.usage(
                "delete needs a confirmation", input: uuid, fix: "standard input is not a terminal: add --yes to delete"
            )
        }
        let console = CommandContext.console
        let client = try MappingCommandSupport.client(global)
        let lambda = LambdaClient(client: client, timestamps: global.timestamps)
        if !yes {
            let mapping: JSONValue
            do {
                mapping = try await lambda.getEventSourceMapping(uuid: uuid)
            } catch {
                throw MappingCommandSupport.failure(error, doing: "read the event source mapping", input: uuid)
            }
            let described =
                "function \(MappingCommandSupport.functionName(mapping)), topic "
                + "\(mapping["Topics"]?.arrayValue?.first?.stringValue ?? "?"), \(mapping["State"]?.stringValue ?? "?")"
            console.writeError("Delete mapping \(uuid) (\(described.escapingControlCharacters()))? [y/N] ")
            let answer = readLine()?.trimmingSpaces().lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                console.writeError("not deleted\n")
                throw ExitCode(1)
            }
        }
        var result: JSONValue
        do {
            result = try await lambda.deleteEventSourceMapping(uuid: uuid)
        } catch {
            throw MappingCommandSupport.failure(error, doing: "delete the event source mapping", input: uuid)
        }
        if waitOptions.wait {
            try await MappingCommandSupport.wait(
                uuid: uuid, for: .deleted, options: waitOptions, global: global, client: client)
            var members = result.objectValue ?? [:]
            members["State"] = "Deleted"
            result = .object(members)
        }
        switch global.output {
        case .json, .jsonl, .reportJSON:
            try MappingCommandSupport.printAWSCLIJSON(result, operation: Self.modelOperation)
        case .text where global.asksForAWSCLIOutput, .table:
            try MappingCommandSupport.printAWSCLIOutput(result, operation: Self.operationName, global: global)
        case .text, .sarif, .github, .markdown:
            if !global.quiet {
                console.write(MappingCommandSupport.stateLine(uuid, result["State"]?.stringValue ?? ""))
            }
        }
    }
}

extension DeleteCommand: CommandWithGlobalOptions, MirrorsAWSOperation {
    static let operationName = "DeleteEventSourceMapping"
}
