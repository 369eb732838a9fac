/// MAP010: the mapping's `State` and `StateTransitionReason`.
public struct MappingStateCheck: DoctorCheck {
    public init() {}
    public let name = "mapping-state"
    public var judgesExistingMapping: Bool { true }
    public var codes: [FindingCode] { [.map010] }
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.eventSourceMapping] }
    public func run(_ context: DoctorContext) throws -> [Finding] {
        MappingStatusRules.state(context.snapshot.eventSourceMapping)
    }
}

/// MAP011: `LastProcessingResult`, explained for the chosen authentication method.
public struct ProcessingResultCheck: DoctorCheck {
    public init() {}
    public let name = "processing-result"
    public var judgesExistingMapping: Bool { true }
    public var codes: [FindingCode] { [.map011] }
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.eventSourceMapping] }
    public func run(_ context: DoctorContext) throws -> [Finding] {
        let settings = context.settings
        return ProcessingResult.findings(
            context.snapshot.eventSourceMapping.lastProcessingResult,
            method: context.brokerChoice?.attemptedMethod,
            values: ProcessingResult.FixValues(
                uuid: settings.uuid, clusterArn: context.clusterArn, topic: settings.topic,
                group: settings.effectiveConsumerGroupId, secretArn: context.authSecretArn))
    }
}

/// MAP002–MAP007, MAP012, MAP013, MAP016–MAP019: the mapping's parameters (`MappingParameterRules`).
public struct MappingParametersCheck: DoctorCheck {
    public init() {}
    public let name = "mapping-parameters"
    public var codes: [FindingCode] {
        [.map002, .map003, .map004, .map005, .map006, .map007, .map012, .map013, .map016, .map017, .map018, .map019]
    }
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.eventSourceMapping] }
    public func run(_ context: DoctorContext) throws -> [Finding] {
        MappingParameterRules.findings(context.settings, at: context.now)
    }
}
