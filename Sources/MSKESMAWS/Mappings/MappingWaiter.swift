import Foundation
import MSKESMCore

/// Polls a mapping's `State` until it settles (`msk-esm wait`, `--wait`). Lambda changes state
/// asynchronously: Creating/Enabling/Updating → Enabled, Disabling → Disabled, Deleting → gone
/// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html). Cancellable: it sleeps
/// with `Task.sleep`, which throws `CancellationError` when the task is cancelled (the REPL's Ctrl-C).
public struct MappingWaiter: Sendable {
    /// The state waited for.
    public enum Target: String, Sendable, CaseIterable {
        case enabled, disabled, deleted

        /// The `State` value that ends the wait (nil for deleted: the mapping is gone).
        public var state: String? {
            switch self {
            case .enabled: "Enabled"
            case .disabled: "Disabled"
            case .deleted: nil
            }
        }
    }

    /// How a wait ended.
    public enum Outcome: Sendable, Equatable {
        /// The target state was reached; the mapping as last read (nil when deleted).
        case reached(JSONValue?)
        /// The mapping settled in another state (or vanished): the mapping as last read.
        case settledElsewhere(JSONValue?)
        /// Still in a transitional state when the time ran out.
        case timedOut(JSONValue)
    }

    public static let transitionalStates: Set<String> = ["Creating", "Enabling", "Updating", "Disabling", "Deleting"]

    public var lambda: LambdaClient
    public var timeout: TimeInterval
    /// The first pause between polls; it grows by half each time, up to `maximumInterval`.
    public var interval: TimeInterval
    public var maximumInterval: TimeInterval
    /// Called with each state read (for a progress line).
    public var progress: (@Sendable (String) -> Void)?

    public init(
        lambda: LambdaClient, timeout: TimeInterval = 600, interval: TimeInterval = 2,
        maximumInterval: TimeInterval = 15,
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.lambda = lambda
        self.timeout = timeout
        self.interval = interval
        self.maximumInterval = max(interval, maximumInterval)
        self.progress = progress
    }

    /// Polls mapping `uuid` until it reaches `target`, settles elsewhere, or `timeout` passes.
    /// - Throws: `CancellationError` when cancelled; the read's error when a read fails (after retries), except
    ///   a not-found, which means deleted.
    public func wait(uuid: String, for target: Target) async throws -> Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        var pause = interval
        while true {
            try Task.checkCancellation()
            let mapping: JSONValue
            do {
                mapping = try await lambda.getEventSourceMapping(uuid: uuid)
            } catch let error as AWSError where error.kind == .notFound {
                progress?("deleted")
                return target == .deleted ? .reached(nil) : .settledElsewhere(nil)
            }
            let state = mapping["State"]?.stringValue ?? ""
            progress?(state)
            if let wanted = target.state, state == wanted { return .reached(mapping) }
            if !Self.transitionalStates.contains(state) { return .settledElsewhere(mapping) }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut(mapping) }
            try await Task.sleep(nanoseconds: UInt64(min(pause, remaining) * 1_000_000_000))
            pause = min(pause * 1.5, maximumInterval)
        }
    }

    /// The findings that explain where a mapping ended up: MAP010 (State, StateTransitionReason) and MAP011
    /// (LastProcessingResult, explained).
    public static func explanation(of mapping: JSONValue) -> [Finding] {
        guard let data = try? JSONEncoder().encode(mapping),
            let decoded = try? JSONDecoder().decode(EventSourceMappingConfiguration.self, from: data)
        else { return [] }
        let method = (decoded.sourceAccessConfigurations ?? []).compactMap {
            $0.type.flatMap(AuthMethod.init(sourceAccessType:))
        }
        .first
        return MappingStatusRules.state(decoded)
            + ProcessingResult.findings(decoded.lastProcessingResult, method: method)
    }
}
