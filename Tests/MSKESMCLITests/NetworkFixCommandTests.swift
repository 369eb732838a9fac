import Foundation
import Testing

/// The `fix` commands of `network check` are real: `Tests/Fixtures/network/check_fixes.py` builds a broken
/// VPC in moto, runs every printed fix with the AWS CLI, and checks again. moto and the AWS CLI are the oracle.
struct NetworkFixCommandTests {
    static var pythonWithMoto: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import moto.server, boto3, awscli"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: pythonWithMoto, "needs python3 with moto[server], boto3 and awscli (Tests/requirements.txt)"))
    func printedFixesRepairTheNetwork() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/network/check_fixes.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, CommandRunner.binary.path]
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("fixes-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(log.suffix(2000))")
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(result["before"] as? [String] == ["NET001", "NET002", "NET003", "NET004"])
        #expect(result["after"] as? [String] == [], "\(result["afterFindings"] ?? "")")
        #expect((result["commands"] as? Int ?? 0) >= 6)
    }
}
