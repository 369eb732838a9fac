/// MAP014: the function exists, is Active and its last update did not fail. A function that could not be
/// found (a `ResourceNotFoundException` in `Errors`) is a failure, not a skipped check.
public struct FunctionStateCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `function-state`, as listed in `summary.checks`.
    public let name = "function-state"
    /// MAP014.
    public var codes: [FindingCode] { [.map014] }
    /// The `Function` part, unless `Errors` says the function was not found, which the check reports itself.
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] {
        FunctionStateCheck.notFound(snapshot) == nil ? [.function] : []
    }

    static func notFound(_ snapshot: Snapshot) -> String? {
        guard snapshot.function == nil else { return nil }
        return snapshot.errors(for: .function).first { $0.message.contains("ResourceNotFound") }?.message
    }

    /// The MAP014 finding: the function is missing, or its `State` and `LastUpdateStatus`.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        if let message = FunctionStateCheck.notFound(context.snapshot) {
            return [
                MappingStatusRules.functionMissing(
                    name: context.snapshot.eventSourceMapping.functionArn, message: message,
                    mappingUUID: context.snapshot.eventSourceMapping.uuid)
            ]
        }
        guard let function = context.snapshot.function else { return [] }
        return MappingStatusRules.functionState(function)
    }
}

/// MAP001: the function timeout is at most 840 s.
public struct FunctionTimeoutCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `function-timeout`, as listed in `summary.checks`.
    public let name = "function-timeout"
    /// MAP001.
    public var codes: [FindingCode] { [.map001] }
    /// The `Function` part (`GetFunctionConfiguration`).
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.function] }
    /// The MAP001 finding for the function's `Timeout`.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        guard let function = context.snapshot.function else { return [] }
        return MappingStatusRules.functionTimeout(function)
    }
}
