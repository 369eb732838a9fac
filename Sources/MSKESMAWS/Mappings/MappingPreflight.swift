import Foundation
import MSKESMCore

/// The checks run before a `create` or `update`: the mapping the request would make is gathered
/// like an existing one (function, role and policies, cluster and brokers, network, secrets) and checked by
/// ``Doctor/preflight``, the doctor's own checks minus those that judge a running mapping. One code path with
/// `doctor`: a check added to ``DoctorCatalogue`` runs here too, and a secret the doctor fails cannot pass here.
public struct MappingPreflight: Sendable {
    public var client: AWSClient
    /// The instant dates are judged at (`--at`).
    public var now: Date

    public init(client: AWSClient, now: Date) {
        self.client = client
        self.now = now
    }

    /// The mapping a create request would make, in `get-event-source-mapping`'s shape (no UUID yet).
    public static func syntheticMapping(create request: [String: JSONValue]) -> JSONValue {
        var mapping = request
        mapping.removeValue(forKey: "FunctionName")
        mapping.removeValue(forKey: "Enabled")
        mapping.removeValue(forKey: "Tags")
        mapping["FunctionArn"] = request["FunctionName"] ?? .null
        mapping["State"] = .string(request["Enabled"]?.boolValue == false ? "Disabled" : "Creating")
        return .object(mapping)
    }

    /// The mapping an update would leave: the current one with the update's members applied.
    public static func syntheticMapping(current: JSONValue, update body: [String: JSONValue]) -> JSONValue {
        var mapping = current.objectValue ?? [:]
        for (key, value) in body where key != "Enabled" {
            if key == "FunctionName" {
                mapping["FunctionArn"] = value
            } else if let patch = value.objectValue, let existing = mapping[key]?.objectValue {
                mapping[key] = .object(existing.merging(patch) { _, new in new })
            } else {
                mapping[key] = value
            }
        }
        return .object(mapping)
    }

    /// Gathers the environment of `mapping` and runs the checks. The secrets' values are read when the caller
    /// may read them, so that the doctor analyses them (else SEC024 is `skipped`, naming the denied call); they
    /// are dropped from the snapshot returned.
    public func run(mapping: JSONValue) async throws -> (report: CheckReport<DoctorSummary>, snapshot: Snapshot) {
        let now = self.now
        let gatherer = SnapshotGatherer(client: client, includeSecrets: true, now: { now })
        let document = await gatherer.gather(mapping: mapping, metrics: false)
        var snapshot = try Snapshot.decode(document, source: "the preflight")
        let report = try Doctor.preflight.run(snapshot, at: now)
        for arn in (snapshot.secrets ?? [:]).keys { snapshot.secrets?[arn]?.secretString = nil }
        return (report, snapshot)
    }
}
