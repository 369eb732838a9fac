import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// The commands that mirror an AWS call print its response as the AWS CLI does, and `--query` selects from it:
/// the binary and AWS CLI v1 (the pinned oracle) read the same mapping from the same endpoint and must print
/// the same bytes, JSON members in the same order (the model's, and a multi-select hash's as written).
@Suite(
    "--query on get, list and create, against the AWS CLI",
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct QueryAgainstAWSCLITests {
    static let queries = [
        "UUID", "State", "Topics", "Topics[0]", "BatchSize", "BisectBatchOnFunctionError", "SourceAccessConfigurations",
        "SourceAccessConfigurations[?Type=='VPC_SUBNET'].URI", "[UUID, State, BatchSize]", "{u: UUID}",
        "AmazonManagedKafkaEventSourceConfig", "{state: State, size: BatchSize, topics: Topics}", "nosuch",
        "length(Topics)",
        "{z: UUID, a: {y: State, b: Topics[0]}}", "[@][0].{Topics: Topics, UUID: UUID, BatchSize: BatchSize}", "@",
        "SourceAccessConfigurations[0]", "`{}`", "AmazonManagedKafkaEventSourceConfig.ConsumerGroupId",
    ]

    /// A mapping of this suite's own, on a function of its own unless `function` is given, so that no other suite
    /// changes it meanwhile.
    static func seedMapping(_ bed: TestBed, function given: String? = nil) async throws -> (
        uuid: String, function: String
    ) {
        let suffix = String(UUID().uuidString.suffix(12)).lowercased()
        let uuid = "abcdef01-2345-4678-9abc-" + suffix
        let function = given ?? "query-\(suffix)"
        let subnet: JSONValue = ["Type": "VPC_SUBNET", "URI": "subnet:subnet-0a1b2c3d"]
        let group: JSONValue = ["Type": "VPC_SECURITY_GROUP", "URI": "security_group:sg-0a1b2c3d"]
        _ = try await bed.sideDoor(
            bed.testbedURL + "/_testbed/seed",
            body: [
                "mappings": [
                    [
                        "UUID": .string(uuid),
                        "FunctionArn": .string("arn:aws:lambda:us-east-1:123456789012:function:\(function)"),
                        "EventSourceArn": .string(bed.info["clusterArn"]?.stringValue ?? ""), "State": "Enabled",
                        "Topics": ["orders", "payments"], "BatchSize": 100, "BisectBatchOnFunctionError": false,
                        "StartingPosition": "LATEST", "SourceAccessConfigurations": [subnet, group],
                        "AmazonManagedKafkaEventSourceConfig": ["ConsumerGroupId": "orders-consumer"],
                        "StateTransitionReason": "USER_INITIATED",
                    ]
                ]
            ])
        return (uuid, function)
    }

    /// Two functions of this test's own, one for msk-esm and one for the AWS CLI to create a mapping for.
    static func seedFunctions(_ bed: TestBed, prefix: String) async throws -> [String] {
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let functions = ["\(prefix)-a-\(suffix)", "\(prefix)-b-\(suffix)"]
        _ = try await bed.sideDoor(
            bed.testbedURL + "/_testbed/seed",
            body: [
                "functions": .array(
                    functions.map { name in
                        [
                            "FunctionName": .string(name),
                            "FunctionArn": .string("arn:aws:lambda:us-east-1:123456789012:function:\(name)"),
                            "Role": .string(bed.info["roleArn"]?.stringValue ?? ""), "Runtime": "python3.12",
                            "Timeout": 60,
                            "State": "Active", "LastUpdateStatus": "Successful",
                        ]
                    })
            ])
        return functions
    }

    /// AWS CLI v1 against the bed (it reads AWS_DEFAULT_REGION, not AWS_REGION; pyenv needs HOME).
    static func aws(_ arguments: [String], _ bed: TestBed) throws -> ChildProcess.Outcome {
        let environment = ProcessInfo.processInfo.environment.merging(bed.environment().filter { $0.key != "HOME" }) {
            $1
        }
        return try ChildProcess.run(
            "/usr/bin/env", ["aws"] + arguments + ["--endpoint-url", bed.proxyURL, "--region", bed.region],
            environment: environment, error: .pipe)
    }

    static func expectSame(
        _ ours: BinaryRunner.Result, _ theirs: ChildProcess.Outcome, _ what: String,
        normalized: (String) -> String = { $0 }
    ) {
        #expect(theirs.status == 0, "the AWS CLI failed: \(theirs.errorText)")
        #expect(ours.stderr.isEmpty, "\(what): \(ours.stderr)")
        #expect(
            normalized(ours.stdout) == normalized(theirs.outputText),
            "\(what)\nmsk-esm:\n\(ours.stdout)\nAWS CLI:\n\(theirs.outputText)")
    }

    @Test(
        "get UUID --query Q prints what aws lambda get-event-source-mapping --query Q prints",
        arguments: ["json", "text", "table"])
    func get(_ format: String) async throws {
        let bed = try await TestBed.shared()
        let (uuid, _) = try await Self.seedMapping(bed)
        for query in Self.queries {
            let ours = try BinaryRunner.run(
                ["get", uuid, "--query", query, "--output", format], environment: bed.environment())
            #expect(ours.exitCode == 0, "\(query): \(ours.stderr)")
            let theirs = try Self.aws(
                ["lambda", "get-event-source-mapping", "--uuid", uuid, "--query", query, "--output", format], bed)
            Self.expectSame(ours, theirs, "get --query \(query) --output \(format)")
        }
    }

    @Test(
        "list --function F --query Q prints what aws lambda list-event-source-mappings --query Q prints",
        arguments: ["json", "text", "table"])
    func list(_ format: String) async throws {
        let bed = try await TestBed.shared()
        let (_, function) = try await Self.seedMapping(bed)
        _ = try await Self.seedMapping(bed)  // another function's: the filter must leave it out on both sides
        for query in [
            "EventSourceMappings[].UUID", "EventSourceMappings[].[State, BatchSize]", "length(EventSourceMappings)",
            "EventSourceMappings[0].Topics",
        ] {
            let ours = try BinaryRunner.run(
                ["list", "--function", function, "--query", query, "--output", format], environment: bed.environment())
            #expect(ours.exitCode == 0, "\(query): \(ours.stderr)")
            let theirs = try Self.aws(
                [
                    "lambda", "list-event-source-mappings", "--function-name", function, "--query", query, "--output",
                    format,
                ], bed)
            Self.expectSame(ours, theirs, "list --query \(query) --output \(format)")
        }
    }

    @Test("create --query selects from the API's answer, as aws lambda create-event-source-mapping --query does")
    func create() async throws {
        let bed = try await TestBed.shared()
        let functions = try await Self.seedFunctions(bed, prefix: "query-create")
        let cluster = bed.info["clusterArn"]?.stringValue ?? ""
        let query = "[State, Topics[0], BatchSize, StartingPosition]"
        let ours = try BinaryRunner.run(
            [
                "create", "--function", functions[0], "--cluster", cluster, "--topic", "orders", "--starting-position",
                "LATEST",
                "--no-preflight", "--query", query, "--output", "text",
            ], environment: bed.environment())
        #expect(ours.exitCode == 0, "\(ours.stderr)")
        let theirs = try Self.aws(
            [
                "lambda", "create-event-source-mapping", "--function-name", functions[1], "--event-source-arn", cluster,
                "--topics",
                "orders", "--starting-position", "LATEST", "--query", query, "--output", "text",
            ], bed)
        Self.expectSame(ours, theirs, "create --query \(query)")
        #expect(ours.stdout.hasPrefix("Creating\torders\t"), "\(ours.stdout)")
    }

    @Test("--output table --color on colours as the AWS CLI colours (its colorama resets after every write)")
    func coloredTable() async throws {
        let bed = try await TestBed.shared()
        let (uuid, _) = try await Self.seedMapping(bed)
        for query in [nil, "SourceAccessConfigurations"] as [String?] {
            let selection = query.map { ["--query", $0] } ?? []
            let ours = try BinaryRunner.run(
                ["get", uuid, "--output", "table", "--color", "on"] + selection, environment: bed.environment())
            #expect(ours.exitCode == 0, "\(ours.stderr)")
            #expect(ours.stdout.contains("\u{1B}[1m\u{1B}[34m"), "\(ours.stdout)")
            let theirs = try Self.aws(
                ["lambda", "get-event-source-mapping", "--uuid", uuid, "--output", "table", "--color", "on"]
                    + selection, bed)
            Self.expectSame(ours, theirs, "get --output table --color on \(selection)")
        }
    }

    @Test("--output table is refused where no AWS call is mirrored, with the formats that work")
    func tableOnlyWhereMirrored() throws {
        let refused = try BinaryRunner.run(
            ["doctor", "--snapshot", "no-such-snapshot.json", "--output", "table"], environment: [:])
        #expect(refused.exitCode == 2)
        #expect(refused.stdout.isEmpty)
        #expect(
            refused.stderr.contains("--output table is for the commands that mirror an AWS CLI call"),
            "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    }

    // MARK: --output text and table without --query

    /// `text` with the values that differ between two otherwise equal calls replaced: the mappings' UUIDs (and
    /// the ARNs that end in them), the functions' names, and LastModified (a float of the second it happened).
    static func normalized(_ text: String, _ values: [String]) -> String {
        var result = text
        for value in values where !value.isEmpty { result = result.replacingOccurrences(of: value, with: "<value>") }
        return result.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { field in
                // LastModified: seconds since 1970 with a fraction (the only such field in these answers).
                field.count > 12 && field.allSatisfy { $0.isNumber || $0 == "." } && field.contains(".")
                    ? "<time>" : String(field)
            }.joined(separator: "\t")
        }.joined(separator: "\n")
    }

    @Test(
        "--output text|table|json: get, and list over two pages, print what the AWS CLI prints",
        arguments: ["text", "table", "json"])
    func outputOfReads(_ format: String) async throws {
        let bed = try await TestBed.shared()
        let (uuid, function) = try await Self.seedMapping(bed)
        let ours = try BinaryRunner.run(["get", uuid, "--output", format], environment: bed.environment())
        if format == "text" {
            #expect(ours.stdout.hasPrefix("100\tFalse\t") && ours.stdout.contains("\tEnabled\t"), "\(ours.stdout)")
        } else if format == "table" {
            #expect(
                ours.stdout.contains("GetEventSourceMapping") && ours.stdout.contains("SourceAccessConfigurations"),
                "\(ours.stdout)")
        } else {
            // Model order, not key order: UUID comes first in EventSourceMappingConfiguration.
            #expect(ours.stdout.hasPrefix("{\n    \"UUID\": "), "\(ours.stdout)")
        }
        Self.expectSame(
            ours, try Self.aws(["lambda", "get-event-source-mapping", "--uuid", uuid, "--output", format], bed), "get")
        // 130 mappings: the service answers two pages, which the AWS CLI lays out one at a time as text and
        // as one table.
        for _ in 0..<129 { _ = try await Self.seedMapping(bed, function: function) }
        let listed = try BinaryRunner.run(
            ["list", "--function", function, "--output", format], environment: bed.environment())
        if format == "text" {
            #expect(listed.stdout.split(separator: "\n").filter { $0.hasPrefix("EVENTSOURCEMAPPINGS\t") }.count == 130)
        } else if format == "table" {
            #expect(listed.stdout.components(separatedBy: "ListEventSourceMappings").count == 2, "one table")
        } else {
            #expect(listed.stdout.components(separatedBy: "\"UUID\"").count == 131, "all pages in one document")
        }
        Self.expectSame(
            listed,
            try Self.aws(
                ["lambda", "list-event-source-mappings", "--function-name", function, "--output", format], bed),
            "list")
    }

    /// A table or JSON with the values that differ between two otherwise equal calls replaced (as
    /// ``normalized(_:_:)``), then runs of spaces and of dashes shortened: the replaced values (LastModified above
    /// all) need not be as wide on both sides, and a table's columns follow their widths.
    static func normalizedLayout(_ text: String, _ values: [String]) -> String {
        var result = text
        for value in values where !value.isEmpty { result = result.replacingOccurrences(of: value, with: "<value>") }
        result = result.replacingOccurrences(of: "[0-9]{9,}\\.[0-9]+", with: "<time>", options: .regularExpression)
        return result.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "-+", with: "-", options: .regularExpression)
    }

    @Test(
        "--output text|table|json: create, disable, enable and delete print the API's answer as the AWS CLI prints it",
        arguments: ["text", "table", "json"])
    func outputOfChanges(_ format: String) async throws {
        let bed = try await TestBed.shared()
        let functions = try await Self.seedFunctions(bed, prefix: "text")
        let cluster = bed.info["clusterArn"]?.stringValue ?? ""
        let ours = try BinaryRunner.run(
            [
                "create", "--function", functions[0], "--cluster", cluster, "--topic", "orders", "--starting-position",
                "LATEST",
                "--no-preflight", "--output", format,
            ], environment: bed.environment())
        #expect(ours.exitCode == 0, "\(ours.stderr)")
        let theirs = try Self.aws(
            [
                "lambda", "create-event-source-mapping", "--function-name", functions[1], "--event-source-arn", cluster,
                "--topics",
                "orders", "--starting-position", "LATEST", "--output", format,
            ], bed)
        /// The mapping's UUID in a line of text: the field that looks like one.
        func uuid(in text: String) -> String? {
            let fields = text.split(whereSeparator: { "\t\n| \",".contains($0) }).map(String.init)
            return fields.first { $0.count == 36 && $0.split(separator: "-").count == 5 }
        }
        let uuids = [try #require(uuid(in: ours.stdout)), try #require(uuid(in: theirs.outputText))]
        let values = uuids + functions
        let normalized: (String) -> String = {
            format == "text" ? Self.normalized($0, values) : Self.normalizedLayout($0, values)
        }
        Self.expectSame(ours, theirs, "create", normalized: normalized)
        if format == "table" { #expect(ours.stdout.contains("CreateEventSourceMapping"), "\(ours.stdout)") }
        // The same change to each of the two mappings, one by msk-esm and one by the AWS CLI.
        let changes: [([String], [String])] = [
            (["disable"], ["update-event-source-mapping", "--no-enabled"]),
            (["enable"], ["update-event-source-mapping", "--enabled"]),
            (["delete", "--yes"], ["delete-event-source-mapping"]),
        ]
        for (command, call) in changes {
            let ours = try BinaryRunner.run(command + [uuids[0], "--output", format], environment: bed.environment())
            #expect(ours.exitCode == 0, "\(command): \(ours.stderr)")
            let theirs = try Self.aws(
                ["lambda", call[0], "--uuid", uuids[1]] + call.dropFirst() + ["--output", format], bed)
            Self.expectSame(ours, theirs, "\(command)", normalized: normalized)
        }
    }
}
