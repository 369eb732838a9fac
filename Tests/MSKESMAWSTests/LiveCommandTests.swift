import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import Testing

/// The live modes against the test bed (signatures checked): `secret validate|fix --secret-id`, `brokers
/// explain --cluster|--mapping`, `policy check --mapping [--role]`, `network check --cluster`, and the snapshot's
/// secret analyses; through the built binary, and the live readers in-process.
@Suite(
    "live commands", .serialized, .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct LiveCommandTests {
    static let canaryPassword = "CANARY-scram-password-93f1"

    /// `{secret}`, `{cluster}`, `{uuid}`, `{role}` in an argument list → the bed's values.
    static func resolve(_ arguments: [String], _ bed: TestBed) -> [String] {
        arguments.map { argument in
            argument.replacingOccurrences(of: "{secret}", with: bed.info["secretArn"]?.stringValue ?? "")
                .replacingOccurrences(of: "{cluster}", with: bed.info["clusterArn"]?.stringValue ?? "")
                .replacingOccurrences(of: "{uuid}", with: bed.mappingUUID)
                .replacingOccurrences(of: "{role}", with: bed.info["roleName"]?.stringValue ?? "")
        }
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static func finding(_ report: JSONValue, _ code: String) -> JSONValue? {
        report["findings"]?.arrayValue?.first { $0["code"]?.stringValue == code }
    }

    /// Creates a secret in the bed (our own signed client; moto checks the signature) and returns its ARN.
    static func createSecret(
        _ bed: TestBed, name: String, value: String, region: String = "us-east-1", kmsKeyId: String? = nil
    ) async throws -> String {
        let configuration = try bed.configuration(extra: ["AWS_REGION": region])
        var body: [String: JSONValue] = ["Name": .string(name), "SecretString": .string(value)]
        if let kmsKeyId { body["KmsKeyId"] = .string(kmsKeyId) }
        let created = try await AWSClient(configuration: configuration).sendJSON(
            .json(.secretsManager, "CreateSecret", .object(body)))
        return created["ARN"]?.stringValue ?? ""
    }

    struct LiveCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var code: Int32
        /// A summary member that must be present in the JSON output.
        var summaryKey: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let liveCases: [LiveCase] = [
        LiveCase(
            arguments: ["secret", "validate", "--secret-id", "{secret}", "--cluster", "{cluster}"], code: 0,
            summaryKey: "secretId"),
        LiveCase(
            arguments: ["brokers", "explain", "--cluster", "{cluster}", "--auth", "iam"], code: 0, summaryKey: "port"),
        LiveCase(arguments: ["brokers", "explain", "--mapping", "{uuid}"], code: 0, summaryKey: "method"),
        LiveCase(arguments: ["policy", "check", "--mapping", "{uuid}"], code: 1, summaryKey: "results"),
        LiveCase(arguments: ["filter", "test", "--mapping", "{uuid}", "--value", "x"], code: 0, summaryKey: "records"),
        LiveCase(
            arguments: ["policy", "check", "--mapping", "{uuid}", "--role", "{role}", "--suggest"], code: 1,
            summaryKey: "suggestion"),
        LiveCase(
            arguments: ["network", "check", "--cluster", "{cluster}", "--auth", "scram-512"], code: 1,
            summaryKey: "vpcIds"),
    ]

    @Test(
        "happy path: each live command reads the bed and answers (JSON on stdout, nothing on stderr)",
        arguments: liveCases)
    func happy(_ liveCase: LiveCase) async throws {
        let bed = try await TestBed.shared()
        let result = try BinaryRunner.run(
            Self.resolve(liveCase.arguments, bed) + ["--output", "json"], environment: bed.environment())
        #expect(result.exitCode == liveCase.code, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let report = try Self.json(result.stdout)
        #expect(report["summary"]?[liveCase.summaryKey] != nil, "\(result.stdout.prefix(400))")
        #expect(!result.stdout.contains(Self.canaryPassword))
    }

    @Test(
        "the live facts are right: SCRAM on 9096 from the mapping, IAM on 9098, the role's missing kms:Decrypt, NET007")
    func facts() async throws {
        let bed = try await TestBed.shared()
        let environment = bed.environment()
        let brokers = try Self.json(
            BinaryRunner.run(
                Self.resolve(["brokers", "explain", "--mapping", "{uuid}", "--output", "json"], bed),
                environment: environment
            ).stdout)
        #expect(brokers["summary"]?["method"]?.stringValue == "scram-512")
        #expect(brokers["summary"]?["port"]?.intValue == 9096)
        let iam = try Self.json(
            BinaryRunner.run(
                Self.resolve(
                    ["brokers", "explain", "--cluster", "{cluster}", "--auth", "iam", "--output", "json"], bed),
                environment: environment
            ).stdout)
        #expect(iam["summary"]?["port"]?.intValue == 9098)
        let policy = try Self.json(
            BinaryRunner.run(
                Self.resolve(["policy", "check", "--mapping", "{uuid}", "--output", "json"], bed),
                environment: environment
            ).stdout)
        #expect(policy["summary"]?["role"]?.stringValue == bed.info["roleName"]?.stringValue)
        // The bed's role allows secretsmanager:GetSecretValue but not kms:Decrypt on the secret's CMK.
        let kms = policy["findings"]?.arrayValue?.first { $0["code"] == "IAM006" && $0["severity"] == "fail" }
        #expect(kms?["title"]?.stringValue?.contains(bed.info["kmsKeyArn"]?.stringValue ?? "?") == true)
        let network = try Self.json(
            BinaryRunner.run(
                Self.resolve(
                    ["network", "check", "--cluster", "{cluster}", "--auth", "scram-512", "--output", "json"], bed),
                environment: environment
            ).stdout)
        #expect(Self.finding(network, "NET007")?["severity"]?.stringValue == "fail")
        #expect(Self.finding(network, "NET001")?["severity"]?.stringValue == "pass")
    }

    @Test("secret validate --secret-id: the same findings and summary as the file the AWS CLI fetched")
    func sameAsFile() async throws {
        let bed = try await TestBed.shared()
        let arn = bed.info["secretArn"]?.stringValue ?? ""
        // The independent oracle: AWS CLI v1 reads the value into a file.
        let file = NSTemporaryDirectory() + "msk-esm-live-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        // The AWS CLI runs with this process's environment (pyenv needs HOME) and the bed's credentials.
        var environment = bed.environment()
        let cliEnvironment = ProcessInfo.processInfo.environment.merging(environment.filter { $0.key != "HOME" }) { $1 }
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let cli = try ChildProcess.run(
            "/usr/bin/env",
            [
                "aws", "secretsmanager", "get-secret-value", "--secret-id", arn, "--query", "SecretString", "--output",
                // AWS CLI v1 reads AWS_DEFAULT_REGION, not AWS_REGION: the Region goes on the command line.
                "text", "--endpoint-url", bed.proxyURL, "--region", bed.region,
            ], environment: cliEnvironment, error: .null)
        var text = cli.outputText
        try #require(cli.status == 0, "the AWS CLI could not read the secret")
        if text.hasSuffix("\n") { text.removeLast() }
        try text.write(toFile: file, atomically: false, encoding: .utf8)

        let fromFile = try Self.json(
            BinaryRunner.run(
                ["secret", "validate", file, "--secret-name", arn, "--output", "json"], environment: environment
            ).stdout)
        let live = try Self.json(
            BinaryRunner.run(["secret", "validate", "--secret-id", arn, "--output", "json"], environment: environment)
                .stdout)
        let awsOnly: Set<String> = ["SEC017", "SEC019", "SEC021"]
        let liveFindings = live["findings"]?.arrayValue?.filter { !awsOnly.contains($0["code"]?.stringValue ?? "") }
        #expect(liveFindings == fromFile["findings"]?.arrayValue)
        var liveSummary = live["summary"]?.objectValue ?? [:]
        var fileSummary = fromFile["summary"]?.objectValue ?? [:]
        for key in ["input", "secretId", "region", "kmsKeyId", "keyManager", "cluster"] {
            liveSummary[key] = nil
            fileSummary[key] = nil
        }
        #expect(liveSummary == fileSummary)
        #expect(live["summary"]?["input"]?.stringValue == arn)
    }

    @Test("SEC017, SEC019, SEC021 trigger live: a default-key secret not associated, a secret in another region")
    func placementTriggers() async throws {
        let bed = try await TestBed.shared()
        let suffix = UUID().uuidString.prefix(8)
        let value = #"{"username": "other", "password": "CANARY-other-pw-2718"}"#
        let defaultKey = try await Self.createSecret(bed, name: "AmazonMSK_default_\(suffix)", value: value)
        let result = try BinaryRunner.run(
            Self.resolve(
                ["secret", "validate", "--secret-id", defaultKey, "--cluster", "{cluster}", "--output", "json"], bed),
            environment: bed.environment())
        #expect(result.exitCode == 1, "\(result.stderr)")
        let report = try Self.json(result.stdout)
        #expect(Self.finding(report, "SEC017")?["severity"]?.stringValue == "fail")
        #expect(Self.finding(report, "SEC021")?["severity"]?.stringValue == "fail")
        #expect(Self.finding(report, "SEC019")?["severity"]?.stringValue == "pass")
        #expect(!(result.stdout + result.stderr).contains("CANARY-other-pw-2718"))

        let elsewhere = try await Self.createSecret(
            bed, name: "AmazonMSK_west_\(suffix)", value: value, region: "us-west-2")
        #expect(elsewhere.contains(":us-west-2:"))
        let west = try BinaryRunner.run(
            ["secret", "validate", "--secret-id", elsewhere, "--for", "self-managed", "--output", "json"],
            environment: bed.environment())
        #expect(west.exitCode == 1, "\(west.stderr)")
        let westReport = try Self.json(west.stdout)
        #expect(Self.finding(westReport, "SEC019")?["severity"]?.stringValue == "fail")
        #expect(westReport["summary"]?["region"]?.stringValue == "us-west-2")
        #expect(Self.finding(westReport, "SEC017") == nil)  // self-managed: MSK's key rule does not apply
    }

    @Test(
        "a named resource that does not exist is exit 2, one line, nothing on stdout",
        arguments: [
            [
                "secret", "validate", "--secret-id",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-AbCdEf",
            ],
            ["secret", "fix", "--secret-id", "missing-secret", "--write", "-"],
            ["secret", "validate", "--secret-id", "{secret}", "--cluster", "{cluster}x"],
            ["brokers", "explain", "--cluster", "{cluster}x", "--auth", "none"],
            ["brokers", "explain", "--mapping", "00000000-1111-2222-3333-444444444444"],
            ["policy", "check", "--mapping", "00000000-1111-2222-3333-444444444444"],
            ["filter", "test", "--mapping", "00000000-1111-2222-3333-444444444444", "--value", "x"],
            ["policy", "check", "--mapping", "{uuid}", "--role", "no-such-role"],
            ["network", "check", "--cluster", "{cluster}x", "--port", "9098"],
        ])
    func missing(_ arguments: [String]) async throws {
        let bed = try await TestBed.shared()
        let result = try BinaryRunner.run(Self.resolve(arguments, bed), environment: bed.environment())
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// A `--write` target that may be written (secret fix checks it before reading the secret), but is not:
    /// the read fails first.
    static let neverWritten = NSTemporaryDirectory() + "msk-esm-never-written-\(UUID().uuidString).json"

    static let commands: [[String]] = [
        ["secret", "validate", "--secret-id", "{secret}", "--cluster", "{cluster}"],
        ["secret", "fix", "--secret-id", "{secret}", "--write", neverWritten],
        ["brokers", "explain", "--cluster", "{cluster}", "--auth", "iam"],
        ["policy", "check", "--mapping", "{uuid}"],
        ["network", "check", "--cluster", "{cluster}", "--auth", "iam"],
    ]

    @Test(
        "an AWS failure (a wrong secret key; an endpoint that refuses) is exit 3, one line, no secret",
        arguments: commands)
    func awsFailure(_ arguments: [String]) async throws {
        let bed = try await TestBed.shared()
        var environment = bed.environment()
        environment["AWS_SECRET_ACCESS_KEY"] = "CANARY-WRONG-SECRET-77"
        let wrongKey = try BinaryRunner.run(Self.resolve(arguments, bed), environment: environment)
        #expect(wrongKey.exitCode == 3, "\(wrongKey.stderr)")
        #expect(wrongKey.stdout.isEmpty)
        #expect(wrongKey.stderr.split(separator: "\n").count == 1)
        #expect(!wrongKey.stderr.contains("CANARY-WRONG-SECRET-77"))

        var refused = bed.environment(through: "http://127.0.0.1:9")
        refused["AWS_MAX_ATTEMPTS"] = "1"
        let unreachable = try BinaryRunner.run(Self.resolve(arguments, bed), environment: refused)
        #expect(unreachable.exitCode == 3, "\(unreachable.stderr)")
        #expect(unreachable.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: Self.neverWritten))
    }

    @Test(
        "--debug prints the request lines on stderr, never the secret's password or the secret access key",
        arguments: commands)
    func debug(_ arguments: [String]) async throws {
        let bed = try await TestBed.shared()
        let (_, secretKey) = bed.keys("msk-esm-reader")
        let environment = bed.environment()
        var line = Self.resolve(arguments, bed)
        if line.contains("fix") { line = line.map { $0 == Self.neverWritten ? "-" : $0 } }
        for output in ["text", "json"] {
            let result = try BinaryRunner.run(line + ["--debug", "--output", output], environment: environment)
            #expect([0, 1].contains(result.exitCode), "\(result.stderr.suffix(400))")
            #expect(result.stderr.contains("> GET ") || result.stderr.contains("> POST "))
            #expect(!result.stderr.contains(Self.canaryPassword))
            for text in [result.stdout, result.stderr] { #expect(!text.contains(secretKey)) }
            // Only `secret fix --write -` prints the secret, on stdout: its purpose.
            if !line.contains("fix") { #expect(!result.stdout.contains(Self.canaryPassword)) }
        }
    }

    @Test("snapshot: Secrets[arn].Analysis is the secret validate document; the value is not kept")
    func snapshotAnalysis() async throws {
        let bed = try await TestBed.shared()
        let arn = bed.info["secretArn"]?.stringValue ?? ""
        let result = try BinaryRunner.run(["snapshot", bed.mappingUUID], environment: bed.environment())
        #expect(result.exitCode == 0, "\(result.stderr)")
        let snapshot = try Self.json(result.stdout)
        let entry = snapshot["Secrets"]?[arn]
        #expect(entry?["SecretString"] == nil)
        #expect(entry?["Analysis"]?["verdict"]?.stringValue == "pass")
        #expect(entry?["Analysis"]?["summary"]?["secretType"]?.stringValue == "scram")
        #expect(Self.finding(entry?["Analysis"] ?? .null, "SEC016")?["severity"]?.stringValue == "pass")
        #expect(!result.stdout.contains(Self.canaryPassword))
        // The doctor reads it and adds the placement checks.
        let file = NSTemporaryDirectory() + "msk-esm-live-snapshot-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try result.stdout.write(toFile: file, atomically: false, encoding: .utf8)
        let doctor = try Self.json(
            BinaryRunner.run(["doctor", "--snapshot", file, "--output", "json"], environment: bed.environment()).stdout)
        #expect(Self.finding(doctor, "SEC021")?["severity"]?.stringValue == "pass")
        #expect(Self.finding(doctor, "SEC017")?["severity"]?.stringValue == "pass")
        #expect(Self.finding(doctor, "SEC015")?["severity"]?.stringValue == "pass")
    }

    @Test("in-process: the live readers return the AWS CLI's shapes and the same analysis as the binary")
    func inProcess() async throws {
        let bed = try await TestBed.shared()
        let client = AWSClient(configuration: try bed.configuration())
        let arn = bed.info["secretArn"]?.stringValue ?? ""
        let cluster = bed.info["clusterArn"]?.stringValue ?? ""
        let secret = try await LiveSecretReader(client: client).read(secretId: arn, clusterArn: cluster)
        #expect(secret.describe["Name"]?.stringValue == "AmazonMSK_esm_user")
        #expect(secret.key?["KeyMetadata"]?["KeyManager"]?.stringValue == "CUSTOMER")
        #expect(secret.scramSecrets?["SecretArnList"]?.arrayValue?.count == bed.info["scramSecretCount"]?.intValue)
        #expect(
            SecretPlacementRules.kmsKey(secretArn: arn, describeSecret: secret.describe, describeKey: secret.key)
                .severity == .pass)
        let live = try await LiveCluster.read(client: client, clusterArn: cluster)
        #expect(live.network.groups == [bed.info["clusterSecurityGroupId"]?.stringValue ?? ""])
        let parts = try await LiveNetworkReader(client: client).read(
            subnets: live.network.subnets, groups: live.network.groups, input: "test")
        #expect(Set(parts.keys) == ["Subnets", "SecurityGroups", "RouteTables", "NatGateways", "VpcEndpoints"])
        do {
            _ = try await LiveRoleReader(client: client).read(roleName: "no-such-role")
            Issue.record("no error")
        } catch let error as ToolError {
            #expect(error.kind == .usage)
            #expect(error.code == .notFound)
        }
        let role = try await LiveRoleReader(client: client).read(roleName: bed.info["roleName"]?.stringValue ?? "")
        #expect(role["PermissionsBoundary"]?["PolicyArn"]?.stringValue == bed.info["boundaryArn"]?.stringValue)
        #expect(role["RolePolicies"]?.arrayValue?.count == 2)
    }
}
