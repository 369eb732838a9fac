import ArgumentParser
import Foundation
import MSKESMCore

/// `msk-esm disable UUID`: stops a mapping (UpdateEventSourceMapping Enabled false); it keeps its offsets.
struct DisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable an event source mapping (Enabled false); --wait waits for State Disabled.",
        discussion: """
            The consumer group keeps its committed offsets: enabling the mapping again resumes where it \
            stopped. JSON: the API's answer.

            Example:
              msk-esm disable 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --wait
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
        try await MappingSwitch.run(uuid: uuid, enabled: false, global: global, waitOptions: waitOptions)
    }
}

extension DisableCommand: CommandWithGlobalOptions, MirrorsAWSOperation {
    static let operationName = MappingSwitch.operationName
}
