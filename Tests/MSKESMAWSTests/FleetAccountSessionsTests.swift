import Foundation
import MSKESMAWS
import MSKESMCore
import Testing

/// An STS that counts AssumeRole calls per role, denies the roles it is told to, and hands out credentials that
/// expire `lifetime` seconds after the test clock's time.
final class CountingSTS: SecurityTokenService, @unchecked Sendable {
    let denied: Set<String>
    let lifetime: TimeInterval
    let clock: TestClock
    private let lock = NSLock()
    private var calls: [String: Int] = [:]
    private var externalIds: [String?] = []

    init(denied: Set<String> = [], lifetime: TimeInterval = 3600, clock: TestClock) {
        self.denied = denied
        self.lifetime = lifetime
        self.clock = clock
    }

    func count(_ roleArn: String) -> Int { lock.withLock { calls[roleArn] ?? 0 } }
    var seenExternalIds: [String?] { lock.withLock { externalIds } }

    func assumeRole(
        credentials: AWSCredentials, roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?
    ) async throws -> AWSCredentials {
        let call = lock.withLock { () -> Int in
            calls[roleArn, default: 0] += 1
            externalIds.append(externalId)
            return calls[roleArn] ?? 0
        }
        if denied.contains(roleArn) {
            throw AWSError(
                code: "AccessDenied", message: "not authorized to perform sts:AssumeRole on \(roleArn)", status: 403,
                operation: "AssumeRole")
        }
        return AWSCredentials(
            accessKeyId: "ASIA\(call)", secretAccessKey: "secret", sessionToken: "token-\(call)",
            expiration: clock.now.addingTimeInterval(lifetime))
    }

    func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String, durationSeconds: Int?)
        async throws -> AWSCredentials
    {
        throw CredentialError(source: "test", reason: "unexpected AssumeRoleWithWebIdentity")
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// `doctor --all --accounts`: one AssumeRole per account, cached, refreshed before expiry; a denied account is
/// reported and the others go on. (Against moto, see the live tests; moto ignores ExternalId, so the external id
/// is checked here only as what is passed to STS.)
struct FleetAccountSessionsTests {
    static let source = AWSCredentials(accessKeyId: "AKIDCALLER", secretAccessKey: "caller-secret")
    static let accounts = ["111111111111", "222222222222", "333333333333"].map { FleetAccount(accountId: $0) }

    static func role(_ account: String) -> String { "arn:aws:iam::\(account):role/MskEsmReader" }

    @Test func aDeniedAccountIsReportedAndTheOthersGoOn() async throws {
        let clock = TestClock()
        let sts = CountingSTS(denied: [Self.role("222222222222")], clock: clock)
        let result = await FleetAccountSessions.assume(
            Self.accounts, roleName: "MskEsmReader", externalId: "ext-42", source: Self.source, partition: "aws",
            sts: sts, clock: { clock.now })
        #expect(result.sessions.map(\.account.accountId) == ["111111111111", "333333333333"])
        #expect(result.failures.map(\.accountId) == ["222222222222"])
        let failure = try #require(result.failures.first)
        #expect(failure.roleArn == Self.role("222222222222"))
        #expect(failure.denied)
        #expect(failure.reason.contains("AccessDenied"))
        #expect(sts.seenExternalIds == ["ext-42", "ext-42", "ext-42"])
    }

    @Test func credentialsAreObtainedOnceAndReusedByEveryCall() async throws {
        let clock = TestClock()
        let sts = CountingSTS(clock: clock)
        let result = await FleetAccountSessions.assume(
            Self.accounts, roleName: "MskEsmReader", externalId: nil, source: Self.source, partition: "aws", sts: sts,
            clock: { clock.now })
        for session in result.sessions {
            for _ in 0..<20 { _ = try await session.credentials.credentials() }
        }
        for account in Self.accounts { #expect(sts.count(Self.role(account.accountId)) == 1) }
    }

    @Test func shortLivedCredentialsAreRefreshedBeforeTheyExpire() async throws {
        let clock = TestClock()
        // 15 minutes, the shortest AssumeRole session; the resolver refreshes 5 minutes before expiry.
        let sts = CountingSTS(lifetime: 900, clock: clock)
        let result = await FleetAccountSessions.assume(
            [Self.accounts[0]], roleName: "MskEsmReader", externalId: nil, source: Self.source, partition: "aws",
            sts: sts, clock: { clock.now })
        let session = try #require(result.sessions.first)
        let role = Self.role("111111111111")
        clock.advance(599)  // 5 min 1 s left: still the first
        #expect(try await session.credentials.credentials().sessionToken == "token-1")
        #expect(sts.count(role) == 1)
        clock.advance(2)  // 4 min 59 s left: refreshed, once
        #expect(try await session.credentials.credentials().sessionToken == "token-2")
        #expect(try await session.credentials.credentials().sessionToken == "token-2")
        #expect(sts.count(role) == 2)
    }

    @Test func rolesFromTheFileAreUsedAsGiven() async throws {
        let clock = TestClock()
        let sts = CountingSTS(clock: clock)
        let given = "arn:aws:iam::111111111111:role/team/Other"
        let result = await FleetAccountSessions.assume(
            [FleetAccount(accountId: "111111111111", roleArn: given)], roleName: nil, externalId: nil,
            source: Self.source, partition: "aws", sts: sts, clock: { clock.now })
        #expect(result.sessions.map(\.roleArn) == [given])
        #expect(sts.count(given) == 1)
    }
}
