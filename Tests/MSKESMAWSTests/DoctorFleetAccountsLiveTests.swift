import Foundation
import MSKESMCore
import Testing

/// `msk-esm doctor --all --accounts FILE --assume-role-name NAME --region … --region …` over a fleet dealt across
/// 3 accounts × 2 Regions, with metrics enabled on every second mapping (start_for_fleet.py `--accounts 3
/// --regions 2 --metrics-every 2`): the small version of issue #19's 10 accounts × 4 Regions, which
/// `Benchmarks/doctor-all-10k.sh` measures outside CI. The reads are counted in the proxy's log against the distinct
/// reads the fleet needs, as the seeding script counts them from what it seeded.
@Suite(
    "doctor fleet across accounts and Regions live", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct DoctorFleetAccountsLiveTests {
    /// The fleet's listing order: mapping `index` is in slice `index % slices`, and every `metricsEvery`-th mapping
    /// of a slice has a MetricsConfig (start_for_fleet.py).
    static let slices = 6
    static let metricsEvery = 2

    func accountsFile(_ bed: FleetTestBed) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-accounts-\(UUID()).txt").path
        try (bed.fleetAccounts.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(
        "every mapping once with its account and Region, counts per (account, Region), metrics read for the mappings that enable them, and exactly the minimal distinct reads (IAM once per account, not per Region)"
    )
    func accountsAndRegions() async throws {
        let bed = try await FleetTestBed.accounts()
        #expect(bed.fleetAccounts.count == 3 && bed.fleetRegions.count == 2)
        let path = try accountsFile(bed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await bed.proxy()
        let run = try await NiceRunner.run(
            [
                "doctor", "--all", "--accounts", path, "--assume-role-name", bed.fleetRoleName, "--function-prefix",
                "fleet-fn-",
            ]
                + bed.fleetRegions.flatMap { ["--region", $0] } + ["--concurrency", "8", "--output", "json"],
            environment: bed.environment())
        // The fleet's networks have no route to Lambda and STS (NET004 fails every mapping), and nothing else fails.
        #expect(run.exitCode == 1, "\(run.stderr)")
        #expect(!run.stderr.contains("could not"), "\(run.stderr)")
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(run.stdout.utf8))
        let mappings = document["mappings"]?.arrayValue ?? []
        #expect(mappings.count == bed.fleetSize)
        #expect(Set(mappings.compactMap { $0["uuid"]?.stringValue }).count == bed.fleetSize)

        var perScope: [String: Int] = [:]
        for mapping in mappings {
            let uuid = mapping["uuid"]?.stringValue ?? ""
            let cluster = (mapping["summary"]?["cluster"]?.stringValue ?? "").split(separator: ":").map(String.init)
            try #require(cluster.count > 4, "\(uuid): no cluster in the summary")
            // The accountId comes from the function ARN; the fleet's function and cluster share (account, Region).
            #expect(mapping["accountId"]?.stringValue == cluster[4], "\(uuid)")
            perScope["\(cluster[4]) \(cluster[3])", default: 0] += 1
            let index = Int(uuid.split(separator: "-").last ?? "") ?? -1
            let enablesMetrics = (index / Self.slices) % Self.metricsEvery == 0
            let dimensions = Set(
                (mapping["summary"]?["metrics"]?["trends"]?.arrayValue ?? []).flatMap {
                    ($0["dimensions"]?.arrayValue ?? []).compactMap { $0["Name"]?.stringValue }
                })
            #expect(dimensions.contains("EventSourceMappingUUID") == enablesMetrics, "\(uuid): \(dimensions)")
        }
        let expectedScopes = Set(bed.fleetAccounts.flatMap { account in bed.fleetRegions.map { "\(account) \($0)" } })
        #expect(Set(perScope.keys) == expectedScopes)
        #expect(perScope.values.allSatisfy { $0 == bed.fleetSize / Self.slices }, "\(perScope)")
        let table = (document["accounts"]?.arrayValue ?? []).map {
            "\($0["accountId"]?.stringValue ?? "") \($0["region"]?.stringValue ?? "") \($0["mappings"]?.intValue ?? 0)"
        }
        #expect(Set(table) == Set(expectedScopes.map { "\($0) \(bed.fleetSize / Self.slices)" }), "\(table)")

        let log = try await bed.log()
        var made: [String: Int] = [:]
        for entry in log { made[entry["api"]?.stringValue ?? "?", default: 0] += 1 }
        var minimal: [String: Int] = [:]
        for (operation, count) in bed.minimalFleetReads where count > 0 {
            minimal[String(operation.split(separator: ".").last ?? ""), default: 0] += count
        }
        #expect(made == minimal)
        // A read is its request (operation, path, body) in an account and Region (the same listing path is
        // another read in another Region): none was made twice.
        let reads = log.map {
            "\($0["account"]?.stringValue ?? "") \($0["region"]?.stringValue ?? "") \($0["key"]?.stringValue ?? "")"
        }
        #expect(Set(reads).count == log.count, "a read was made twice")
        // Each account's reads were signed with that account's assumed credentials.
        let accountsSeen = Set(
            log.filter { $0["api"]?.stringValue == "GetRole" }.compactMap { $0["account"]?.stringValue })
        #expect(accountsSeen == Set(bed.fleetAccounts))
    }
}
