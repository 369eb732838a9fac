import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// `msk-esm doctor UUID | --function | --all` against the fleet test bed (start_for_fleet.py: 40 Kafka mappings
/// of functions fleet-fn-000…007 on 4 clusters, plus testbed.py's mappings). The proxy counts and logs every
/// request, so the tests can count reads; the AWS CLI (v1) is the oracle for what exists.
@Suite(
    "doctor live", .serialized, .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct DoctorLiveTests {
    let canaries = ["CANARY-scram-password-93f1", "CANARY-fleet-password-0"]

    func decode(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    func codes(_ document: JSONValue?) -> [String] {
        document?["findings"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
    }

    func failing(_ document: JSONValue?) -> [String] {
        document?["findings"]?.arrayValue?.filter { $0["severity"]?.stringValue == "fail" }.compactMap {
            $0["code"]?.stringValue
        } ?? []
    }

    /// The UUIDs the AWS CLI lists for a function (the oracle for --function and --all).
    func listedByAWSCLI(_ bed: FleetTestBed, function: String? = nil, cluster: String? = nil) async throws -> Set<
        String
    > {
        var arguments = ["lambda", "list-event-source-mappings"]
        if let function { arguments += ["--function-name", function] }
        if let cluster { arguments += ["--event-source-arn", cluster] }
        let environment = bed.environment(extra: ["AWS_DEFAULT_REGION": bed.region])
        let command = arguments
        let listed = try await NiceRunner.offThePool { try AWSCLI.run(command, environment: environment) }
        return Set(listed["EventSourceMappings"]?.arrayValue?.compactMap { $0["UUID"]?.stringValue } ?? [])
    }

    @Test(
        "doctor UUID gathers the mapping live and runs every check (the seeded SASL problem, secrets analysed, no secret printed)"
    )
    func singleMapping() async throws {
        let bed = try await FleetTestBed.shared()
        try await bed.proxy()
        let result = try await NiceRunner.run(
            ["doctor", bed.mappingUUID, "--output", "json"], environment: bed.environment())
        #expect(result.exitCode == 1, "\(result.stderr)")
        let report = try decode(result.stdout)
        #expect(report["summary"]?["uuid"]?.stringValue == bed.mappingUUID)
        #expect(codes(report).contains("MAP011"))
        // The secret's analysis ran on the value read live: the SEC checks are not skipped for want of it.
        let skippedTitles =
            report["findings"]?.arrayValue?.filter { $0["severity"]?.stringValue == "skipped" }
            .compactMap { $0["title"]?.stringValue } ?? []
        #expect(!skippedTitles.contains { $0.contains("Analysis") }, "\(skippedTitles)")
        for canary in canaries { #expect(!(result.stdout + result.stderr).contains(canary)) }
        let text = try await NiceRunner.run(["doctor", bed.mappingUUID], environment: bed.environment())
        #expect(text.exitCode == 1)
        #expect(text.stdout.contains("mapping \(bed.mappingUUID)"))
    }

    @Test(
        "exit 2 for a mapping or function that does not exist, 3 when the first read fails; nothing on stdout",
        arguments: [
            ErrorCase(arguments: ["doctor", "00000000-1111-2222-3333-444444444444"], overrides: [:], code: 2),
            ErrorCase(arguments: ["doctor", "--function", "no-such-function"], overrides: [:], code: 2),
            ErrorCase(arguments: ["doctor", "--function", "esm-consumer", "--all"], overrides: [:], code: 2),
            ErrorCase(arguments: ["doctor", "--all", "--cluster", "not-an-arn"], overrides: [:], code: 2),
            ErrorCase(
                arguments: ["doctor", "--function-prefix", "x", "--function", "esm-consumer"], overrides: [:], code: 2),
            ErrorCase(
                arguments: ["doctor", "--function", "esm-consumer", "--region", "us-east-1", "--region", "eu-west-1"],
                overrides: [:], code: 2),
            ErrorCase(
                arguments: [
                    "snapshot", "00000000-1111-2222-3333-444444444444", "--region", "us-east-1", "--region",
                    "eu-west-1",
                ], overrides: [:], code: 2),
            ErrorCase(
                arguments: ["doctor", "00000000-1111-2222-3333-444444444444", "--output", "jsonl"], overrides: [:],
                code: 2),
            ErrorCase(
                arguments: [
                    "doctor", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--endpoint-url", "http://127.0.0.1:9",
                    "--cli-connect-timeout", "1",
                ], overrides: ["AWS_MAX_ATTEMPTS": "1"], code: 3),
            ErrorCase(
                arguments: ["doctor", "--all", "--endpoint-url", "http://127.0.0.1:9", "--cli-connect-timeout", "1"],
                overrides: ["AWS_MAX_ATTEMPTS": "1"], code: 3),
            ErrorCase(
                arguments: ["doctor", "14e0db71-5d35-4eb5-b481-8945cf9d10c2"],
                overrides: ["AWS_SECRET_ACCESS_KEY": "wrong"], code: 3),
        ])
    func errors(_ errorCase: ErrorCase) async throws {
        let bed = try await FleetTestBed.shared()
        let result = try await NiceRunner.run(
            errorCase.arguments, environment: bed.environment(extra: errorCase.overrides))
        #expect(result.exitCode == errorCase.code, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error"))
    }

    @Test("a caller denied IAM reads gets ACC001 naming the call, and the checks that needed the role skipped")
    func limitedUser() async throws {
        let bed = try await FleetTestBed.shared()
        let result = try await NiceRunner.run(
            ["doctor", bed.mappingUUID, "--output", "json"], environment: bed.environment(user: "msk-esm-limited"))
        #expect(result.exitCode == 1, "\(result.stderr)")
        let report = try decode(result.stdout)
        let denied = report["findings"]?.arrayValue?.filter { $0["code"]?.stringValue == "ACC001" } ?? []
        #expect(
            denied.contains {
                ($0["title"]?.stringValue ?? "").contains("iam.GetRole")
                    || ($0["detail"]?.stringValue ?? "").contains("iam.GetRole")
            })
        #expect(report["findings"]?.arrayValue?.contains { $0["severity"]?.stringValue == "skipped" } == true)
    }

    @Test("--function diagnoses exactly the function's Kafka mappings (as the AWS CLI lists them), verdict the worst")
    func function() async throws {
        let bed = try await FleetTestBed.shared()
        let result = try await NiceRunner.run(
            ["doctor", "--function", "fleet-fn-003", "--output", "json"], environment: bed.environment())
        #expect(result.exitCode == 0 || result.exitCode == 1, "\(result.stderr)")
        let document = try decode(result.stdout)
        let mappings = document["mappings"]?.arrayValue ?? []
        let uuids = Set(mappings.compactMap { $0["uuid"]?.stringValue })
        #expect(uuids == (try await listedByAWSCLI(bed, function: "fleet-fn-003")))
        #expect(uuids.count == 5)
        let verdicts = mappings.compactMap { $0["verdict"]?.stringValue }
        let worst = verdicts.contains("fail") ? "fail" : verdicts.contains("warn") ? "warn" : "pass"
        #expect(document["verdict"]?.stringValue == worst)
        #expect(mappings.allSatisfy { $0["findings"] != nil && $0["summary"] != nil })
        // The self-managed mapping of esm-consumer is a Kafka mapping too.
        let consumer = try await NiceRunner.run(
            ["doctor", "--function", "esm-consumer", "--output", "json"], environment: bed.environment())
        let consumerUUIDs = Set(
            try decode(consumer.stdout)["mappings"]?.arrayValue?.compactMap { $0["uuid"]?.stringValue } ?? [])
        #expect(consumerUUIDs == (try await listedByAWSCLI(bed, function: "esm-consumer")))
        #expect(consumerUUIDs.contains("5a1f0c3e-9b7d-4c2a-8e61-0d3b2f4a6c80"))
    }

    @Test(
        "--all with filters: prefix, cluster, state; the text table has one row per mapping",
        arguments: [
            (["--function-prefix", "fleet-fn-"], 40),
            (["--function-prefix", "fleet-fn-", "--state", "Disabled"], 4),  // every tenth mapping is Disabled
            (["--function-prefix", "fleet-fn-", "--state", "enabled", "--state", "Disabled"], 40),
            (["--function-prefix", "fleet-fn-00"], 40),
            (["--function-prefix", "fleet-fn-007"], 5),
            (["--function-prefix", "nothing-"], 0),
        ])
    func allFiltered(filters: [String], expected: Int) async throws {
        let bed = try await FleetTestBed.shared()
        let result = try await NiceRunner.run(
            ["doctor", "--all", "--output", "json"] + filters, environment: bed.environment())
        #expect(result.exitCode == (expected == 0 ? 0 : 1) || result.exitCode == 0, "\(result.stderr)")
        let mappings = try decode(result.stdout)["mappings"]?.arrayValue ?? []
        #expect(mappings.count == expected)
        let text = try await NiceRunner.run(["doctor", "--all"] + filters, environment: bed.environment())
        let rows = text.stdout.split(separator: "\n").filter { $0.hasPrefix("f1ee7000-") }
        #expect(rows.count == expected)
        #expect(text.stdout.contains("\(expected) mapping"))
    }

    @Test(
        "--all --cluster: the AWS CLI's mappings of the cluster, and one DescribeClusterV2 for all of them (read cache)"
    )
    func readCache() async throws {
        let bed = try await FleetTestBed.shared()
        let cluster = bed.clusterArn(1)
        try await bed.proxy()
        let result = try await NiceRunner.run(
            ["doctor", "--all", "--cluster", cluster, "--output", "json"], environment: bed.environment())
        #expect(result.exitCode == 0 || result.exitCode == 1, "\(result.stderr)")
        let log = try await bed.log()
        let uuids = Set(try decode(result.stdout)["mappings"]?.arrayValue?.compactMap { $0["uuid"]?.stringValue } ?? [])
        #expect(uuids == (try await listedByAWSCLI(bed, cluster: cluster)))
        #expect(uuids.count == 10)
        let operations = log.compactMap { $0["operation"]?.stringValue }
        #expect(operations.filter { $0.hasPrefix("GET /api/v2/clusters/") }.count == 1)
        #expect(operations.filter { $0.hasSuffix("/bootstrap-brokers") }.count == 1)
        // Mapping i is on cluster i % 4 and of function i % 8 (role i % 8): cluster 1 → functions 1 and 5.
        #expect(operations.filter { $0.hasSuffix("/configuration") }.count == 2)
        #expect(operations.filter { $0 == "GetRole" }.count == 2)
        // Nothing read twice: every logged request is a distinct read.
        let keys = log.compactMap { $0["key"]?.stringValue }
        #expect(Set(keys).count == keys.count)
    }

    /// `doctor --all` over the fleet-fn- mappings with `output`, while the proxy holds every read of fleet-fn-007's
    /// configuration until the first line of output has come (or the watchdog gave up): that line, the rest,
    /// how many reads were held, and whether the run hung.
    ///
    /// Mapping i belongs to function i % 8, so mappings 7, 15, … cannot finish before the release. Printed as
    /// each finishes, the first line comes while the hold is in place; collected and printed at the end, no line
    /// could come until the release, and the watchdog fails the test. Events only, no clock: a slow machine
    /// changes nothing.
    func runHoldingFleetFn007(output: String) async throws -> (
        first: String?, rest: [String], held: Int, hung: Bool
    ) {
        let bed = try await FleetTestBed.shared()
        try await bed.proxy([
            "faults": [["match": "fleet-fn-007/configuration", "hold": "fleet-fn-007", "upstream": true, "times": 100]]
        ])
        let run = try StreamingRun(
            ["doctor", "--all", "--function-prefix", "fleet-fn-", "--output", output, "--concurrency", "2"],
            environment: bed.environment())
        let first = try await NiceRunner.offThePool { run.nextLine(within: HangWatchdog.seconds) }
        _ = try await bed.sideDoor(bed.proxyURL + "/_proxy/release", body: ["hold": "fleet-fn-007"])
        let rest = try await NiceRunner.offThePool { run.remainingLines() }
        let held = try await bed.sideDoor(bed.proxyURL + "/_proxy/stats")["held"]?.intValue ?? 0
        try await bed.proxy()
        return (first, rest, held, run.hung)
    }

    @Test(
        "--output jsonl prints one mapping document per line, as each finishes (the first while the last is still held)"
    )
    func jsonlStreaming() async throws {
        let (first, rest, held, hung) = try await runHoldingFleetFn007(output: "jsonl")
        guard let first else {
            Issue.record("no line within \(HangWatchdog.seconds) s while fleet-fn-007's reads were held: not streamed")
            return
        }
        // The hold really caught fleet-fn-007's reads (whenever they were sent, they waited for the release, which
        // came only after the first line), and the first line is of another function's mapping.
        #expect(held >= 1, "no read of fleet-fn-007 was held: the test proved nothing")
        let firstIndex = Int(try decode(first)["uuid"]?.stringValue?.suffix(12) ?? "")
        #expect(firstIndex.map { $0 % 8 != 7 } == true, "the first line is of a held mapping: \(first)")
        let lines = [first] + rest
        #expect(!hung, "killed by the hang watchdog")
        #expect(lines.count == 40)
        let documents = try lines.map { try decode($0) }
        #expect(Set(documents.compactMap { $0["uuid"]?.stringValue }).count == 40)
        #expect(documents.allSatisfy { $0["verdict"] != nil && $0["findings"] != nil })
    }

    @Test(
        "--output markdown streams a section per mapping in the listed order (the first while the last is held), the summary table last, every diagram valid Mermaid"
    )
    func markdownStreaming() async throws {
        // As for jsonl: the report's first line (its heading, written with the first mapping's section) must come
        // while fleet-fn-007's reads wait.
        let (first, rest, held, hung) = try await runHoldingFleetFn007(output: "markdown")
        let bed = try await FleetTestBed.shared()
        #expect(first == "## msk-esm doctor --all", "no heading while fleet-fn-007's reads were held: not streamed")
        #expect(held >= 1, "no read of fleet-fn-007 was held: the test proved nothing")
        #expect(!hung, "killed by the hang watchdog")
        let lines = [first ?? ""] + rest
        let markdown = lines.joined(separator: "\n")
        for canary in canaries { #expect(!markdown.contains(canary)) }
        // One section per mapping, in the order jsonl (and ListEventSourceMappings) gives them.
        let json = try await NiceRunner.run(
            ["doctor", "--all", "--function-prefix", "fleet-fn-", "--output", "jsonl"], environment: bed.environment())
        let documents = try json.stdout.split(separator: "\n").map { try decode(String($0)) }
        let sections = lines.filter { $0.hasPrefix("### `f1ee7000-") }
        #expect(sections.count == 40)
        #expect(
            sections.map { String($0.dropFirst(5).prefix { $0 != "`" }) }
                == documents.compactMap { $0["uuid"]?.stringValue })
        for (section, document) in zip(sections, documents) {
            #expect(section.contains("`: \(document["verdict"]?.stringValue ?? "?") — function `fleet-fn-"))
        }
        // The summary comes after every section: its table has a row per mapping.
        let summary = try #require(lines.firstIndex { $0.hasPrefix("### Summary: ") })
        #expect(lines.lastIndex { $0.hasPrefix("### `f1ee7000-") }.map { $0 < summary } == true)
        #expect(lines[summary...].filter { $0.hasPrefix("| `f1ee7000-") }.count == 40)
        #expect(lines.filter { $0 == "```mermaid" }.count == 40)
        // Mermaid itself (PyPI mermaidx, Tests/TestBed/mermaid_oracle.py) accepts every diagram.
        let oracle = SecretHygieneTests.repository.appendingPathComponent("Tests/TestBed/mermaid_oracle.py")
        let rendered = try ChildProcess.run(
            "/usr/bin/env", ["python3", oracle.path], input: .data(Data(markdown.utf8)))
        let results = try String(decoding: rendered.output, as: UTF8.self).split(separator: "\n").map {
            try decode(String($0))
        }
        #expect(results.count == 40)
        #expect(results.allSatisfy { $0["ok"] == .bool(true) }, "\(results.first { $0["ok"] != .bool(true) } ?? .null)")
    }

    @Test("throttling: the run slows down as one (the limit halves), completes without ACC findings, retries bounded")
    func throttling() async throws {
        let bed = try await FleetTestBed.shared()
        try await bed.proxy([
            "faults": [
                ["match": "GetRole", "status": 400, "code": "Throttling", "times": 10],
                ["match": "/api/v2/clusters/", "status": 429, "code": "ThrottlingException", "times": 6],
            ]
        ])
        let configuration = try AWSClientConfiguration.resolve(AWSSettings(), environment: bed.environment())
        let gatherer = SnapshotGatherer(client: AWSClient(configuration: configuration), maxConcurrency: 8)
        let fleet = MappingFleet(
            gatherers: [gatherer], selection: MappingSelection(functionPrefix: "fleet-fn-"), now: Date())
        let (mappings, failures) = try await fleet.list { _ in }
        let results = await fleet.diagnose(mappings) { _ in }
        let stats = try await bed.sideDoor(bed.proxyURL + "/_proxy/stats")
        let log = try await bed.log()
        let pages = log.filter { ($0["operation"]?.stringValue ?? "").hasSuffix("/event-source-mappings") }.count
        // The metric batches are made outside the read cache (each is asked for once), so not in its count.
        let metricBatches = log.filter { $0["api"]?.stringValue == "GetMetricData" }.count
        try await bed.proxy()
        #expect(failures.isEmpty)
        #expect(results.count == 40)
        let throttledFindings = results.flatMap(\.diagnosis.report.findings).filter {
            $0.detail.contains("Throttl") || $0.title.contains("Throttl")
        }
        #expect(throttledFindings.isEmpty, "\(throttledFindings.first?.detail ?? "")")
        #expect(await gatherer.limiter.throttled == 16)
        #expect(await gatherer.limiter.lowestLimit <= 4)
        // Retries: exactly one per throttled answer — the distinct reads plus the 16 faults.
        let distinct = await gatherer.cache.statistics.reads
        #expect(metricBatches == 1)
        #expect(stats["total"]?.intValue == distinct + pages + metricBatches + 16, "\(stats)")  // + the listing's pages
    }

    @Test(
        "partial failure: a Region denied, a cluster that cannot be read — reported where they belong, the run goes on")
    func partialFailure() async throws {
        let bed = try await FleetTestBed.shared()
        try await bed.proxy([
            "faults": [
                [
                    "match": "event-source-mappings", "region": "eu-west-1", "status": 403,
                    "code": "AccessDeniedException", "times": 100,
                ],
                ["match": "fleet-02", "status": 403, "code": "AccessDeniedException", "times": 100],
            ]
        ])
        let result = try await NiceRunner.run(
            [
                "doctor", "--all", "--function-prefix", "fleet-fn-", "--region", "us-east-1", "--region", "eu-west-1",
                "--output", "json",
            ],
            environment: bed.environment())
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stderr.contains("eu-west-1"))
        let document = try decode(result.stdout)
        #expect(document["errors"]?.arrayValue?.first?["region"]?.stringValue == "eu-west-1")
        #expect(document["errors"]?.arrayValue?.first?["denied"] == .bool(true))
        let mappings = document["mappings"]?.arrayValue ?? []
        #expect(mappings.count == 40)
        for mapping in mappings {
            let onBrokenCluster =
                (mapping["summary"]?["cluster"]?.stringValue ?? "").contains("fleet-02")
                || Int(mapping["uuid"]?.stringValue?.suffix(12) ?? "").map { $0 % 4 == 2 } == true
            let denied =
                mapping["findings"]?.arrayValue?.contains {
                    $0["code"]?.stringValue == "ACC001"
                        && ($0["title"]?.stringValue ?? "" + ($0["detail"]?.stringValue ?? "")).contains("kafka")
                } == true
            #expect(denied == onBrokenCluster, "\(mapping["uuid"]?.stringValue ?? "")")
        }
        // Every Region denied → nothing to diagnose: exit 3.
        try await bed.proxy([
            "faults": [
                ["match": "event-source-mappings", "status": 403, "code": "AccessDeniedException", "times": 100]
            ]
        ])
        let none = try await NiceRunner.run(["doctor", "--all"], environment: bed.environment())
        try await bed.proxy()
        #expect(none.exitCode == 3)
        #expect(none.stdout.isEmpty)
    }

    @Test("a mapping whose function was deleted: that mapping reports MAP014, the others of the run are unaffected")
    func deletedFunction() async throws {
        let bed = try await FleetTestBed.shared()
        try await bed.proxy()
        let uuid = "0de1e7ed-0000-4000-8000-000000000001"
        _ = try await bed.sideDoor(
            bed.testbedURL + "/_testbed/seed",
            body: [
                "mappings": [
                    [
                        "UUID": .string(uuid), "EventSourceArn": .string(bed.clusterArn(0)),
                        "FunctionArn": .string("arn:aws:lambda:\(bed.region):\(bed.account):function:ghost-fn-1"),
                        "Topics": ["gone"], "State": "Enabled", "StartingPosition": "LATEST",
                        "LastModified": 1795000000,
                    ]
                ]
            ])
        let result = try await NiceRunner.run(
            ["doctor", "--all", "--function-prefix", "ghost-fn-", "--output", "json"], environment: bed.environment())
        #expect(result.exitCode == 1, "\(result.stderr)")
        let mappings = try decode(result.stdout)["mappings"]?.arrayValue ?? []
        #expect(mappings.count == 1)
        #expect(failing(mappings.first).contains("MAP014"))
        let others = try await NiceRunner.run(
            ["doctor", "--all", "--function-prefix", "fleet-fn-007", "--output", "json"], environment: bed.environment()
        )
        #expect(
            try decode(others.stdout)["mappings"]?.arrayValue?.allSatisfy { !failing($0).contains("MAP014") } == true)
    }

    @Test("--all-regions lists every Region EC2 DescribeRegions names (the mappings live in one)")
    func allRegions() async throws {
        let bed = try await FleetTestBed.shared()
        try await bed.proxy()
        let result = try await NiceRunner.run(
            ["doctor", "--all", "--all-regions", "--function-prefix", "fleet-fn-007", "--output", "json"],
            environment: bed.environment())
        #expect(result.exitCode == 0 || result.exitCode == 1, "\(result.stderr)")
        #expect(try decode(result.stdout)["mappings"]?.arrayValue?.count == 5)
        let regions = Set(
            try await bed.log().filter { ($0["operation"]?.stringValue ?? "").hasSuffix("/event-source-mappings") }
                .compactMap { $0["region"]?.stringValue })
        let environment = bed.environment(extra: ["AWS_DEFAULT_REGION": bed.region])
        let oracle = try await NiceRunner.offThePool {
            try AWSCLI.run(["ec2", "describe-regions"], environment: environment)
        }
        let expected = Set(oracle["Regions"]?.arrayValue?.compactMap { $0["RegionName"]?.stringValue } ?? [])
        #expect(regions == expected)
        #expect(regions.count > 1)
    }
}

/// The binary (at nice 10, as NiceRunner runs it) with its stdout read line by line as it comes, under a hang
/// watchdog; nothing is timed.
final class StreamingRun: @unchecked Sendable {
    private let child: ChildProcess
    private let watchdog: HangWatchdog.ProcessKiller

    init(_ arguments: [String], environment: [String: String]) throws {
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        child = try ChildProcess(
            executable: "/usr/bin/nice", arguments: ["-n", "10", BinaryRunner.binary.path] + arguments,
            environment: env,
            input: .null, output: .pipe, error: .null)
        // Generous: the whole run, with a held read released only after the first line.
        watchdog = HangWatchdog.ProcessKiller(child, seconds: 5 * HangWatchdog.seconds)
    }

    /// The next line, or nil at the end of the output or when none came within `seconds` (a watchdog).
    func nextLine(within seconds: Double) -> String? { child.readLine(timeout: seconds) }

    /// Every further line, to the end of the output; then the child is reaped.
    func remainingLines() -> [String] {
        var lines: [String] = []
        while let line = child.readLine(timeout: .infinity) { lines.append(line) }
        child.wait()
        watchdog.disarm()
        return lines
    }

    /// Whether the hang watchdog killed the binary.
    var hung: Bool { watchdog.fired }
}
