import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// Every command that calls AWS, run as the built binary through a fault proxy of its own (Tests/TestBed/
/// fault_proxy.py in front of the shared test bed, so other suites never see these faults): retries as
/// specified (AWS_MAX_ATTEMPTS=3), every wait ended by the client's own timeout, one clear error line and exit 3,
/// nothing on stdout, no crash, and no file (not even a temporary one) left in the --write directory. No time is
/// measured: attempts are counted by the proxy, a stalled answer records whether the client gave up on it, the
/// Retry-After schedule is read from --debug, and a hang watchdog of minutes only turns a hang into a failure.
@Suite(
    "fault tolerance of the AWS commands", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct FaultToleranceTests {
    /// One command line that calls AWS, and the operation (as the proxy names it) that it cannot do without.
    struct AWSCommandLine: CustomStringConvertible, Sendable {
        var arguments: @Sendable (_ bed: TestBed, _ directory: String) -> [String]
        var essentialCall: String
        var name: String
        var description: String { name }
    }

    /// The table: add every new command that calls AWS here.
    static let commandLines: [AWSCommandLine] = [
        AWSCommandLine(
            arguments: { bed, _ in ["snapshot", bed.mappingUUID] }, essentialCall: "event-source-mappings",
            name: "snapshot UUID"),
        AWSCommandLine(
            arguments: { bed, directory in
                [
                    "snapshot", bed.mappingUUID, "--write", directory + "/out.json", "--include-secrets", "--output",
                    "json",
                ]
            }, essentialCall: "event-source-mappings", name: "snapshot UUID --write FILE --include-secrets"),
        AWSCommandLine(
            arguments: { bed, _ in ["get", bed.mappingUUID] }, essentialCall: "event-source-mappings", name: "get UUID"),
        AWSCommandLine(
            arguments: { bed, _ in ["secret", "validate", "--secret-id", bed.info["secretArn"]?.stringValue ?? ""] },
            essentialCall: "GetSecretValue", name: "secret validate --secret-id"),
        AWSCommandLine(
            arguments: { bed, directory in
                [
                    "secret", "fix", "--secret-id", bed.info["secretArn"]?.stringValue ?? "", "--write",
                    directory + "/fixed.json",
                ]
            }, essentialCall: "GetSecretValue", name: "secret fix --secret-id --write"),
        AWSCommandLine(
            arguments: { bed, _ in
                ["brokers", "explain", "--cluster", bed.info["clusterArn"]?.stringValue ?? "", "--auth", "iam"]
            },
            essentialCall: "/api/v2/clusters", name: "brokers explain --cluster"),
    ]

    /// One kind of fault on the essential call, and what the command must do about it.
    struct FaultCase: CustomStringConvertible, Sendable {
        var name: String
        var fault: JSONValue
        var exitCode: Int32
        /// Requests the essential call must have seen (the retry policy's count), or nil when not fixed.
        var attempts: Int?
        /// The error line must contain this.
        var message: String?
        /// The proxy stalls the answer: the client's own timeout must end every such wait (the proxy's log
        /// records that the client closed the connection while the proxy still held back the rest).
        var stalls = false
        var description: String { name }
        /// A short read timeout where the answer stalls (the client's own timeout must end the wait); elsewhere the
        /// default, so that a slow answer on a busy machine is never taken for a stall.
        var readTimeout: [String] { stalls ? ["--cli-read-timeout", "2"] : [] }
    }

    static let xmlThrottle =
        "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"

    static let faultCases: [FaultCase] = [
        FaultCase(
            name: "500 every time", fault: ["status": 500, "code": "ServiceException", "times": 10], exitCode: 3,
            attempts: 3, message: "ServiceException"),
        FaultCase(
            name: "503 every time", fault: ["status": 503, "code": "ServiceUnavailable", "times": 10], exitCode: 3,
            attempts: 3, message: "ServiceUnavailable"),
        FaultCase(
            name: "503 once with Retry-After 1, then success",
            fault: ["status": 503, "code": "ServiceUnavailable", "times": 1, "retryAfter": "1"], exitCode: 0,
            attempts: 2),
        FaultCase(
            name: "429 with Retry-After 1 every time",
            fault: ["status": 429, "code": "TooManyRequestsException", "times": 10, "retryAfter": "1"], exitCode: 3,
            attempts: 3, message: "TooManyRequestsException"),
        FaultCase(
            name: "400 ThrottlingException JSON body",
            fault: ["status": 400, "code": "ThrottlingException", "times": 10], exitCode: 3, attempts: 3,
            message: "ThrottlingException"),
        FaultCase(
            name: "400 Throttling XML body",
            fault: [
                "status": 400, "code": "Throttling", "times": 10, "contentType": "text/xml",
                "body": .string(xmlThrottle),
            ],
            exitCode: 3, attempts: 3, message: "Throttling"),
        FaultCase(
            name: "connection reset mid-response",
            fault: ["upstream": true, "truncateAt": 40, "reset": true, "times": 10],
            exitCode: 3, attempts: 3),
        FaultCase(
            name: "body shorter than its Content-Length", fault: ["upstream": true, "truncateAt": 30, "times": 10],
            exitCode: 3, attempts: 3),
        FaultCase(
            name: "stall mid-response (read timeout 2 s)",
            fault: ["upstream": true, "truncateAt": 10, "stall": 60, "times": 10],
            // libcurl's low-speed check averages over its last 5 s, so 10 early bytes stretch each 2 s read
            // timeout to about 8 s: still far inside the proxy's 60 s stall, 3 attempts.
            exitCode: 3, attempts: 3, stalls: true),
        FaultCase(
            name: "200 with truncated JSON", fault: ["status": 200, "times": 10, "body": #"{"UUID": "14e0db71-5d3"#],
            exitCode: 3, attempts: 1, message: "JSON"),
        FaultCase(
            name: "200 with malformed JSON", fault: ["status": 200, "times": 10, "body": #"{"UUID": [}, 'x'"#],
            exitCode: 3,
            attempts: 1, message: "JSON"),
        FaultCase(
            name: "200 with an XML body",
            fault: ["status": 200, "times": 10, "contentType": "text/xml", "body": "<a><b>1</b></a>"],
            exitCode: 3, attempts: 1, message: "JSON"),
        FaultCase(
            name: "502 text/html from a proxy",
            fault: [
                "status": 502, "code": "", "times": 10, "contentType": "text/html",
                "body": "<html><body>Bad Gateway</body></html>",
            ],
            exitCode: 3, attempts: 3),
        FaultCase(
            name: "100 MB body with Content-Length", fault: ["status": 200, "times": 10, "size": 100_000_000],
            exitCode: 3,
            attempts: 1, message: "larger than 16 MiB"),
        FaultCase(
            name: "100 MB chunked body", fault: ["status": 200, "times": 10, "size": 100_000_000, "chunked": true],
            exitCode: 3, attempts: 1, message: "larger than 16 MiB"),
    ]

    /// A fault proxy of this suite's own in front of the shared test bed.
    enum Proxy {
        private static let starting = Task { try PrivateFaultProxy(bed: try await TestBed.shared()) }
        static func shared() async throws -> PrivateFaultProxy { try await starting.value }
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "msk-esm-faults-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(
        "faults on the essential call: retries, bounded time, exit code, one error line, no file left",
        arguments: commandLines, faultCases)
    func fault(_ line: AWSCommandLine, _ fault: FaultCase) async throws {
        let bed = try await TestBed.shared()
        let proxy = try await Proxy.shared()
        var configured = fault.fault.objectValue ?? [:]
        configured["match"] = .string(line.essentialCall)
        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config", body: ["reset": true, "faults": [.object(configured)]])
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = bed.environment(through: proxy.url)
        environment["AWS_MAX_ATTEMPTS"] = "3"
        let result = try BinaryRunner.run(
            line.arguments(bed, directory) + fault.readTimeout, environment: environment,
            hangWatchdog: 5 * HangWatchdog.seconds)
        let stats = try await bed.sideDoor(proxy.url + "/_proxy/stats")
        let log = try await bed.sideDoor(proxy.url + "/_proxy/log").arrayValue ?? []
        _ = try await bed.sideDoor(proxy.url + "/_proxy/config", body: ["reset": true])
        #expect(!result.hung, "killed by the hang watchdog")

        if fault.exitCode == 0 {
            // Success: the command's own verdict (1 when what it read has problems).
            #expect(result.exitCode == 0 || result.exitCode == 1, "\(result.stderr)")
        } else {
            #expect(result.exitCode == fault.exitCode, "\(result.stderr)")
        }
        if fault.stalls { Self.expectClientGaveUp(log, on: line.essentialCall) }
        if let attempts = fault.attempts {
            // Per operation: each read gets the policy's attempts. Known defect, left to its owner: snapshot reads
            // the mapping twice (SnapshotCommand, then the gatherer), so a failing read takes 2 × the attempts.
            let seen = (stats["byOperation"]?.objectValue ?? [:]).filter { $0.key.contains(line.essentialCall) }
                .compactMapValues { $0.intValue }
            #expect(
                !seen.isEmpty && seen.values.allSatisfy { [attempts, attempts + 1, 2 * attempts].contains($0) },
                "\(stats)")
        }
        if fault.exitCode != 0 {
            #expect(result.stdout.isEmpty)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("msk-esm: error: "))
            if let message = fault.message { #expect(result.stderr.contains(message), "\(result.stderr)") }
            let left = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(left.isEmpty, "left behind: \(left)")
        }
    }

    @Test(
        "create under faults: not retried once it may have taken effect, bounded, and never a duplicate mapping",
        arguments: [
            // create retries 5xx: safe, because before each attempt it looks for an identical mapping (MAP009 /
            // "already exists, unchanged"); the list afterwards proves there is never a second one.
            FaultCase(
                name: "500", fault: ["status": 500, "code": "ServiceException", "times": 10], exitCode: 3, attempts: 3),
            FaultCase(
                name: "503 with Retry-After",
                fault: ["status": 503, "code": "ServiceUnavailable", "times": 10, "retryAfter": "1"],
                exitCode: 3, attempts: 3),
            FaultCase(
                name: "429 (surely not applied: retried)",
                fault: ["status": 429, "code": "TooManyRequestsException", "times": 10],
                exitCode: 3, attempts: 3),
            FaultCase(
                name: "reset after the commit", fault: ["upstream": true, "truncateAt": 0, "reset": true, "times": 1],
                exitCode: 0,
                attempts: 1),
            FaultCase(
                name: "stall after the commit", fault: ["upstream": true, "truncateAt": 5, "stall": 60, "times": 1],
                exitCode: 0,
                attempts: 1, stalls: true),
        ])
    func createUnderFaults(_ fault: FaultCase) async throws {
        let bed = try await TestBed.shared()
        let proxy = try await Proxy.shared()
        let function = "fault-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await bed.sideDoor(
            bed.testbedURL + "/_testbed/seed",
            body: [
                "functions": [
                    [
                        "FunctionName": .string(function),
                        "FunctionArn": .string("arn:aws:lambda:us-east-1:123456789012:function:\(function)"),
                        "Role": .string(bed.info["roleArn"]?.stringValue ?? ""), "Runtime": "python3.12", "Timeout": 60,
                        "State": "Active", "LastUpdateStatus": "Successful",
                    ]
                ]
            ])
        var configured = fault.fault.objectValue ?? [:]
        configured["match"] = "POST /2015-03-31/event-source-mappings"
        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config", body: ["reset": true, "faults": [.object(configured)]])
        var environment = bed.environment(through: proxy.url)
        environment["AWS_MAX_ATTEMPTS"] = "3"
        let result = try BinaryRunner.run(
            [
                "create", "--function", function, "--cluster", bed.info["clusterArn"]?.stringValue ?? "", "--topic",
                "orders",
                "--starting-position", "LATEST", "--no-preflight",
            ] + fault.readTimeout, environment: environment, hangWatchdog: 5 * HangWatchdog.seconds)
        let stats = try await bed.sideDoor(proxy.url + "/_proxy/stats")
        let log = try await bed.sideDoor(proxy.url + "/_proxy/log").arrayValue ?? []
        _ = try await bed.sideDoor(proxy.url + "/_proxy/config", body: ["reset": true])
        #expect(!result.hung, "killed by the hang watchdog")
        let posts = (stats["byOperation"]?.objectValue ?? [:]).filter {
            $0.key.hasPrefix("POST /2015-03-31/event-source-mappings")
        }
        .compactMap { $0.value.intValue }.reduce(0, +)
        #expect(posts == fault.attempts, "\(stats)")
        #expect(result.exitCode == fault.exitCode, "\(result.stderr)")
        if fault.stalls { Self.expectClientGaveUp(log, on: "POST /2015-03-31/event-source-mappings") }
        if result.exitCode != 0 {
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        let listed = try BinaryRunner.run(
            ["list", "--function", function, "--output", "json"], environment: bed.environment())
        let mappings = try JSONDecoder().decode(JSONValue.self, from: Data(listed.stdout.utf8))["EventSourceMappings"]?
            .arrayValue
        #expect((mappings?.count ?? 0) <= 1, "\(listed.stdout)")
        if fault.exitCode == 0 { #expect(mappings?.count == 1) }
    }

    /// Every stalled answer to `operation` in the proxy's log ended because the client closed the connection (its
    /// own read timeout), while the proxy still held back the rest of the answer.
    static func expectClientGaveUp(_ log: [JSONValue], on operation: String) {
        let stalled = log.filter {
            ($0["operation"]?.stringValue ?? "").contains(operation) && $0["clientClosed"] != nil
        }
        #expect(!stalled.isEmpty, "no stalled answer in the log: \(log)")
        #expect(stalled.allSatisfy { $0["clientClosed"] == .bool(true) }, "\(stalled)")
    }

    @Test(
        "Retry-After sets the wait before the next attempt: the schedule the binary computed (--debug), not the clock",
        arguments: [("once, then success", 1, 0), ("every time", 10, 3)])
    func retryAfterSchedule(_ name: String, _ times: Int, _ exitCode: Int32) async throws {
        let bed = try await TestBed.shared()
        let proxy = try await Proxy.shared()
        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config",
            body: [
                "reset": true,
                "faults": [
                    [
                        "match": "event-source-mappings", "status": 503, "code": "ServiceUnavailable",
                        "times": .number(Double(times)), "retryAfter": "1",
                    ]
                ],
            ])
        var environment = bed.environment(through: proxy.url)
        environment["AWS_MAX_ATTEMPTS"] = "3"
        let result = try BinaryRunner.run(
            ["get", bed.mappingUUID, "--debug"], environment: environment, hangWatchdog: 5 * HangWatchdog.seconds)
        _ = try await bed.sideDoor(proxy.url + "/_proxy/config", body: ["reset": true])
        #expect(!result.hung, "killed by the hang watchdog")
        #expect(exitCode == 0 ? result.exitCode <= 1 : result.exitCode == exitCode, "\(result.stderr)")
        // The back-off alone would wait at most 100 ms before attempt 2 and 200 ms before attempt 3.
        let retries = result.stderr.split(separator: "\n").filter { $0.hasPrefix("retrying ") }
        #expect(retries.count == min(times, 2), "\(retries)")
        for (index, retry) in retries.enumerated() {
            #expect(retry.contains(" in 1000 ms (attempt \(index + 2))"), "\(retry)")
        }
    }

    @Test(
        "XML throttling on a later IAM call is retried; when it persists the snapshot names the error and still completes"
    )
    func xmlThrottlingOnLaterCall() async throws {
        let bed = try await TestBed.shared()
        let proxy = try await Proxy.shared()
        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config",
            body: [
                "reset": true,
                // "GetRole" also matches GetRolePolicy: enough faults that every one of them is throttled.
                "faults": [
                    [
                        "match": "GetRole", "status": 400, "code": "Throttling", "times": 100,
                        "contentType": "text/xml",
                        "body": .string(Self.xmlThrottle),
                    ]
                ],
            ])
        var environment = bed.environment(through: proxy.url)
        environment["AWS_MAX_ATTEMPTS"] = "3"
        let result = try BinaryRunner.run(["snapshot", bed.mappingUUID], environment: environment)
        let stats = try await bed.sideDoor(proxy.url + "/_proxy/stats")
        _ = try await bed.sideDoor(proxy.url + "/_proxy/config", body: ["reset": true])
        #expect(result.exitCode == 0, "\(result.stderr)")
        // The client's 3 attempts, and the gatherer tries a still-throttled read twice more once the limiter's
        // shared pause is over: 3 rounds of 3.
        #expect(stats["byOperation"]?["GetRole"]?.intValue == 9, "\(stats)")
        let snapshot = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        let roleError = snapshot["Errors"]?["iam.GetRole"]?.stringValue ?? ""
        #expect(roleError.contains("Throttling"), "\(snapshot["Errors"] ?? .null)")
        #expect(snapshot["Role"] == nil)
    }

    @Test(
        "malformed XML from IAM (200, truncated, wrong content type): the snapshot names the error, stderr stays clean",
        arguments: [
            "<GetRoleResponse><GetRoleResult><Role><RoleName>x</Role>", "{\"not\": \"xml\"}",
            "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">]><r>&a;&a;</r>",
        ])
    func malformedXML(_ body: String) async throws {
        let bed = try await TestBed.shared()
        let proxy = try await Proxy.shared()
        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config",
            body: [
                "reset": true,
                "faults": [
                    [
                        "match": "GetRole", "status": 200, "times": 10, "contentType": "text/plain",
                        "body": .string(body),
                    ]
                ],
            ])
        let result = try BinaryRunner.run(
            ["snapshot", bed.mappingUUID], environment: bed.environment(through: proxy.url))
        _ = try await bed.sideDoor(proxy.url + "/_proxy/config", body: ["reset": true])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let snapshot = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        let errors = String(decoding: try JSONEncoder().encode(snapshot["Errors"] ?? .null), as: UTF8.self)
        #expect(errors.contains("InvalidResponse"), "\(errors)")
    }

    @Test("a 100 MB answer is refused without being held in memory: peak RSS stays far below it")
    func bodyCapMemory() async throws {
        let bed = try await TestBed.shared()
        let proxy = try await Proxy.shared()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return }
        /// Answers the mapping's read with `size` bytes, chunked (no Content-Length to refuse it by).
        func answer(size: Int) async throws {
            _ = try await bed.sideDoor(
                proxy.url + "/_proxy/config",
                body: [
                    "reset": true,
                    "faults": [
                        [
                            "match": "event-source-mappings", "status": 200, "times": 10,
                            "size": .number(Double(size)), "chunked": true,
                        ]
                    ],
                ])
        }
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        /// Peak RSS (KB) and exit status of the binary with `arguments`.
        func peak(_ arguments: [String]) throws -> (Int, Int32) {
            var environment = bed.environment(through: proxy.url)
            environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
            // In an AddressSanitizer build, freed memory is held back (256 MB by default) to catch use after
            // free: that is not memory the binary keeps. Ignored by an ordinary build.
            environment["ASAN_OPTIONS"] = "quarantine_size_mb=0"
            let timed = try ChildProcess.run(
                "/usr/bin/time", ["-f", "%M", "-o", directory + "/rss", BinaryRunner.binary.path] + arguments,
                environment: environment, output: .null, error: .null)
            let text = try String(contentsOfFile: directory + "/rss", encoding: .utf8)
            return (Int(text.split(separator: "\n").last.map(String.init) ?? "") ?? Int.max, timed.status)
        }
        // Relative to the same command answered with a small body, so that the bound also holds in sanitizer
        // builds, whose libraries, threads and allocator cost far more than --version shows.
        try await answer(size: 1_000)
        let (baseline, _) = try peak(["snapshot", bed.mappingUUID])
        try await answer(size: 100_000_000)
        let (kilobytes, status) = try peak(["snapshot", bed.mappingUUID])
        _ = try await bed.sideDoor(proxy.url + "/_proxy/config", body: ["reset": true])
        #expect(status == 3)
        #expect(kilobytes - baseline < 48 * 1024, "peak RSS \(kilobytes) KB, with a small body \(baseline) KB")
    }
}
