import Foundation
import Testing

@testable import MSKESMCore

/// The topic facts (TOP001–TOP005) and the poller groups (TOP006, TOP007): when the MSK topic APIs apply, what the
/// read plan reads, and each rule over a snapshot that holds the answer.
@Suite struct TopicCheckTests {
    static let uuid = "70b1c000-0000-4000-8000-000000000001"
    static let clusterArn = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1"

    static func cluster(type: String = "PROVISIONED", version: String? = "3.6.0", state: String = "ACTIVE")
        -> JSONValue
    {
        var info: [String: JSONValue] = [
            "ClusterArn": .string(clusterArn), "ClusterType": .string(type), "State": .string(state),
        ]
        if type == "PROVISIONED" {
            info["Provisioned"] = version.map { ["CurrentBrokerSoftwareInfo": ["KafkaVersion": .string($0)]] } ?? [:]
        } else {
            info["Serverless"] = ["VpcConfigs": []]
        }
        return ["ClusterInfo": .object(info)]
    }

    static func mapping(source: String = clusterArn, pollers: JSONValue? = nil, metrics: Bool = false) -> JSONValue {
        var mapping: [String: JSONValue] = [
            "UUID": .string(uuid), "EventSourceArn": .string(source), "Topics": ["orders"], "State": "Enabled",
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders",
        ]
        if let pollers { mapping["ProvisionedPollerConfig"] = pollers }
        if metrics { mapping["MetricsConfig"] = ["Metrics": ["EventCount"]] }
        return .object(mapping)
    }

    static func snapshot(
        mapping: JSONValue = Self.mapping(), cluster: JSONValue? = Self.cluster(), partitions: Int? = nil,
        errors: [String: String]? = nil, polled: [Double]? = nil
    ) throws -> Snapshot {
        var document: [String: JSONValue] = ["SnapshotVersion": 1, "EventSourceMapping": mapping]
        if let cluster { document["Cluster"] = cluster }
        if let partitions {
            document["Topics"] = [
                "orders": [
                    "TopicName": "orders", "PartitionCount": .number(Double(partitions)), "ReplicationFactor": 3,
                    "Status": "ACTIVE",
                ]
            ]
        }
        if let errors { document["Errors"] = .object(errors.mapValues { .string($0) }) }
        if let polled {
            let start = Date(timeIntervalSince1970: 1_796_000_000)
            let series = MetricSeries(
                query: MetricQuery(
                    namespace: "AWS/Lambda", metricName: "PolledEventCount",
                    dimensions: [MetricDimension("EventSourceMappingUUID", uuid)], stat: "Sum", period: 60),
                timestamps: polled.indices.map { AWSTimestamp(start.addingTimeInterval(Double($0) * 60)) },
                values: polled)
            document["MetricData"] = try JSONValue(
                encoding: SnapshotMetricData(
                    startTime: AWSTimestamp(start), endTime: AWSTimestamp(start.addingTimeInterval(3600)),
                    series: [series]))
        }
        return try Snapshot.decode(.object(document), source: "test")
    }

    func run(_ snapshot: Snapshot) throws -> [Finding] {
        try TopicCheck().run(DoctorContext(snapshot: snapshot, now: Date()))
    }

    // MARK: When the MSK topic APIs apply

    @Test(
        arguments: [
            ("PROVISIONED", "3.6.0", "ACTIVE", nil),
            ("PROVISIONED", "3.7.x.kraft", "ACTIVE", nil),
            ("PROVISIONED", "4.0.x.kraft", "ACTIVE", nil),
            ("PROVISIONED", "3.5.1", "ACTIVE", "Apache Kafka 3.5.1"),
            ("PROVISIONED", "2.8.1", "ACTIVE", "Apache Kafka 2.8.1"),
            ("PROVISIONED", "3.6.0", "UPDATING", "the cluster is UPDATING"),
            ("SERVERLESS", "", "ACTIVE", "MSK Serverless"),
        ] as [(String, String, String, String?)])
    func theTopicAPIsAnswerForProvisionedActiveClustersFrom36(
        type: String, version: String, state: String, reason: String?
    )
        throws
    {
        let cluster = MappingFacts.typedCluster(Self.cluster(type: type, version: version, state: state))
        let found = TopicReadSupport.skipReason(eventSourceArn: Self.clusterArn, cluster: cluster)
        if let reason {
            #expect(found?.contains(reason) == true, "\(found ?? "nil")")
        } else {
            #expect(found == nil)
        }
    }

