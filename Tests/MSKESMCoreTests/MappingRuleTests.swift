import Foundation
import Testing

@testable import MSKESMCore

/// Each MAP rule: a case that triggers it and one where it stays silent (no fail/warn/info of that code).
struct MappingRuleTests {
    static let now = Date(timeIntervalSince1970: 1_795_694_400)  // 2026-11-26T12:00:00Z

    static func base() -> MappingSettings {
        MappingSettings(
            uuid: "3f6a1d2c-8b4e-4f7a-9c1d-2e5b8a0f4c36", topics: ["orders"], startingPosition: "TRIM_HORIZON",
            batchSize: 100)
    }

    /// (name, change, code, triggers)
    static let cases: [(String, @Sendable (inout MappingSettings) -> Void, String, Bool)] = [
        ("batch 0", { $0.batchSize = 0 }, "MAP002", true),
        ("batch 10001", { $0.batchSize = 10001 }, "MAP002", true),
        ("batch 10000", { $0.batchSize = 10000 }, "MAP002", false),
        ("window 301", { $0.maximumBatchingWindowInSeconds = 301 }, "MAP002", true),
        ("window 300", { $0.maximumBatchingWindowInSeconds = 300 }, "MAP002", false),
        ("two topics", { $0.topics = ["a1", "b1"] }, "MAP003", true),
        ("no topic", { $0.topics = [] }, "MAP003", true),
        ("one-character topic", { $0.topics = ["a"] }, "MAP003", true),
        ("topic with space", { $0.topics = ["my topic"] }, "MAP003", true),
        ("topic 250", { $0.topics = [String(repeating: "t", count: 250)] }, "MAP003", true),
        ("topic 249", { $0.topics = [String(repeating: "t", count: 249)] }, "MAP003", false),
        ("AT_TIMESTAMP without time", { $0.startingPosition = "AT_TIMESTAMP" }, "MAP004", true),
        (
            "AT_TIMESTAMP future",
            {
                $0.startingPosition = "AT_TIMESTAMP"
                $0.startingPositionTimestamp = now.addingTimeInterval(60)
            }, "MAP004", true
        ),
        (
            "AT_TIMESTAMP past",
            {
                $0.startingPosition = "AT_TIMESTAMP"
                $0.startingPositionTimestamp = now.addingTimeInterval(-60)
            }, "MAP004", false
        ),
        ("timestamp with TRIM_HORIZON", { $0.startingPositionTimestamp = now }, "MAP004", true),
        ("no StartingPosition", { $0.startingPosition = nil }, "MAP004", true),
        ("LATEST", { $0.startingPosition = "LATEST" }, "MAP005", true),
        ("TRIM_HORIZON", { _ in }, "MAP005", false),
        ("group with a tab", { $0.consumerGroupId = "my\tgroup" }, "MAP006", true),
        // The current Lambda model (botocore 1.44) allows a space in the URI shape.
        ("group with space", { $0.consumerGroupId = "my group" }, "MAP006", false),
        ("group 201", { $0.consumerGroupId = String(repeating: "g", count: 201) }, "MAP006", true),
        ("group valid", { $0.consumerGroupId = "orders-app/v1:blue@x" }, "MAP006", false),
        ("custom group", { $0.consumerGroupId = "orders-app" }, "MAP007", true),
        ("default group = UUID", { $0.consumerGroupId = $0.uuid }, "MAP007", false),
        ("record age 30", { $0.maximumRecordAgeInSeconds = 30 }, "MAP012", true),
        ("record age 0", { $0.maximumRecordAgeInSeconds = 0 }, "MAP012", true),
        ("record age 60", { $0.maximumRecordAgeInSeconds = 60 }, "MAP012", false),
        ("record age -1", { $0.maximumRecordAgeInSeconds = -1 }, "MAP012", false),
        ("record age 604801", { $0.maximumRecordAgeInSeconds = 604_801 }, "MAP017", true),
        ("retries -2", { $0.maximumRetryAttempts = -2 }, "MAP017", true),
        ("retries 10000", { $0.maximumRetryAttempts = 10000 }, "MAP017", false),
        (
            "destination lambda", { $0.onFailureDestination = "arn:aws:lambda:us-east-1:123456789012:function:f" },
            "MAP013", true
        ),
        ("destination source topic", { $0.onFailureDestination = "kafka://orders" }, "MAP013", true),
        ("destination bad topic", { $0.onFailureDestination = "kafka://.x" }, "MAP013", true),
        ("destination other topic", { $0.onFailureDestination = "kafka://orders-dlq" }, "MAP013", false),
        ("destination sqs", { $0.onFailureDestination = "arn:aws:sqs:us-east-1:123456789012:dlq" }, "MAP013", false),
        ("destination s3", { $0.onFailureDestination = "arn:aws:s3:::failed-batches" }, "MAP013", false),
        (
            "destination sns", { $0.onFailureDestination = "arn:aws:sns:us-east-1:123456789012:failures" }, "MAP013",
            false
        ),
        (
            "pollers min 201", { $0.provisionedPollerConfig = ProvisionedPollerConfig(minimumPollers: 201) }, "MAP016",
            true
        ),
        (
            "pollers max 2001", { $0.provisionedPollerConfig = ProvisionedPollerConfig(maximumPollers: 2001) },
            "MAP016", true
        ),
        (
            "pollers min > max",
            {
                $0.provisionedPollerConfig = ProvisionedPollerConfig(minimumPollers: 10, maximumPollers: 5)
            }, "MAP016", true
        ),
        (
            "pollers 1..2000",
            {
                $0.provisionedPollerConfig = ProvisionedPollerConfig(minimumPollers: 1, maximumPollers: 2000)
            }, "MAP016", false
        ),
    ]

