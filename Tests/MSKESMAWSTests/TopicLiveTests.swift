import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import Testing

/// The topic facts and poller groups against the project's test server: moto does not implement MSK's topic
/// APIs, so `Tests/TestBed/testbed_server.py` answers `DescribeTopic` (`GET /v1/clusters/{clusterArn}/topics/
/// {topicName}`, from botocore's kafka model) for the topics seeded per cluster, after checking each request's
/// SigV4 signature with botocore, and answers a seeded error for a cluster whose topics cannot be described.
/// The clusters, mappings and functions here have names of their own (topics-live, topics-group), so no other
/// suite sees them.
@Suite(
    "topics live", .serialized,
    .enabled(if: PythonProcess.available, "skipped: python3 or moto is missing"))
struct TopicLiveTests {
    static let idle = "70b1c000-1111-4000-8000-000000000001"
    static let missing = "70b1c000-1111-4000-8000-000000000002"
    static let denied = "70b1c000-1111-4000-8000-000000000003"
    static let serverless = "70b1c000-1111-4000-8000-000000000004"
    static let wideGroup = 11
    static let smallGroup = 2

    static func groupUUID(_ index: Int) -> String { String(format: "70b1c000-2222-4000-8000-%012d", index) }

    /// The seeded environment: three clusters (provisioned with the topic orders of 4 partitions; provisioned
    /// but denying the topic APIs; serverless), a mapping on each (one with MinimumPollers 6, one on a topic that
    /// does not exist), and the poller groups of topics-group: 11 mappings of "wide" at MaximumPollers 200
    /// (2,200 in all) and 2 of "small" at 5.
    static let seeded = Task { () throws -> (TestBed, [String: String]) in
        let bed = try await TestBed.shared()
        let account = bed.info["account"]?.stringValue ?? "123456789012"
        let region = bed.region
        func cluster(_ name: String) -> String { "arn:aws:kafka:\(region):\(account):cluster/\(name)/70b1c000-1" }
        let provisioned = cluster("topics-live")
        let forbidden = cluster("topics-denied")
        let noTopicAPIs = cluster("topics-serverless")
        func provisionedInfo(_ arn: String) -> JSONValue {
            [
                "ClusterArn": .string(arn), "ClusterType": "PROVISIONED", "State": "ACTIVE",
                "Provisioned": ["CurrentBrokerSoftwareInfo": ["KafkaVersion": "3.6.0"], "NumberOfBrokerNodes": 2],
            ]
        }
        func mapping(_ uuid: String, _ function: String, _ source: String, _ topic: String, pollers: JSONValue? = nil)
            -> JSONValue
        {
            var mapping: [String: JSONValue] = [
                "UUID": .string(uuid), "EventSourceArn": .string(source), "Topics": [.string(topic)],
                "FunctionArn": .string("arn:aws:lambda:\(region):\(account):function:\(function)"), "State": "Enabled",
                "StartingPosition": "LATEST", "LastProcessingResult": "OK", "StateTransitionReason": "USER_INITIATED",
            ]
            if let pollers { mapping["ProvisionedPollerConfig"] = pollers }
            return .object(mapping)
        }
        var mappings = [
            mapping(idle, "topics-live", provisioned, "orders", pollers: ["MinimumPollers": 6, "MaximumPollers": 10]),
            mapping(missing, "topics-live", provisioned, "no-such-topic"),
            mapping(denied, "topics-live", forbidden, "orders"),
            mapping(serverless, "topics-live", noTopicAPIs, "orders"),
        ]
        mappings += (0..<wideGroup).map {
            mapping(
                groupUUID($0), "topics-group", provisioned, "orders",
                pollers: ["MinimumPollers": 1, "MaximumPollers": 200, "PollerGroupName": "wide"])
        }
        mappings += (wideGroup..<wideGroup + smallGroup).map {
            mapping(
                groupUUID($0), "topics-group", provisioned, "orders",
                pollers: ["MinimumPollers": 1, "MaximumPollers": 5, "PollerGroupName": "small"])
        }
        let seed: JSONValue = [
            "mappings": .array(mappings),
            "clusters": [
                provisioned: provisionedInfo(provisioned), forbidden: provisionedInfo(forbidden),
                noTopicAPIs: [
                    "ClusterArn": .string(noTopicAPIs), "ClusterType": "SERVERLESS", "State": "ACTIVE",
                    "Serverless": ["VpcConfigs": []],
                ],
            ],
            "topics": [
                provisioned: [
                    "orders": [
                        "TopicArn": .string(
                            provisioned.replacingOccurrences(of: ":cluster/", with: ":topic/") + "/orders"),
                        "TopicName": "orders", "PartitionCount": 4, "ReplicationFactor": 2, "Status": "ACTIVE",
                    ]
                ]
            ],
            "topicErrors": [
                forbidden: [
                    403, "ForbiddenException", "User is not authorized to perform: kafka-cluster:DescribeTopic",
                ]
            ],
        ]
        _ = try await bed.sideDoor(bed.testbedURL + "/_testbed/seed", body: seed)
        return (bed, ["provisioned": provisioned, "forbidden": forbidden, "serverless": noTopicAPIs])
    }

