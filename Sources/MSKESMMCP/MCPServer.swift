import Foundation
import MCP
import MSKESMCore

/// The Model Context Protocol server of `msk-esm mcp`: the tools and the finding catalogue over stdio
/// (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio). stdout carries only
/// protocol messages; the commands' own stderr (warnings, `--debug` traces) goes to stderr.
public struct MCPServer: Sendable {
    public var name: String
    public var version: String
    public var tools: [MCPTool]
    /// Runs one tool call: the tool, its arguments as command-line words (``MCPTool/commandLineArguments(_:)``)
    /// and whether the call confirmed a write.
    public var run: @Sendable (_ tool: MCPTool, _ arguments: [String], _ confirmed: Bool) async -> MCPCommandRun
    /// Where the commands' stderr and the server's own log lines go.
    public var log: @Sendable (String) -> Void

    public init(
        name: String, version: String, tools: [MCPTool],
        run: @escaping @Sendable (_ tool: MCPTool, _ arguments: [String], _ confirmed: Bool) async -> MCPCommandRun,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.name = name
        self.version = version
        self.tools = tools
        self.run = run
        self.log = log
    }

    /// Serves on stdin and stdout until the client closes stdin.
    public func serve() async throws {
        let server = Server(
            name: name, version: version,
            instructions: """
                msk-esm checks AWS Lambda event source mappings for Kafka (Amazon MSK and self-managed). Each \
                tool returns the same JSON document as the msk-esm command line's --output json: findings with a \
                stable code, a severity and the exact fix. The resources msk-esm://findings/CODE explain each code.
                """,
            capabilities: .init(
                resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await register(on: server)
        let transport = DrainingStdioTransport()
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        await transport.drain()
        await server.stop()
    }

    func register(on server: Server) async {
        let tools = self.tools
        let listed = tools.map { tool in
            Tool(
                name: tool.name, title: tool.title, description: tool.description,
                inputSchema: MCPServer.value(tool.inputSchema),
                annotations: .init(
                    title: tool.title, readOnlyHint: !tool.writes, destructiveHint: tool.writes,
                    idempotentHint: !tool.writes, openWorldHint: true))
        }
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: listed) }
        await server.withMethodHandler(CallTool.self) { parameters in
            await self.call(parameters.name, arguments: parameters.arguments ?? [:])
        }
        await server.withMethodHandler(ListResources.self) { _ in
            .init(resources: FindingResources.all.map(\.resource), nextCursor: nil)
        }
        await server.withMethodHandler(ReadResource.self) { parameters in
            guard let resource = FindingResources.resource(uri: parameters.uri) else {
                throw MCPError.invalidParams("no such resource: \(parameters.uri) (see resources/list)")
            }
            return .init(contents: [.text(resource.text, uri: resource.uri, mimeType: "text/markdown")])
        }
    }

    func call(_ name: String, arguments: [String: Value]) async -> CallTool.Result {
        guard let tool = tools.first(where: { $0.name == name }) else {
            return CallTool.Result(
                content: [.text(text: "msk-esm: error: no tool named \(name)", annotations: nil, _meta: nil)],
                isError: true)
        }
        let given = arguments.mapValues(MCPServer.jsonValue)
        let confirmed = tool.writes && MCPTool.confirmed(given)
        let run: MCPCommandRun
        do {
            run = await self.run(tool, try tool.commandLineArguments(given), confirmed)
        } catch {
            run = .usageError("\(error)")
        }
        if !run.errorOutput.isEmpty { log(run.errorOutput) }
        let result = run.toolResult(planned: tool.writes && !confirmed)
        return CallTool.Result(
            content: result.text.map { .text(text: $0, annotations: nil, _meta: nil) },
            structuredContent: result.structured.map(MCPServer.value),
            isError: result.isError)
    }

    /// msk-esm's JSON value as the SDK's: whole numbers as integers, as the command line prints them.
    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): json.intValue.map(Value.int) ?? .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(value))
        case .object(let members): .object(members.mapValues(value))
        }
    }

    /// The SDK's value as msk-esm's.
    static func jsonValue(_ value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .number(Double(number))
        case .double(let number): .number(number)
        case .string(let text): .string(text)
        case .data(_, let data): .string(data.base64EncodedString())
        case .array(let items): .array(items.map(jsonValue))
        case .object(let members): .object(members.mapValues(jsonValue))
        }
    }
}
