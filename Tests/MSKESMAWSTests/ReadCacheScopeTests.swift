import Foundation
import MSKESMCore
import Testing

@testable import MSKESMAWS

/// Which reads one (account, Region) shares with another (SnapshotGatherer.cacheScope(of:)), and how long a
/// fleet's prefetched metric series are held (ReadCache.takeSeeded(_:)).
struct ReadCacheScopeTests {
    /// A client of `region` that is never called: the reads below are the tests' own closures.
    static func client(_ region: String) -> AWSClient {
        AWSClient(
            configuration: AWSClientConfiguration(
                region: region,
                credentials: CredentialResolver(
                    provider: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s"))
                ),
                endpoints: EndpointResolver(endpointURL: "http://127.0.0.1:9"), http: CurlHTTPClient()))
    }

    static let root = SnapshotGatherer(client: client("us-east-1"))

    static func gatherer(account: String?, region: String) -> SnapshotGatherer {
        root.scoped(client: client(region), account: account, overall: AdaptiveLimiter(maximum: 4))
    }

    @Test(
        "a role read in one Region serves the account's other Regions (IAM is global); a cluster read does not, nor does another account's role"
    )
    func iamIsReadOncePerAccount() async throws {
        let east = Self.gatherer(account: "111111111111", region: "us-east-1")
        let west = Self.gatherer(account: "111111111111", region: "eu-west-1")
        let other = Self.gatherer(account: "222222222222", region: "eu-west-1")
        let reads = Gauge()
        for gatherer in [east, west, other, east] {
            for label in ["iam.GetRole", "kafka.DescribeClusterV2"] {
                _ = try await gatherer.read(label, "orders") { () async throws -> JSONValue in
                    await reads.enter()
                    return .string(label)
                }
            }
        }
        // GetRole: account 1 once, account 2 once; DescribeClusterV2: three (account, Region)s.
        #expect(await reads.entered == 5)
        #expect(east.cacheScope(of: "iam.GetRole") == west.cacheScope(of: "iam.GetRole"))
        #expect(east.cacheScope(of: "kafka.DescribeClusterV2") != west.cacheScope(of: "kafka.DescribeClusterV2"))
    }

    @Test("a seeded key is handed out once per seeding, then forgotten; seededValue leaves it in place")
    func seedsAreTakenOncePerSeeding() async throws {
        let cache = ReadCache()
        await cache.seed("function-offset-lag") { .string("first") }
        await cache.seed("function-offset-lag") { .string("second") }  // a second mapping of the function
        #expect(await cache.seededValue("function-offset-lag") != nil)
        let first = await cache.takeSeeded("function-offset-lag")
        let second = await cache.takeSeeded("function-offset-lag")
        #expect(try await first?() == .string("first"))
        #expect(try await second?() == .string("first"))
        #expect(await cache.takeSeeded("function-offset-lag") == nil)
        #expect(await cache.seededValue("function-offset-lag") == nil)
    }
}
