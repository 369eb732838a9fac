import Foundation

/// A Python helper from Tests/TestBed run as a child process: it prints one line when ready (`PORT n` or a
/// JSON document), and stops when its standard input closes (`stop()`, or this test process ending).
final class PythonProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// The first line the script printed.
    let readyLine: String

    /// Whether python3 with moto and boto3 can be run; tests needing them are skipped with this reason.
    static let availability: String? = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import moto, boto3, botocore"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do {
            try probe.run()
            probe.waitUntilExit()
        } catch {
            return "python3 is not installed"
        }
        return probe.terminationStatus == 0 ? nil : "python3 lacks moto/boto3 (pip install -r Tests/requirements.txt)"
    }()

    static var available: Bool { availability == nil }

    init(script: String, arguments: [String] = [], timeout: TimeInterval = 90) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.testBed.appendingPathComponent(script).path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["PYTHONUNBUFFERED"] = "1"
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read the first line (with a deadline, so a broken script fails the test instead of hanging it).
        let handle = output.fileHandleForReading
        let box = LineBox()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var bytes = Data()
            while true {
                let chunk = handle.readData(ofLength: 1)
                if chunk.isEmpty || chunk == Data("\n".utf8) { break }
                bytes.append(chunk)
            }
            box.line = String(decoding: bytes, as: UTF8.self)
            done.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw TestBedError.notReady(script)
        }
        readyLine = box.line
        if readyLine.isEmpty { throw TestBedError.notReady(script) }
    }

    /// The port of a `PORT n` line.
    var port: Int { Int(readyLine.split(separator: " ").last ?? "") ?? 0 }

    /// Closes the child's stdin and sends it SIGTERM. No waitUntilExit: Foundation's can spin forever
    /// when the child has already been reaped.
    func stop() {
        try? input.fileHandleForWriting.close()
        let pid = process.processIdentifier
        if pid > 0 && process.isRunning { kill(pid, SIGTERM) }
    }

    deinit { stop() }

    private final class LineBox: @unchecked Sendable { var line = "" }
}

enum TestBedError: Error, CustomStringConvertible {
    case notReady(String)
    var description: String {
        switch self {
        case .notReady(let script): "\(script) did not start"
        }
    }
}
