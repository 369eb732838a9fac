import Foundation
import MSKESMCore

/// Runs the built `msk-esm` binary with exactly the given environment (plus PATH), capturing its output.
enum BinaryRunner {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
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
        executable: String? = nil
    ) throws -> Result {
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        env["AWS_EC2_METADATA_DISABLED"] = "true"
        let outcome = try ChildProcess.run(
            executable ?? binary.path, arguments, environment: env, directory: directory,
            input: stdinFile.map { .file($0) } ?? .null)
        return Result(exitCode: outcome.termination.shellStatus, stdout: outcome.outputText, stderr: outcome.errorText)
    }
}
