import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

/// The `fix` commands of `network check` are real: `Tests/Fixtures/network/check_fixes.py` builds a broken
/// VPC in moto, runs every printed fix with the AWS CLI, and checks again. moto and the AWS CLI are the oracle.
struct NetworkFixCommandTests {
    static var pythonWithMoto: Bool {
        let probe = try? ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", "import moto.server, boto3, awscli"], input: .inherit, output: .null,
            error: .null)
        return probe?.status == 0
    }

    @Test(.enabled(if: pythonWithMoto, "needs python3 with moto[server], boto3 and awscli (Tests/requirements.txt)"))
    func printedFixesRepairTheNetwork() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/network/check_fixes.py")
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("fixes-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: errors) }
        let python = try ChildProcess.run(
            "/usr/bin/env", ["python3", script.path, CommandRunner.binary.path], environment: environment,
            input: .inherit, error: .file(errors.path))
        let data = python.output
        // Not String(contentsOf:): on an empty file it leaks its read buffer (LeakSanitizer).
        let log = InputReader.optionalText(atPath: errors.path) ?? ""
        #expect(python.status == 0, "\(log.suffix(2000))")
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(result["before"] as? [String] == ["NET001", "NET002", "NET003", "NET004"])
        #expect(result["after"] as? [String] == [], "\(result["afterFindings"] ?? "")")
        #expect((result["commands"] as? Int ?? 0) >= 6)
    }
}
