import Foundation
import MSKESMAWS
import MSKESMCore
import Testing

/// An in-process AWS for a fleet of several accounts: each account is told apart by the access key that signs the
/// request. ListEventSourceMappings answers `mappingsPerAccount` self-managed Kafka mappings; every other read is
/// answered with a non-retryable error (the doctor records it and goes on), so a run's requests are a fixed
/// number. The accounts in `throttling` answer every call with ThrottlingException. It counts requests per account
/// and the most requests in flight at once over all accounts.
final class FleetAccountsStub: HTTPClient, @unchecked Sendable {
    let throttling: Set<String>
    let mappingsPerAccount: Int
    private let lock = NSLock()
    private var requests: [String: Int] = [:]
    private var inFlight = 0
    private(set) var peakInFlight = 0

    init(throttling: Set<String>, mappingsPerAccount: Int) {
        self.throttling = throttling
        self.mappingsPerAccount = mappingsPerAccount
    }

    /// The access key of account `id`: `AKID` and the id.
    static func accessKey(_ account: String) -> String { "AKID" + account }

    func requests(of account: String) -> Int { lock.withLock { requests[account] ?? 0 } }
    var peak: Int { lock.withLock { peakInFlight } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let authorization = request.headers.first { $0.0.lowercased() == "authorization" }?.1 ?? ""
        let account =
            authorization.components(separatedBy: "Credential=AKID").dropFirst().first.map {
                String($0.prefix(12))
            } ?? "?"
        lock.withLock {
            requests[account, default: 0] += 1
            inFlight += 1
            peakInFlight = max(peakInFlight, inFlight)
        }
        // Let the other tasks run while this request is "on the wire", so that requests can overlap.
        await Task.yield()
        defer { lock.withLock { inFlight -= 1 } }
        if throttling.contains(account) {
            return HTTPResponse(
                status: 400, body: Data(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.utf8))
        }
        if request.method == "GET" && request.url.contains("/2015-03-31/event-source-mappings") {
            let mappings = (0..<mappingsPerAccount).map { index in
                """
                {"UUID":"\(account)-\(index)","State":"Enabled",\
                "FunctionArn":"arn:aws:lambda:us-east-1:\(account):function:orders-\(index)",\
                "SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b-1.example.com:9092"]}},\
                "Topics":["orders"]}
                """
            }
            return HTTPResponse(
                status: 200, body: Data((#"{"EventSourceMappings":["# + mappings.joined(separator: ",") + "]}").utf8))
        }
        return HTTPResponse(
            status: 400, body: Data(#"{"__type":"ValidationException","message":"not served by the stub"}"#.utf8))
    }
}

/// `doctor --all --accounts`: each (account, Region) has its own adaptive limiter, all within one overall bound.
/// Proved by counts: an account that throttles every call lowers only its own limiter; the other accounts make
/// exactly the requests they make in a run without it, and never more requests are in flight than `--concurrency`.
struct FleetAccountLimiterTests {
    static let accounts = ["111111111111", "222222222222", "333333333333"]

    /// A fleet of `accounts` in us-east-1, each account with its own gatherer (its credentials, its limiter).
    static func run(accounts: [String], stub: FleetAccountsStub, concurrency: Int) async throws -> (
        results: [MappingFleet.Result], failures: [MappingFleet.RegionFailure], gatherers: [SnapshotGatherer]
    ) {
        var retry = RetryPolicy(maxAttempts: 2)
        retry.maxBackoff = 0.01
        func client(_ account: String) -> AWSClient {
            AWSClient(
                configuration: AWSClientConfiguration(
                    region: "us-east-1",
                    credentials: CredentialResolver(
                        provider: StaticCredentialProvider(
                            AWSCredentials(accessKeyId: FleetAccountsStub.accessKey(account), secretAccessKey: "s"))),
                    endpoints: EndpointResolver(endpointURL: "http://127.0.0.1:9"), http: stub, retry: retry))
        }
        let root = SnapshotGatherer(client: client("000000000000"), maxConcurrency: concurrency)
        let overall = AdaptiveLimiter(maximum: concurrency)
        let gatherers = accounts.map { root.scoped(client: client($0), account: $0, overall: overall) }
        let fleet = MappingFleet(gatherers: gatherers, selection: MappingSelection(), now: Date())
        let (mappings, failures) = try await fleet.list(onEvent: { _ in })
        var results: [MappingFleet.Result] = []
        try await fleet.diagnoseInOrder(mappings, onEvent: { _ in }) { results.append($0) }
        return (results, failures, gatherers)
    }

    @Test("an account that throttles every call slows only itself; the others make their normal requests")
    func throttlingStaysInItsAccount() async throws {
        let quiet = FleetAccountsStub(throttling: [], mappingsPerAccount: 6)
        let alone = try await Self.run(accounts: [Self.accounts[0], Self.accounts[2]], stub: quiet, concurrency: 4)
        #expect(alone.results.count == 12)

        let stub = FleetAccountsStub(throttling: [Self.accounts[1]], mappingsPerAccount: 6)
        let run = try await Self.run(accounts: Self.accounts, stub: stub, concurrency: 4)
        // The throttled account could not be listed: reported with its account, the others went on.
        #expect(run.failures.map(\.account) == [Self.accounts[1]])
        #expect(run.failures.first?.reason.contains("Throttling") == true)
        #expect(Set(run.results.compactMap(\.accountId)) == [Self.accounts[0], Self.accounts[2]])
        #expect(run.results.count == 12)
        // The same requests as without the throttled account, to the request.
        for account in [Self.accounts[0], Self.accounts[2]] {
            #expect(stub.requests(of: account) == quiet.requests(of: account))
            #expect(stub.requests(of: account) > 6)
        }
        // Only the throttled account's limiter saw throttling and lowered its limit.
        let throttledLimiter = run.gatherers[1].limiter
        #expect(await throttledLimiter.throttled >= 1)
        #expect(await throttledLimiter.lowestLimit < 4)
        for index in [0, 2] {
            #expect(await run.gatherers[index].limiter.throttled == 0)
            #expect(await run.gatherers[index].limiter.lowestLimit == 4)
        }
        #expect(stub.requests(of: Self.accounts[1]) >= 2)  // every attempt was answered with throttling
    }

    @Test("the accounts' limiters together keep to --concurrency requests in flight", arguments: [1, 2, 5])
    func overallBound(concurrency: Int) async throws {
        let stub = FleetAccountsStub(throttling: [], mappingsPerAccount: 10)
        let run = try await Self.run(accounts: Self.accounts, stub: stub, concurrency: concurrency)
        #expect(run.results.count == 30)
        #expect(stub.peak <= concurrency)
        #expect(stub.peak >= 1)
    }

    @Test("mappings of different accounts with the same function name are read separately")
    func cacheKeysCarryTheAccount() async throws {
        let stub = FleetAccountsStub(throttling: [], mappingsPerAccount: 2)
        let one = FleetAccountsStub(throttling: [], mappingsPerAccount: 2)
        _ = try await Self.run(accounts: Self.accounts, stub: stub, concurrency: 3)
        _ = try await Self.run(accounts: [Self.accounts[0]], stub: one, concurrency: 3)
        // Each account reads its own functions and roles: no answer of one account served another.
        for account in Self.accounts { #expect(stub.requests(of: account) == one.requests(of: Self.accounts[0])) }
    }
}
