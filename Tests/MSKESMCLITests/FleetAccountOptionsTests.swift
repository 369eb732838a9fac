import Foundation
import Testing

/// `doctor --all --accounts FILE --assume-role-name NAME [--external-id ID]`: bad combinations and bad files fail
/// with one line and exit 2 before any AWS call (the endpoint is a closed port, so a call would fail differently).
struct FleetAccountOptionsTests {
    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "msk-esm-accounts-" + UUID().uuidString
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let offline = [
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDTEST",
        "AWS_SECRET_ACCESS_KEY": "test", "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
    ]

    @Test(
        "usage errors: one line naming the flag, exit 2",
        arguments: [
            (["doctor", "--function", "f", "--accounts", "ids.txt"], "--accounts goes with --all"),
            (["doctor", "--all", "--assume-role-name", "R"], "go with --all --accounts"),
            (["doctor", "--all", "--external-id", "x"], "go with --all --accounts"),
            (["doctor", "--all", "--organization"], "--organization needs --assume-role-name"),
            (
                ["doctor", "--function", "f", "--organization", "--assume-role-name", "R"],
                "--organization goes with --all"
            ),
            (
                ["doctor", "--all", "--organization", "--accounts", "ids.txt", "--assume-role-name", "R"],
                "cannot be combined"
            ),
            (
                ["doctor", "--all", "--accounts", "ids.txt", "--assume-role-name", "arn:aws:iam::1:role/R"],
                "not an ARN"
            ),
        ])
    func badCombinations(arguments: [String], mention: String) throws {
        let result = try CommandRunner.runBinary(arguments, environment: Self.offline)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(mention), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test(
        "bad account files: one line naming the file, exit 2",
        arguments: [
            ("111111111111\n", [String](), "--assume-role-name"),  // plain ids need the role name
            ("1234\n", ["--assume-role-name", "R"], "line 1"),
            (#"[{"accountId": "x"}]"#, ["--assume-role-name", "R"], "[0].accountId"),
        ])
    func badFiles(text: String, extra: [String], mention: String) throws {
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.runBinary(
            ["doctor", "--all", "--accounts", path] + extra, environment: Self.offline)
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
        #expect(result.stderr.contains(mention), "\(result.stderr)")
        #expect(result.stderr.contains(path))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
