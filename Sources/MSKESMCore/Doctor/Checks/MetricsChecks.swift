/// MAP015: the OffsetLag trend from `Metrics.OffsetLag` (GetMetricData output).
public struct OffsetLagCheck: DoctorCheck {
    public init() {}
    public let name = "offset-lag"
    public var judgesExistingMapping: Bool { true }
    public var codes: [FindingCode] { [.map015] }
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.metrics] }
    public func run(_ context: DoctorContext) throws -> [Finding] {
        guard let output = context.snapshot.metrics?.offsetLag else { return [] }
        return MappingStatusRules.offsetLag(output, mappingUUID: context.snapshot.eventSourceMapping.uuid)
    }
}
