import Foundation
import MSKESMAWS
import MSKESMCore

/// `doctor --all --accounts`: one gatherer per (account, Region), signing with the account's assumed-role
/// credentials, each with its own adaptive limiter under the run's overall bound (docs/output.md#doctor---all).
enum FleetAccountGatherers {
    /// The Region gatherers of the caller, repeated for each account with that account's credentials.
    ///
    /// - Parameters:
    ///   - sessions: the accounts whose role could be assumed.
    ///   - regionGatherers: one gatherer per Region, with the caller's credentials.
    ///   - overall: the run's bound on requests in flight (`--concurrency`).
    static func gatherers(
        for sessions: [FleetAccountSessions.Session], regionGatherers: [SnapshotGatherer], overall: AdaptiveLimiter
    ) -> [SnapshotGatherer] {
        sessions.flatMap { session in
            regionGatherers.map { regionGatherer in
                var configuration = regionGatherer.client.configuration
                configuration.credentials = session.credentials
                return regionGatherer.scoped(
                    client: AWSClient(configuration: configuration), account: session.account.accountId,
                    overall: overall)
            }
        }
    }

    /// The `errors` entries of the accounts whose role could not be assumed: `{accountId, roleArn, reason, denied}`.
    static func errors(_ failures: [FleetAccountSessions.Failure]) -> [JSONValue] {
        failures.map {
            [
                "accountId": .string($0.accountId), "roleArn": .string($0.roleArn), "reason": .string($0.reason),
                "denied": .bool($0.denied),
            ]
        }
    }

    /// One line per account whose role could not be assumed (the text report's last lines, and stderr).
    static func line(_ failure: FleetAccountSessions.Failure) -> String {
        "could not assume \(failure.roleArn) in account \(failure.accountId): \(failure.reason)"
            .escapingControlCharacters()
    }
}
