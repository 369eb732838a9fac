import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import Testing

/// A temporary HOME with ~/.aws files.
struct TemporaryHome {
    let path: String

    init(credentials: String = "", config: String = "") throws {
        path = NSTemporaryDirectory() + "msk-esm-home-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
        try credentials.write(toFile: path + "/.aws/credentials", atomically: false, encoding: .utf8)
        try config.write(toFile: path + "/.aws/config", atomically: false, encoding: .utf8)
    }

    var environment: [String: String] {
        ["HOME": path, "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1"]
    }
}

/// An STS that must not be called.
struct NoSTS: SecurityTokenService {
    func assumeRole(
        credentials: AWSCredentials, roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?
    ) async throws -> AWSCredentials {
        throw CredentialError(source: "test", reason: "unexpected AssumeRole")
    }
    func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String, durationSeconds: Int?)
        async throws -> AWSCredentials
    {
        throw CredentialError(source: "test", reason: "unexpected AssumeRoleWithWebIdentity")
    }
}

@Suite("Credentials")
struct CredentialProviderTests {
    static let files = """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = default-secret

        [dev]
        aws_access_key_id = AKIDDEV
        aws_secret_access_key = dev-secret
        aws_session_token = dev-token
        """
    static let config = """
        [default]
        region = eu-west-1

        [profile cfg]
        aws_access_key_id = AKIDCFG   ; inline comment
        aws_secret_access_key = cfg-secret
        region = ap-southeast-2
        endpoint_url = http://127.0.0.1:1
        max_attempts = 5
        s3 =
          max_concurrent_requests = 20

        [profile proc]
        credential_process = printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"}'

        [profile broken-proc]
        credential_process = /bin/false

        [profile empty]
        region = us-west-2
        """

    func resolve(_ settings: AWSSettings = AWSSettings(), home: TemporaryHome, extra: [String: String] = [:])
        async throws
        -> (AWSClientConfiguration, AWSCredentials)
    {
        let configuration = try AWSClientConfiguration.resolve(
            settings, environment: home.environment.merging(extra) { _, new in new })
        return (configuration, try await configuration.credentials.credentials())
    }

    @Test("environment variables come first")
    func environmentFirst() async throws {
        let home = try TemporaryHome(credentials: Self.files, config: Self.config)
        let (_, found) = try await resolve(
            home: home,
            extra: [
                "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
            ])
        #expect(found.accessKeyId == "AKIDENV")
        #expect(found.sessionToken == "env-token")
    }

