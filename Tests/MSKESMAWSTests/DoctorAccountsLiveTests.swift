import Foundation
import MSKESMCore
import Testing

/// `msk-esm doctor --all --organization / --accounts` against moto (STS AssumeRole, Organizations ListAccounts and
/// IAM policy evaluation, every signature checked) and the Lambda test server, through the fault proxy
/// (start_for_accounts.py). The denied account is a genuine AccessDenied: an explicit Deny on its role's ARN in the
/// caller's policy, evaluated by moto. ExternalId is not checked here: moto ignores it (see
/// FleetAccountSessionsTests for what is passed to STS).
@Suite(
    "doctor accounts live", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct DoctorAccountsLiveTests {
    func decode(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    /// Requests per account in the proxy log (the account of the credentials an AssumeRole issued; "" for the
    /// caller's own keys).
    func requests(_ log: [JSONValue], operation: String? = nil) -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in log where operation.map({ (entry["operation"]?.stringValue ?? "").contains($0) }) ?? true {
            counts[entry["account"]?.stringValue ?? "", default: 0] += 1
        }
        return counts
    }

    @Test(
        "--organization: two ListAccounts pages, one AssumeRole per member, the denied and the throttled account reported, the others untouched"
    )
    func organization() async throws {
        let bed = try await AccountsTestBed.shared()
        let arguments = [
            "doctor", "--all", "--organization", "--assume-role-name", bed.roleName, "--output", "json",
            "--concurrency", "4",
        ]
        // A run without faults: each account's normal requests.
        try await bed.proxy()
        let quiet = try await NiceRunner.run(arguments, environment: bed.environment())
        let normal = requests(try await bed.log())
        #expect(quiet.exitCode == 1, "\(quiet.stderr)")  // the denied account

        let throttled = bed.members[1]
        try await bed.proxy([
            "faults": [
                [
                    "match": "event-source-mappings", "account": .string(throttled), "status": 400,
                    "code": "ThrottlingException", "times": 1000,
                ]
            ]
        ])
        let run = try await NiceRunner.run(arguments, environment: bed.environment())
        let log = try await bed.log()
        #expect(run.exitCode == 1, "\(run.stderr)")
        let document = try decode(run.stdout)

        // ListAccounts: 23 accounts at 20 a page; AssumeRole once per member, none in the caller's own account.
        #expect(requests(log, operation: "ListAccounts").values.reduce(0, +) == 2)
        let assumed = log.filter { $0["operation"]?.stringValue == "AssumeRole" }
        #expect(assumed.count == bed.members.count)
        #expect(assumed.filter { $0["status"]?.intValue == 403 }.count == 1)

        // Errors: the denied account (which one, which error) and the throttled account's Region.
        let errors = document["errors"]?.arrayValue ?? []
        let denied = try #require(errors.first { $0["roleArn"] != nil })
        #expect(denied["accountId"]?.stringValue == bed.denied)
        #expect(denied["roleArn"]?.stringValue == "arn:aws:iam::\(bed.denied):role/\(bed.roleName)")
        #expect(denied["reason"]?.stringValue?.hasPrefix("AccessDenied") == true)
        #expect(denied["denied"]?.boolValue == true)
        let listing = try #require(errors.first { $0["region"] != nil })
        #expect(listing["accountId"]?.stringValue == throttled)
        #expect(listing["reason"]?.stringValue?.contains("Throttling") == true)
        #expect(run.stderr.contains("in account \(bed.denied): AccessDenied"))

        // Every mapping of the other 21 accounts, each with the account of its function.
        let mappings = document["mappings"]?.arrayValue ?? []
        let healthy = [bed.management] + bed.members.filter { $0 != bed.denied && $0 != throttled }
        #expect(mappings.count == healthy.count * bed.mappingsPerAccount)
        for mapping in mappings {
            let uuid = mapping["uuid"]?.stringValue ?? ""
            let account = mapping["accountId"]?.stringValue ?? "-"
            // start_for_accounts.py writes the account into the UUID: ACCOUNT[0..<8]-ACCOUNT[8..<12]-…
            #expect(uuid.replacingOccurrences(of: "-", with: "").hasPrefix(account), "\(uuid) \(account)")
        }
        let counts = document["accounts"]?.arrayValue ?? []
        #expect(counts.compactMap { $0["accountId"]?.stringValue } == healthy.sorted())
        #expect(counts.allSatisfy { $0["mappings"]?.intValue == bed.mappingsPerAccount })

        // The throttled account slowed only itself: every other member made exactly its normal requests.
        let now = requests(log)
        for account in bed.members where account != bed.denied && account != throttled {
            #expect(now[account] == normal[account], "account \(account)")
        }
        #expect((requests(log, operation: "event-source-mappings")[throttled] ?? 0) >= 2)  // retried, then reported
        #expect(!run.stdout.contains(bed.secret) && !run.stderr.contains(bed.secret))
    }

    @Test("--accounts FILE with jsonl: each line carries its accountId; the denied account exits 1, the others go on")
    func accountsFile() async throws {
        let bed = try await AccountsTestBed.shared()
        try await bed.proxy()
        let chosen = [bed.denied, bed.members[2], bed.members[3]]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID()).txt").path
        try (chosen.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try await NiceRunner.run(
            ["doctor", "--all", "--accounts", path, "--assume-role-name", bed.roleName, "--output", "jsonl"],
            environment: bed.environment())
        #expect(run.exitCode == 1, "\(run.stderr)")
        let lines = try run.stdout.split(separator: "\n").map { try decode(String($0)) }
        #expect(lines.count == 2 * bed.mappingsPerAccount)
        #expect(Set(lines.compactMap { $0["accountId"]?.stringValue }) == [bed.members[2], bed.members[3]])
        #expect(run.stderr.contains("could not assume arn:aws:iam::\(bed.denied):role/\(bed.roleName)"))
        let assumed = try await bed.log().filter { $0["operation"]?.stringValue == "AssumeRole" }
        #expect(assumed.count == 3)
    }

    @Test("moto checks the signatures: a wrong secret fails the first call, exit 3, and nothing is assumed")
    func signaturesAreChecked() async throws {
        let bed = try await AccountsTestBed.shared()
        try await bed.proxy()
        let run = try await NiceRunner.run(
            ["doctor", "--all", "--organization", "--assume-role-name", bed.roleName],
            environment: bed.environment(secret: "not-the-secret"))
        #expect(run.exitCode == 3, "\(run.stderr)")
        #expect(run.stderr.contains("SignatureDoesNotMatch"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try await bed.log().allSatisfy { $0["operation"]?.stringValue != "AssumeRole" })
    }
}
