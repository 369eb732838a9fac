import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// `create` with each OAUTHBEARER_* and IAM_* access type (issue #21): the body the built binary sends, from the
/// friendly flags and from the AWS CLI's `--source-access-configurations`, equals what botocore 1.44.8 serialises
/// for the same parameters, and botocore's ParamValidator (and the model's enums) accept them. The AWS CLI v1
/// cannot be the oracle here: even its newest release bundles a model without these types, so botocore 1.44.8 runs
/// from its own directory (scripts/bootstrap), not beside the pinned 1.43 (Tests/TestBed/botocore_request_oracle.py).
@Suite(
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"),
    .enabled(
        if: FileManager.default.fileExists(atPath: Botocore144.directory.path),
        "botocore 1.44.8 is not in .build-python (run scripts/bootstrap)"))
struct OAuthAccessTypeBodyTests {
    static let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:confluent-oauth-AbCdEf"
    static let servers = "pkc-12345.us-east-1.aws.confluent.cloud:9092"

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// msk-esm's own flags.
        var friendly: [String]
        /// The AWS CLI's `--source-access-configurations` JSON.
        var accesses: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "OAUTHBEARER_AUTH with scope, audience, logical cluster and identity pool",
            friendly: [
                "--auth", "oauthbearer", "--secret-id", secret, "--oauth-scope", "kafka kafka:read", "--oauth-audience",
                "urn:kafka:orders", "--oauth-logical-cluster", "lkc-abc12", "--oauth-identity-pool", "pool-XyZ9",
            ],
            accesses: """
                [{"Type":"OAUTHBEARER_AUTH","URI":"\(secret)"},{"Type":"OAUTHBEARER_SCOPE","URI":"kafka kafka:read"},\
                {"Type":"OAUTHBEARER_AUDIENCE","URI":"urn:kafka:orders"},\
                {"Type":"OAUTHBEARER_LOGICAL_CLUSTER","URI":"lkc-abc12"},\
                {"Type":"OAUTHBEARER_IDENTITY_POOL","URI":"pool-XyZ9"}]
                """),
        Case(
            name: "OAUTHBEARER_AUTH alone", friendly: ["--auth", "oauthbearer", "--secret-id", secret],
            accesses: #"[{"Type":"OAUTHBEARER_AUTH","URI":"\#(secret)"}]"#),
        Case(name: "IAM_AUTH (no URI)", friendly: ["--auth", "iam"], accesses: #"[{"Type":"IAM_AUTH"}]"#),
        Case(
            name: "IAM_OAUTHBEARER_AUTH with OAUTHBEARER_AUDIENCE",
            friendly: ["--auth", "iam-oauthbearer", "--oauth-audience", "sts.amazonaws.com/kafka"],
            accesses:
                #"[{"Type":"IAM_OAUTHBEARER_AUTH"},{"Type":"OAUTHBEARER_AUDIENCE","URI":"sts.amazonaws.com/kafka"}]"#
        ),
    ]

    /// The body and path of the one CreateEventSourceMapping request the binary sent to the stub.
    static func createRequest(_ arguments: [String]) async throws -> (body: JSONValue, path: String) {
        let stub = try StubServer()
        // One answer for every path: an empty mapping list (the existing-mapping check) that is also a created
        // mapping.
        let answer = """
            {"EventSourceMappings": [], "UUID": "6d9bce8e-1111-4222-8333-444455556666", "State": "Creating", \
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:oauth-fn", "Topics": ["orders"]}
            """
        try await stub.script(["*": [StubServer.Step(status: 202, body: answer)]])
        let result = try await MappingCommandsTests.runBinary(
            [
                "create", "--function", "oauth-fn", "--topic", "orders", "--starting-position", "LATEST",
                "--no-preflight", "--output", "json",
            ] + arguments,
            environment: Self.environment(stub))
        #expect(result.exitCode == 0, "\(result.stderr)")
        let log = try await stub.stats()["log"]?.arrayValue ?? []
        let posts = log.filter { $0["method"] == "POST" }
        #expect(posts.count == 1, "\(log.map { $0["path"]?.stringValue ?? "" })")
        let post = try #require(posts.first)
        let body = try JSONDecoder().decode(JSONValue.self, from: Data((post["body"]?.stringValue ?? "").utf8))
        return (body, post["path"]?.stringValue ?? "")
    }

    /// Example credentials and every AWS endpoint at the stub; no shared files.
    static func environment(_ stub: StubServer) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "not-a-real-secret", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": stub.url, "HOME": "/nonexistent-msk-esm-home", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
    }

    /// botocore 1.44.8's verdict and serialisation (Tests/TestBed/botocore_request_oracle.py).
    static func botocore(_ params: JSONValue, operation: String = "CreateEventSourceMapping") throws -> JSONValue {
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = Botocore144.directory.path
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        let request: JSONValue = ["operation": .string(operation), "params": params]
        let outcome = try ChildProcess.run(
            "/usr/bin/env",
            [
                "python3",
                Botocore144.repository.appendingPathComponent("Tests/TestBed/botocore_request_oracle.py").path,
            ],
            environment: environment, input: .data(try JSONEncoder().encode(request)), error: .pipe)
        #expect(outcome.status == 0, "\(outcome.errorText)")
        return try JSONDecoder().decode(JSONValue.self, from: Data(outcome.outputText.utf8))
    }

    @Test(arguments: cases)
    func createBodyEqualsBotocores(_ test: Case) async throws {
        let friendly = try await Self.createRequest(["--bootstrap-servers", Self.servers] + test.friendly)
        let cliStyle = try await Self.createRequest([
            "--self-managed-event-source", #"{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["\#(Self.servers)"]}}"#,
            "--source-access-configurations", test.accesses,
        ])
        // The parameters as a boto3 user writes them: the CLI-style flags' JSON, read independently here.
        let accesses = try JSONDecoder().decode(JSONValue.self, from: Data(test.accesses.utf8))
        let params: JSONValue = [
            "FunctionName": "oauth-fn", "Topics": ["orders"], "StartingPosition": "LATEST",
            "SelfManagedEventSource": ["Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": [.string(Self.servers)]]],
            "SourceAccessConfigurations": accesses,
        ]
        let oracle = try Self.botocore(params)
        #expect(oracle["botocoreVersion"]?.stringValue?.hasPrefix("1.44.") == true)
        #expect(oracle["errors"] == .array([]), "\(oracle["errors"]?.compactText ?? "")")
        #expect(friendly.body == oracle["body"], "ours \(friendly.body.compactText)")
        #expect(cliStyle.body == oracle["body"], "ours \(cliStyle.body.compactText)")
        #expect(friendly.path == oracle["path"]?.stringValue)
    }

    /// On a self-managed mapping `update --auth iam` is IAM_AUTH (the mapping read says it is self-managed), and
    /// the body equals botocore's for UpdateEventSourceMapping with that entry.
    @Test func updateWithIAMOnSelfManagedSendsIAMAuth() async throws {
        let stub = try StubServer()
        let uuid = "6d9bce8e-1111-4222-8333-444455556666"
        let mapping = """
            {"UUID": "\(uuid)", "State": "Enabled", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:oauth-fn", \
            "Topics": ["orders"], "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["\(Self.servers)"]}}, \
            "SourceAccessConfigurations": [{"Type": "OAUTHBEARER_AUTH", "URI": "\(Self.secret)"}, \
            {"Type": "OAUTHBEARER_SCOPE", "URI": "kafka"}]}
            """
        try await stub.script(["*": [StubServer.Step(status: 202, body: mapping)]])
        let result = try await MappingCommandsTests.runBinary(
            ["update", uuid, "--auth", "iam", "--no-preflight", "--output", "json"],
            environment: Self.environment(stub))
        #expect(result.exitCode == 0, "\(result.stderr)")
        let log = try await stub.stats()["log"]?.arrayValue ?? []
        let put = try #require(log.first { $0["method"] == "PUT" }, "\(log.map { $0["method"]?.stringValue ?? "" })")
        let body = try JSONDecoder().decode(JSONValue.self, from: Data((put["body"]?.stringValue ?? "").utf8))
        let oracle = try Self.botocore(
            ["UUID": .string(uuid), "SourceAccessConfigurations": [["Type": "IAM_AUTH"]]],
            operation: "UpdateEventSourceMapping")
        #expect(oracle["errors"] == .array([]), "\(oracle["errors"]?.compactText ?? "")")
        #expect(body == oracle["body"], "ours \(body.compactText)")
        #expect(put["path"]?.stringValue == oracle["path"]?.stringValue)
    }

    @Test(arguments: [
        ["--bootstrap-servers", servers, "--auth", "iam-oauthbearer"],
        ["--bootstrap-servers", servers, "--auth", "iam-oauthbearer", "--oauth-audience", "a", "--oauth-scope", "s"],
        ["--bootstrap-servers", servers, "--auth", "oauthbearer"],
        ["--bootstrap-servers", servers, "--auth", "iam-oauthbearer", "--oauth-audience", "a", "--secret-id", secret],
        [
            "--cluster", "arn:aws:kafka:us-east-1:123456789012:cluster/c/abcd1234-ab12-cd34-ef56-abcdef123456-1",
            "--auth", "oauthbearer", "--secret-id", secret,
        ],
        [
            "--bootstrap-servers", servers, "--oauth-scope", "s", "--source-access-configurations",
            #"[{"Type":"OAUTHBEARER_AUTH","URI":"\#(secret)"}]"#,
        ],
    ])
    func inconsistentOAuthFlagsAreUsageErrors(_ arguments: [String]) async throws {
        let result = try await MappingCommandsTests.runBinary(
            ["create", "--function", "oauth-fn", "--topic", "orders", "--starting-position", "LATEST"] + arguments,
            environment: ["HOME": "/nonexistent-msk-esm-home", "AWS_CONFIG_FILE": "/dev/null"])
        #expect(result.exitCode == 2, "\(result.stdout)")
        #expect(result.stderr.hasPrefix("msk-esm: error: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 2, "\(result.stderr)")
    }

    /// The oracle can fail: botocore's ParamValidator refuses a URI that is not a string, and the model's enum a
    /// type it does not have.
    @Test func botocoreRefusesWhatTheModelDoesNotAllow() throws {
        let oracle = try Self.botocore([
            "FunctionName": "f",
            "SourceAccessConfigurations": [["Type": "OAUTHBEARER_TOKEN", "URI": 5]],
        ])
        let errors = oracle["errors"]?.arrayValue?.compactMap(\.stringValue).joined(separator: "\n") ?? ""
        #expect(errors.contains("OAUTHBEARER_TOKEN is not one of"))
        #expect(errors.contains("Invalid type for parameter SourceAccessConfigurations[0].URI"))
    }
}

/// Where scripts/bootstrap installs botocore 1.44.8.
enum Botocore144 {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let directory = repository.appendingPathComponent(".build-python/botocore-1.44.8")
}