    @Test("--profile skips the environment's keys (as botocore does); AWS_PROFILE does not")
    func explicitProfileSkipsEnvironment() async throws {
        let home = try TemporaryHome(credentials: Self.files, config: Self.config)
        let keys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]
        let (_, explicit) = try await resolve(AWSSettings(profile: "dev"), home: home, extra: keys)
        #expect(explicit.accessKeyId == "AKIDDEV")
        #expect(explicit.sessionToken == "dev-token")
        let (_, fromVariable) = try await resolve(
            home: home, extra: keys.merging(["AWS_PROFILE": "dev"]) { _, new in new })
        #expect(fromVariable.accessKeyId == "AKIDENV")
        let (_, profileOnly) = try await resolve(home: home, extra: ["AWS_PROFILE": "dev"])
        #expect(profileOnly.accessKeyId == "AKIDDEV")
    }

    @Test(
        "the default profile, config-file profiles, and the files named by the environment",
        arguments: [("", "AKIDDEFAULT"), ("cfg", "AKIDCFG"), ("proc", "AKIDPROC")])
    func profiles(profile: String, expected: String) async throws {
        let home = try TemporaryHome(credentials: Self.files, config: Self.config)
        let (_, found) = try await resolve(AWSSettings(profile: profile.isEmpty ? nil : profile), home: home)
        #expect(found.accessKeyId == expected)
        // The same through AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE from another HOME.
        let other = try TemporaryHome()
        let (_, moved) = try await resolve(
            AWSSettings(profile: profile.isEmpty ? nil : profile), home: other,
            extra: [
                "AWS_SHARED_CREDENTIALS_FILE": home.path + "/.aws/credentials",
                "AWS_CONFIG_FILE": home.path + "/.aws/config",
            ])
        #expect(moved.accessKeyId == expected)
    }

    @Test("credential_process output is read, with its token and expiry")
    func credentialProcess() async throws {
        let home = try TemporaryHome(config: Self.config)
        let (_, found) = try await resolve(AWSSettings(profile: "proc"), home: home)
        #expect(found.sessionToken == "proc-token")
        #expect(found.expiration == ISO8601Instant.parse("2099-01-01T00:00:00Z"))
    }

    @Test("a failing credential_process is an error naming the profile, not a fall-through")
    func failingProcess() async throws {
        let home = try TemporaryHome(credentials: Self.files, config: Self.config)
        await #expect(throws: ToolError.self) { _ = try await resolve(AWSSettings(profile: "broken-proc"), home: home) }
    }

    @Test(
        "region: --region, AWS_REGION, AWS_DEFAULT_REGION, then the profile",
        arguments: [
            (["--region"], "ca-central-1"), (["AWS_REGION"], "sa-east-1"), (["AWS_DEFAULT_REGION"], "eu-north-1"),
            ([], "ap-southeast-2"),
        ])
    func region(sources: [String], expected: String) async throws {
        let home = try TemporaryHome(credentials: Self.files, config: Self.config)
        var environment = home.environment
        environment["AWS_REGION"] = nil
        if sources.contains("AWS_REGION") { environment["AWS_REGION"] = "sa-east-1" }
        if sources.contains("AWS_DEFAULT_REGION") { environment["AWS_DEFAULT_REGION"] = "eu-north-1" }
        let configuration = try AWSClientConfiguration.resolve(
            AWSSettings(profile: "cfg", region: sources.contains("--region") ? "ca-central-1" : nil),
            environment: environment)
        #expect(configuration.region == expected)
        #expect(configuration.retry.maxAttempts == 5)  // the profile's max_attempts
    }

    /// botocore's attempts for a retry mode (`AWS_RETRY_MODE`, the profile's `retry_mode`, `AWS_MAX_ATTEMPTS`), or
    /// its error's class: its legacy handler's default (_retry.json) and standard mode's.
    static func botocoreAttempts(_ environment: [String: String], config: String) throws -> String {
        let script = """
            import botocore.session
            from botocore.retries import standard
            import json, os
            try:
                client = botocore.session.get_session().create_client("lambda", region_name="us-east-1")
                retries = client.meta.config.retries
                mode = retries["mode"]
                default = (json.load(open(os.path.join(os.path.dirname(botocore.__file__), "data", "_retry.json")))
                           ["retry"]["__default__"]["max_attempts"] if mode == "legacy" else standard.DEFAULT_MAX_ATTEMPTS)
                print(retries.get("total_max_attempts", default))
            except Exception as error:
                print(type(error).__name__)
            """
        let home = try TemporaryHome(config: config)
        var env = home.environment.merging(environment) { _, new in new }
        env["AWS_CONFIG_FILE"] = home.path + "/.aws/config"
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let run = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script], environment: env, error: .inherit)
        return String(decoding: run.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(
        "retry modes: attempts as botocore counts them (standard 3, legacy 5, AWS_MAX_ATTEMPTS over both; a bad mode is an error)",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"),
        arguments: [
            ([:], ""), (["AWS_RETRY_MODE": "legacy"], ""), (["AWS_RETRY_MODE": "adaptive"], ""),
            (["AWS_RETRY_MODE": "standard"], ""),
            ([:], "[default]\nretry_mode = legacy\n"), (["AWS_RETRY_MODE": "legacy", "AWS_MAX_ATTEMPTS": "2"], ""),
            (["AWS_RETRY_MODE": "bogus"], ""),
        ] as [([String: String], String)])
    func retryModes(environment: [String: String], config: String) throws {
        // Without a mode msk-esm uses standard mode, as the AWS CLI v2 and today's SDKs do (botocore alone still
        // defaults to legacy): the oracle is asked for standard mode then.
        var oracleEnvironment = environment
        if environment["AWS_RETRY_MODE"] == nil && !config.contains("retry_mode") {
            oracleEnvironment["AWS_RETRY_MODE"] = "standard"
        }
        let expected = try Self.botocoreAttempts(oracleEnvironment, config: config)
        let home = try TemporaryHome(config: config)
        let merged = home.environment.merging(environment) { _, new in new }
        if let attempts = Int(expected) {
            #expect(
                try AWSClientConfiguration.resolve(AWSSettings(), environment: merged).retry.maxAttempts == attempts)
        } else {
            #expect(expected == "InvalidRetryModeError")
            #expect(throws: ToolError.self) {
                _ = try AWSClientConfiguration.resolve(AWSSettings(), environment: merged)
            }
        }
    }

    @Test(
        "a bad retry setting is reported under the name it was given by: the variable's, or the profile's key",
        arguments: [
            (["AWS_RETRY_MODE": "bogus"], "", "AWS_RETRY_MODE=bogus"),
            ([:], "[default]\nretry_mode = bogus\n", "retry_mode = bogus in profile default"),
            (["AWS_MAX_ATTEMPTS": "zero"], "", "AWS_MAX_ATTEMPTS=zero"),
            ([:], "[default]\nmax_attempts = 0\n", "max_attempts = 0 in profile default"),
            (["AWS_RETRY_MODE": "bogus"], "[default]\nretry_mode = legacy\n", "AWS_RETRY_MODE=bogus"),
        ] as [([String: String], String, String)])
    func badRetrySettingNamesItsSource(environment: [String: String], config: String, input: String) throws {
        let home = try TemporaryHome(config: config)
        let merged = home.environment.merging(environment) { _, new in new }
        let error = #expect(throws: ToolError.self) {
            _ = try AWSClientConfiguration.resolve(AWSSettings(), environment: merged)
        }
        #expect(error?.input == input)
        #expect(error?.kind == .usage)
    }

    @Test("no region anywhere is a usage error naming --region")
    func noRegion() throws {
        let home = try TemporaryHome()
        var environment = home.environment
        environment["AWS_REGION"] = nil
        #expect(throws: ToolError.self) {
            _ = try AWSClientConfiguration.resolve(AWSSettings(), environment: environment)
        }
    }

    @Test("a named profile that does not exist is a usage error")
    func unknownProfile() throws {
        let home = try TemporaryHome(credentials: Self.files)
        #expect(throws: ToolError.self) {
            _ = try AWSClientConfiguration.resolve(AWSSettings(profile: "nope"), environment: home.environment)
        }
    }

    @Test("no credentials anywhere: exit 2, naming every source tried")
    func noCredentials() async throws {
        let home = try TemporaryHome(config: Self.config)
        do {
            _ = try await resolve(AWSSettings(profile: "empty"), home: home)
            Issue.record("credentials appeared from nowhere")
        } catch let error as ToolError {
            #expect(error.kind == .usage)
            #expect([.noCredentials, .credentialsFailed].contains(error.code))
            #expect(error.description.contains("profile empty"))
        }
        do {
            _ = try await resolve(home: try TemporaryHome())
            Issue.record("credentials appeared from nowhere")
        } catch let error as ToolError {
            #expect(error.description.contains("environment variables"))
            #expect(error.description.contains("container credentials"))
        }
    }

    @Test("descriptions never show the secret key or the token")
    func redactedDescription() {
        let credentials = AWSCredentials(
            accessKeyId: "AKIDX", secretAccessKey: "CANARY-SECRET", sessionToken: "CANARY-TOKEN")
        for text in [credentials.description, String(reflecting: credentials), "\(credentials)"] {
            #expect(text.contains("AKIDX"))
            #expect(!text.contains("CANARY-SECRET"))
            #expect(!text.contains("CANARY-TOKEN"))
        }
    }

    @Test(
        "container credentials from a loopback AWS_CONTAINER_CREDENTIALS_FULL_URI, with the authorization token",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
    func containerCredentials() async throws {
        let stub = try StubServer()
        try await stub.script([
            "/creds": [
                StubServer.Step(
                    body:
                        #"{"AccessKeyId": "AKIDCONTAINER", "SecretAccessKey": "c-secret", "Token": "c-token", "Expiration": "2099-01-01T00:00:00Z"}"#
                )
            ]
        ])
        let provider = ContainerCredentialProvider(environment: [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.url + "/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "auth-123",
        ])
        let found = try await provider.credentials()
        #expect(found?.accessKeyId == "AKIDCONTAINER")
        #expect(found?.sessionToken == "c-token")
        let log = try await stub.stats()["log"]?.arrayValue?.last
        #expect(log?["headers"]?["Authorization"]?.stringValue == "auth-123")
        // A non-loopback http URL is refused.
        let remote = ContainerCredentialProvider(environment: [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.1/creds"
        ])
        await #expect(throws: CredentialError.self) { _ = try await remote.credentials() }
    }

    @Test(
        "instance metadata (IMDSv2) from a loopback endpoint; off with AWS_EC2_METADATA_DISABLED",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
    func instanceMetadata() async throws {
        let stub = try StubServer()
        try await stub.script([
            "/latest/api/token": [StubServer.Step(body: "session-token-1")],
            "/latest/meta-data/iam/security-credentials/": [StubServer.Step(body: "esm-role\n")],
            "/latest/meta-data/iam/security-credentials/esm-role": [
                StubServer.Step(
                    body:
                        #"{"Code": "Success", "AccessKeyId": "AKIDIMDS", "SecretAccessKey": "i-secret", "Token": "i-token", "Expiration": "2099-01-01T00:00:00Z"}"#
                )
            ],
        ])
        let provider = InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": stub.url])
        let found = try await provider.credentials()
        #expect(found?.accessKeyId == "AKIDIMDS")
        let log = try await stub.stats()["log"]?.arrayValue ?? []
        #expect(log.first?["method"]?.stringValue == "PUT")
        #expect(
            log.dropFirst().allSatisfy { $0["headers"]?["X-aws-ec2-metadata-token"]?.stringValue == "session-token-1" })

        let disabled = InstanceMetadataCredentialProvider(
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": stub.url, "AWS_EC2_METADATA_DISABLED": "true"])
        #expect(try await disabled.credentials() == nil)
    }

    @Test(
        "instance metadata gives up by its own timeout, after one attempt, when nothing answers",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
    func instanceMetadataTimeout() async throws {
        let stub = try StubServer()
        // Held for 90 s: longer than any hang watchdog, so only the provider's own timeout can end the wait soon.
        try await stub.script(["/latest/api/token": [StubServer.Step(body: "late", delay: 90)]])
        let provider = InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": stub.url])
        #expect(try await provider.credentials() == nil)
        // The provider gave up by itself, after one attempt: the server still holds that request, unanswered.
        let stats = try await stub.stats()
        #expect(stats["requests"]?.intValue == 1, "\(stats)")
        #expect(stats["inFlight"]?.intValue == 1, "\(stats)")
    }

    // moto answers STS AssumeRole with HTTP 500 once signature checking is on, so the test bed's own server
    // (signature verified and parameters validated with botocore) plays STS here.
    @Test(
        "role_arn + source_profile assumes the role through STS, with external_id, session name and duration",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
    func assumeRole() async throws {
        let bed = try await TestBed.shared()
        let (key, secret) = bed.keys("msk-esm-reader")
        // The bed's request log is shared with the suites running alongside: find this test's call by its own
        // session name rather than clearing the log under them.
        let sessionName = "esm-test-\(UUID().uuidString.prefix(8))"
        let home = try TemporaryHome(
            credentials: "[base]\naws_access_key_id = \(key)\naws_secret_access_key = \(secret)\n",
            config: """
                [profile role]
                role_arn = \(bed.info["roleArn"]?.stringValue ?? "")
                source_profile = base
                external_id = ext-1
                role_session_name = \(sessionName)
                duration_seconds = 900
                """)
        let (_, found) = try await resolve(
            AWSSettings(profile: "role"), home: home, extra: ["AWS_ENDPOINT_URL_STS": bed.testbedURL])
        #expect(found.accessKeyId == "ASIATESTBEDASSUMED01")
        #expect(found.sessionToken == "assumed-session-token")
        #expect(found.source.contains("assumed"))
        let log = try await bed.sideDoor(bed.testbedURL + "/_testbed/requests").arrayValue ?? []
        let call = log.last {
            $0["operation"]?.stringValue == "AssumeRole" && $0["form"]?["RoleSessionName"]?.stringValue == sessionName
        }
        #expect(call?["signatureValid"] == .bool(true))
        #expect(call?["form"]?["ExternalId"]?.stringValue == "ext-1")
        #expect(call != nil)
        #expect(call?["form"]?["DurationSeconds"]?.stringValue == "900")
    }

    @Test(
        "web identity from AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN through STS",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
    func webIdentity() async throws {
        let bed = try await TestBed.shared()
        let home = try TemporaryHome()
        let tokenFile = home.path + "/token"
        try "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.".write(toFile: tokenFile, atomically: false, encoding: .utf8)
        let (_, found) = try await resolve(
            home: home,
            extra: [
                "AWS_ENDPOINT_URL_STS": bed.testbedURL, "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
                "AWS_ROLE_ARN": bed.info["roleArn"]?.stringValue ?? "",
            ])
        #expect(found.sessionToken == "assumed-session-token")
        #expect(found.source.contains("web identity"))
    }
}
