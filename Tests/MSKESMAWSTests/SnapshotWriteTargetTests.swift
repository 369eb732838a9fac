import Foundation
import MSKESMTestSupport
import Testing

/// `snapshot UUID --write FILE` checks the target before it reads anything from AWS (issue 13): a target
/// that cannot be written is exit 2 at once, not exit 3 after the reads. AWS here is a port that refuses every
/// connection, and `--debug` traces every request on stderr: one line on stderr proves none was attempted.
struct SnapshotWriteTargetTests {
    static let uuid = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"

    enum Target: String, CaseIterable, Sendable {
        case existingFile, directory, missingParent
    }

    @Test(arguments: Target.allCases)
    func aBadTargetFailsBeforeAnyRequest(_ target: Target) throws {
        let refusing = try RefusingPort()
        let directory = NSTemporaryDirectory() + "msk-esm-write-target-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path: String
        let message: String
        switch target {
        case .existingFile:
            path = directory + "/snapshot.json"
            try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: path))
            message = "the file exists (--write \(path))"
        case .directory:
            path = directory
            message = "is a directory (--write \(path))"
        case .missingParent:
            path = directory + "/no/such/snapshot.json"
            message = "the directory does not exist (--write \(path))"
        }
        let result = try BinaryRunner.run(
            [
                "snapshot", Self.uuid, "--write", path, "--debug", "--region", "us-east-1",
                "--endpoint-url", "http://127.0.0.1:\(refusing.port)", "--cli-connect-timeout", "1",
            ],
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_MAX_ATTEMPTS": "1",
                "HOME": directory,
            ])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: \(message)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "a request was traced: \(result.stderr)")
        if target == .existingFile {
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me\n")
        }
    }
}
