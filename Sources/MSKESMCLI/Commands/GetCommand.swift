import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm get UUID`: one mapping, as `aws lambda get-event-source-mapping` prints it.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print one event source mapping.",
        discussion: """
            Text: the state, last result, function, source and topic first, then every other setting. JSON: \
            exactly what aws lambda get-event-source-mapping prints. A mapping that does not exist is exit 2.

            Example:
              msk-esm get 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --output json
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @OptionGroup var skeleton: CLISkeletonOption

    @OptionGroup var mapping: MappingUUIDArgument
    var uuid: String { mapping.value }

    func validate() throws {
        try global.validate(mirrorsAWSCall: true)
    }

    func run() async throws {
        if try skeleton.printIfAsked(mirrored: Self.self, global: global) { return }
        let lambda = LambdaClient(client: try MappingCommandSupport.client(global), timestamps: global.timestamps)
        let mapping: JSONValue
        do {
            mapping = try await lambda.getEventSourceMapping(uuid: uuid)
        } catch {
            throw MappingCommandSupport.failure(error, doing: "read the event source mapping", input: uuid)
        }
        switch global.output {
        case .json, .jsonl, .reportJSON:
            try MappingCommandSupport.printAWSCLIJSON(mapping, operation: Self.modelOperation)
        case .text where global.asksForAWSCLIOutput, .table:
            try MappingCommandSupport.printAWSCLIOutput(mapping, operation: Self.operationName, global: global)
        case .text, .sarif, .github, .markdown: CommandContext.console.write(MappingCommandSupport.text(mapping))
        }
    }
}

extension GetCommand: CommandWithGlobalOptions, MirrorsAWSOperation {
    static let operationName = "GetEventSourceMapping"
}
