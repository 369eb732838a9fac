/// BRK001–BRK007: which brokers and which authentication Lambda uses (``BrokerSelector``). MSK mappings need
/// the `Cluster` part; self-managed mappings only the mapping.
public struct BrokerChoiceCheck: DoctorCheck {
    public init() {}
    public let name = "broker-choice"
    public var codes: [FindingCode] { FindingCode.brokerCodes }

    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] {
        BrokerChoiceCheck.isSelfManaged(snapshot) ? [] : [.cluster]
    }

    static func isSelfManaged(_ snapshot: Snapshot) -> Bool {
        snapshot.eventSourceMapping.eventSourceArn == nil
            && !(snapshot.eventSourceMapping.selfManagedEventSource?.bootstrapServers ?? []).isEmpty
    }

    /// The broker choice for a snapshot, or nil when the parts it needs are missing.
    public static func choice(for snapshot: Snapshot) -> BrokerChoice? {
        let mapping = snapshot.eventSourceMapping
        if isSelfManaged(snapshot) {
            return BrokerSelector.select(BrokerSelectionInput(mapping: mapping, cluster: nil, bootstrapBrokers: nil))
        }
        guard let cluster = snapshot.cluster?.clusterInfo else { return nil }
        return BrokerSelector.select(
            BrokerSelectionInput(mapping: mapping, cluster: cluster, bootstrapBrokers: snapshot.bootstrapBrokers))
    }

    public func run(_ context: DoctorContext) throws -> [Finding] {
        context.brokerChoice?.findings ?? []
    }
}
