import Foundation
import MSKESMAWS
import MSKESMCore

/// `doctor --all --accounts`: one gatherer per (account, Region), signing with the account's assumed-role
/// credentials, and the per-account parts of the output (docs/output.md#doctor---all).
enum FleetAccountGatherers {
    /// The Region gatherers of the caller, repeated for each account with that account's credentials.
    static func gatherers(
        for sessions: [FleetAccountSessions.Session], regionGatherers: [SnapshotGatherer]
    ) -> [SnapshotGatherer] {
        sessions.flatMap { session in
            regionGatherers.map { regionGatherer in
                var configuration = regionGatherer.client.configuration
                configuration.credentials = session.credentials
                return regionGatherer.sharing(client: AWSClient(configuration: configuration))
            }
        }
    }

    /// Mappings and verdicts counted per (account, Region), sorted.
    static func counts(_ results: [MappingFleet.Result]) -> [(
        accountId: String, region: String, verdicts: [Verdict: Int]
    )] {
        var counts: [String: [String: [Verdict: Int]]] = [:]
        for result in results {
            counts[result.accountId ?? "-", default: [:]][result.region, default: [:]][
                result.diagnosis.report.verdict, default: 0] += 1
        }
        return counts.keys.sorted().flatMap { account in
            (counts[account] ?? [:]).keys.sorted().map { region in
                (account, region, counts[account]?[region] ?? [:])
            }
        }
    }

    /// The text summary per account and Region, then the accounts whose role could not be assumed.
    static func summaryText(
        results: [MappingFleet.Result], accountFailures: [FleetAccountSessions.Failure]
    ) -> String {
        var text = ""
        for count in counts(results) {
            let total = count.verdicts.values.reduce(0, +)
            text +=
                "account \(count.accountId) \(count.region): \(total) mapping\(total == 1 ? "" : "s"): "
                + "\(count.verdicts[.fail] ?? 0) fail, \(count.verdicts[.warn] ?? 0) warn, \(count.verdicts[.pass] ?? 0) pass\n"
        }
        for failure in accountFailures {
            text +=
                "could not assume \(failure.roleArn) in account \(failure.accountId): \(failure.reason.escapingControlCharacters())\n"
        }
        return text
    }

    /// The `--output json` document with `accounts` (counts per account and Region) and, for each account whose
    /// role could not be assumed, an `errors` entry `{accountId, roleArn, reason, denied}`.
    static func json(
        _ document: String, results: [MappingFleet.Result], accountFailures: [FleetAccountSessions.Failure],
        accounts: Bool
    ) throws -> String {
        guard accounts, var object = (try? JSONValue.parse(Data(document.utf8)))?.objectValue else { return document }
        object["accounts"] = .array(
            counts(results).map { count in
                [
                    "accountId": .string(count.accountId), "region": .string(count.region),
                    "mappings": .number(Double(count.verdicts.values.reduce(0, +))),
                    "fail": .number(Double(count.verdicts[.fail] ?? 0)),
                    "warn": .number(Double(count.verdicts[.warn] ?? 0)),
                    "pass": .number(Double(count.verdicts[.pass] ?? 0)),
                ]
            })
        if !accountFailures.isEmpty {
            object["errors"] = .array(
                (object["errors"]?.arrayValue ?? [])
                    + accountFailures.map {
                        [
                            "accountId": .string($0.accountId), "roleArn": .string($0.roleArn),
                            "reason": .string($0.reason), "denied": .bool($0.denied),
                        ]
                    })
        }
        return try JSONOutput.document(JSONValue.object(object))
    }
}
