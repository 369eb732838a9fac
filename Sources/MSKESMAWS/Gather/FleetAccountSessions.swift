import Foundation
import MSKESMCore

/// The credentials of each account of `doctor --all --accounts`: one STS AssumeRole per account with the
/// caller's credentials, kept in memory only by a `CredentialResolver` per account (shared by the account's
/// Regions), which refreshes them five minutes before they expire. Nothing is written to disk.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
public struct FleetAccountSessions: Sendable {
    /// An account whose role could be assumed, and the resolver that keeps its credentials.
    public struct Session: Sendable {
        public var account: FleetAccount
        /// The role assumed there; for the caller's own account, the caller's ARN (no role is assumed).
        public var roleArn: String
        public var credentials: CredentialResolver
    }

    /// An account whose role could not be assumed: the run reports it and goes on with the others.
    public struct Failure: Sendable, Equatable {
        public var accountId: String
        public var roleArn: String
        /// One line, "Code: message" (never a credential).
        public var reason: String
        /// Whether STS denied it (AccessDenied), as opposed to a failure to reach it.
        public var denied: Bool
    }

    public var sessions: [Session]
    public var failures: [Failure]

    /// Assumes the role in each account once, signing with the caller's client; the role ARNs built from
    /// `roleName` take the caller's partition (STS GetCallerIdentity). The caller's own account, unless the file
    /// names a role for it, is read with the caller's credentials: no role is assumed there (an organization's
    /// management account usually has no copy of the member accounts' role).
    ///
    /// - Parameters:
    ///   - accounts: the accounts, each with its role ARN or none (then `roleName` builds it).
    ///   - roleName: `--assume-role-name`, the same role name in every account.
    ///   - externalId: `--external-id`, passed to every AssumeRole.
    ///   - client: the caller's client (its credentials sign the AssumeRole calls).
    public static func assume(
        _ accounts: [FleetAccount], roleName: String?, externalId: String?, client: AWSClient
    ) async throws -> FleetAccountSessions {
        let sts = STSClient(client: client)
        let identity = try await sts.getCallerIdentity()
        let callerArn = identity["Arn"]?.stringValue ?? ""
        let caller = identity["Account"]?.stringValue ?? FleetAccount.accountId(ofArn: callerArn)
        var result = await assume(
            accounts.filter { $0.accountId != caller || $0.roleArn != nil }, roleName: roleName,
            externalId: externalId, source: try await client.configuration.credentials.credentials(),
            partition: FleetAccount.partition(ofArn: callerArn) ?? "aws", sts: sts, clock: client.configuration.clock)
        if let own = accounts.first(where: { $0.accountId == caller && $0.roleArn == nil }) {
            result.sessions.append(
                Session(account: own, roleArn: callerArn, credentials: client.configuration.credentials))
            let order = Dictionary(accounts.enumerated().map { ($1.accountId, $0) }, uniquingKeysWith: { a, _ in a })
            result.sessions.sort { (order[$0.account.accountId] ?? 0) < (order[$1.account.accountId] ?? 0) }
        }
        return result
    }

    /// Assumes the role in each account once, in order; an account whose AssumeRole fails becomes a `Failure`.
    ///
    /// - Parameters:
    ///   - accounts: the accounts, each with its role ARN or none (then `roleName` builds it).
    ///   - roleName: `--assume-role-name`, the same role name in every account.
    ///   - externalId: `--external-id`, passed to every AssumeRole.
    ///   - source: the caller's credentials.
    ///   - partition: the caller's partition, for the role ARNs built from `roleName`.
    ///   - sts: the STS that answers AssumeRole.
    ///   - clock: the clock the resolvers refresh by.
    ///   - sessionName: the role session name, visible in the accounts' CloudTrail.
    public static func assume(
        _ accounts: [FleetAccount], roleName: String?, externalId: String?, source: AWSCredentials,
        partition: String, sts: any SecurityTokenService, clock: @escaping @Sendable () -> Date = { Date() },
        sessionName: String = "msk-esm-doctor"
    ) async -> FleetAccountSessions {
        var sessions: [Session] = []
        var failures: [Failure] = []
        for account in accounts {
            let roleArn = account.roleArn ?? account.roleArn(named: roleName ?? "", partition: partition)
            let provider = AssumeRoleCredentialProvider(
                roleArn: roleArn, source: source, externalId: externalId, sessionName: sessionName, sts: sts,
                label: "account \(account.accountId)")
            do {
                // Asked of the provider itself, so that a failure is STS's own error (not the credential chain's
                // advice about profiles); the resolver starts with these credentials and refreshes them.
                guard let first = try await provider.credentials() else {
                    throw CredentialError(source: "account \(account.accountId)", reason: "no credentials")
                }
                let resolver = CredentialResolver(provider: provider, initial: first, clock: clock)
                sessions.append(Session(account: account, roleArn: roleArn, credentials: resolver))
            } catch {
                let reason = FailureReason.reported(error)
                let denied = (error as? AWSError)?.kind == .accessDenied || reason.contains("AccessDenied")
                failures.append(
                    Failure(accountId: account.accountId, roleArn: roleArn, reason: reason, denied: denied))
            }
        }
        return FleetAccountSessions(sessions: sessions, failures: failures)
    }
}
