import Foundation
import MSKESMAWS
import MSKESMCore

/// The test bed of Tests/TestBed/start_for_fleet.py: testbed.py's seeding plus a fleet of Kafka mappings. Each
/// bed has its own moto, test server and proxy, so the proxy's counts belong to the (serialized) tests of one bed.
final class FleetTestBed: ProxiedTestBed, @unchecked Sendable {
    let process: PythonProcess
    let info: JSONValue

    private init(_ arguments: [String]) throws {
        process = try PythonProcess(script: "start_for_fleet.py", arguments: arguments + ["--nice", "10"])
        info = try JSONDecoder().decode(JSONValue.self, from: Data(process.readyLine.utf8))
    }

    /// Started on a Dispatch thread: waiting for the bed's ready line blocks for seconds, and a cooperative
    /// thread blocked that long stalls the other suites' timing-sensitive tests.
    private static let starting = Task {
        try await NiceRunner.offThePool { try FleetTestBed(["--mappings", "40", "--clusters", "4", "--roles", "8"]) }
    }
    /// 40 mappings in the caller's account and us-east-1 (functions fleet-fn-000…007, 4 clusters, 8 roles, 3 VPCs,
    /// 3 SCRAM secrets).
    static func shared() async throws -> FleetTestBed { try await starting.value }

    private static let startingAccounts = Task {
        try await NiceRunner.offThePool {
            try FleetTestBed([
                "--mappings", "72", "--clusters", "12", "--roles", "9", "--functions", "18", "--vpcs", "6",
                "--secrets", "6", "--accounts", "3", "--regions", "2", "--metrics-every", "2",
            ])
        }
    }
    /// 72 mappings in 3 other accounts × 2 Regions (12 per account and Region; metrics enabled on every second one),
    /// 12 clusters, 9 roles, 18 functions, a VPC and a secret per account and Region; each account's role
    /// `fleet.roleName` trusts the caller's account.
    static func accounts() async throws -> FleetTestBed { try await startingAccounts.value }

    var proxyURL: String { "http://127.0.0.1:\(info["proxyPort"]?.intValue ?? 0)" }
    var testbedURL: String { "http://127.0.0.1:\(info["testbedPort"]?.intValue ?? 0)" }
    var region: String { info["region"]?.stringValue ?? "us-east-1" }
    var mappingUUID: String { info["mappingUUID"]?.stringValue ?? "" }
    var account: String { info["account"]?.stringValue ?? "" }
    var fleetSize: Int { info["fleet"]?["mappings"]?.intValue ?? 0 }
    var fleetAccounts: [String] { (info["fleet"]?["accounts"]?.arrayValue ?? []).compactMap(\.stringValue) }
    var fleetRegions: [String] { (info["fleet"]?["regions"]?.arrayValue ?? []).compactMap(\.stringValue) }
    var fleetRoleName: String { info["fleet"]?["roleName"]?.stringValue ?? "" }
    /// The distinct reads a diagnosis of the whole fleet needs, by `service.Operation` (start_for_fleet.py).
    var minimalFleetReads: [String: Int] {
        (info["fleet"]?["minimalFleetReads"]?.objectValue ?? [:]).compactMapValues(\.intValue)
    }

    /// The fleet's cluster ARN number `index` (as start_for_fleet.py names them).
    func clusterArn(_ index: Int) -> String {
        "arn:aws:kafka:\(region):\(account):cluster/fleet-\(String(format: "%02d", index))/\(String(format: "%08x", index))-0000-4000-8000-000000000000-1"
    }

    func environment(user: String = "msk-esm-reader", extra: [String: String] = [:]) -> [String: String] {
        let entry = info["users"]?[user]
        return [
            "AWS_ACCESS_KEY_ID": entry?["AccessKeyId"]?.stringValue ?? "",
            "AWS_SECRET_ACCESS_KEY": entry?["SecretAccessKey"]?.stringValue ?? "", "AWS_REGION": region,
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": proxyURL, "HOME": "/nonexistent-msk-esm-home",
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ].merging(extra) { _, new in new }
    }

}

/// A test bed with the fault proxy in front (fault_proxy.py): its side door.
protocol ProxiedTestBed {
    var proxyURL: String { get }
}

extension ProxiedTestBed {
    /// Resets the proxy (counts, log, delay, faults), then applies `config`.
    func proxy(_ config: JSONValue = [:]) async throws {
        var body = config.objectValue ?? [:]
        body["reset"] = true
        _ = try await sideDoor(proxyURL + "/_proxy/config", body: .object(body))
    }

    /// The proxy's request log since the last reset: `[{operation, region, account, key, start, end, status}]`.
    func log() async throws -> [JSONValue] {
        try await sideDoor(proxyURL + "/_proxy/log").arrayValue ?? []
    }

    func sideDoor(_ url: String, body: JSONValue? = nil) async throws -> JSONValue {
        let client = CurlHTTPClient()
        let data = try body.map { try JSONEncoder().encode($0) } ?? Data()
        let response = try await client.send(
            HTTPRequest(
                method: body == nil ? "GET" : "POST", url: url, headers: [("Content-Type", "application/json")],
                body: data))
        return try JSONDecoder().decode(JSONValue.self, from: response.body)
    }
}

/// Runs the built binary like `BinaryRunner`, at a lower CPU priority (`nice -n 10`): the fleet tests start many
/// processes, and the timing-sensitive transport tests that run beside them must keep the CPU.
/// Waiting for the child happens on a Dispatch thread, never on one of Swift concurrency's few cooperative
/// threads, which the other suites running in parallel need.
enum NiceRunner {
    static func run(_ arguments: [String], environment: [String: String]) async throws -> BinaryRunner.Result {
        try await offThePool { try runBlocking(arguments, environment: environment) }
    }

    /// Runs blocking work (waiting for a process) on a Dispatch thread.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    static func runBlocking(_ arguments: [String], environment: [String: String]) throws -> BinaryRunner.Result {
        try BinaryRunner.run(
            ["-n", "10", BinaryRunner.binary.path] + arguments, environment: environment, executable: "/usr/bin/nice")
    }
}