    func decode(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    func findings(_ document: JSONValue?, _ code: String) -> [JSONValue] {
        document?["findings"]?.arrayValue?.filter { $0["code"]?.stringValue == code } ?? []
    }

    /// The test server's DescribeTopic requests for the cluster named `name` (its ARN is in the path, encoded).
    func describeTopicRequests(_ bed: TestBed, clusterName name: String) async throws -> [JSONValue] {
        let log = try await bed.sideDoor(bed.testbedURL + "/_testbed/requests").arrayValue ?? []
        return log.filter {
            $0["operation"]?.stringValue == "DescribeTopic"
                && ($0["path"]?.stringValue?.contains("cluster%2F\(name)%2F") ?? false)
        }
    }

    @Test("snapshot: DescribeTopic is signed (SigV4, checked by botocore) and its answer is kept under Topics")
    func snapshotKeepsTheTopic() async throws {
        let (bed, _) = try await Self.seeded.value
        let result = try BinaryRunner.run(["snapshot", Self.idle], environment: bed.environment())
        #expect(result.exitCode == 0, "\(result.stderr)")
        let snapshot = try decode(result.stdout)
        let topic = snapshot["Topics"]?["orders"]
        #expect(topic?["PartitionCount"] == 4)
        #expect(topic?["ReplicationFactor"] == 2)
        #expect(topic?["TopicName"] == "orders")
        #expect(snapshot["Errors"]?["kafka.DescribeTopic"] == nil)
        let requests = try await describeTopicRequests(bed, clusterName: "topics-live")
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { $0["signatureValid"] == .bool(true) && $0["status"] == 200 })
        #expect(requests.allSatisfy { $0["path"]?.stringValue?.hasSuffix("/topics/orders") == true })
    }

    @Test("doctor: MinimumPollers 6 over 4 partitions warns (TOP002); a topic that does not exist fails (TOP001)")
    func idlePollersAndAMissingTopic() async throws {
        let (bed, _) = try await Self.seeded.value
        let idle = try BinaryRunner.run(["doctor", Self.idle, "--output", "json"], environment: bed.environment())
        let report = try decode(idle.stdout)
        let top002 = findings(report, "TOP002")
        #expect(top002.map { $0["severity"] } == ["warn"], "\(idle.stdout)")
        #expect(top002.first?["evidence"]?["partitionCount"] == 4)
        #expect(top002.first?["evidence"]?["minimumPollers"] == 6)
        #expect(findings(report, "TOP001").first?["severity"] == "pass")

        let missing = try BinaryRunner.run(
            ["doctor", Self.missing, "--output", "json"], environment: bed.environment())
        #expect(missing.exitCode == 1)
        let top001 = findings(try decode(missing.stdout), "TOP001")
        #expect(top001.map { $0["severity"] } == ["fail"])
        #expect(top001.first?["detail"]?.stringValue?.contains("NotFoundException") == true)
    }

