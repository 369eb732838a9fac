import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport

/// A Python helper from Tests/TestBed run as a child process: it prints one line when ready (`PORT n` or a
/// JSON document), and stops when its standard input closes (`stop()`, or this test process ending).
final class PythonProcess: @unchecked Sendable {
    let child: ChildProcess
    /// The first line the script printed.
    let readyLine: String

    /// Whether python3 with moto and boto3 can be run; tests needing them are skipped with this reason.
    static let availability: String? = {
        guard
            let probe = try? ChildProcess.run(
                "/usr/bin/env", ["python3", "-c", "import moto, boto3, botocore"], output: .null, error: .null)
        else {
            return "python3 is not installed"
        }
        return probe.status == 0 ? nil : "python3 lacks moto/boto3 (pip install -r Tests/requirements.txt)"
    }()

    static var available: Bool { availability == nil }

    init(script: String, arguments: [String] = [], timeout: TimeInterval = HangWatchdog.seconds) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["PYTHONUNBUFFERED"] = "1"
        child = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", Fixtures.testBed.appendingPathComponent(script).path] + arguments,
            environment: environment, input: .pipe, output: .pipe, error: .null)
        // Read the first line (with a deadline, so a broken script fails the test instead of hanging it).
        guard let line = child.readLine(timeout: timeout) else {
            child.send(SIGTERM)
            throw TestBedError.notReady(script)
        }
        readyLine = line
        if readyLine.isEmpty { throw TestBedError.notReady(script) }
    }

    /// The port of a `PORT n` line.
    var port: Int { Int(readyLine.split(separator: " ").last ?? "") ?? 0 }

    /// Closes the child's stdin, sends it SIGTERM (if it is still running) and reaps it (waiting at most 2 s).
    func stop() {
        child.closeInput()
        guard child.isRunning else { return }
        child.send(SIGTERM)
        for _ in 0..<200 where child.isRunning { usleep(10_000) }
    }

    deinit { stop() }
}

enum TestBedError: Error, CustomStringConvertible {
    case notReady(String)
    var description: String {
        switch self {
        case .notReady(let script): "\(script) did not start"
        }
    }
}
