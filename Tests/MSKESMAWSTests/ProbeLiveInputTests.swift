import Foundation
import MSKESMCore
import MSKESMTestSupport
import Testing

/// `msk-esm probe --secret-id` and `--root-ca-secret-id`: the secrets come from Secrets Manager (a loopback stub
/// here), are used by the probe, and never appear in its output.
@Suite(.enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct ProbeLiveInputTests {
    static let canaryPassword = "Canary-Probe-Passw0rd-7781"

    @Test func theSecretsAreReadFromSecretsManagerAndNeverPrinted() async throws {
        let stub = try StubServer()
        let scram = #"{"username": "orders", "password": "\#(Self.canaryPassword)"}"#
        let rootCA = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Examples/secrets/mtls-good.json"), encoding: .utf8)
        let rootPEM = try #require(
            (try JSONSerialization.jsonObject(with: Data(rootCA.utf8)) as? [String: String])?["certificate"])
        func secretValue(_ arn: String, _ text: String) throws -> String {
            String(
                decoding: try JSONSerialization.data(withJSONObject: ["ARN": arn, "Name": "n", "SecretString": text]),
                as: UTF8.self)
        }
        let scramARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf"
        let caARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:broker-root-ca-XyZ123"
        // A loopback port with nothing listening: the probe gets as far as TCP and reports it refused.
        let refusing = try RefusingPort()
        let closedPort = refusing.port
        for format in ["text", "json"] {
            try await stub.script([
                "/": [
                    StubServer.Step(body: try secretValue(scramARN, scram)),
                    StubServer.Step(body: try secretValue(caARN, try Self.json(["certificate": rootPEM]))),
                ]
            ])
            let result = try BinaryRunner.run(
                [
                    "probe", "--bootstrap-servers", "127.0.0.1:\(closedPort)", "--auth", "scram-512", "--secret-id",
                    scramARN, "--root-ca-secret-id", caARN, "--timeout", "2", "--output", format, "--debug",
                ],
                environment: [
                    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
                    "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": stub.url, "HOME": "/nonexistent-msk-esm-home",
                    "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                ])
            #expect(result.exitCode == 1, "\(result.stderr)")
            #expect(result.stdout.contains("PRB002"))
            #expect(!result.stdout.contains(Self.canaryPassword) && !result.stderr.contains(Self.canaryPassword))
            let log = try await stub.stats()["log"]?.arrayValue ?? []
            let targets = log.compactMap { $0["headers"]?["X-Amz-Target"]?.stringValue }
            #expect(targets == ["secretsmanager.GetSecretValue", "secretsmanager.GetSecretValue"])
        }
        withExtendedLifetime(refusing) {}
    }

    @Test(arguments: [
        ["probe", "6d9bce8e-1111-4222-8333-444455556666", "--auth", "iam"],
        ["probe", "6d9bce8e-1111-4222-8333-444455556666", "--secret-id", "arn:x"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9", "--auth", "scram-512"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9", "--auth", "basic", "--secret-file", "a", "--secret-id", "b"],
        ["probe", "not-a-uuid"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9", "--auth", "oauthbearer"],
        ["probe", "--bootstrap-servers", "127.0.0.1:9", "--auth", "tls", "--oauth-audience", "urn:x"],
        ["probe", "6d9bce8e-1111-4222-8333-444455556666", "--oauth-scope", "kafka"],
    ])
    func conflictingOrMissingInputsAreUsageErrors(arguments: [String]) throws {
        let result = try BinaryRunner.run(arguments, environment: ["HOME": "/nonexistent-msk-esm-home"])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
    }

    static func json(_ object: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
