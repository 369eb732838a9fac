import Foundation

/// `aws kafka describe-topic`: a topic's partition count and replication factor as the MSK control plane reports
/// them (https://docs.aws.amazon.com/msk/latest/developerguide/msk-view-topic-information.html), read without a
/// connection to the brokers.
public struct DescribeTopicOutput: Codable, Sendable, Equatable {
    /// `TopicArn`.
    public var topicArn: String?
    /// `TopicName`.
    public var topicName: String?
    /// `ReplicationFactor`.
    public var replicationFactor: Int?
    /// `PartitionCount`: what provisioned pollers can share (one poller per partition at most).
    public var partitionCount: Int?
    /// `Configs`: the topic's configuration, base64-encoded JSON, kept as read.
    public var configs: String?
    /// `Status`, e.g. `ACTIVE`.
    public var status: String?

    /// A topic description from its fields.
    public init(
        topicArn: String? = nil, topicName: String? = nil, replicationFactor: Int? = nil, partitionCount: Int? = nil,
        configs: String? = nil, status: String? = nil
    ) {
        self.topicArn = topicArn
        self.topicName = topicName
        self.replicationFactor = replicationFactor
        self.partitionCount = partitionCount
        self.configs = configs
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case topicArn = "TopicArn"
        case topicName = "TopicName"
        case replicationFactor = "ReplicationFactor"
        case partitionCount = "PartitionCount"
        case configs = "Configs"
        case status = "Status"
    }
}

/// Whether Amazon MSK's topic APIs (`DescribeTopic`) can answer for a mapping's cluster. They exist only for MSK
/// Provisioned clusters that run Apache Kafka 3.6.0 or later and are `ACTIVE`
/// (https://docs.aws.amazon.com/msk/latest/developerguide/msk-view-topic-information.html); a self-managed
/// cluster has no MSK API at all, and a cross-account cluster (a VPC connection) belongs to another account.
public enum TopicReadSupport {
    /// The first Apache Kafka version whose clusters answer the topic APIs.
    public static let minimumKafkaVersion = (major: 3, minor: 6)

    /// The IAM actions the topic APIs need, per the MSK guide's table of required permissions
    /// (https://docs.aws.amazon.com/msk/latest/developerguide/msk-view-topic-information.html).
    public static let requiredActions = ["kafka-cluster:Connect", "kafka-cluster:DescribeTopic"]

    /// Why the topic APIs cannot be asked about this mapping's topics, or nil when they can. `cluster` is the
    /// `describe-cluster-v2` of a mapping whose `EventSourceArn` is an MSK cluster (nil when not read).
    public static func skipReason(eventSourceArn: String?, cluster: KafkaCluster?) -> String? {
        guard let source = eventSourceArn, source.contains(":kafka:") else {
            return "a self-managed Kafka cluster: the MSK topic APIs answer only for MSK Provisioned clusters"
        }
        if MappingFacts.isVpcConnectionArn(source) {
            return
                "a cluster of another account reached through a VPC connection: its topics are described in that account"
        }
        guard let cluster else { return "the cluster could not be read" }
        if cluster.isServerless {
            return "an MSK Serverless cluster: the MSK topic APIs are not available for serverless clusters"
        }
        if let version = cluster.provisioned?.currentBrokerSoftwareInfo?.kafkaVersion,
            let (major, minor) = majorMinor(version),
            (major, minor) < (minimumKafkaVersion.major, minimumKafkaVersion.minor)
        {
            return "Apache Kafka \(version): the MSK topic APIs need Apache Kafka 3.6.0 or later"
        }
        if let state = cluster.state, state != "ACTIVE" {
            return "the cluster is \(state): the MSK topic APIs answer only for an ACTIVE cluster"
        }
        return nil
    }

    /// `3.6.0`, `3.7.x.kraft` → (3, 6), (3, 7); nil when the version does not start with two numbers.
    static func majorMinor(_ version: String) -> (Int, Int)? {
        let parts = version.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return (major, minor)
    }
}
