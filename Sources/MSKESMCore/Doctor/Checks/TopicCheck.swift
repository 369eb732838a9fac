import Foundation

/// TOP001–TOP005: the mapping's topic as Amazon MSK's control plane describes it (`Topics`, from `DescribeTopic`,
/// no broker connection needed), and the provisioned pollers that share its partitions.
///
/// - The topic must exist (TOP001): Lambda polls only topics that exist.
/// - Provisioned mode (https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html): to keep records
///   of a partition in order, Lambda caps the pollers at the topic's partition count, so `MinimumPollers` above it
///   keeps pollers that have no partition (TOP002), and `MaximumPollers` above it is never reached (TOP003). An
///   event poller handles up to about 5 MB/s; TOP004 sets that against the polled events per second, as guidance.
/// - The topic APIs answer only for MSK Provisioned clusters on Apache Kafka 3.6.0 or later that are `ACTIVE`
///   (https://docs.aws.amazon.com/msk/latest/developerguide/msk-view-topic-information.html): otherwise, or
///   when the read fails, TOP005 says why the topic was not described; a failed read is `skipped`, never a
///   failure of the mapping.
public struct TopicCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `topic`, as listed in `summary.checks`.
    public let name = "topic"
    /// TOP001–TOP005.
    public var codes: [FindingCode] { Array(FindingCode.topicCodes.prefix(5)) }
    /// None: the check says itself why `Topics` is missing (TOP005).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [] }

    /// About 5 MB/s per event poller, for Kafka (https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html).
    public static let bytesPerSecondPerPoller = 5_000_000.0
    /// The defaults of `ProvisionedPollerConfig` for Kafka
    /// (https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html).
    public static let defaultMinimumPollers = 1
    /// The default `MaximumPollers` for Kafka.
    public static let defaultMaximumPollers = 200

    /// The findings for each of the mapping's topics.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let snapshot = context.snapshot
        let mapping = snapshot.eventSourceMapping
        var findings: [Finding] = []
        for topic in mapping.topics ?? [] {
            if let described = snapshot.topics?[topic] {
                findings += Self.rules(topic: topic, described: described, snapshot: snapshot)
            } else {
                findings.append(Self.notDescribed(topic: topic, snapshot: snapshot))
            }
        }
        return findings
    }

    /// TOP001 or TOP005 for a topic the snapshot has no description of.
    static func notDescribed(topic: String, snapshot: Snapshot) -> Finding {
        let mapping = snapshot.eventSourceMapping
        let evidence: [String: JSONValue] = ["topic": .string(topic)]
        if let message = snapshot.errors?["kafka.DescribeTopic"] {
            if message.hasPrefix("NotFoundException") {
                return Finding(
                    code: .top001, severity: .fail, title: "topic \(topic) does not exist on the cluster",
                    detail:
                        "DescribeTopic answered \(message.prefix(200)). Lambda cannot poll a topic that does not exist "
                        + "(topic names are case-sensitive; the MSK topic APIs reflect changes within about a minute).",
                    fix: "create the topic on the cluster, or point the mapping at the right one "
                        + "(the topic of an existing mapping cannot be changed: create a new mapping)",
                    evidence: evidence.merging(["message": .string(String(message.prefix(300)))]) { $1 })
            }
            let denied = SnapshotErrorsCheck.isDenial(message)
            let actions = TopicReadSupport.requiredActions.joined(separator: "\",\"")
            return Finding(
                code: .top005, severity: .skipped, title: "topic \(topic) could not be described",
                detail: "kafka.DescribeTopic failed: \(message.prefix(200)). The topic's existence and partition count "
                    + "are unknown; the mapping is not judged on them.",
                fix: denied
                    ? "allow the caller of msk-esm {\"Effect\":\"Allow\",\"Action\":[\"\(actions)\"],"
                        + "\"Resource\":[\"<cluster ARN>\",\"<topic ARN>\"]} "
                        + "(https://docs.aws.amazon.com/msk/latest/developerguide/msk-view-topic-information.html)"
                    : "run msk-esm snapshot again, or add Topics by hand from aws kafka describe-topic",
                evidence: evidence.merging([
                    "message": .string(String(message.prefix(300))), "denied": .bool(denied),
                    "permissions": .array(TopicReadSupport.requiredActions.map(JSONValue.string)),
                ]) { $1 })
        }
        let reason = TopicReadSupport.skipReason(
            eventSourceArn: mapping.eventSourceArn, cluster: snapshot.cluster?.clusterInfo)
        return Finding(
            code: .top005, severity: .info, title: "topic \(topic) was not described",
            detail: "Not read through the MSK topic APIs: "
                + (reason ?? "Topics is not in the snapshot (taken by an earlier msk-esm)") + ".",
            fix: reason == nil ? "take the snapshot again with msk-esm snapshot" : "",
            evidence: evidence.merging(["reason": .string(reason ?? "Topics is not in the snapshot")]) { $1 })
    }

    /// The pass, TOP002, TOP003 and TOP004 for a described topic.
    static func rules(topic: String, described: DescribeTopicOutput, snapshot: Snapshot) -> [Finding] {
        let mapping = snapshot.eventSourceMapping
        let uuid = mapping.uuid ?? "<uuid>"
        guard let partitions = described.partitionCount, partitions > 0 else {
            return [
                Finding(
                    code: .top001, severity: .pass, title: "topic \(topic) exists",
                    detail: "DescribeTopic describes it (status \(described.status ?? "unknown")).",
                    evidence: ["topic": .string(topic)])
            ]
        }
        var findings = [
            Finding(
                code: .top001, severity: .pass, title: "topic \(topic) exists with \(partitions) partitions",
                detail: "DescribeTopic: \(partitions) partitions, replication factor "
                    + "\(described.replicationFactor.map(String.init) ?? "unknown"), status \(described.status ?? "unknown").",
                evidence: ["topic": .string(topic), "partitionCount": .number(Double(partitions))])
        ]
        guard let pollers = mapping.provisionedPollerConfig else { return findings }
        let minimum = pollers.minimumPollers ?? defaultMinimumPollers
        let maximum = pollers.maximumPollers ?? defaultMaximumPollers
        let evidence: [String: JSONValue] = [
            "topic": .string(topic), "partitionCount": .number(Double(partitions)),
            "minimumPollers": .number(Double(minimum)), "maximumPollers": .number(Double(maximum)),
        ]
        if minimum > partitions {
            findings.append(
                Finding(
                    code: .top002, severity: .warn,
                    title: "MinimumPollers \(minimum) is above the \(partitions) partitions of \(topic)",
                    detail: "Lambda gives each partition to at most one poller, to keep its records in order: "
                        + "\(minimum - partitions) of the minimum pollers have no partition and stay idle, "
                        + "billed all the same (https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html).",
                    fix: "aws lambda update-event-source-mapping --uuid \(uuid) --provisioned-poller-config "
                        + "MinimumPollers=\(partitions),MaximumPollers=\(maximum)"
                        + (pollers.pollerGroupName.map { ",PollerGroupName=\($0)" } ?? "")
                        + " (or add partitions to the topic)",
                    evidence: evidence))
        } else if pollers.maximumPollers != nil, maximum > partitions {
            findings.append(
                Finding(
                    code: .top003, severity: .info,
                    title: "MaximumPollers \(maximum) is above the \(partitions) partitions of \(topic)",
                    detail: "Lambda caps the pollers at the topic's partition count, so at most \(partitions) "
                        + "pollers will work; add partitions to scale further "
                        + "(https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html).",
                    evidence: evidence))
        }
        if let guidance = sizingGuidance(
            topic: topic, partitions: partitions, minimum: minimum, maximum: maximum, snapshot: snapshot)
        {
            findings.append(guidance)
        }
        return findings
    }

    /// TOP004: the peak polled events per second (the mapping's own `PolledEventCount`, a sum per minute) set
    /// against the pollers' throughput. Only guidance: CloudWatch counts events, not bytes, so the record size
    /// that the pollers keep up with is what the finding states.
    static func sizingGuidance(topic: String, partitions: Int, minimum: Int, maximum: Int, snapshot: Snapshot)
        -> Finding?
    {
        let view = MappingMetricsView(snapshot)
        guard let series = view.series("PolledEventCount"), let peak = series.values.max(), peak > 0 else {
            return nil
        }
        let period = Double(series.query.period > 0 ? series.query.period : MappingMetricCatalogue.period)
        let perSecond = peak / period
        let working = min(maximum, partitions)
        // Pollers beyond the partitions have nothing to poll (TOP002): they add no throughput.
        let kept = min(minimum, working)
        func kilobytes(_ pollers: Int) -> String {
            let bytes = Double(pollers) * bytesPerSecondPerPoller / perSecond
            return String(format: "%.0f KB", bytes / 1000)
        }
        let rate = String(format: "%.1f", perSecond)
        return Finding(
            code: .top004, severity: .info,
            title: "guidance: \(rate) events/s at peak; \(kept) to \(working) working pollers",
            detail: "At the peak of \(rate) events/s polled (PolledEventCount, \(view.windowText)), and about 5 MB/s "
                + "per event poller (https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html), the "
                + "\(kept) minimum pollers that have a partition keep up while records average under "
                + "\(kilobytes(kept)); the "
                + "\(working) pollers that can work (MaximumPollers \(maximum), \(partitions) partitions of "
                + "\(topic)) while they average under \(kilobytes(working)). Guidance only: a poller is also bound "
                + "by about 5 concurrent invocations, and by the function's duration.",
            evidence: [
                "topic": .string(topic), "peakEventsPerSecond": .number(perSecond),
                "minimumPollers": .number(Double(kept)), "workingPollers": .number(Double(working)),
                "bytesPerSecondPerPoller": .number(bytesPerSecondPerPoller),
            ])
    }
}
