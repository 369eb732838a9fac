import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm enable UUID`: starts a mapping again (UpdateEventSourceMapping Enabled true).
struct EnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Enable an event source mapping (Enabled true); --wait waits for State Enabled.",
        discussion: """
            With --wait, a mapping that ends Disabled (e.g. Lambda stopped it again: StateTransitionReason, \
            LastProcessingResult) is explained and the exit code is 1. JSON: the API's answer.

            Example:
              msk-esm enable 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --wait
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @OptionGroup var mapping: MappingUUIDArgument
    var uuid: String { mapping.value }

    @OptionGroup var waitOptions: WaitOptions

    func validate() throws {
        try global.validate(mirrorsAWSCall: true)
    }

    func run() async throws {
        try await MappingSwitch.run(uuid: uuid, enabled: true, global: global, waitOptions: waitOptions)
    }
}

/// Enable and disable: one update of `Enabled`, then optionally a wait.
enum MappingSwitch {
    /// enable and disable are UpdateEventSourceMapping calls, which the AWS CLI titles its table with.
    static let operationName = "UpdateEventSourceMapping"

    static func run(uuid: String, enabled: Bool, global: GlobalOptions, waitOptions: WaitOptions) async throws {
        let client = try MappingCommandSupport.client(global)
        var result: JSONValue
        do {
            result = try await LambdaClient(client: client, timestamps: global.timestamps).updateEventSourceMapping(
                uuid: uuid, ["Enabled": .bool(enabled)])
        } catch {
            throw MappingCommandSupport.failure(
                error, doing: enabled ? "enable the event source mapping" : "disable the event source mapping",
                input: uuid)
        }
        if waitOptions.wait,
            let settled = try await MappingCommandSupport.wait(
                uuid: uuid, for: MappingCommandSupport.target(enabled: enabled), options: waitOptions, global: global,
                client: client)
        {
            result = settled
        }
        switch global.output {
        case .json, .jsonl, .reportJSON:
            try MappingCommandSupport.printAWSCLIJSON(result, operation: "lambda." + operationName)
        case .text where global.asksForAWSCLIOutput, .table:
            try MappingCommandSupport.printAWSCLIOutput(result, operation: operationName, global: global)
        case .text, .sarif, .github, .markdown:
            if !global.quiet {
                CommandContext.console.write(MappingCommandSupport.stateLine(uuid, result["State"]?.stringValue ?? ""))
            }
        }
    }
}

extension EnableCommand: CommandWithGlobalOptions, MirrorsAWSOperation {
    static let operationName = MappingSwitch.operationName
}