    @Test func selfManagedAndCrossAccountClustersAreNotAsked() {
        #expect(TopicReadSupport.skipReason(eventSourceArn: nil, cluster: nil)?.contains("self-managed") == true)
        let connection = "arn:aws:kafka:us-east-1:123456789012:vpc-connection/123456789012/orders/abc-1"
        #expect(
            TopicReadSupport.skipReason(eventSourceArn: connection, cluster: nil)?.contains("VPC connection") == true)
    }

    @Test func thePlanDescribesTheTopicOnlyOnceTheClusterSaysTheAPIsApply() {
        let plan = MappingReadPlan(mapping: Self.mapping(), readsMetrics: false)
        let describe = SnapshotRead(.describeTopic(clusterArn: Self.clusterArn, topicName: "orders"))
        #expect(!plan.reads(after: [:]).contains(describe))
        let provisioned: MappingReadPlan.Outputs = [
            SnapshotRead(.describeClusterV2(clusterArn: Self.clusterArn)): .some(Self.cluster())
        ]
        #expect(plan.reads(after: provisioned).contains(describe))
        #expect(describe.label == "kafka.DescribeTopic" && describe.parts == [.topics])
        for cluster in [Self.cluster(type: "SERVERLESS"), Self.cluster(version: "3.5.1")] {
            let outputs: MappingReadPlan.Outputs = [
                SnapshotRead(.describeClusterV2(clusterArn: Self.clusterArn)): .some(cluster)
            ]
            #expect(!plan.reads(after: outputs).contains(describe))
        }
        // The answer goes under Topics, by topic name.
        var outputs = provisioned
        outputs[describe] = .some(["TopicName": "orders", "PartitionCount": 6])
        #expect(plan.parts(from: outputs)["Topics"]?["orders"]?["PartitionCount"] == 6)
    }

    // MARK: The rules

    @Test func aTopicThatDoesNotExistFails() throws {
        let snapshot = try Self.snapshot(
            errors: ["kafka.DescribeTopic": "NotFoundException: topic orders does not exist"])
        let findings = try run(snapshot)
        #expect(findings.map(\.code) == ["TOP001"])
        #expect(findings.first?.severity == .fail)
        // The entry is the topic check's: no ACC finding for it.
        let report = try Doctor().run(snapshot, at: Date())
        #expect(!report.findings.contains { $0.code.hasPrefix("ACC") })
        #expect(report.verdict == .fail)
    }

    @Test func aDeniedReadIsSkippedWithThePermissionsNotFailed() throws {
        let snapshot = try Self.snapshot(
            errors: ["kafka.DescribeTopic": "ForbiddenException: User is not authorized to perform DescribeTopic"])
        let findings = try run(snapshot)
        #expect(findings.map(\.code) == ["TOP005"])
        #expect(findings.first?.severity == .skipped)
        #expect(findings.first?.evidence["denied"] == true)
        #expect(findings.first?.fix.contains("kafka-cluster:DescribeTopic") == true)
        let report = try Doctor().run(snapshot, at: Date())
        #expect(!report.findings.contains { $0.code.hasPrefix("ACC") })
        #expect(!report.findings.contains { $0.code.hasPrefix("TOP") && $0.severity == .fail })
    }

    @Test(
        arguments: [
            (TopicCheckTests.cluster(type: "SERVERLESS"), "MSK Serverless"),
            (TopicCheckTests.cluster(version: "2.8.1"), "Apache Kafka 2.8.1"),
            (nil, "the cluster could not be read"),
        ] as [(JSONValue?, String)])
    func aClusterWithoutTheTopicAPIsIsAnInfoWithItsReason(cluster: JSONValue?, reason: String) throws {
        let findings = try run(try Self.snapshot(cluster: cluster))
        #expect(findings.map(\.code) == ["TOP005"])
        #expect(findings.first?.severity == .info)
        #expect(findings.first?.evidence["reason"]?.stringValue?.contains(reason) == true)
    }

    @Test func aSelfManagedClusterIsAnInfo() throws {
        var mapping = Self.mapping().objectValue ?? [:]
        mapping["EventSourceArn"] = nil
        mapping["SelfManagedEventSource"] = ["Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": ["b-1.example.com:9092"]]]
        let findings = try run(try Self.snapshot(mapping: .object(mapping), cluster: nil))
        #expect(findings.first?.severity == .info)
        #expect(findings.first?.evidence["reason"]?.stringValue?.contains("self-managed") == true)
    }

    @Test func minimumPollersAboveThePartitionsWarns() throws {
        let findings = try run(
            try Self.snapshot(
                mapping: Self.mapping(pollers: ["MinimumPollers": 6, "MaximumPollers": 10]), partitions: 4)
        )
        #expect(findings.map(\.code) == ["TOP001", "TOP002"])
        #expect(findings[0].severity == .pass)
        let warn = findings[1]
        #expect(warn.severity == .warn)
        #expect(warn.evidence["partitionCount"] == 4 && warn.evidence["minimumPollers"] == 6)
        #expect(warn.fix.contains("MinimumPollers=4,MaximumPollers=10"))
    }

    @Test(
        arguments: [(1, 4, 4, false), (4, 4, 4, false), (2, 10, 4, true), (1, nil, 4, false)]
            as [(Int, Int?, Int, Bool)])
    func maximumPollersAboveThePartitionsIsCapped(minimum: Int, maximum: Int?, partitions: Int, capped: Bool) throws {
        var pollers: [String: JSONValue] = ["MinimumPollers": .number(Double(minimum))]
        if let maximum { pollers["MaximumPollers"] = .number(Double(maximum)) }
        let findings = try run(
            try Self.snapshot(mapping: Self.mapping(pollers: .object(pollers)), partitions: partitions))
        #expect(!findings.contains { $0.code == "TOP002" })
        #expect(findings.contains { $0.code == "TOP003" && $0.severity == .info } == capped)
    }

    @Test func withoutProvisionedModeOnlyTheTopicIsJudged() throws {
        let findings = try run(try Self.snapshot(partitions: 1, polled: [600]))
        #expect(findings.map(\.code) == ["TOP001"])
        #expect(findings.first?.title == "topic orders exists with 1 partitions")
    }

    @Test func sizingGuidanceFromThePeakOfPolledEvents() throws {
        // Peak 6,000 events a minute = 100 events/s; 2 minimum pollers = 10 MB/s → 100 KB per record; the 8
        // partitions cap MaximumPollers 20 at 8 pollers = 40 MB/s → 400 KB per record.
        let findings = try run(
            try Self.snapshot(
                mapping: Self.mapping(pollers: ["MinimumPollers": 2, "MaximumPollers": 20], metrics: true),
                partitions: 8, polled: [600, 6000, 1200]))
        let guidance = try #require(findings.first { $0.code == "TOP004" })
        #expect(guidance.severity == .info)
        #expect(guidance.evidence["peakEventsPerSecond"] == 100)
        #expect(guidance.evidence["workingPollers"] == 8)
        #expect(guidance.detail.contains("under 100 KB") && guidance.detail.contains("under 400 KB"))
        #expect(guidance.title.hasPrefix("guidance:"))
    }

    @Test func guidanceCountsOnlyThePollersThatHaveAPartition() throws {
        // MinimumPollers 6 over 4 partitions: 4 pollers work, at 100 events/s 200 KB per record either way.
        let findings = try run(
            try Self.snapshot(
                mapping: Self.mapping(pollers: ["MinimumPollers": 6, "MaximumPollers": 20], metrics: true),
                partitions: 4, polled: [6000]))
        let guidance = try #require(findings.first { $0.code == "TOP004" })
        #expect(guidance.title.hasSuffix("4 to 4 working pollers"))
        #expect(guidance.evidence["minimumPollers"] == 4)
        #expect(!guidance.detail.contains("300 KB"))
    }

    @Test func noGuidanceWithoutPolledEvents() throws {
        let findings = try run(
            try Self.snapshot(mapping: Self.mapping(pollers: ["MinimumPollers": 1]), partitions: 8, polled: [0, 0]))
        #expect(!findings.contains { $0.code == "TOP004" })
    }

    // MARK: Poller groups

    static func member(_ index: Int, group: String?, maximum: Int?, region: String = "us-east-1")
        -> (region: String, mapping: JSONValue)
    {
        var config: [String: JSONValue] = ["MinimumPollers": 1]
        if let group { config["PollerGroupName"] = .string(group) }
        if let maximum { config["MaximumPollers"] = .number(Double(maximum)) }
        return (
            region,
            [
                "UUID": .string(String(format: "70b1c000-0000-4000-8000-%012d", index)),
                "ProvisionedPollerConfig": .object(config),
            ]
        )
    }

    @Test func aGroupOfMoreThan100MappingsWarnsOnEachOfThem() {
        let members = (0..<101).map { Self.member($0, group: "shared", maximum: 10) }
        let findings = PollerGroupRules.findings(members)
        #expect(findings.count == 101)
        #expect(findings.values.allSatisfy { $0.map(\.code) == ["TOP006"] && $0.first?.severity == .warn })
        #expect(findings.values.first?.first?.evidence["mappings"] == 101)
        // 100 is within the limit.
        let hundred = PollerGroupRules.findings(Array(members.prefix(100)))
        #expect(hundred.values.allSatisfy { $0.map(\.severity) == [.pass] })
    }

    @Test func maximumPollersAddingUpToMoreThan2000Warn() {
        // 10 mappings naming 200 each is 2,000 (within); one more naming none counts Lambda's default, 200.
        let within = (0..<10).map { Self.member($0, group: "g", maximum: 200) }
        #expect(PollerGroupRules.findings(within).values.allSatisfy { $0.map(\.severity) == [.pass] })
        let over = within + [Self.member(10, group: "g", maximum: nil)]
        let findings = PollerGroupRules.findings(over)
        #expect(findings.values.allSatisfy { $0.map(\.code) == ["TOP007"] })
        #expect(findings.values.first?.first?.evidence["maximumPollers"] == 2200)
    }

    @Test func groupsAreCountedPerRegionAndNameAndOnlyForNamedGroups() {
        let members =
            (0..<60).map { Self.member($0, group: "g", maximum: 1) }
            + (60..<120).map { Self.member($0, group: "g", maximum: 1, region: "eu-west-1") }
            + (120..<130).map { Self.member($0, group: nil, maximum: 2000) }
        let groups = PollerGroupRules.groups(members)
        #expect(
            groups.map { "\($0.region)/\($0.name) \($0.mappings.count) \($0.maximumPollers)" } == [
                "us-east-1/g 60 60", "eu-west-1/g 60 60",
            ])
        let findings = PollerGroupRules.findings(members)
        #expect(findings.count == 120)
        #expect(findings.values.allSatisfy { $0.map(\.severity) == [.pass] })
    }
}
