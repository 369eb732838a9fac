/// BRK001–BRK007: which brokers and which authentication Lambda uses (``BrokerSelector``). MSK mappings need
/// the `Cluster` part; self-managed mappings only the mapping.
public struct BrokerChoiceCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `broker-choice`, as listed in `summary.checks`.
    public let name = "broker-choice"
    /// BRK001–BRK007.
    public var codes: [FindingCode] { FindingCode.brokerCodes }

    /// The `Cluster` part for an MSK mapping; nothing for a self-managed one, whose brokers are in the mapping.
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

    /// The findings of the context's broker choice (``DoctorContext/brokerChoice``).
    public func run(_ context: DoctorContext) throws -> [Finding] {
        context.brokerChoice?.findings ?? []
    }
}
