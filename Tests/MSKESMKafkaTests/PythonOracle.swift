import Foundation
import MSKESMCore
import MSKESMSystem

/// Runs a Python snippet and returns its stdout; nil when python3 or a needed package is missing.
enum KafkaPythonOracle {
    static func run(_ script: String, arguments: [String] = []) -> String? {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        guard
            let python = try? ChildProcess.run(
                "/usr/bin/env", ["python3", "-c", script] + arguments, environment: environment, input: .inherit,
                error: .null)
        else { return nil }
        guard python.status == 0 else { return nil }
        return python.outputText
    }

    static let hasScramp = run("import scramp") != nil
    static let hasSigner = run("import aws_msk_iam_sasl_signer") != nil
}
