/// FLT001–FLT006: the mapping's `FilterCriteria` (``FilterCriteriaRules``): patterns Lambda refuses or that can
/// never match, filters on fields Kafka records cannot be filtered on, the quota, the length limit, and the KMS
/// key that encrypts them (`KmsKeys` describes it when the snapshot read it). Needs only the mapping.
public struct FilterCriteriaCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `filter-criteria`, as listed in `summary.checks`.
    public let name = "filter-criteria"
    /// FLT001–FLT006.
    public var codes: [FindingCode] { FindingCode.filterCodes }
    /// Nothing beyond the mapping.
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [] }

    /// The FLT findings of the snapshot's mapping.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        FilterCriteriaRules.evaluate(FilterCriteriaRules.Input(snapshot: context.snapshot)).findings
    }
}

extension FilterCriteriaRules.Input {
    /// The input of a snapshot's mapping, with its filter key from `KmsKeys` when the snapshot described it.
    public init(snapshot: Snapshot) {
        let mapping = snapshot.eventSourceMapping
        let key = mapping.kmsKeyArn.flatMap { DoctorContext.keyMetadata($0, in: snapshot.kmsKeys ?? [:]) }
        self.init(mapping: mapping, key: key)
    }
}