    @Test(arguments: cases.indices)
    func parameterRuleTriggersOrStaysSilent(index: Int) {
        let (name, change, code, triggers) = Self.cases[index]
        var settings = Self.base()
        change(&settings)
        let hits = MappingParameterRules.findings(settings, at: Self.now)
            .filter { $0.code == code && $0.severity != .pass }
        #expect(hits.isEmpty != triggers, "\(name): \(hits.map(\.title))")
        for hit in hits where hit.severity != .info {
            #expect(!hit.fix.isEmpty, "\(name) has no fix")
        }
    }

    @Test func theBaseMappingHasNoProblems() {
        let findings = MappingParameterRules.findings(Self.base(), at: Self.now)
        #expect(findings.allSatisfy { $0.severity == .pass }, "\(findings.map(\.title))")
    }

    /// The topic and consumer-group validators agree with the patterns of the Lambda model the shape table was
    /// generated from (Tests/Fixtures/lambda-model-constraints.json, written by
    /// Tests/TestBed/generate_service_shapes.py), matched in full by Python's `re` (an independent implementation).
    @Test func namesMatchTheBotocorePatterns() throws {
        let samples = [
            "a", "ab", ".a", "a.", "-x", "_x", "x y", "orders.v1", "#orders", "ü1", "a/b", "grp:1@x=+*",
            String(repeating: "a", count: 200), String(repeating: "a", count: 201), String(repeating: "a", count: 249),
            String(repeating: "a", count: 250), "", "a\tb", "Topic_With-Mixed.Case9",
        ]
        let script = """
            import json, re, sys
            shapes = json.load(open(\(Self.modelConstraintsPath.debugDescription)))
            topic, uri = shapes["Topic"], shapes["URI"]
            def ok(shape, s):
                return shape["min"] <= len(s) <= shape["max"] and re.fullmatch(shape["pattern"], s) is not None
            print(json.dumps([[ok(topic, s), ok(uri, s)] for s in json.load(sys.stdin)]))
            """
        let input = String(decoding: try JSONEncoder().encode(samples), as: UTF8.self)
        guard let output = try SnapshotTestSupport.python(script, input: input) else {
            Issue.record("python3 with botocore is needed for this test")
            return
        }
        let expected = try JSONDecoder().decode([[Bool]].self, from: Data(output.utf8))
        for (sample, answer) in zip(samples, expected) {
            #expect(MappingParameterRules.isValidTopicName(sample) == answer[0], "topic '\(sample)'")
            #expect(MappingParameterRules.isValidConsumerGroupId(sample) == answer[1], "group '\(sample)'")
        }
    }

