/// The checks `msk-esm doctor` runs, in report order. To add a check: write a `DoctorCheck` under `Checks/`
/// and add one line here.
public enum DoctorCatalogue {
    /// Every check, in the order its findings appear in a report before they are sorted by severity.
    public static let checks: [any DoctorCheck] = [
        SnapshotErrorsCheck(),
        MappingStateCheck(),
        ProcessingResultCheck(),
        MappingParametersCheck(),
        FilterCriteriaCheck(),
        FunctionStateCheck(),
        FunctionTimeoutCheck(),
        BrokerChoiceCheck(),
        SecretAnalysisCheck(),
        SecretPlacementCheck(),
        ExecutionRoleCheck(),
        NetworkPathCheck(),
        SchemaRegistryCheck(),
        OffsetLagCheck(),
        MappingMetricsCheck(),
        TopicCheck(),
    ]
}
