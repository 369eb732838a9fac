import ArgumentParser
import MSKESMCore

/// The mapping a command acts on: a UUID argument, or `--uuid UUID` as the AWS CLI takes it
/// (`aws lambda get-event-source-mapping --uuid …`), not both.
struct MappingUUIDArgument: ParsableArguments, Sendable {
    init() {}

    @Argument(help: ArgumentHelp("The UUID of the event source mapping.", valueName: "uuid"))
    var positional: String?

    @Option(name: .customLong("uuid"), help: ArgumentHelp("The same UUID, as the AWS CLI's --uuid.", valueName: "uuid"))
    var option: String?

    /// The UUID given (empty until `validate` has passed).
    var value: String { positional ?? option ?? "" }

    /// Whether the command line names the mapping (update may take it from its request file instead).
    var isGiven: Bool { positional != nil || option != nil }

    func validate() throws {
        switch (positional, option) {
        case (nil, nil) where CommandContext.requiredArgumentsOptional || CommandContext.mappingMayComeFromFile: return
        case (nil, nil): throw ValidationError("missing the mapping's UUID: give it as an argument or as --uuid UUID")
        case (.some, .some): throw ValidationError("the UUID is given twice (as an argument and as --uuid): give one")
        default: try MappingCommandSupport.validateUUID(value)
        }
    }
}
