import ArgumentParser
import MSKESMCore

/// `--generate-cli-skeleton [input|output|yaml-input]` on the commands that mirror an AWS CLI call: prints the
/// call's input skeleton (for `--cli-input-json`) or a sample response, and calls nothing. As in the AWS CLI,
/// `input` and `yaml-input` need none of the command's required arguments (CommandLineEntry tells the argument
/// groups through ``CommandContext/requiredArgumentsOptional``); `output` checks them as a real call would.
struct CLISkeletonOption: ParsableArguments, Sendable {
    init() {}

    @Option(
        name: .customLong("generate-cli-skeleton"),
        help: ArgumentHelp(
            "Print a JSON skeleton of the AWS call's input (input, the default; yaml-input: as YAML) or a sample of its response (output), as the AWS CLI does, and call nothing.",
            valueName: "input|output|yaml-input"))
    var kind: AWSCLISkeleton.Kind?

    /// The word argument-parser needs after the option, which the AWS CLI lets the user leave out.
    static let flag = "--generate-cli-skeleton"

    /// `arguments` with `input` after a `--generate-cli-skeleton` that has no value (the AWS CLI's default):
    /// at the end, or before another option. A word that is no kind stays, and argument-parser names it.
    static func givingDefaultKind(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, word) in arguments.enumerated() {
            result.append(word)
            if word == flag && (index + 1 == arguments.count || arguments[index + 1].hasPrefix("-")) {
                result.append(AWSCLISkeleton.Kind.input.rawValue)
            }
        }
        return result
    }

    /// Whether `arguments` ask for an input skeleton, which needs no required argument.
    static func asksForInputSkeleton(_ arguments: [String]) -> Bool {
        let kinds: Set<String> = [AWSCLISkeleton.Kind.input.rawValue, AWSCLISkeleton.Kind.yamlInput.rawValue]
        for (index, word) in arguments.enumerated() {
            if word == flag, index + 1 < arguments.count, kinds.contains(arguments[index + 1]) { return true }
            if word.hasPrefix(flag + "="), kinds.contains(String(word.dropFirst(flag.count + 1))) { return true }
        }
        return false
    }

    /// Prints the skeleton `kind` asks for, of the call `mirrored` makes; false without the option.
    func printIfAsked(mirrored: MirrorsAWSOperation.Type, global: GlobalOptions) throws -> Bool {
        guard let kind else { return false }
        let console = CommandContext.console
        let operation = mirrored.modelOperation
        let unknown = ToolError.usage("no skeleton is known for \(mirrored.operationName)", fix: "use --cli-input-json")
        switch kind {
        case .input:
            guard let text = AWSCLISkeleton.inputJSON(operation: operation) else { throw unknown }
            console.write(text)
        case .yamlInput:
            guard let text = AWSCLISkeleton.inputYAML(operation: operation) else { throw unknown }
            console.write(text)
        case .output:
            // Printed as the call's answer would be; `datetime` placeholders print per format.
            let format = CommandContext.queryOutput?.format
            let textual =
                format.map { $0 == .text || $0.isTable } ?? (global.output == .text || global.output == .table)
            guard let response = AWSCLISkeleton.output(operation: operation, textTimestamps: textual) else {
                throw unknown
            }
            if CommandContext.queryOutput == nil && (global.output == .text || global.output == .table) {
                try MappingCommandSupport.printAWSCLIOutput(response, operation: mirrored.operationName, global: global)
            } else {
                try MappingCommandSupport.printAWSCLIJSON(response, operation: operation)
            }
        }
        return true
    }
}

extension QueryOutput.Format {
    var isTable: Bool {
        if case .table = self { return true }
        return false
    }
}
