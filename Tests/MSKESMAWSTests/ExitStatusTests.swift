import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// Every command line that stops early ends with its own exit code, never by a signal.
///
/// The static release build once died by SIGSEGV or SIGABRT on about one such exit in six: `exit()` ran the
/// shared libraries' destructors while the thread that loads libcurl in the background was still initialising
/// OpenSSL. The debug build never showed it, so this suite means most when `MSK_ESM_BINARY` names the release
/// binary, as scripts/test does: then every line runs 200 times. Against another build (a developer's debug
/// run, the AddressSanitizer run, whose processes start ten times slower) 10 times.
@Suite("exit status of early exits: never a signal")
struct ExitStatusTests {
    struct Line: CustomStringConvertible, Sendable {
        var arguments: [String]
        var expected: Int32
        /// Credentials and an endpoint that refuses connections, for a line that gets as far as a request.
        var reachesAWS = false
        var description: String { arguments.joined(separator: " ") }
    }

    static let lines: [Line] = [
        Line(arguments: ["doctor", "--bogus"], expected: 2),
        Line(arguments: ["doctor"], expected: 2),
        Line(arguments: ["create", "--functoin", "f"], expected: 2),
        Line(arguments: ["list"], expected: 2),  // no region
        Line(arguments: ["list", "--region", "us-east-1"], expected: 2),  // no credentials
        Line(arguments: ["snapshot"], expected: 2),
        Line(arguments: ["probe"], expected: 2),
        Line(arguments: ["secret", "validate", "--secret-id"], expected: 2),
        Line(arguments: ["doctor", "--snapshot", "/nonexistent/snapshot.json"], expected: 2),
        Line(arguments: ["secret", "validate", "/nonexistent/secret.json"], expected: 2),
        Line(arguments: ["--version"], expected: 0),
        Line(
            arguments: ["get", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--region", "us-east-1"], expected: 3,
            reachesAWS: true),
    ]

    static var repetitions: Int {
        let release = !(ProcessInfo.processInfo.environment["MSK_ESM_BINARY"] ?? "").isEmpty
        return release ? 200 : 10
    }

    @Test("runs the line repeatedly; every run ends with the expected exit code", arguments: lines)
    func neverASignal(_ line: Line) throws {
        let home = NSTemporaryDirectory() + "msk-esm-exit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home,
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let refusing = try RefusingPort()
        if line.reachesAWS {
            environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
            environment["AWS_SECRET_ACCESS_KEY"] = "exit-status-test-key"
            environment["AWS_MAX_ATTEMPTS"] = "1"
            environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:\(refusing.port)"
        }
        var outcomes: [Int32: Int] = [:]
        var firstUnexpected: String?
        for _ in 0..<Self.repetitions {
            let outcome = try ChildProcess.run(
                BinaryRunner.binary.path, line.arguments, environment: environment, output: .null, error: .pipe)
            let status = outcome.termination.shellStatus
            outcomes[status, default: 0] += 1
            if status != line.expected && firstUnexpected == nil {
                firstUnexpected =
                    "exit \(status)\(outcome.termination.bySignal ? " (signal)" : ""): \(outcome.errorText)"
            }
        }
        #expect(outcomes == [line.expected: Self.repetitions], "\(outcomes); first: \(firstUnexpected ?? "")")
    }
}
