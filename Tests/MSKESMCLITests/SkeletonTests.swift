import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMCLI

/// `--generate-cli-skeleton` held to the AWS CLI's own code: botocore's ArgumentGenerator and the CLI's
/// formatters over the Lambda model msk-esm's shapes come from (Tests/TestBed/skeleton_oracle.py, with the model
/// vendored in Tests/Fixtures/botocore-models/). `yaml-input` (AWS CLI v2 only, no v1 oracle) is held to the
/// model through the input skeleton: YAML-parsed, it must be the same value.
@Suite("--generate-cli-skeleton against botocore's ArgumentGenerator")
struct SkeletonTests {
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestBed/skeleton_oracle.py").path

    static let hasOracle: Bool = {
        let probe = try? ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", "import awscli.formatter, botocore.utils, yaml"], output: .null,
            error: .null)
        return probe?.status == 0
    }()

    /// The msk-esm command of each mirrored call, with the arguments `output` needs (a real call's required ones).
    static let commands: [(command: [String], operation: String, required: [String])] = [
        (
            ["create"], "CreateEventSourceMapping",
            [
                "--function", "f", "--cluster", "arn:aws:kafka:us-east-1:123456789012:cluster/c/1", "--topic", "orders",
                "--starting-position", "LATEST",
            ]
        ),
        (["update"], "UpdateEventSourceMapping", ["14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--batch-size", "5"]),
        (["get"], "GetEventSourceMapping", ["14e0db71-5d35-4eb5-b481-8945cf9d10c2"]),
        (["delete"], "DeleteEventSourceMapping", ["14e0db71-5d35-4eb5-b481-8945cf9d10c2"]),
        (["list"], "ListEventSourceMappings", []),
    ]

    static func oracleSkeleton(_ operation: String, kind: String, output: String = "json") throws -> String {
        let request = #"{"operation": "\#(operation)", "kind": "\#(kind)", "output": "\#(output)"}"#
        let run = try ChildProcess.run(
            "/usr/bin/env", ["python3", oracle], input: .data(Data(request.utf8)), error: .inherit)
        try #require(run.status == 0, "the oracle failed")
        return run.outputText
    }

    @Test(
        "input: the skeleton the AWS CLI prints, without the command's required arguments and without a call",
        .enabled(if: hasOracle, "needs python3 with awscli and PyYAML (Tests/requirements.txt)"))
    func input() async throws {
        for (command, operation, _) in Self.commands {
            // An endpoint nothing listens on: a call would fail.
            let ours = await CommandRunner.run(
                command + ["--generate-cli-skeleton", "--endpoint-url", "http://127.0.0.1:9"])
            #expect(ours.exitCode == 0, "\(command): \(ours.stderr)")
            #expect(ours.stdout == (try Self.oracleSkeleton(operation, kind: "input")), "\(command)\n\(ours.stdout)")
            let explicit = await CommandRunner.run(command + ["--generate-cli-skeleton", "input"])
            #expect(explicit.stdout == ours.stdout)
        }
        let create = await CommandRunner.run(["create", "--generate-cli-skeleton"])
        #expect(
            create.stdout.contains(#""StartingPosition": "TRIM_HORIZON""#), "an enumerated member holds its first value"
        )
    }

    @Test(
        "output: a sample response, printed as the CLI prints the answer in json, text and table",
        .enabled(if: hasOracle, "needs python3 with awscli and PyYAML (Tests/requirements.txt)"),
        arguments: ["json", "text", "table"])
    func output(_ format: String) async throws {
        for (command, operation, required) in Self.commands {
            let ours = await CommandRunner.run(
                command + required + [
                    "--generate-cli-skeleton", "output", "--output", format, "--endpoint-url", "http://127.0.0.1:9",
                ])
            #expect(ours.exitCode == 0, "\(command): \(ours.stderr)")
            #expect(
                ours.stdout == (try Self.oracleSkeleton(operation, kind: "output", output: format)),
                "\(command) \(format)\n\(ours.stdout)")
        }
    }

    @Test("output needs the call's required arguments, as a real call does")
    func outputChecksArguments() async {
        let missing = await CommandRunner.run(["get", "--generate-cli-skeleton", "output"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("missing the mapping's UUID"), "\(missing.stderr)")
        let unknown = await CommandRunner.run(["get", "--generate-cli-skeleton", "everything"])
        #expect(unknown.exitCode == 2)
        #expect(
            unknown.stderr.contains("everything") && unknown.stderr.split(separator: "\n").count == 1,
            "\(unknown.stderr)")
    }

    @Test(
        "yaml-input: YAML whose value is the input skeleton, enumerated members commented with their values",
        .enabled(if: hasOracle, "needs python3 with awscli and PyYAML (Tests/requirements.txt)"))
    func yamlInput() async throws {
        for (command, operation, _) in Self.commands {
            let yaml = await CommandRunner.run(command + ["--generate-cli-skeleton", "yaml-input"])
            #expect(yaml.exitCode == 0, "\(command): \(yaml.stderr)")
            let parsed = try ChildProcess.run(
                "/usr/bin/env",
                ["python3", "-c", "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"],
                input: .data(Data(yaml.stdout.utf8)), error: .inherit)
            try #require(parsed.status == 0, "not YAML:\n\(yaml.stdout)")
            let expected = try JSONParser.parse(Data(try Self.oracleSkeleton(operation, kind: "input").utf8))
            #expect(try JSONParser.parse(parsed.output) == expected, "\(command)\n\(yaml.stdout)")
        }
        let create = await CommandRunner.run(["create", "--generate-cli-skeleton", "yaml-input"])
        #expect(
            create.stdout.contains(
                "StartingPosition: TRIM_HORIZON  # Valid values are: TRIM_HORIZON, LATEST, AT_TIMESTAMP."))
    }

    @Test("a bare --generate-cli-skeleton means input, at the end or before another option")
    func defaultKind() {
        #expect(
            CLISkeletonOption.givingDefaultKind(["get", "--generate-cli-skeleton"]) == [
                "get", "--generate-cli-skeleton", "input",
            ])
        #expect(
            CLISkeletonOption.givingDefaultKind(["get", "--generate-cli-skeleton", "--region", "x"])
                == ["get", "--generate-cli-skeleton", "input", "--region", "x"])
        #expect(
            CLISkeletonOption.givingDefaultKind(["get", "--generate-cli-skeleton", "output"]) == [
                "get", "--generate-cli-skeleton", "output",
            ])
        #expect(CLISkeletonOption.asksForInputSkeleton(["get", "--generate-cli-skeleton=yaml-input"]))
        #expect(!CLISkeletonOption.asksForInputSkeleton(["get", "--generate-cli-skeleton", "output"]))
    }
}
