import Foundation

/// What every doctor check sees: the snapshot, the instant dates are judged at, and facts computed once for
/// all checks (the broker choice).
public struct DoctorContext: Sendable {
    /// The snapshot of the mapping under diagnosis.
    public let snapshot: Snapshot
    /// The `--at` instant.
    public let now: Date
    /// Lambda's broker choice for this mapping, when the snapshot has what it needs (see ``BrokerChoiceCheck``).
    public let brokerChoice: BrokerChoice?
    /// The network and IAM inputs, decoded once for all checks.
    let decoded = DecodedRawParts()

    /// The context of `snapshot` judged at `now`; it makes the broker choice once for all checks.
    public init(snapshot: Snapshot, now: Date) {
        self.snapshot = snapshot
        self.now = now
        self.brokerChoice = BrokerChoiceCheck.choice(for: snapshot)
    }

    /// The mapping's settings for the parameter rules.
    package var settings: MappingSettings { MappingSettings(snapshot.eventSourceMapping) }
}

/// One independent check of the doctor. A check reads only the ``DoctorContext`` (no I/O) and returns its
/// findings: problems with their fix, and a `pass` for what it verified. Adding a check to the doctor is
/// writing a type that conforms and listing it in ``DoctorCatalogue/checks``.
public protocol DoctorCheck: Sendable {
    /// A short stable name, listed in the report's `summary.checks` (e.g. `function-timeout`).
    var name: String { get }
    /// The finding codes this check emits; the first one labels the check's `skipped` finding.
    var codes: [FindingCode] { get }
    /// The snapshot parts without which the check cannot run. The doctor reports the check as `skipped`
    /// (naming the part, and the `Errors` entry that explains its absence) instead of running it.
    func requiredParts(in snapshot: Snapshot) -> [SnapshotPart]
    /// Whether the check needs an existing, running mapping (see the extension's default, false).
    var judgesExistingMapping: Bool { get }
    /// Runs the check. Throw a `ToolError` only for input that cannot be read (e.g. a raw part that does not
    /// decode with ``Snapshot/decodePart(_:as:)``); a problem in the mapping is a finding.
    func run(_ context: DoctorContext) throws -> [Finding]
}

extension DoctorCheck {
    /// Whether the check judges a mapping that exists and runs (its state, LastProcessingResult, lag): the
    /// create/update preflight (``Doctor/preflight``) leaves such checks out, without reporting them skipped.
    public var judgesExistingMapping: Bool { false }
}