    static let modelConstraintsPath = SnapshotTestSupport.repositoryRoot
        .appendingPathComponent("Tests/Fixtures/lambda-model-constraints.json").path

    /// Every access type of the current model that this build does not know is reported as not understood
    /// (BRK008), for MSK and self-managed mappings alike, and no method is guessed for it.
    @Test func everyAccessTypeOfTheModelIsUnderstoodOrReportedAsNot() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.modelConstraintsPath))
        let model = try JSONDecoder().decode(JSONValue.self, from: data)
        let types = model["SourceAccessType"]?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(types.count >= 15)
        #expect(BrokerSelectionInput.understoodTypes.isSubset(of: Set(types)))
        for type in types where !BrokerSelectionInput.understoodTypes.contains(type) {
            let iamCluster = BrokerSelectionTests.cluster(
                .init(
                    mtls: false, scram: false, iam: true, unauthenticated: false, clientBroker: "TLS", secret: "none",
                    serverless: false))
            for cluster in [nil, iamCluster] {
                let choice = BrokerSelector.select(
                    BrokerSelectionInput(
                        cluster: cluster, bootstrapServers: ["k:9096"],
                        sourceAccessTypes: [type, "VPC_SUBNET"]))
                #expect(choice.method == nil && choice.attemptedMethod == nil, "\(type)")
                #expect(choice.findings.map(\.code) == ["BRK008"], "\(type)")
            }
        }
        #expect((model["SourceAccessConfigurations"]?["max"]?.intValue ?? 0) == 23)
        #expect((model["MaximumNumberOfPollers"]?["max"]?.intValue ?? 0) == 10000)
    }

    @Test func theRulesReadACreateRequestBody() throws {
        let body = #"""
            {"FunctionName": "f", "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/u-2",
             "Topics": ["orders"], "StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": 1900000000,
             "BatchSize": 20000, "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": "bad#group"}}
            """#
        let request = try JSONDecoder().decode(CreateEventSourceMappingRequest.self, from: Data(body.utf8))
        let codes = Set(
            MappingParameterRules.findings(MappingSettings(request), at: Self.now).filter { $0.severity == .fail }
                .map(\.code))
        #expect(codes == ["MAP002", "MAP004", "MAP006"])
    }

    // MARK: Status rules

    static func function(timeout: Int = 60, state: String? = "Active", update: String? = "Successful")
        -> FunctionConfiguration
    {
        var function = FunctionConfiguration()
        function.functionName = "f"
        function.timeout = timeout
        function.state = state
        function.lastUpdateStatus = update
        return function
    }

    @Test(arguments: [(841, true), (900, true), (840, false), (3, false)])
    func functionTimeoutOver840Fails(timeout: Int, triggers: Bool) {
        let hits = MappingStatusRules.functionTimeout(Self.function(timeout: timeout)).filter { $0.severity == .fail }
        #expect(hits.map(\.code) == (triggers ? ["MAP001"] : []))
    }

    @Test(
        arguments: [
            ("Failed", "Successful", true), ("Inactive", "Successful", true), ("Active", "Failed", true),
            ("Pending", nil, true), ("Active", "Successful", false), ("Active", "InProgress", false),
        ] as [(String, String?, Bool)])
    func functionStateMustBeActive(state: String, update: String?, triggers: Bool) {
        let hits = MappingStatusRules.functionState(Self.function(state: state, update: update))
            .filter { $0.severity != .pass }
        #expect(hits.isEmpty != triggers)
        #expect(hits.allSatisfy { $0.code == "MAP014" })
    }

    @Test(
        arguments: [
            ("Enabled", "USER_INITIATED", nil), ("Enabled", "User action", nil),
            ("Disabled", "USER_INITIATED", Severity.warn), ("Creating", "", .warn),
            ("Disabled", "ESM_CONFIG_NOT_VALID", .fail), ("Enabled", "EVENT_SOURCE_AUTHN_ERROR", .fail),
            ("Disabled", "EVENT_SOURCE_AUTHZ_ERROR", .fail), ("Disabled", "FUNCTION_CONFIG_NOT_VALID", .fail),
            ("Deleting", "", .fail),
        ] as [(String, String, Severity?)])
    func mappingStateAndTransitionReason(state: String, reason: String, severity: Severity?) {
        var mapping = EventSourceMappingConfiguration()
        mapping.state = state
        mapping.stateTransitionReason = reason
        let hits = MappingStatusRules.state(mapping).filter { $0.severity != .pass }
        #expect(hits.map(\.severity) == (severity.map { [$0] } ?? []))
        #expect(hits.allSatisfy { $0.code == "MAP010" })
    }

    @Test(
        arguments: [
            ("PROBLEM: SASL authentication failed.", AuthMethod.iam, "IAM001"),
            ("PROBLEM: SASL authentication failed.", .scram512, "SEC021"),
            ("PROBLEM: Cluster failed to authorize Lambda.", .iam, "IAM005"),
            ("PROBLEM: Server failed to authenticate Lambda.", .mtls, "SEC005"),
            ("PROBLEM: Lambda failed to authenticate server.", .tls, "SEC020"),
            ("PROBLEM: Provided certificate or private key is invalid.", .mtls, "SEC009"),
            ("PROBLEM: Connection error. Please check your event source connection configuration.", .iam, "NET001"),
            (
                "PROBLEM: Connection error. Your event source VPC must be able to connect to Lambda and STS.", .iam,
                "NET004"
            ),
            ("PROBLEM: Connection error. Your event source VPC must be able to connect to STS.", .iam, "NET004"),
            (
                "PROBLEM: Connection error. Your event source VPC must be able to connect to OnFailure Destination.",
                .iam, "NET008"
            ),
            ("PROBLEM: Lambda failed to assume your function execution role.", .iam, "IAM004"),
        ] as [(String, AuthMethod, String)])
    func knownProcessingResultsAreExplainedAndLinked(result: String, method: AuthMethod, related: String) {
        let findings = ProcessingResult.findings(result, method: method)
        #expect(findings.count == 1)
        #expect(findings.first?.code == "MAP011")
        #expect(findings.first?.severity == .fail)
        let codes = findings.first?.evidence["relatedCodes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(codes.contains(related), "\(codes)")
        #expect(findings.first?.fix.isEmpty == false)
    }

    @Test(arguments: ["OK", "No records processed", nil] as [String?])
    func normalProcessingResultsStaySilent(result: String?) {
        #expect(ProcessingResult.findings(result, method: .iam).allSatisfy { $0.severity == .pass })
    }

    static func lag(_ values: [Double]) -> GetMetricDataOutput {
        let json: [String: Any] = [
            "MetricDataResults": [
                [
                    "Id": "lag", "Values": Array(values.reversed()),
                    "Timestamps": values.indices.map { 1_795_694_400 - 60 * Double($0) },
                ]
            ]
        ]
        let data = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
        return (try? JSONDecoder().decode(GetMetricDataOutput.self, from: data)) ?? GetMetricDataOutput()
    }

    @Test(
        arguments: [
            ([10, 50, 120, 300, 700], true), ([10, 12, 11, 15, 20], true), ([700, 300, 120, 50, 10], false),
            ([5, 5, 5, 5], false), ([100, 400, 90], false),
        ] as [([Double], Bool)])
    func offsetLagRisingWarns(values: [Double], triggers: Bool) {
        let hits = MappingStatusRules.offsetLag(Self.lag(values)).filter { $0.severity == .warn }
        #expect(hits.map(\.code) == (triggers ? ["MAP015"] : []))
    }
}
