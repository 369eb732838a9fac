/// MAP010: the mapping's `State` and `StateTransitionReason`.
public struct MappingStateCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `mapping-state`, as listed in `summary.checks`.
    public let name = "mapping-state"
    /// True: the state of a mapping that does not exist yet means nothing, so the preflight leaves this check out.
    public var judgesExistingMapping: Bool { true }
    /// MAP010.
    public var codes: [FindingCode] { [.map010] }
    /// The mapping (`EventSourceMapping`).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.eventSourceMapping] }
    /// The MAP010 finding for `State` and `StateTransitionReason` (`MappingStatusRules`).
    public func run(_ context: DoctorContext) throws -> [Finding] {
        MappingStatusRules.state(context.snapshot.eventSourceMapping)
    }
}

/// MAP011: `LastProcessingResult`, explained for the chosen authentication method.
public struct ProcessingResultCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `processing-result`, as listed in `summary.checks`.
    public let name = "processing-result"
    /// True: only a mapping that has polled has a `LastProcessingResult`, so the preflight leaves this check out.
    public var judgesExistingMapping: Bool { true }
    /// MAP011.
    public var codes: [FindingCode] { [.map011] }
    /// The mapping (`EventSourceMapping`).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.eventSourceMapping] }
    /// The MAP011 finding explaining `LastProcessingResult`, with fixes filled in from this mapping's values.
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
    /// The check; it has no settings.
    public init() {}
    /// `mapping-parameters`, as listed in `summary.checks`.
    public let name = "mapping-parameters"
    /// The MAP codes of `MappingParameterRules`.
    public var codes: [FindingCode] {
        [.map002, .map003, .map004, .map005, .map006, .map007, .map012, .map013, .map016, .map017, .map018, .map019]
    }
    /// The mapping (`EventSourceMapping`).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.eventSourceMapping] }
    /// The findings of `MappingParameterRules` for the mapping's settings, dates judged at the context's instant.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        MappingParameterRules.findings(context.settings, at: context.now)
    }
}
