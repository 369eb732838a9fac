/// MAP015: the OffsetLag trend from `Metrics.OffsetLag` (GetMetricData output).
public struct OffsetLagCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `offset-lag`, as listed in `summary.checks`.
    public let name = "offset-lag"
    /// True: a mapping that does not exist yet has no lag, so the preflight leaves this check out.
    public var judgesExistingMapping: Bool { true }
    /// MAP015.
    public var codes: [FindingCode] { [.map015] }
    /// The CloudWatch `OffsetLag` data (`Metrics`).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.metrics] }
    /// The MAP015 finding for the lag's trend, or none when `Metrics` holds no `OffsetLag` series.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        guard let output = context.snapshot.metrics?.offsetLag else { return [] }
        return MappingStatusRules.offsetLag(output, mappingUUID: context.snapshot.eventSourceMapping.uuid)
    }
}
