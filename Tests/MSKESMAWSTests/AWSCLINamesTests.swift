import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import Testing

/// An `aws lambda create-event-source-mapping` command line works with `msk-esm create`: for each argument vector,
/// the AWS CLI v1 and msk-esm (`--no-preflight`) send equal request bodies to the same loopback endpoint
/// (Tests/TestBed/stub_server.py, which logs them).
@Suite(
    "AWS CLI option names", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct AWSCLINamesTests {
    static let function = "arn:aws:lambda:us-east-1:123456789012:function:orders"
    static let cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/prod/1a2b3c4d-5e6f-2"
    static let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf"
    static let base = [
        "--function-name", function, "--event-source-arn", cluster, "--topics", "orders", "--starting-position",
        "LATEST",
    ]
    static let selfManaged = [
        "--function-name", "orders", "--topics", "orders", "--starting-position", "TRIM_HORIZON",
        "--self-managed-event-source",
        #"{"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1.example.com:9096", "b2.example.com:9096"]}}"#,
    ]

    /// Argument vectors written for the AWS CLI (a file:// value names `request.json` in the test's directory).
    static let vectors: [[String]] = [
        base,
        base + ["--batch-size", "500"],
        base + ["--maximum-batching-window-in-seconds", "5"],
        [
            "--function-name", "orders", "--event-source-arn", cluster, "--topics", "orders", "--starting-position",
            "AT_TIMESTAMP",
            "--starting-position-timestamp", "2026-01-01T00:00:00Z",
        ],
        [
            "--function-name", "orders", "--event-source-arn", cluster, "--topics", "orders", "--starting-position",
            "AT_TIMESTAMP",
            "--starting-position-timestamp", "1767225600",
        ],
        base + ["--no-enabled"],
        base + ["--enabled"],
        base + [
            "--kms-key-arn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "--filter-criteria",
            #"{"Filters": [{"Pattern": "{\"value\": {\"amount\": [{\"numeric\": [\">\", 100]}]}}"}]}"#,
        ],
        base + ["--source-access-configurations", #"[{"Type": "SASL_SCRAM_512_AUTH", "URI": "\#(secret)"}]"#],
        base + ["--source-access-configurations", "file://request.json"],
        selfManaged,
        selfManaged + [
            "--source-access-configurations",
            #"[{"Type": "VPC_SUBNET", "URI": "subnet:subnet-0123456789abcdef0"}, {"Type": "VPC_SECURITY_GROUP", "URI": "security_group:sg-0123456789abcdef0"}, {"Type": "BASIC_AUTH", "URI": "\#(secret)"}]"#,
        ],
        selfManaged + ["--self-managed-kafka-event-source-config", #"{"ConsumerGroupId": "orders-consumers"}"#],
        base + ["--amazon-managed-kafka-event-source-config", #"{"ConsumerGroupId": "orders-consumers"}"#],
        base + [
            "--destination-config", #"{"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:orders-dlq"}}"#,
        ],
        base + ["--provisioned-poller-config", #"{"MinimumPollers": 1, "MaximumPollers": 10}"#],
        base + ["--metrics-config", #"{"Metrics": ["EventCount"]}"#],
        base + ["--logging-config", #"{"SystemLogLevel": "WARN"}"#],
        base + ["--tags", #"{"team": "payments", "env": "prod"}"#],
        base + ["--maximum-retry-attempts", "3", "--maximum-record-age-in-seconds", "3600"],
        base + ["--bisect-batch-on-function-error"],
        base + ["--no-bisect-batch-on-function-error"],
        base + ["--function-response-types", "ReportBatchItemFailures"],
        [
            "--topics", "orders", "--function-name", "orders", "--starting-position", "LATEST", "--event-source-arn",
            cluster, "--batch-size", "1",
        ],
        // The shorthand syntax.
        base + ["--source-access-configurations", "Type=SASL_SCRAM_512_AUTH,URI=\(secret)"],
        selfManaged.prefix(6) + [
            "--self-managed-event-source",
            "Endpoints={KAFKA_BOOTSTRAP_SERVERS=[b1.example.com:9096,b2.example.com:9096]}",
            "--source-access-configurations", "Type=VPC_SUBNET,URI=subnet:subnet-0123456789abcdef0",
            "Type=VPC_SECURITY_GROUP,URI=security_group:sg-0123456789abcdef0", "Type=BASIC_AUTH,URI=\(secret)",
        ],
        selfManaged.prefix(6) + [
            "--self-managed-event-source", "Endpoints={KAFKA_BOOTSTRAP_SERVERS=b1.example.com:9096}",
        ],
        base + ["--amazon-managed-kafka-event-source-config", "ConsumerGroupId=orders-consumers"],
        base + ["--destination-config", "OnFailure={Destination=arn:aws:sqs:us-east-1:123456789012:orders-dlq}"],
        base + ["--provisioned-poller-config", "MinimumPollers=1,MaximumPollers=10"],
        base + ["--metrics-config", "Metrics=EventCount"],
        base + ["--logging-config", "SystemLogLevel=INFO"],
        base + ["--tags", "team=payments,env=prod"],
        base + ["--filter-criteria", #"Filters=[{Pattern='{"value": {"amount": [{"numeric": [">", 100]}]}}'}]"#],
        selfManaged + [
            "--self-managed-kafka-event-source-config",
            "ConsumerGroupId=orders,SchemaRegistryConfig={SchemaRegistryURI=https://registry.example.com,EventRecordFormat=JSON,AccessConfigs=[{Type=BASIC_AUTH,URI=\(secret)}],SchemaValidationConfigs=[{Attribute=VALUE}]}",
        ],
        // msk-esm's names for some members, the AWS CLI's for the others: the same request.
        base + [
            "--batch-size", "100", "--maximum-batching-window-in-seconds", "1", "--no-enabled",
            "--destination-config", #"{"OnFailure": {"Destination": "kafka://orders-dlq"}}"#,
        ],
    ]

    static let sourceAccessFile = #"[{"Type": "CLIENT_CERTIFICATE_TLS_AUTH", "URI": "\#(secret)"}]"#

    static let created = StubServer.Step(
        status: 202, body: #"{"UUID": "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "State": "Creating"}"#,
        headers: ["Content-Type": "application/json"])

    /// The body of the create call (POST) the stub saw.
    static func createBody(_ stub: StubServer) async throws -> JSONValue? {
        let log = try await stub.stats()["log"]?.arrayValue ?? []
        guard let post = log.last(where: { $0["method"]?.stringValue == "POST" }), let body = post["body"]?.stringValue
        else { return nil }
        return try JSONParser.parse(Data(body.utf8))
    }

    @Test(
        "aws lambda create-event-source-mapping ARGS and msk-esm create ARGS --no-preflight send the same body",
        arguments: vectors)
    func sameRequestBody(_ arguments: [String]) async throws {
        let stub = try StubServer()
        let directory = NSTemporaryDirectory() + "msk-esm-cli-names-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.sourceAccessFile.write(toFile: directory + "/request.json", atomically: false, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1",
        ]) { $1 }
        environment["AWS_PROFILE"] = nil

        try await stub.script([
            "/2015-03-31/event-source-mappings/": [Self.created], "/2015-03-31/event-source-mappings": [Self.created],
        ])
        let theirs = try ChildProcess.run(
            "/usr/bin/env",
            ["aws", "lambda", "create-event-source-mapping"] + arguments + ["--endpoint-url", stub.url],
            environment: environment, directory: directory, error: .pipe)
        #expect(theirs.status == 0, "the AWS CLI refused: \(theirs.errorText)")
        let expected = try #require(try await Self.createBody(stub))

        // msk-esm lists the function's mappings first (idempotent create), then creates.
        try await stub.script([
            "/2015-03-31/event-source-mappings": [StubServer.Step(body: #"{"EventSourceMappings": []}"#), Self.created]
        ])
        let ours = try BinaryRunner.run(
            ["create"] + arguments + ["--endpoint-url", stub.url, "--no-preflight", "--output", "json"],
            environment: environment, directory: directory)
        #expect(ours.exitCode == 0, "msk-esm refused: \(ours.stderr)")
        let body = try await Self.createBody(stub)
        #expect(
            body == expected,
            "msk-esm sent \(body.map { JSONWriter.write($0, pretty: false) } ?? "nothing")\nAWS CLI sent \(JSONWriter.write(expected, pretty: false))"
        )
    }

    @Test(
        "an AWS CLI name and msk-esm's flag for the same member, shorthand or JSON that does not fit the model, and --uuid twice: exit 2, one line, no call",
        arguments: [
            ["create", "--function", "orders", "--function-name", "orders"],
            ["create", "--topic", "a-topic", "--topics", "b-topic"],
            ["create", "--disabled", "--no-enabled"],
            ["create", "--auth", "scram-512", "--secret-id", secret, "--source-access-configurations", "[]"],
            ["create", "--on-failure", "kafka://dlq", "--destination-config", "{}"],
            ["create"] + base + ["--source-access-configurations", "Type=SASL_SCRAM_512_AUTH,URI='\(secret)"],
            ["create"] + base + ["--provisioned-poller-config", "MinimumPollers=one,MaximumPollers=10"],
            ["create"] + base + ["--destination-config", "OnFailure={Destination=arn:aws:sqs:us-east-1:1:q},Other=x"],
            ["create"] + base + ["--provisioned-poller-config", #"{"MinimumPollers": "1"}"#],
            ["create"] + base + ["--filter-criteria", "file:///nonexistent/filter.json"],
            ["get", "--uuid", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "14e0db71-5d35-4eb5-b481-8945cf9d10c2"],
        ])
    func refused(_ arguments: [String]) async throws {
        let stub = try StubServer()
        let result = try BinaryRunner.run(
            arguments
                + ["--endpoint-url", stub.url, "--region", "us-east-1", "--no-preflight"].filter {
                    arguments[0] == "create" || $0 != "--no-preflight"
                },
            environment: ["AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret"])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.hasPrefix("msk-esm: error: "))
        #expect(try await stub.stats()["requests"]?.intValue == 0)
    }

    @Test("--uuid works where the AWS CLI takes it: get, enable, disable, delete, wait, update")
    func uuidOption() async throws {
        let stub = try StubServer()
        let mapping =
            #"{"UUID": "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "State": "Enabled", "FunctionArn": "\#(Self.function)", "EventSourceArn": "\#(Self.cluster)", "Topics": ["orders"]}"#
        try await stub.script([
            "/2015-03-31/event-source-mappings/14e0db71-5d35-4eb5-b481-8945cf9d10c2": [StubServer.Step(body: mapping)]
        ])
        let result = try BinaryRunner.run(
            [
                "get", "--uuid", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--endpoint-url", stub.url, "--region",
                "us-east-1", "--output", "json",
            ],
            environment: ["AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("14e0db71-5d35-4eb5-b481-8945cf9d10c2"))
        for command in ["enable", "disable", "delete", "wait", "update"] {
            let help = try BinaryRunner.run([command, "--help"], environment: [:])
            #expect(help.stdout.contains("--uuid <uuid>"), "\(command)")
        }
    }
}