    @Test(
        "skips: a denied DescribeTopic is TOP005 skipped with the permissions (no ACC finding); a serverless cluster is not asked"
    )
    func skips() async throws {
        let (bed, _) = try await Self.seeded.value
        let denied = try decode(
            try BinaryRunner.run(["doctor", Self.denied, "--output", "json"], environment: bed.environment()).stdout)
        let top005 = findings(denied, "TOP005")
        #expect(top005.map { $0["severity"] } == ["skipped"])
        #expect(top005.first?["evidence"]?["denied"] == true)
        #expect(top005.first?["fix"]?.stringValue?.contains("kafka-cluster:DescribeTopic") == true)
        #expect(
            !(denied["findings"]?.arrayValue ?? []).contains {
                $0["code"]?.stringValue?.hasPrefix("ACC") == true && $0["evidence"]?["call"] == "kafka.DescribeTopic"
            })
        #expect(findings(denied, "TOP001").isEmpty)

        let serverless = try decode(
            try BinaryRunner.run(["doctor", Self.serverless, "--output", "json"], environment: bed.environment()).stdout
        )
        let info = findings(serverless, "TOP005")
        #expect(info.map { $0["severity"] } == ["info"])
        #expect(info.first?["evidence"]?["reason"]?.stringValue?.contains("MSK Serverless") == true)
        #expect(try await describeTopicRequests(bed, clusterName: "topics-serverless").isEmpty)
    }

    @Test("create preflight: a topic that does not exist is TOP001 in the plan")
    func preflight() async throws {
        let (bed, clusters) = try await Self.seeded.value
        let result = try BinaryRunner.run(
            [
                "create", "--function", bed.info["functionArn"]?.stringValue ?? "", "--cluster",
                clusters["provisioned"] ?? "", "--topic", "no-such-topic", "--starting-position", "LATEST",
                "--output", "report-json", "--dry-run", "--force",
            ], environment: bed.environment())
        #expect(result.exitCode == 0, "\(result.stderr)")
        let top001 = findings(try decode(result.stdout), "TOP001")
        #expect(top001.map { $0["severity"] } == ["fail"], "\(result.stdout)")
    }

    @Test("doctor --all: the 11 mappings of group wide add up to 2,200 MaximumPollers (TOP007 on each); small passes")
    func pollerGroups() async throws {
        let (bed, _) = try await Self.seeded.value
        let result = try BinaryRunner.run(
            ["doctor", "--all", "--function-prefix", "topics-group", "--output", "json"],
            environment: bed.environment())
        let mappings = try decode(result.stdout)["mappings"]?.arrayValue ?? []
        #expect(mappings.count == Self.wideGroup + Self.smallGroup, "\(result.stderr)")
        let byUUID = Dictionary(
            uniqueKeysWithValues: mappings.compactMap { m in m["uuid"]?.stringValue.map { ($0, m) } })
        for index in 0..<Self.wideGroup {
            let top007 = findings(byUUID[Self.groupUUID(index)], "TOP007")
            #expect(top007.map { $0["severity"] } == ["warn"])
            #expect(top007.first?["evidence"]?["mappings"] == .number(Double(Self.wideGroup)))
            #expect(top007.first?["evidence"]?["maximumPollers"] == 2200)
            #expect(top007.first?["evidence"]?["pollerGroupName"] == "wide")
        }
        for index in Self.wideGroup..<Self.wideGroup + Self.smallGroup {
            let document = byUUID[Self.groupUUID(index)]
            #expect(findings(document, "TOP007").isEmpty)
            let group = findings(document, "TOP006")
            #expect(group.map { $0["severity"] } == ["pass"])
            #expect(group.first?["evidence"]?["mappings"] == 2 && group.first?["evidence"]?["maximumPollers"] == 10)
        }
        // One mapping alone (doctor UUID) sees no group: the group findings are the fleet's.
        let single = try decode(
            try BinaryRunner.run(["doctor", Self.groupUUID(0), "--output", "json"], environment: bed.environment())
                .stdout)
        #expect(findings(single, "TOP007").isEmpty && findings(single, "TOP006").isEmpty)
    }
}
