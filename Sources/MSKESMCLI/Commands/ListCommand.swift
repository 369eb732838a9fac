import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm list`: the Kafka event source mappings, all pages.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List event source mappings (all pages), optionally of one function or one cluster.",
        discussion: """
            Text: a table of UUID, function, topic, state and last processing result. JSON: \
            {"EventSourceMappings": [...]}, the shape aws lambda list-event-source-mappings prints.

            Example:
              msk-esm list --function orders-consumer
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @OptionGroup var skeleton: CLISkeletonOption

    @Option(
        name: .customLong("function"),
        help: ArgumentHelp("Only this function's mappings (name or ARN).", valueName: "name"))
    var function: String?

    @Option(help: ArgumentHelp("Only mappings of this event source (cluster or VPC connection ARN).", valueName: "arn"))
    var cluster: String?

    func validate() throws {
        try global.validate(mirrorsAWSCall: true)
        if let cluster, !MappingFlags.matches(cluster, "^arn:") {
            throw ValidationError("--cluster '\(cluster)' is not an ARN")
        }
    }

    func run() async throws {
        if try skeleton.printIfAsked(mirrored: Self.self, global: global) { return }
        let lambda = LambdaClient(client: try MappingCommandSupport.client(global), timestamps: global.timestamps)
        let pages: [[JSONValue]]
        do {
            pages = try await lambda.listEventSourceMappingPages(functionName: function, eventSourceArn: cluster)
        } catch {
            throw MappingCommandSupport.failure(
                error, doing: "list the event source mappings", input: function ?? cluster)
        }
        let listed: JSONValue = ["EventSourceMappings": .array(pages.flatMap { $0 })]
        switch global.output {
        case .json, .jsonl, .reportJSON:
            try MappingCommandSupport.printAWSCLIJSON(listed, operation: Self.modelOperation)
        case .text where global.asksForAWSCLIOutput:
            // The AWS CLI lays out each page of a paginated call alone (awscli/formatter.py, TextFormatter).
            for page in pages {
                try MappingCommandSupport.printAWSCLIOutput(
                    ["EventSourceMappings": .array(page)], operation: Self.operationName, global: global)
            }
        case .table:
            // ... but a table of all pages at once (TableFormatter is fully buffered: build_full_result).
            try MappingCommandSupport.printAWSCLIOutput(listed, operation: Self.operationName, global: global)
        case .text, .sarif, .github, .markdown:
            CommandContext.console.write(Self.table(listed["EventSourceMappings"]?.arrayValue ?? []))
        }
    }

    static func table(_ mappings: [JSONValue]) -> String {
        // Every cell is data: escaped before the columns are measured, so the table stays aligned.
        let rows = mappings.map { mapping -> [String] in
            [
                mapping["UUID"]?.stringValue ?? "", MappingCommandSupport.functionName(mapping),
                mapping["Topics"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? "",
                mapping["State"]?.stringValue ?? "", mapping["LastProcessingResult"]?.stringValue ?? "",
            ].map { $0.escapingControlCharacters() }
        }
        let header = ["UUID", "FUNCTION", "TOPIC", "STATE", "LAST RESULT"]
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated().dropLast() { widths[index] = max(widths[index], cell.count) }
        }
        let lines = ([header] + rows).map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ListCommand: CommandWithGlobalOptions, MirrorsAWSOperation {
    static let operationName = "ListEventSourceMappings"
}
