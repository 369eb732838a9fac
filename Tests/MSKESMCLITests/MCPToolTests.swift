import MSKESMCore
import MSKESMMCP
import Testing

@testable import MSKESMCLI

/// The tools of `msk-esm mcp` as the command tree makes them, and how a call's JSON arguments become the command
/// line (the end-to-end behaviour, with real MCP clients, is Tests/Python/test_mcp.py).
@Suite("mcp tools")
struct MCPToolTests {
    static func tool(_ name: String, writes: Bool = false) throws -> MCPTool {
        try #require(MCPCommand.tools(allowWrites: writes).first { $0.name == name })
    }

    @Test("the read tools always; the write tools only with --allow-writes, each with confirm")
    func toolSets() {
        let reads = ["doctor", "brokers_explain", "policy_check", "network_check", "secret_validate", "list_mappings"]
        #expect(MCPCommand.tools(allowWrites: false).map(\.name) == reads + ["get_mapping", "filter_test", "lint"])
        let all = MCPCommand.tools(allowWrites: true)
        #expect(
            all.map(\.name) == reads + [
                "get_mapping", "filter_test", "lint", "create", "update", "enable", "disable", "delete",
            ])
        for tool in all where tool.writes {
            #expect(tool.inputSchema["properties"]?["confirm"]?["type"] == "boolean", "\(tool.name)")
        }
        for tool in all {
            let properties = tool.inputSchema["properties"]?.objectValue ?? [:]
            #expect(properties["output"] == nil && properties["query"] == nil && properties["debug"] == nil)
            #expect(properties["dry_run"] == nil && properties["yes"] == nil)
        }
    }

    @Test(
        "options become --name=value (a leading dash stays a value), flags --name, arrays repeat, the UUID comes last")
    func commandLine() throws {
        let policy = try Self.tool("policy_check")
        #expect(
            try policy.commandLineArguments([
                "action": ["kafka-cluster:Connect", "kafka-cluster:DescribeGroup"], "suggest": true,
                "policy": ["-odd-name.json"],
            ]) == [
                "--action=kafka-cluster:Connect", "--action=kafka-cluster:DescribeGroup", "--policy=-odd-name.json",
                "--suggest",
            ])
        #expect(try policy.commandLineArguments(["suggest": false]) == [])
        let get = try Self.tool("get_mapping")
        #expect(
            try get.commandLineArguments(["uuid": "6d9bce8e-1111-4222-8333-444455556666", "region": "eu-west-1"]) == [
                "--region=eu-west-1", "6d9bce8e-1111-4222-8333-444455556666",
            ])
    }

    @Test(
        "an unknown argument, a positional value that would be an option, standard input and a wrong type are refused")
    func refusals() throws {
        let doctor = try Self.tool("doctor")
        #expect(throws: MCPToolInputError.self) { try doctor.commandLineArguments(["snapshots": "x.json"]) }
        #expect(throws: MCPToolInputError.self) { try doctor.commandLineArguments(["uuid": "--help"]) }
        #expect(throws: MCPToolInputError.self) { try doctor.commandLineArguments(["snapshot": "-"]) }
        #expect(throws: MCPToolInputError.self) { try doctor.commandLineArguments(["snapshot": "/dev/stdin"]) }
        #expect(throws: MCPToolInputError.self) { try doctor.commandLineArguments(["probe": "yes"]) }
        #expect(throws: MCPToolInputError.self) { try doctor.commandLineArguments(["confirm": true]) }
    }

    @Test("the server's AWS options fill in only what a call does not give")
    func defaults() {
        let defaults = ["--profile=prod", "--region=us-east-1"]
        #expect(MCPCommand.withDefaults(["x"], defaults) == ["x", "--profile=prod", "--region=us-east-1"])
        #expect(MCPCommand.withDefaults(["--region=eu-west-1"], defaults) == ["--region=eu-west-1", "--profile=prod"])
    }
}
