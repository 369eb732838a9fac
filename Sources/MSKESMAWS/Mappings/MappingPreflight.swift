import Foundation
import MSKESMCore

/// The checks run before a `create` or `update` (DESIGN §4): the mapping the request would make is gathered
/// like an existing one (function, role and policies, cluster and brokers, network, secrets) and checked by
/// the doctor's own checks, minus those that judge a running mapping (state, last result, lag). One code path
/// with `doctor`: a check added to ``DoctorCatalogue`` runs here too.
public struct MappingPreflight: Sendable {
    public var client: AWSClient
    /// The instant dates are judged at (`--at`).
    public var now: Date

    /// Doctor checks that need a running mapping.
    public static let runningMappingChecks: Set<String> = ["mapping-state", "processing-result", "offset-lag"]

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

    /// Gathers the environment of `mapping` and runs the checks. Secrets are analysed when the caller may
    /// read them (else the secret check is `skipped`, naming the denied call).
    public func run(mapping: JSONValue) async throws -> (report: CheckReport, snapshot: Snapshot) {
        let target: SecretTarget = mapping["EventSourceArn"]?.stringValue == nil ? .selfManaged : .msk
        let now = self.now
        // The values are read here (not through `analyzeSecret`) so that the analysis knows the secret's name
        // (the AmazonMSK_ rule, SEC016); they are dropped before anything else sees the document.
        let gatherer = SnapshotGatherer(client: client, includeSecrets: true, now: { now })
        var document = await gatherer.gather(mapping: mapping, metrics: false)
        if var members = document.objectValue, var secrets = members["Secrets"]?.objectValue {
            for (arn, entry) in secrets {
                guard var fields = entry.objectValue else { continue }
                if let text = fields.removeValue(forKey: "SecretString")?.stringValue,
                    let input = try? SecretInput.parse(text, label: arn)
                {
                    let name = fields["Describe"]?["Name"]?.stringValue
                    let options = SecretValidationOptions(target: target, now: now, secretName: name)
                    fields["Analysis"] = try? JSONValue(encoding: SecretValidator(options: options).validate(input))
                }
                secrets[arn] = .object(fields)
            }
            members["Secrets"] = .object(secrets)
            document = .object(members)
        }
        let snapshot = try Snapshot.decode(document, source: "the preflight")
        let checks = DoctorCatalogue.checks.filter { !Self.runningMappingChecks.contains($0.name) }
        let report = try Doctor(checks: checks).run(snapshot, at: now)
        return (report, snapshot)
    }
}
