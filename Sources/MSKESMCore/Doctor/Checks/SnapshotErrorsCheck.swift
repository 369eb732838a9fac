/// ACC001 / ACC002: the snapshot's `Errors` entries (`"iam.GetRole": "AccessDenied …"`). Each names the call
/// that failed; a denial names the IAM permission the caller of msk-esm needs. The checks that needed the
/// part report `skipped` on their own.
public struct SnapshotErrorsCheck: DoctorCheck {
    /// The check; it has no settings.
    public init() {}
    /// `snapshot-errors`, as listed in `summary.checks`.
    public let name = "snapshot-errors"
    /// ACC001 and ACC002.
    public var codes: [FindingCode] { FindingCode.accessCodes }
    /// None: the check reads only the snapshot's `Errors`, which may be absent.
    public func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [] }

    /// The `Errors` entries another check reports: `kafka.DescribeTopic` (``TopicCheck``).
    static let reportedElsewhere: Set<String> = ["kafka.DescribeTopic"]

    /// Texts that mean "not allowed" in the errors of the services the gatherer calls.
    static let denialMarkers = [
        "AccessDenied", "UnauthorizedOperation", "not authorized", "AuthorizationError", "Forbidden",
        "UnrecognizedClient", "InvalidClientTokenId",
    ]

    /// Whether an `Errors` message means the call was not allowed (`AccessDenied`, `not authorized`, …) rather
    /// than failed for another reason.
    public static func isDenial(_ message: String) -> Bool {
        denialMarkers.contains { message.containsIgnoringCase($0) }
    }

    /// The IAM action of a `<service>.<Operation>` call (`iam.GetRole` → `iam:GetRole`).
    public static func permission(for call: String) -> String {
        guard let dot = call.firstIndex(of: ".") else { return call }
        return call[..<dot] + ":" + call[call.index(after: dot)...]
    }

    /// One ACC001 (denied, with the permission to grant) or ACC002 finding per `Errors` entry, sorted by call.
    public func run(_ context: DoctorContext) throws -> [Finding] {
        // A topic that could not be described is the topic check's to report (TOP001, TOP005): not a failure.
        let errors = (context.snapshot.errors ?? [:]).filter { !Self.reportedElsewhere.contains($0.key) }
            .sorted { $0.key < $1.key }
        return errors.map { call, message in
            let parts = SnapshotPart.allCases.filter { $0.calls.contains(call) }.map(\.key)
            let evidence: [String: JSONValue] = [
                "call": .string(call), "message": .string(String(message.prefix(300))),
                "parts": .array(parts.map(JSONValue.string)),
            ]
            let affected = parts.isEmpty ? "" : " The checks that need \(parts.joined(separator: ", ")) are skipped."
            if SnapshotErrorsCheck.isDenial(message) {
                let permission = SnapshotErrorsCheck.permission(for: call)
                return Finding(
                    code: .acc001, severity: .warn, title: "\(call) was denied to the caller",
                    detail: "Reading the snapshot, \(call) failed: \(message.prefix(200)).\(affected)",
                    fix: "allow the caller of msk-esm \(permission): "
                        + "{\"Effect\":\"Allow\",\"Action\":\"\(permission)\",\"Resource\":\"*\"}",
                    evidence: evidence.merging(["permission": .string(permission)]) { $1 })
            }
            return Finding(
                code: .acc002, severity: .warn, title: "\(call) failed",
                detail: "Reading the snapshot, \(call) failed: \(message.prefix(200)).\(affected)",
                fix: "run msk-esm snapshot again, or add the part by hand from the AWS CLI's output",
                evidence: evidence)
        }
    }
}
