import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport

/// Runs the built `msk-esm` binary with exactly the given environment (plus PATH), capturing its output.
enum BinaryRunner {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
        /// Whether the hang watchdog killed the binary.
        var hung = false
    }

    static var binary: URL {
        // CI points this at the release binary built as the README says, so that the process-level tests
        // run what users run (scripts/test); otherwise the build beside the test bundle.
        if let path = ProcessInfo.processInfo.environment["MSK_ESM_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let directory = Bundle.main.bundleURL
        let candidate = directory.appendingPathComponent("msk-esm")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return directory.deletingLastPathComponent().appendingPathComponent("msk-esm")
    }

    static func run(
        _ arguments: [String], environment: [String: String], directory: String? = nil, stdinFile: String? = nil,
        executable: String? = nil, hangWatchdog: Double? = nil
    ) throws -> Result {
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        env["AWS_EC2_METADATA_DISABLED"] = "true"
        let child = try ChildProcess(
            executable: executable ?? binary.path, arguments: arguments, environment: env, directory: directory,
            input: stdinFile.map { .file($0) } ?? .null, output: .pipe, error: .pipe)
        let watchdog = hangWatchdog.map { HangWatchdog.ProcessKiller(child, seconds: $0) }
        let (stdout, stderr) = child.communicate()
        let termination = child.wait()
        watchdog?.disarm()
        return Result(
            exitCode: termination.shellStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self), hung: watchdog?.fired ?? false)
    }
}
