import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// `msk-esm probe --auth oauthbearer`, the built binary against the probe test bed: the OAuth 2.0 token endpoint
/// is oauthlib's server side over HTTPS (Tests/TestBed/oauth_token_endpoint.py) and the brokers' SASL/OAUTHBEARER
/// front accepts only the tokens it issued (Tests/Fixtures/probe/testbed.py). Each failure is asserted with its
/// PRB finding and the LastProcessingResult Lambda shows; the client secret and the token never appear.
@Suite(.enabled(if: ProbeTestbed.shared != nil, "\(ProbeTestbed.unavailableReason)"))
struct ProbeOAuthBearerProcessTests {
    static let clientId = "lambda-probe-client"
    static let clientSecret = "CANARY-oauth-client-secret-5521"
    static let wrongSecret = "CANARY-wrong-client-secret-7734"
    static let audience = "urn:kafka:probe-test"
    static let saslFailed = LambdaProcessingResult.saslAuthenticationFailed.rawValue

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var front = "saslTLS"
        var secret = ProbeOAuthBearerProcessTests.clientSecret
        var authentication = "client_secret_basic"
        /// The token endpoint: the bed's, or a refused port.
        var unreachable = false
        var flags: [String] = []
        /// PRB016's severity and, when refused, its RFC 6749 error.
        var token: String
        var oauthError: String? = nil
        /// PRB009's severity (the SASL step), nil when it was skipped.
        var sasl: String?
        var exitCode: Int32
        var lambda: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "token with scope and audience (client_secret_basic), broker accepts it",
            flags: ["--oauth-scope", "kafka kafka:read", "--oauth-audience", audience, "--topic", "orders"],
            token: "pass", sasl: "pass", exitCode: 0, lambda: LambdaProcessingResult.ok.rawValue),
        Case(
            name: "client_secret_post, Confluent extensions sent and accepted", front: "confluentTLS",
            authentication: "client_secret_post",
            flags: [
                "--oauth-audience", audience, "--oauth-logical-cluster", "lkc-probe1", "--oauth-identity-pool",
                "pool-probe1",
            ], token: "pass", sasl: "pass", exitCode: 0, lambda: LambdaProcessingResult.ok.rawValue),
        Case(
            name: "Confluent front without the extensions rejects the token", front: "confluentTLS",
            flags: ["--oauth-audience", audience], token: "pass", sasl: "fail", exitCode: 1, lambda: saslFailed),
        Case(
            name: "token endpoint unreachable", unreachable: true, flags: ["--oauth-audience", audience],
            token: "fail", sasl: nil, exitCode: 1, lambda: saslFailed),
        Case(
            name: "wrong client secret: invalid_client", secret: wrongSecret, flags: ["--oauth-audience", audience],
            token: "fail", oauthError: "invalid_client", sasl: nil, exitCode: 1, lambda: saslFailed),
        Case(
            name: "client_secret_post with the wrong secret: invalid_client", secret: wrongSecret,
            authentication: "client_secret_post", token: "fail", oauthError: "invalid_client", sasl: nil,
            exitCode: 1, lambda: saslFailed),
        Case(
            name: "audience the identity provider grants but the brokers do not expect: broker rejects the token",
            flags: ["--oauth-audience", "urn:kafka:another-cluster"], token: "pass", sasl: "fail", exitCode: 1,
            lambda: saslFailed),
        Case(
            name: "scope the client may not have: invalid_scope", flags: ["--oauth-scope", "admin"], token: "fail",
            oauthError: "invalid_scope", sasl: nil, exitCode: 1, lambda: saslFailed),
    ]

    /// A directory of this test's own, removed when it ends.
    final class Scratch: @unchecked Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("msk-esm-oauth-\(UUID())")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        func write(_ name: String, _ text: String) throws -> String {
            let file = url.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            return file.path
        }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    static func secretJSON(endpoint: String, secret: String, authentication: String) throws -> String {
        let object = [
            "clientId": clientId, "clientSecret": secret, "tokenEndpointUrl": endpoint,
            "tokenEndpointAuthMethod": authentication,
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static func run(_ arguments: [String]) async throws -> BinaryRunner.Result {
        try await MappingCommandsTests.runBinary(
            arguments,
            environment: [
                "HOME": "/nonexistent-msk-esm-home", "AWS_CONFIG_FILE": "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            ])
    }

    static func findings(_ stdout: String) throws -> [JSONValue] {
        try JSONDecoder().decode(JSONValue.self, from: Data(stdout.utf8))["findings"]?.arrayValue ?? []
    }

    @Test(arguments: cases)
    func probeReportsTheTokenAndSASLStepsAndLambdasMessage(_ test: Case) async throws {
        let bed = try #require(ProbeTestbed.shared)
        #expect(bed.failure == nil)
        let scratch = try Scratch()
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = test.unreachable ? refusing.port : (bed.ports["oauthToken"] ?? 0)
        let secret = try scratch.write(
            "oauth.json",
            try Self.secretJSON(
                endpoint: "https://127.0.0.1:\(port)/token/cases", secret: test.secret,
                authentication: test.authentication))
        let base =
            [
                "probe", "--bootstrap-servers", bed.broker(test.front), "--auth", "oauthbearer", "--secret-file",
                secret, "--ca-file", bed.path("root.pem"), "--token-endpoint-ca-file", bed.path("root.pem"),
                "--timeout", "\(Int(HangWatchdog.seconds))",
            ] + test.flags
        let json = try await Self.run(base + ["--output", "json", "--debug"])
        let text = try await Self.run(base + ["--no-color"])
        #expect(json.exitCode == test.exitCode, "\(json.stderr)")
        #expect(text.exitCode == test.exitCode)

        let findings = try Self.findings(json.stdout)
        let token = try #require(findings.first { $0["code"] == "PRB016" }, "\(json.stdout)")
        #expect(token["severity"]?.stringValue == test.token, "\(token.compactText)")
        #expect(token["evidence"]?["clientId"]?.stringValue == Self.clientId)
        if test.token == "fail" {
            #expect(token["evidence"]?["lambdaResult"]?.stringValue == test.lambda)
            #expect(token["evidence"]?["oauthError"]?.stringValue == test.oauthError)
            #expect(token["detail"]?.stringValue?.hasSuffix("Lambda reports: \(test.lambda)") == true)
        }
        let sasl = findings.first { $0["evidence"]?["step"] == "sasl" }
        if let expected = test.sasl {
            #expect(sasl?["code"] == "PRB009")
            #expect(sasl?["severity"]?.stringValue == expected, "\(sasl?.compactText ?? "no SASL finding")")
            if expected == "fail" {
                #expect(sasl?["evidence"]?["lambdaResult"]?.stringValue == test.lambda)
                #expect(sasl?["evidence"]?["oauthStatus"]?.stringValue?.hasPrefix("invalid_") == true)
            }
        } else {
            // No token, no SASL attempt: the step is skipped, not failed a second time.
            #expect(sasl == nil || sasl?["severity"] == "skipped", "\(sasl?.compactText ?? "")")
        }
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))["summary"]
        #expect(summary?["lambdaResult"]?.stringValue == test.lambda)
        #expect(summary?["method"] == "oauthbearer")
        #expect(text.stdout.contains("Lambda would show: \(test.lambda)"), "\(text.stdout)")
        // The --debug trace names the token request, and nothing anywhere holds the client secret or a token.
        #expect(json.stderr.contains("OAuth token request: POST https://127.0.0.1:\(port)/token/cases"))
        for output in [json.stdout, json.stderr, text.stdout, text.stderr] {
            #expect(!output.contains(Self.clientSecret))
            #expect(!output.contains(Self.wrongSecret))
            #expect(!output.contains("probe-tok-"))
        }
    }

    /// Without --token-endpoint-ca-file the endpoint's certificate (the bed's private root) is not trusted: the
    /// token step fails as unreachable, naming the TLS failure.
    @Test func untrustedTokenEndpointCertificateIsPRB016() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let scratch = try Scratch()
        let secret = try scratch.write(
            "oauth.json",
            try Self.secretJSON(
                endpoint: "https://127.0.0.1:\(bed.ports["oauthToken"] ?? 0)/token/untrusted",
                secret: Self.clientSecret, authentication: "client_secret_basic"))
        let result = try await Self.run([
            "probe", "--bootstrap-servers", bed.broker("saslTLS"), "--auth", "oauthbearer", "--secret-file", secret,
            "--ca-file", bed.path("root.pem"), "--output", "json",
        ])
        #expect(result.exitCode == 1)
        let token = try #require(try Self.findings(result.stdout).first { $0["code"] == "PRB016" })
        #expect(token["severity"] == "fail")
        #expect(token["title"]?.stringValue?.contains("cannot be reached") == true)
        #expect(!(result.stdout + result.stderr).contains(Self.clientSecret))
    }

    /// Tests/Fixtures/scenarios/self-managed-oauthbearer-healthy.json pointed at the bed: the Confluent front, the
    /// four OAUTHBEARER values, and the secret by value with the bed's token endpoint at `path`.
    static func oauthSnapshot(bed: ProbeTestbed, scratch: Scratch, path: String) throws -> String {
        let scenario = Botocore144.repository.appendingPathComponent(
            "Tests/Fixtures/scenarios/self-managed-oauthbearer-healthy.json")
        var snapshot = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: scenario)) as? [String: Any])
        var mapping = try #require(snapshot["EventSourceMapping"] as? [String: Any])
        let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka/oauth-client-Po09Iu"
        mapping["SelfManagedEventSource"] = ["Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": [bed.broker("confluentTLS")]]]
        mapping["Topics"] = ["orders"]
        mapping["SourceAccessConfigurations"] = [
            ["Type": "OAUTHBEARER_AUTH", "URI": arn], ["Type": "OAUTHBEARER_SCOPE", "URI": "kafka"],
            ["Type": "OAUTHBEARER_AUDIENCE", "URI": Self.audience],
            ["Type": "OAUTHBEARER_LOGICAL_CLUSTER", "URI": "lkc-probe1"],
            ["Type": "OAUTHBEARER_IDENTITY_POOL", "URI": "pool-probe1"],
        ]
        snapshot["EventSourceMapping"] = mapping
        snapshot["Secrets"] = [
            arn: [
                "Describe": ["ARN": arn, "Name": "kafka/oauth-client"],
                "SecretString": try Self.secretJSON(
                    endpoint: "https://127.0.0.1:\(bed.ports["oauthToken"] ?? 0)\(path)", secret: Self.clientSecret,
                    authentication: "client_secret_basic"),
            ]
        ]
        return try scratch.write(
            "snapshot.json", String(decoding: try JSONSerialization.data(withJSONObject: snapshot), as: UTF8.self))
    }

    /// IAM_OAUTHBEARER_AUTH: the probe reaches the broker (TCP, TLS, ApiVersions) and skips the SASL step with its
    /// reason (PRB015): the web identity token is the execution role's, which the probe's caller cannot obtain. No
    /// token request is made (no PRB016).
    @Test func iamOAuthbearerSkipsSASLWithItsReason() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let result = try await Self.run([
            "probe", "--bootstrap-servers", bed.broker("saslTLS"), "--auth", "iam-oauthbearer", "--ca-file",
            bed.path("root.pem"), "--output", "json",
        ])
        let findings = try Self.findings(result.stdout)
        let skipped = try #require(
            findings.first { $0["code"] == "PRB015" && $0["evidence"]?["step"] == "sasl" }, "\(result.stdout)")
        #expect(skipped["severity"] == "skipped")
        #expect(skipped["detail"]?.stringValue?.contains("web identity token") == true)
        #expect(!findings.contains { $0["code"] == "PRB016" })
        #expect(!findings.contains { $0["severity"] == "fail" }, "\(result.stdout)")
    }

    /// `doctor --probe` trusts the token endpoint's private CA only with --token-endpoint-ca-file (the option it
    /// shares with probe): with it the token step passes, without it the step fails on the certificate and no
    /// SASL attempt follows. The client secret is in neither output.
    @Test(arguments: [true, false])
    func doctorProbeTrustsTheTokenEndpointCAFile(_ trusted: Bool) async throws {
        let bed = try #require(ProbeTestbed.shared)
        let scratch = try Scratch()
        let file = try Self.oauthSnapshot(bed: bed, scratch: scratch, path: "/token/doctor")
        let result = try await Self.run(
            ["doctor", "--snapshot", file, "--probe", "--ca-file", bed.path("root.pem"), "--output", "json"]
                + (trusted ? ["--token-endpoint-ca-file", bed.path("root.pem")] : []))
        let findings = try Self.findings(result.stdout)
        let token = try #require(findings.first { $0["code"] == "PRB016" }, "\(result.stdout)\(result.stderr)")
        #expect(token["severity"] == (trusted ? "pass" : "fail"))
        let sasl = findings.first { $0["code"] == "PRB009" }
        #expect(sasl?["severity"] == (trusted ? "pass" : "skipped") || (!trusted && sasl == nil))
        #expect(!(result.stdout + result.stderr).contains(Self.clientSecret))
    }

    /// From a snapshot, the mapping's OAUTHBEARER_SCOPE and OAUTHBEARER_AUDIENCE go into the token request and its
    /// OAUTHBEARER_LOGICAL_CLUSTER and OAUTHBEARER_IDENTITY_POOL into the SASL extensions the Confluent front
    /// requires (Tests/Fixtures/scenarios/self-managed-oauthbearer-healthy.json, pointed at the bed).
    @Test func theMappingsOAuthValuesReachTheTokenRequestAndTheBroker() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let scratch = try Scratch()
        let path = "/token/snapshot"
        let file = try Self.oauthSnapshot(bed: bed, scratch: scratch, path: path)
        let result = try await Self.run([
            "probe", "--snapshot", file, "--ca-file", bed.path("root.pem"), "--token-endpoint-ca-file",
            bed.path("root.pem"), "--output", "json",
        ])
        let findings = try Self.findings(result.stdout)
        // The snapshot's consumer group is looked up at the coordinator the broker names: tansu advertises its
        // plaintext listener, which a TLS client cannot use. That is the bed's shape, not the OAuth path's, and the
        // one failure.
        let failures = findings.filter { $0["severity"] == "fail" }
        #expect(failures.count <= 1 && failures.allSatisfy { $0["title"]?.stringValue?.contains("group") == true })
        #expect(result.exitCode == (failures.isEmpty ? 0 : 1), "\(result.stderr)")
        #expect(findings.contains { $0["code"] == "PRB016" && $0["severity"] == "pass" })
        #expect(findings.contains { $0["code"] == "PRB009" && $0["severity"] == "pass" })
        #expect(findings.contains { $0["code"] == "PRB010" && $0["severity"] == "pass" })
        let outcome = try ChildProcess.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import json, sys, requests; print(json.dumps(requests.get(sys.argv[1], params={'path': sys.argv[2]}, "
                    + "verify=sys.argv[3]).json()))",
                "https://127.0.0.1:\(bed.ports["oauthToken"] ?? 0)/_oauth/requests", path, bed.path("root.pem"),
            ], input: .null, error: .pipe)
        let log = try JSONDecoder().decode(JSONValue.self, from: Data(outcome.outputText.utf8))
        #expect(
            log.arrayValue?.compactMap { $0["body"]?.stringValue }
                == ["grant_type=client_credentials&scope=kafka&audience=urn%3Akafka%3Aprobe-test"])
        #expect(!(result.stdout + result.stderr).contains(Self.clientSecret))
    }

    /// The probe's token request equals the one requests-oauthlib's OAuth2Session with oauthlib's
    /// BackendApplicationClient sends for the same credentials, scope and audience: method, form body (byte for
    /// byte), Content-Type, Accept and Authorization, each captured by the token endpoint. The secret has only
    /// characters that form encoding keeps: requests-oauthlib sends client_secret_basic's id and secret without
    /// the form encoding of RFC 6749 section 2.3.1, which the probe applies.
    @Test(arguments: ["client_secret_basic", "client_secret_post"])
    func tokenRequestEqualsRequestsOAuthlibs(_ authentication: String) async throws {
        let bed = try #require(ProbeTestbed.shared)
        let scratch = try Scratch()
        let base = "https://127.0.0.1:\(bed.ports["oauthToken"] ?? 0)"
        let probePath = "/token/parity-probe-\(authentication)"
        let pythonPath = "/token/parity-requests-oauthlib-\(authentication)"
        let secret = try scratch.write(
            "oauth.json",
            try Self.secretJSON(
                endpoint: base + probePath, secret: Self.clientSecret, authentication: authentication))
        let probe = try await Self.run([
            "probe", "--bootstrap-servers", bed.broker("saslTLS"), "--auth", "oauthbearer", "--secret-file", secret,
            "--ca-file", bed.path("root.pem"), "--token-endpoint-ca-file", bed.path("root.pem"), "--oauth-scope",
            "kafka kafka:read", "--oauth-audience", Self.audience, "--output", "json",
        ])
        #expect(probe.exitCode == 0, "\(probe.stdout)")
        let script = """
            import json, sys, requests
            from oauthlib.oauth2 import BackendApplicationClient
            from requests_oauthlib import OAuth2Session
            base, probe_path, python_path, ca, client_id, secret, method, scope, audience = sys.argv[1:]
            session = OAuth2Session(client=BackendApplicationClient(client_id=client_id))
            session.fetch_token(base + python_path, client_id=client_id, client_secret=secret, scope=scope,
                                audience=audience, include_client_id=(method == "client_secret_post") or None,
                                verify=ca)
            log = lambda path: requests.get(base + "/_oauth/requests", params={"path": path}, verify=ca).json()
            print(json.dumps({"probe": log(probe_path), "python": log(python_path)}))
            """
        let outcome = try ChildProcess.run(
            "/usr/bin/env",
            [
                "python3", "-c", script, base, probePath, pythonPath, bed.path("root.pem"), Self.clientId,
                Self.clientSecret, authentication, "kafka kafka:read", Self.audience,
            ], input: .null, error: .pipe)
        #expect(outcome.status == 0, "\(outcome.errorText)")
        let captured = try JSONDecoder().decode(JSONValue.self, from: Data(outcome.outputText.utf8))
        let ours = try #require(captured["probe"]?.arrayValue?.first)
        let theirs = try #require(captured["python"]?.arrayValue?.first)
        #expect(captured["probe"]?.arrayValue?.count == 1)
        #expect(ours["method"] == theirs["method"])
        #expect(
            ours["body"] == theirs["body"],
            "ours \(ours["body"]?.compactText ?? "") theirs \(theirs["body"]?.compactText ?? "")")
        for header in ["Content-Type", "Accept", "Authorization"] {
            #expect(ours["headers"]?[header] == theirs["headers"]?[header], "\(header)")
        }
        #expect((ours["headers"]?["Authorization"] != nil) == (authentication == "client_secret_basic"))
        #expect(!(probe.stdout + probe.stderr).contains(Self.clientSecret))
    }
}
