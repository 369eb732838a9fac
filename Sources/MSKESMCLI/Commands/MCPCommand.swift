import ArgumentParser
import Foundation
import MSKESMCore
import MSKESMMCP

/// `msk-esm mcp`: the checks as tools for AI assistants, over the Model Context Protocol on stdio. Each tool runs
/// the same command line a person would (through CommandLineEntry, with `--output json`), so its result is that
/// command's JSON document and its errors are that command's one-line errors.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the checks to AI assistants: a Model Context Protocol server on standard input and output.",
        discussion: """
            Read tools: doctor, brokers_explain, policy_check, network_check, secret_validate, list_mappings, \
            get_mapping, filter_test, lint (one template a call). Each takes its command's options as JSON arguments (snake_case: cluster_json for \
            --cluster-json) and returns the command's --output json document as its structured result, with a \
            short summary; an error is a tool error carrying the command's one-line message. With \
            --allow-writes also create, update, enable, disable and delete, each of which returns its plan and \
            changes nothing unless the call has confirm: true. Resources msk-esm://findings/CODE explain each \
            finding code. The AWS options given here (--profile, --region, --endpoint-url, …) are the defaults \
            of every call; credentials come from the same chain as on the command line. Standard output \
            carries only protocol messages; the commands' warnings go to standard error.

            Example (an MCP client's configuration):
              {"mcpServers": {"msk-esm": {"command": "msk-esm", "args": ["mcp", "--region", "us-east-1"]}}}
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Flag(
        name: .customLong("allow-writes"),
        help: "Also offer create, update, enable, disable and delete (each returns its plan unless confirm: true).")
    var allowWrites = false

    func validate() throws {
        try global.validate()
        if global.outputChoice != nil || global.query != nil {
            throw ValidationError("mcp answers in the protocol: --output and --query are for the tools' commands")
        }
    }

    func run() async throws {
        let tools = Self.tools(allowWrites: allowWrites)
        let defaults = defaultArguments()
        let console = CommandContext.console
        let server = MCPServer(
            name: "msk-esm", version: MSKESM.version, tools: tools,
            run: { tool, arguments, confirmed in
                await Self.run(tool: tool, arguments: Self.withDefaults(arguments, defaults), confirmed: confirmed)
            },
            log: { text in console.writeError(text) })
        try await server.serve()
    }

    /// The AWS options given to `mcp`, as `--name=value` words: the defaults of every call.
    func defaultArguments() -> [String] {
        var words: [String] = []
        if let profile = global.aws.profile { words.append("--profile=\(profile)") }
        if let region = global.aws.region { words.append("--region=\(region)") }
        if let endpointURL = global.aws.endpointURL { words.append("--endpoint-url=\(endpointURL)") }
        if let caBundle = global.aws.caBundle { words.append("--ca-bundle=\(caBundle)") }
        if global.aws.connectTimeout != 60 { words.append("--cli-connect-timeout=\(global.aws.connectTimeout)") }
        if global.aws.readTimeout != 60 { words.append("--cli-read-timeout=\(global.aws.readTimeout)") }
        return words
    }

    /// A call's arguments with the server's defaults for the options the call does not give (a second
    /// `--region` would ask for two Regions).
    static func withDefaults(_ arguments: [String], _ defaults: [String]) -> [String] {
        arguments
            + defaults.filter { word in
                let option = word.prefix { $0 != "=" } + "="
                return !arguments.contains { $0.hasPrefix(option) }
            }
    }

    /// The options that say where and as whom to call AWS: what a plan's `get` keeps of an enable, disable or
    /// delete call (their --wait options are not get's).
    static let awsOptionPrefixes = [
        "--profile=", "--region=", "--endpoint-url=", "--ca-bundle=", "--cli-connect-timeout=",
        "--cli-read-timeout=",
    ]

    /// One tool per command: its name, its command line, and whether it writes.
    struct ToolCommand: Sendable {
        var name: String
        var path: [String]
        var type: ParsableCommand.Type
        var writes: Bool
    }

    static let readCommands: [ToolCommand] = [
        ToolCommand(name: "doctor", path: ["doctor"], type: DoctorCommand.self, writes: false),
        ToolCommand(
            name: "brokers_explain", path: ["brokers", "explain"], type: BrokersExplainCommand.self, writes: false),
        ToolCommand(name: "policy_check", path: ["policy", "check"], type: PolicyCheckCommand.self, writes: false),
        ToolCommand(name: "network_check", path: ["network", "check"], type: NetworkCheckCommand.self, writes: false),
        ToolCommand(
            name: "secret_validate", path: ["secret", "validate"], type: SecretValidateCommand.self, writes: false),
        ToolCommand(name: "list_mappings", path: ["list"], type: ListCommand.self, writes: false),
        ToolCommand(name: "get_mapping", path: ["get"], type: GetCommand.self, writes: false),
        ToolCommand(name: "filter_test", path: ["filter", "test"], type: FilterTestCommand.self, writes: false),
        ToolCommand(name: "lint", path: ["lint"], type: LintCommand.self, writes: false),
    ]

    static let writeCommands: [ToolCommand] = [
        ToolCommand(name: "create", path: ["create"], type: CreateCommand.self, writes: true),
        ToolCommand(name: "update", path: ["update"], type: UpdateCommand.self, writes: true),
        ToolCommand(name: "enable", path: ["enable"], type: EnableCommand.self, writes: true),
        ToolCommand(name: "disable", path: ["disable"], type: DisableCommand.self, writes: true),
        ToolCommand(name: "delete", path: ["delete"], type: DeleteCommand.self, writes: true),
    ]

    /// Options no tool offers: the output is the protocol's (--output, --query, colour), --debug would trace into
    /// the protocol's process, and confirm stands for --dry-run and --yes.
    static let withheldOptions: Set<String> = [
        "--output", "--query", "--no-color", "--color", "--quiet", "--debug", "--strict", "--help", "--version",
        "--no-cli-pager", "--cli-binary-format", "--generate-cli-skeleton", "--dry-run", "--yes", "--uuid",
    ]

    static func tools(allowWrites: Bool) -> [MCPTool] {
        (readCommands + (allowWrites ? writeCommands : [])).compactMap(tool)
    }

    /// The tool of a command, its parameters read from the command tree (as --help and the man page are).
    static func tool(_ command: ToolCommand) -> MCPTool? {
        guard let tree = CommandTreeDescription.of(command.type)?.command else { return nil }
        var parameters: [MCPToolParameter] = []
        for argument in tree.arguments ?? [] where argument.shouldDisplay != false {
            let help = argument.abstract ?? ""
            switch argument.kind {
            case .positional:
                let name = (argument.valueName ?? "value").lowercased().replacingOccurrences(of: "-", with: "_")
                parameters.append(
                    MCPToolParameter(
                        name: name, spelling: "", kind: .positional, description: help,
                        required: argument.isOptional == false))
            case .option, .flag:
                guard let long = argument.preferredName, long.kind == "long", !withheldOptions.contains(long.spelled)
                else { continue }
                let kind: MCPToolParameter.Kind =
                    argument.kind == .flag ? .flag : argument.isRepeating == true ? .values : .value
                parameters.append(
                    MCPToolParameter(
                        name: long.name.replacingOccurrences(of: "-", with: "_"), spelling: long.spelled, kind: kind,
                        description: help, allowedValues: argument.allValues ?? []))
            }
        }
        let words = (["msk-esm"] + command.path).joined(separator: " ")
        let output = command.name == "create" || command.name == "update" ? "report-json" : "json"
        var description = (tree.abstract ?? "") + " Returns the document of '\(words) --output \(output)'."
        if command.writes {
            description += " Without confirm: true it only returns the plan and changes nothing."
        }
        return MCPTool(
            name: command.name, title: words, description: description, parameters: parameters,
            writes: command.writes)
    }

    /// Runs a tool call as its command line. A write without confirmation runs as its plan: create and update
    /// with --dry-run; enable, disable and delete read the mapping and answer the request they would send.
    static func run(tool: MCPTool, arguments: [String], confirmed: Bool) async -> MCPCommandRun {
        guard let command = (readCommands + writeCommands).first(where: { $0.name == tool.name }) else {
            return .usageError("no tool named \(tool.name)")
        }
        switch (command.name, confirmed) {
        case ("create", _), ("update", _):
            return await runCommandLine(
                command.path + arguments + ["--output=report-json"] + (confirmed ? [] : ["--dry-run"]))
        case ("enable", false), ("disable", false), ("delete", false):
            return await plan(command.name, arguments: arguments)
        case ("delete", true):
            return await runCommandLine(command.path + arguments + ["--yes", "--output=json"])
        default:
            return await runCommandLine(command.path + arguments + ["--output=json"])
        }
    }

    /// What enable, disable or delete would do: the mapping as it is (`get`) and the request, with
    /// `"dryRun": true`. Nothing is written.
    static func plan(_ name: String, arguments: [String]) async -> MCPCommandRun {
        let kept = arguments.filter { word in
            !word.hasPrefix("-") || awsOptionPrefixes.contains { word.hasPrefix($0) }
        }
        var read = await runCommandLine(["get"] + kept + ["--output=json"])
        guard read.exitCode == 0, let mapping = try? JSONParser.parse(Data(read.output.utf8)) else { return read }
        let uuid = mapping["UUID"] ?? .null
        let request: JSONValue =
            name == "delete"
            ? ["operation": "DeleteEventSourceMapping", "body": ["UUID": uuid]]
            : ["operation": "UpdateEventSourceMapping", "body": ["UUID": uuid, "Enabled": .bool(name == "enable")]]
        let document: JSONValue = ["dryRun": true, "request": request, "mapping": mapping]
        read.output = JSONWriter.write(document, pretty: true) + "\n"
        return read
    }

    /// One command line run in-process, its stdout and stderr captured (stdout carries the protocol).
    static func runCommandLine(_ arguments: [String]) async -> MCPCommandRun {
        let output = OutputCapture()
        let errorOutput = OutputCapture()
        let console = Console(output: output.append, error: errorOutput.append)
        let code = await CommandLineEntry.run(arguments, console: console)
        return MCPCommandRun(exitCode: code, output: output.text, errorOutput: errorOutput.text)
    }
}

extension MCPCommand: CommandWithGlobalOptions {}
