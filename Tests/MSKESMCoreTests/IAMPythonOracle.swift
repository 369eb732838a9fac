import Foundation
import MSKESMCore
import MSKESMSystem

/// Runs a short python3 program as an independent oracle: JSON in on stdin, JSON out on stdout.
enum IAMPythonOracle {
    static let executable: URL? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run<Input: Encodable, Output: Decodable>(_ program: String, input: Input, as: Output.Type = Output.self)
        throws -> Output
    {
        guard let executable else { throw Failure(description: "python3 is not installed") }
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        let python = try ChildProcess.run(
            executable.path, ["-c", program], environment: environment, input: .data(try JSONEncoder().encode(input)))
        guard python.status == 0 else {
            throw Failure(description: "python3 failed: \(python.errorText)")
        }
        return try JSONDecoder().decode(Output.self, from: python.output)
    }
}
