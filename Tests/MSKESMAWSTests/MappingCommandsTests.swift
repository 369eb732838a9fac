import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMTestSupport
import Testing

/// `create`, `update`, `get`, `list`, `delete`, `enable`, `disable`, `wait`: the built binary against the test bed,
/// whose server validates every request against botocore's Lambda model and logs the bodies it received. Each test
/// seeds its own function, so tests do not see each other's mappings.
@Suite(
    "mapping commands", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct MappingCommandsTests {
    /// Seeds a function (and returns its name) with the test bed's execution role.
    func seedFunction(_ bed: TestBed, prefix: String, timeout: Int = 60) async throws -> String {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await bed.sideDoor(
            bed.testbedURL + "/_testbed/seed",
            body: [
                "functions": [
                    [
                        "FunctionName": .string(name),
                        "FunctionArn": .string("arn:aws:lambda:us-east-1:123456789012:function:\(name)"),
                        "Role": .string(bed.info["roleArn"]?.stringValue ?? ""), "Runtime": "python3.12",
                        "Timeout": .number(Double(timeout)), "State": "Active", "LastUpdateStatus": "Successful",
                    ]
                ]
            ])
        return name
    }

    /// The Lambda requests the test server saw for `function` (by the body's FunctionName or the path's UUID).
    func requests(_ bed: TestBed, operation: String, function: String? = nil, uuid: String? = nil) async throws
        -> [JSONValue]
    {
        let log = try await bed.sideDoor(bed.testbedURL + "/_testbed/requests").arrayValue ?? []
        return log.filter { entry in
            guard entry["operation"]?.stringValue == operation else { return false }
            if let function, entry["body"]?["FunctionName"]?.stringValue != function,
                !(entry["path"]?.stringValue ?? "").contains("FunctionName=\(function)")
            {
                return false
            }
            if let uuid, !(entry["path"]?.stringValue ?? "").contains(uuid) { return false }
            return true
        }
    }

    func run(_ bed: TestBed, _ arguments: [String]) async throws -> BinaryRunner.Result {
        // Straight at the test server (Lambda, kafka) and moto (the rest), not through the shared fault proxy:
        // suites running at the same time configure faults there.
        var environment = bed.environment(through: bed.motoURL)
        environment["AWS_ENDPOINT_URL_LAMBDA"] = bed.testbedURL
        environment["AWS_ENDPOINT_URL_KAFKA"] = bed.testbedURL
        return try await Self.runBinary(arguments, environment: environment)
    }

    /// Runs the binary on a Dispatch thread: `BinaryRunner` blocks while the process runs, and blocking the
    /// cooperative pool (two threads on a 2-core machine) would stall every other test's timing.
    static func runBinary(_ arguments: [String], environment: [String: String]) async throws -> BinaryRunner.Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try BinaryRunner.run(arguments, environment: environment) })
            }
        }
    }

    func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Creates a mapping without preflight and returns its UUID.
    func createMapping(_ bed: TestBed, function: String, topic: String, extra: [String] = []) async throws -> String {
        let result = try await run(
            bed,
            [
                "create", "--function", function, "--cluster", bed.info["clusterArn"]?.stringValue ?? "", "--topic",
                topic,
                "--starting-position", "LATEST", "--no-preflight", "--output", "report-json",
            ] + extra)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try json(result.stdout)["result"]?["UUID"]?.stringValue ?? ""
    }

    // MARK: the request, side by side with the AWS CLI

    struct SideBySide: Sendable, CustomStringConvertible {
        var description: String
        /// msk-esm flags; {cluster}, {secret}, {subnet}, {sg} are replaced.
        var ours: [String]
        /// The same request for `aws lambda create-event-source-mapping`.
        var aws: [String]
    }

    static let sideBySideCases: [SideBySide] = [
        SideBySide(
            description: "MSK, SCRAM, AT_TIMESTAMP, batching, on-failure, filter, pollers, disabled",
            ours: [
                "--cluster", "{cluster}", "--starting-position", "AT_TIMESTAMP", "--starting-position-timestamp",
                "2026-11-01T00:00:00Z", "--batch-size", "10", "--batching-window", "5", "--auth", "scram-512",
                "--secret-id", "{secret}", "--consumer-group-id", "g1", "--on-failure", "kafka://dlq", "--filter",
                #"{"value":{"a":[1]}}"#, "--pollers", "1:5", "--poller-group", "grp-1", "--disabled",
            ],
            aws: [
                "--event-source-arn", "{cluster}", "--starting-position", "AT_TIMESTAMP",
                "--starting-position-timestamp",
                "2026-11-01T00:00:00Z", "--batch-size", "10", "--maximum-batching-window-in-seconds", "5",
                "--source-access-configurations", "Type=SASL_SCRAM_512_AUTH,URI={secret}",
                "--amazon-managed-kafka-event-source-config", "ConsumerGroupId=g1",
                "--destination-config", #"{"OnFailure":{"Destination":"kafka://dlq"}}"#,
                "--filter-criteria", #"{"Filters":[{"Pattern":"{\"value\":{\"a\":[1]}}"}]}"#,
                "--provisioned-poller-config", "MinimumPollers=1,MaximumPollers=5,PollerGroupName=grp-1",
                "--no-enabled",
            ]),
        SideBySide(
            description: "self-managed in a VPC, mTLS with a root CA, retries, metrics, logging, tags",
            ours: [
                "--bootstrap-servers", "k1.example.com:9094,k2.example.com:9094", "--starting-position", "TRIM_HORIZON",
                "--auth", "mtls", "--secret-id", "{secret}", "--root-ca-secret-id", "{secret}", "--subnet", "{subnet}",
                "--security-group", "{sg}", "--max-retry-attempts", "3", "--max-record-age", "3600",
                "--bisect-on-error",
                "--report-batch-item-failures", "--metric", "EventCount", "--metric", "KafkaMetrics", "--log-level",
                "INFO",
                "--tag", "team=orders", "--consumer-group-id", "sm-group",
            ],
            aws: [
                "--self-managed-event-source",
                #"{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["k1.example.com:9094","k2.example.com:9094"]}}"#,
                "--starting-position", "TRIM_HORIZON", "--source-access-configurations",
                "Type=CLIENT_CERTIFICATE_TLS_AUTH,URI={secret}", "Type=SERVER_ROOT_CA_CERTIFICATE,URI={secret}",
                "Type=VPC_SUBNET,URI=subnet:{subnet}", "Type=VPC_SECURITY_GROUP,URI=security_group:{sg}",
                "--maximum-retry-attempts", "3", "--maximum-record-age-in-seconds", "3600",
                "--bisect-batch-on-function-error", "--function-response-types", "ReportBatchItemFailures",
                "--metrics-config", "Metrics=EventCount,KafkaMetrics", "--logging-config", "SystemLogLevel=INFO",
                "--tags", "team=orders", "--self-managed-kafka-event-source-config", "ConsumerGroupId=sm-group",
            ]),
        SideBySide(
            description: "MSK with IAM, schema registry",
            ours: [
                "--cluster", "{cluster}", "--starting-position", "LATEST", "--auth", "iam", "--schema-registry",
                "arn:aws:glue:us-east-1:123456789012:registry/orders", "--schema-record-format", "JSON",
                "--schema-validate", "VALUE",
            ],
            aws: [
                "--event-source-arn", "{cluster}", "--starting-position", "LATEST",
                "--amazon-managed-kafka-event-source-config",
                #"{"SchemaRegistryConfig":{"SchemaRegistryURI":"arn:aws:glue:us-east-1:123456789012:registry/orders","EventRecordFormat":"JSON","SchemaValidationConfigs":[{"Attribute":"VALUE"}]}}"#,
            ]),
    ]

    @Test(
        "the body msk-esm sends equals the AWS CLI's for the same inputs",
        .enabled(if: AWSCLI.available, "the AWS CLI is not installed"),
        arguments: sideBySideCases)
    func sideBySide(_ example: SideBySide) async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "sbs")
        let topic = "t-" + UUID().uuidString.prefix(6).lowercased()
        let subnet = bed.info["subnetIds"]?.arrayValue?.first?.stringValue ?? ""
        let replacements = [
            "{cluster}": bed.info["clusterArn"]?.stringValue ?? "",
            "{secret}": bed.info["secretArn"]?.stringValue ?? "",
            "{subnet}": subnet, "{sg}": bed.info["clusterSecurityGroupId"]?.stringValue ?? "",
        ]
        func fill(_ words: [String]) -> [String] {
            words.map { word in replacements.reduce(word) { $0.replacingOccurrences(of: $1.key, with: $1.value) } }
        }
        // Ours first (it looks for an existing mapping; the AWS CLI does not), straight at the test server.
        let ours = try await Self.runBinary(
            ["create", "--function", function, "--topic", topic, "--no-preflight"] + fill(example.ours),
            environment: bed.environment(through: bed.testbedURL))
        #expect(ours.exitCode == 0, "\(ours.stderr)")
        var environment = bed.environment()
        environment["AWS_DEFAULT_REGION"] = bed.region
        let awsArguments =
            [
                "lambda", "create-event-source-mapping", "--endpoint-url", bed.testbedURL, "--function-name", function,
                "--topics", topic,
            ] + fill(example.aws)
        let cliEnvironment = environment
        _ = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try AWSCLI.run(awsArguments, environment: cliEnvironment) })
            }
        }
        let bodies = try await requests(bed, operation: "CreateEventSourceMapping", function: function)
            .filter { $0["status"]?.intValue == 202 }.compactMap { $0["body"] }
        #expect(bodies.count == 2)
        if bodies.count == 2 {
            #expect(bodies[0] == bodies[1], "ours: \(bodies[0].compactText)\naws:  \(bodies[1].compactText)")
        }
    }

    @Test("the test server's botocore check rejects a request outside the model (exit 3, nothing created)")
    func modelRejects() async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "bad")
        let file = NSTemporaryDirectory() + "msk-esm-bad-\(UUID().uuidString).json"
        try Data(
            #"{"FunctionName": "\#(function)", "Topics": ["x"], "StartingPosition": "LATEST", "BatchSize": 20000, "Enabled": "yes", "EventSourceArn": "\#(bed.info["clusterArn"]?.stringValue ?? "")"}"#
                .utf8
        ).write(to: URL(fileURLWithPath: file))
        let result = try await run(bed, ["create", "--cli-input-json", file, "--no-preflight"])
        #expect(result.exitCode == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("InvalidParameterValueException"))
        #expect(result.stderr.contains("BatchSize"))  // the maximum, from the model
        #expect(result.stderr.contains("Enabled"))  // the type, from ParamValidator
        #expect(result.stderr.split(separator: "\n").count == 1)
        let created = try await requests(bed, operation: "CreateEventSourceMapping", function: function)
        #expect(created.map { $0["status"]?.intValue } == [400])
    }

    // MARK: idempotent create

    @Test("a create whose response is dropped after the commit lists again and makes exactly one mapping")
    func droppedResponse() async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "drop")
        _ = try await bed.sideDoor(
            bed.testbedURL + "/_testbed/seed", body: ["dropCreateResponseFor": [.string(function)]])
        let result = try await run(
            bed,
            [
                "create", "--function", function, "--cluster", bed.info["clusterArn"]?.stringValue ?? "", "--topic",
                "orders",
                "--starting-position", "LATEST", "--no-preflight", "--output", "report-json",
            ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let creates = try await requests(bed, operation: "CreateEventSourceMapping", function: function)
        #expect(creates.count == 1)
        #expect(creates.first?["status"]?.stringValue == "dropped")
        let listed = try json(try await run(bed, ["list", "--function", function, "--output", "json"]).stdout)
        let mappings = listed["EventSourceMappings"]?.arrayValue ?? []
        #expect(mappings.count == 1)
        #expect(try json(result.stdout)["result"]?["UUID"] == mappings.first?["UUID"])
    }

    @Test("an identical create is 'already exists, unchanged' (exit 0, no call); a different one is MAP009 (exit 1)")
    func duplicate() async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "dup")
        let uuid = try await createMapping(bed, function: function, topic: "orders", extra: ["--batch-size", "50"])
        let cluster = bed.info["clusterArn"]?.stringValue ?? ""
        let base = [
            "create", "--function", function, "--cluster", cluster, "--topic", "orders", "--starting-position",
            "LATEST", "--no-preflight",
        ]
        let same = try await run(bed, base + ["--batch-size", "50"])
        #expect(same.exitCode == 0, "\(same.stderr)")
        #expect(same.stdout.contains("already exists, unchanged: \(uuid)"))
        let different = try await run(bed, base + ["--batch-size", "70", "--output", "report-json"])
        #expect(different.exitCode == 1)
        let document = try json(different.stdout)
        #expect(document["verdict"]?.stringValue == "fail")
        #expect(document["findings"]?.arrayValue?.first?["code"]?.stringValue == "MAP009")
        #expect(
            document["findings"]?.arrayValue?.first?["fix"]?.stringValue?.contains("msk-esm update \(uuid)") == true)
        #expect(document["result"] == .null)
        let creates = try await requests(bed, operation: "CreateEventSourceMapping", function: function)
        #expect(creates.count == 1, "\(creates)")
    }

    // MARK: preflight and dry run

    @Test(
        "a failing preflight stops the create (exit 1, no call) unless --force; --dry-run prints the request and calls nothing"
    )
    func preflight() async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "slow", timeout: 900)  // MAP001: > 840 s
        let cluster = bed.info["clusterArn"]?.stringValue ?? ""
        let base = [
            "create", "--function", function, "--cluster", cluster, "--topic", "orders", "--starting-position",
            "LATEST",
            "--auth", "scram-512", "--secret-id", bed.info["secretArn"]?.stringValue ?? "", "--output", "report-json",
        ]
        let dry = try await run(bed, base + ["--dry-run", "--force"])
        #expect(dry.exitCode == 0, "\(dry.stderr)")
        let plan = try json(dry.stdout)
        #expect(plan["request"]?["method"]?.stringValue == "POST")
        #expect(plan["request"]?["path"]?.stringValue == "/2015-03-31/event-source-mappings")
        #expect(plan["request"]?["body"]?["FunctionName"]?.stringValue == function)
        #expect(plan["result"] == .null)
        let codes = plan["findings"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes.contains("MAP001"))
        #expect(codes.contains("BRK002"))  // the broker choice ran against the live cluster
        #expect(codes.contains("SEC015"))  // the secret was read and analysed
        // The doctor's execution-role and network checks ran over the gathered role, policies and VPC.
        #expect(codes.contains { $0.hasPrefix("IAM") }, "\(codes)")
        #expect(codes.contains { $0.hasPrefix("NET") }, "\(codes)")
        let sec016 = plan["findings"]?.arrayValue?.first { $0["code"]?.stringValue == "SEC016" }
        #expect(sec016?["severity"]?.stringValue == "pass")  // named AmazonMSK_…: the name came from DescribeSecret
        #expect(!dry.stdout.contains("CANARY-scram-password-93f1"))
        #expect(!dry.stderr.contains("CANARY-scram-password-93f1"))
        let stopped = try await run(bed, base)
        #expect(stopped.exitCode == 1)
        #expect(try json(stopped.stdout)["verdict"]?.stringValue == "fail")
        #expect(try await requests(bed, operation: "CreateEventSourceMapping", function: function).isEmpty)
        let forced = try await run(bed, base + ["--force"])
        #expect(forced.exitCode == 0, "\(forced.stderr)")
        #expect(try json(forced.stdout)["result"]?["State"]?.stringValue == "Creating")
    }

    @Test("the create preflight checks the schema registry: provisioned mode, AccessConfigs, Glue permissions")
    func preflightChecksTheSchemaRegistry() async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "registry", timeout: 60)
        let cluster = bed.info["clusterArn"]?.stringValue ?? ""
        let secret = bed.info["secretArn"]?.stringValue ?? ""
        let result = try await run(
            bed,
            [
                "create", "--function", function, "--cluster", cluster, "--topic", "orders", "--starting-position",
                "LATEST", "--auth", "scram-512", "--secret-id", secret, "--output", "report-json", "--dry-run",
                "--force", "--schema-registry", "arn:aws:glue:us-east-1:123456789012:registry/orders-schemas",
                "--schema-registry-auth", "BASIC_AUTH=\(secret)", "--schema-record-format", "JSON",
                "--schema-validate", "VALUE",
            ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let findings = try json(result.stdout)["findings"]?.arrayValue ?? []
        func severities(_ code: String) -> [String] {
            findings.filter { $0["code"]?.stringValue == code }.compactMap { $0["severity"]?.stringValue }
        }
        #expect(severities("REG001") == ["fail"])  // no --pollers
        #expect(severities("REG002") == ["pass"])
        #expect(severities("REG003") == ["fail"])  // a Glue registry takes no AccessConfigs
        #expect(severities("REG004") == ["pass"])
        #expect(severities("REG005").contains("fail"))  // the test role has no glue:* grant
        #expect(try await requests(bed, operation: "CreateEventSourceMapping", function: function).isEmpty)
    }

    // MARK: update

    @Test("update prints the diff, sends only what changes, makes no call when nothing changes, refuses MAP008")
    func update() async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "upd")
        let uuid = try await createMapping(bed, function: function, topic: "orders", extra: ["--batch-size", "100"])
        let text = try await run(bed, ["update", uuid, "--batch-size", "500", "--no-preflight"])
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout.contains("- BatchSize: 100\n+ BatchSize: 500\n"))
        let sent = try await requests(bed, operation: "UpdateEventSourceMapping", uuid: uuid)
        #expect(sent.map { $0["body"] } == [["BatchSize": 500]])
        let again = try await run(
            bed, ["update", uuid, "--batch-size", "500", "--no-preflight", "--output", "report-json"])
        #expect(again.exitCode == 0)
        #expect(try json(again.stdout)["changes"] == [])
        #expect(try await requests(bed, operation: "UpdateEventSourceMapping", uuid: uuid).count == 1)
        let window = try await run(
            bed, ["update", uuid, "--batching-window", "7", "--no-preflight", "--output", "report-json"])
        #expect(
            try json(window.stdout)["changes"] == [["field": "MaximumBatchingWindowInSeconds", "from": 0, "to": 7]])
        let refused = try await run(
            bed, ["update", uuid, "--topic", "payments", "--no-preflight", "--output", "report-json"])
        #expect(refused.exitCode == 1)
        let document = try json(refused.stdout)
        #expect(document["findings"]?.arrayValue?.first?["code"]?.stringValue == "MAP008")
        #expect(
            document["findings"]?.arrayValue?.first?["fix"]?.stringValue?.contains("--cli-input-json old.json --topic")
                == true)
        #expect(try await requests(bed, operation: "UpdateEventSourceMapping", uuid: uuid).count == 2)
    }

    // MARK: delete and wait

    @Test("delete refuses without --yes when stdin is not a terminal (exit 2); --yes --wait deletes")
    func delete() async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "del")
        let uuid = try await createMapping(bed, function: function, topic: "orders")
        let refused = try await run(bed, ["delete", uuid])
        #expect(refused.exitCode == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("--yes"))
        #expect(try await requests(bed, operation: "DeleteEventSourceMapping", uuid: uuid).isEmpty)
        let deleted = try await run(bed, ["delete", uuid, "--yes", "--wait", "--poll-interval", "0.1"])
        #expect(deleted.exitCode == 0, "\(deleted.stderr)")
        let gone = try await run(bed, ["get", uuid])
        #expect(gone.exitCode == 2)
    }

    @Test("create --wait reaches Enabled; a mapping that ends Disabled with a reason is explained, exit 1")
    func wait() async throws {
        let bed = try await TestBed.shared()
        let function = try await seedFunction(bed, prefix: "wait")
        let created = try await run(
            bed,
            [
                "create", "--function", function, "--cluster", bed.info["clusterArn"]?.stringValue ?? "", "--topic",
                "orders",
                "--starting-position", "LATEST", "--no-preflight", "--wait", "--poll-interval", "0.1", "--output",
                "report-json",
            ])
        #expect(created.exitCode == 0, "\(created.stderr)")
        let uuid = try json(created.stdout)["result"]?["UUID"]?.stringValue ?? ""
        #expect(try json(created.stdout)["result"]?["State"]?.stringValue == "Enabled")
        #expect(try await requests(bed, operation: "GetEventSourceMapping", uuid: uuid).count >= 2)

        let broken = "eeeeeeee-0000-4000-8000-" + String(UUID().uuidString.suffix(12)).lowercased()
        _ = try await bed.sideDoor(
            bed.testbedURL + "/_testbed/seed",
            body: [
                "mappings": [
                    [
                        "UUID": .string(broken),
                        "FunctionArn": .string("arn:aws:lambda:us-east-1:123456789012:function:\(function)"),
                        "Topics": ["orders"], "State": "Enabling",
                        "SourceAccessConfigurations": [
                            ["Type": "SASL_SCRAM_512_AUTH", "URI": .string(bed.info["secretArn"]?.stringValue ?? "")]
                        ],
                        "_pending": [
                            [:],
                            [
                                "State": "Disabled", "StateTransitionReason": "EVENT_SOURCE_AUTHN_ERROR",
                                "LastProcessingResult": "PROBLEM: SASL authentication failed.",
                            ],
                        ],
                    ]
                ]
            ])
        let waited = try await run(
            bed, ["wait", broken, "--for", "enabled", "--poll-interval", "0.1", "--output", "json"])
        #expect(waited.exitCode == 1)
        let report = try json(waited.stdout)
        let codes = report["findings"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes.contains("MAP010"))
        #expect(codes.contains("MAP011"))
        #expect(waited.stdout.contains("EVENT_SOURCE_AUTHN_ERROR"))
        let text = try await run(bed, ["disable", uuid, "--wait", "--poll-interval", "0.1"])
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout == "\(uuid): Disabled\n")
    }

    // MARK: get, list, bad input

    @Test("list reads all pages (JSON in the API's shape) and prints a table; get of a missing mapping is exit 2")
    func listAndGet() async throws {
        let bed = try await TestBed.shared()
        let listed = try await run(bed, ["list", "--function", "bulk-consumer", "--output", "json"])
        #expect(listed.exitCode == 0, "\(listed.stderr)")
        #expect(try json(listed.stdout)["EventSourceMappings"]?.arrayValue?.count == 120)
        let table = try await run(bed, ["list", "--function", "bulk-consumer"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 121)
        #expect(lines.first?.hasPrefix("UUID") == true)
        let got = try await run(bed, ["get", bed.mappingUUID, "--output", "json"])
        #expect(try json(got.stdout)["UUID"]?.stringValue == bed.mappingUUID)
        let missing = try await run(bed, ["get", "00000000-1111-4000-8000-000000000000"])
        #expect(missing.exitCode == 2)
        #expect(missing.stdout.isEmpty)
    }

    /// Each bad input with the flag or word its one-line error must name (so that an input is not rejected for
    /// some other, accidental reason).
    static let badInputs: [([String], String)] = [
        (
            [
                "create", "--cluster", "arn:aws:kafka:us-east-1:123456789012:cluster/a/b", "--topic", "orders",
                "--starting-position", "LATEST",
            ], "--function"
        ),
        (
            [
                "create", "--function", "f", "--cluster", "arn:aws:kafka:us-east-1:123456789012:cluster/a/b",
                "--bootstrap-servers", "h:9092", "--topic", "orders", "--starting-position", "LATEST",
            ], "--bootstrap-servers"
        ),
        (
            [
                "create", "--function", "f", "--cluster", "arn:aws:kafka:us-east-1:cluster", "--topic", "orders",
                "--starting-position", "LATEST",
            ], "--cluster"
        ),
        (
            [
                "create", "--function", "f", "--bootstrap-servers", "h:9092", "--topic", "orders",
                "--starting-position", "EARLIEST",
            ], "EARLIEST"
        ),
        (
            [
                "create", "--function", "f", "--bootstrap-servers", "h:9092", "--topic", "orders",
                "--starting-position", "AT_TIMESTAMP", "--starting-position-timestamp", "2999-01-01T00:00:00Z",
            ], "future"
        ),
        (["create", "--cli-input-json", "/nonexistent/request.json"], "/nonexistent/request.json"),
        (
            [
                "create", "--function", "f", "--bootstrap-servers", "h:9092", "--topic", "orders",
                "--starting-position", "LATEST", "--auth", "scram-512",
            ], "--secret-id"
        ),
        // The model's pattern [^.]([a-zA-Z0-9\-_.]+) needs two characters although its length range starts at 1.
        (
            [
                "create", "--function", "f", "--bootstrap-servers", "h:9092", "--topic", "t", "--starting-position",
                "LATEST",
            ], "2–249 characters"
        ),
        (
            [
                "create", "--function", "f", "--bootstrap-servers", "h:9092", "--topic", ".orders",
                "--starting-position", "LATEST",
            ], "--topic '.orders'"
        ),
        (["update", "not-a-uuid", "--batch-size", "5"], "not-a-uuid"),
        (["wait", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--for", "gone"], "gone"),
    ]

    @Test("bad input is one line on stderr naming the input, and exit 2, before any API call", arguments: badInputs)
    func badInput(_ arguments: [String], _ named: String) async throws {
        // Nothing listens on port 9: an API call would fail with exit 3, not 2.
        let environment = [
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "canary-secret", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
        let result = try await Self.runBinary(arguments, environment: environment)
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(named), "\(result.stderr)")
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
    }
}

@Suite("mapping waiter", .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct MappingWaiterTests {
    @Test("waiting is cancellable: cancelling the task during the pause between polls ends it with CancellationError")
    func cancel() async throws {
        let bed = try await TestBed.shared()
        let uuid = "ffffffff-0000-4000-8000-" + String(UUID().uuidString.suffix(12)).lowercased()
        _ = try await bed.sideDoor(
            bed.testbedURL + "/_testbed/seed",
            body: [
                "mappings": [
                    [
                        "UUID": .string(uuid), "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:x",
                        "State": "Creating",
                    ]
                ]
            ])
        // Each state read is an event; the stream ends when the wait does.
        let (states, reads) = AsyncStream.makeStream(of: String.self)
        // An hour between polls: once the first read is in, only a cancelled sleep can end the wait in time.
        let waiter = MappingWaiter(
            lambda: LambdaClient(client: AWSClient(configuration: try bed.configuration())), timeout: 7200,
            interval: 3600,
            progress: { reads.yield($0) })
        let task = Task {
            defer { reads.finish() }
            return try await waiter.wait(uuid: uuid, for: .enabled)
        }
        var iterator = states.makeAsyncIterator()
        #expect(await iterator.next() == "Creating")  // the first poll: the waiter now sleeps
        task.cancel()
        guard let ended = await HangWatchdog.value({ await task.result }) else {
            Issue.record("still waiting \(HangWatchdog.seconds) s after the cancel: the pause was not cancelled")
            return
        }
        #expect(throws: CancellationError.self) { _ = try ended.get() }
        var later: [String] = []
        while let state = await iterator.next() { later.append(state) }
        #expect(later.isEmpty, "read again after the cancel: \(later)")
    }
}
