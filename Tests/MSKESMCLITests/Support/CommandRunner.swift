import Foundation
import MSKESMCLI
import MSKESMCore
import MSKESMSystem

/// The result of one msk-esm command line.
struct CommandResult: Sendable {
    var exitCode: Int32
    var stdout: String
    var stderr: String

    /// The stdout parsed as one JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }
}

/// Runs command lines in-process (fast, same code path as the binary) or as the built binary
/// (for what only a real process shows: stdin, exit status, signals).
enum CommandRunner {
    static func run(_ arguments: [String]) async -> CommandResult {
        let output = Captured()
        let errors = Captured()
        let console = Console(output: { output.append($0) }, error: { errors.append($0) })
        let code = await CommandLineEntry.run(arguments, console: console)
        return CommandResult(exitCode: code, stdout: output.text, stderr: errors.text)
    }

    /// The `msk-esm` binary that `swift build` put beside the test bundle.
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

    static func runBinary(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> CommandResult {
        var env = ProcessInfo.processInfo.environment
        env["AWS_EC2_METADATA_DISABLED"] = "true"
        for (key, value) in environment { env[key] = value }
        // Both pipes are read at once, so a large output cannot dead-lock the child.
        let outcome = try ChildProcess.run(
            binary.path, arguments, environment: env, directory: currentDirectory?.path, input: .data(stdin ?? Data()))
        return CommandResult(
            exitCode: outcome.termination.shellStatus, stdout: outcome.outputText, stderr: outcome.errorText)
    }
}

/// A thread-safe text buffer.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ text: String) { appendData(Data(text.utf8)) }
    func appendData(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
