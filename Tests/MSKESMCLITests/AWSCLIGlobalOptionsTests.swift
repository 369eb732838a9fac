import Foundation
import Testing

/// The AWS CLI's global options that its users type out of habit: `--color`, `--ca-bundle`, `--no-cli-pager`,
/// `--cli-binary-format`.
struct AWSCLIGlobalOptionsTests {
    static let broken = DoctorCommandTests.example("broken-sg-no-self-reference.json")
    static let escape = "\u{1B}["

    @Test(
        "--color on colours even a pipe; off and auto (not a terminal) do not; --no-color with --color on is a usage error"
    )
    func color() async {
        let on = await CommandRunner.run(["doctor", "--snapshot", Self.broken, "--color", "on"])
        #expect(on.exitCode == 1)
        #expect(on.stdout.contains(Self.escape))
        for choice in ["off", "auto"] {
            let plain = await CommandRunner.run(["doctor", "--snapshot", Self.broken, "--color", choice])
            #expect(plain.exitCode == 1)
            #expect(!plain.stdout.contains(Self.escape), "--color \(choice)")
            #expect(plain.stdout.count > 100)
        }
        let bogus = await CommandRunner.run(["doctor", "--snapshot", Self.broken, "--color", "always"])
        #expect(bogus.exitCode == 2)
        #expect(bogus.stderr.contains("--color"), "\(bogus.stderr)")
        let both = await CommandRunner.run(["doctor", "--snapshot", Self.broken, "--no-color", "--color", "on"])
        #expect(both.exitCode == 2)
        #expect(both.stderr.contains("contradict"), "\(both.stderr)")
    }

    @Test("--no-cli-pager and --cli-binary-format are accepted as the AWS CLI takes them, and checked")
    func acceptedForHabit() async {
        let healthy = DoctorCommandTests.example("healthy-iam.json")
        let pager = await CommandRunner.run(["doctor", "--snapshot", healthy, "--no-cli-pager"])
        #expect(pager.exitCode == 0, "\(pager.stderr)")
        let format = await CommandRunner.run([
            "--cli-binary-format", "raw-in-base64-out", "doctor", "--snapshot", healthy,
        ])
        #expect(format.exitCode == 0, "\(format.stderr)")
        let wrong = await CommandRunner.run(["doctor", "--snapshot", healthy, "--cli-binary-format", "hex"])
        #expect(wrong.exitCode == 2)
        #expect(wrong.stderr.contains("raw-in-base64-out"), "\(wrong.stderr)")
    }

    @Test("--ca-bundle that is not a readable file is exit 2 before any AWS call")
    func caBundleChecked() async throws {
        let missing = try CommandRunner.runBinary(
            [
                "list", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9", "--ca-bundle",
                "/nonexistent/ca.pem",
            ],
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "x", "AWS_CONFIG_FILE": "/dev/null",
            ])
        #expect(missing.exitCode == 2)
        #expect(
            missing.stderr.contains("--ca-bundle") && missing.stderr.contains("/nonexistent/ca.pem"),
            "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let directory = try CommandRunner.runBinary(
            ["list", "--region", "us-east-1", "--ca-bundle", NSTemporaryDirectory()],
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "x", "AWS_CONFIG_FILE": "/dev/null",
            ])
        #expect(directory.exitCode == 2, "\(directory.stderr)")
    }
}
