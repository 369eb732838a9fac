import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import Testing

/// IAM Identity Center (SSO) profiles, held to botocore: for the same config file and token cache, and the
/// same loopback stand-in for the SSO portal, SSO-OIDC and STS (Tests/TestBed/stub_server.py, reached through
/// AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_STS, which botocore honours), botocore's
/// credential resolver and msk-esm must get the same credentials (or both fail), send the same requests, and
/// leave the same cache file.
@Suite("SSO profiles", .serialized)
struct SSOCredentialTests {
    // Canary values: none may appear in any output or trace.
    static let accessToken = "canary-sso-access-token-7f3a"
    static let refreshToken = "canary-sso-refresh-token-91be"
    static let clientSecret = "canary-sso-client-secret-c2d4"
    static let newAccessToken = "canary-sso-new-access-token-5e61"
    static let newRefreshToken = "canary-sso-new-refresh-token-0a77"
    static let roleSecretKey = "canary-role-secret-key-3b9d"
    static let roleSessionToken = "canary-role-session-token-8c15"

    static let sessionConfig = """
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Reader
        region = us-east-1

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        sso_registration_scopes = sso:account:access

        [profile app]
        role_arn = arn:aws:iam::444455556666:role/App
        source_profile = dev
        region = us-east-1
        """
    static let legacyConfig = """
        [profile dev]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-west-2
        sso_account_id = 111122223333
        sso_role_name = Reader
        region = us-east-1
        """
    static let missingSessionConfig = """
        [profile dev]
        sso_session = nosuch
        sso_account_id = 111122223333
        sso_role_name = Reader
        region = us-east-1
        """

    /// One way an SSO sign-in can stand.
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var config: String
        var profile = "dev"
        /// The cache file's stem input: the session name, or the start URL of a legacy profile.
        var cacheKeyOf: String? = "corp"
        /// Seconds from now the cached access token expires at.
        var tokenExpiresIn: Int = 3600
        var registrationExpiresIn: Int = 86400
        var createToken: [StubServer.Step] = []
        var getRoleCredentials: [StubServer.Step] = [roleCredentials]
        /// Whether both must fail (and msk-esm's error must say to sign in again).
        var fails = false
        var failureNames = "aws sso login --profile dev"
        var testDescription: String { name }
    }

    static var roleCredentials: StubServer.Step {
        let expiration = Int((Date().timeIntervalSince1970 + 3600) * 1000)
        return StubServer.Step(
            body: """
                {"roleCredentials": {"accessKeyId": "ASIASSOROLE", "secretAccessKey": "\(roleSecretKey)", \
                "sessionToken": "\(roleSessionToken)", "expiration": \(expiration)}}
                """, headers: ["Content-Type": "application/json"])
    }

    static func createToken(rotating: Bool) -> StubServer.Step {
        StubServer.Step(
            body: """
                {"accessToken": "\(newAccessToken)", "expiresIn": 28800, "tokenType": "Bearer"\
                \(rotating ? ", \"refreshToken\": \"\(newRefreshToken)\"" : "")}
                """, headers: ["Content-Type": "application/json"])
    }

    static let refused = StubServer.Step(
        status: 400, body: #"{"error": "invalid_grant", "error_description": "the refresh token has expired"}"#,
        headers: ["Content-Type": "application/json", "x-amzn-ErrorType": "InvalidGrantException"])

    static let scenarios: [Scenario] = [
        Scenario(name: "sso-session, valid token: GetRoleCredentials only, cache untouched", config: sessionConfig),
        Scenario(
            name: "sso-session, token expiring in 5 minutes: refreshed (rotated refresh token), written back",
            config: sessionConfig, tokenExpiresIn: 300, createToken: [createToken(rotating: true)]),
        Scenario(
            name: "sso-session, expired token: refreshed without a new refresh token, written back as botocore does",
            config: sessionConfig, tokenExpiresIn: -3600, createToken: [createToken(rotating: false)]),
        Scenario(
            name: "sso-session, token expiring in 5 minutes, refresh refused: the old token is used",
            config: sessionConfig, tokenExpiresIn: 300, createToken: [refused]),
        Scenario(
            name: "sso-session, expired token, refresh refused: sign in again", config: sessionConfig,
            tokenExpiresIn: -3600, createToken: [refused], fails: true),
        Scenario(
            name: "sso-session, expired token and expired client registration: no refresh, sign in again",
            config: sessionConfig, tokenExpiresIn: -3600, registrationExpiresIn: -60, fails: true),
        Scenario(
            name: "legacy profile, valid token (cache named by the start URL)", config: legacyConfig,
            cacheKeyOf: "https://legacy.awsapps.com/start"),
        Scenario(
            name: "legacy profile, expired token: never refreshed, sign in again", config: legacyConfig,
            cacheKeyOf: "https://legacy.awsapps.com/start", tokenExpiresIn: -60, fails: true),
        Scenario(
            name: "the portal refuses the token (401): sign in again", config: sessionConfig,
            getRoleCredentials: [
                StubServer.Step(
                    status: 401, body: #"{"message": "Session token not found or invalid"}"#,
                    headers: ["Content-Type": "application/json", "x-amzn-ErrorType": "UnauthorizedException"])
            ], fails: true),
        Scenario(name: "no cached token: sign in again", config: sessionConfig, cacheKeyOf: nil, fails: true),
        Scenario(
            name: "a profile naming an sso-session that is not there", config: missingSessionConfig, cacheKeyOf: nil,
            fails: true, failureNames: "[sso-session nosuch]"),
        Scenario(
            name: "source_profile chain from an SSO profile: AssumeRole signed with the SSO role's key",
            config: sessionConfig, profile: "app"),
    ]

    /// A home directory holding the scenario's config file and token cache, whose times count from `now`: the
    /// two homes of one comparison are given the same instant, so that their cache files differ only by what the
    /// clients wrote (made a second apart, they once differed in registrationExpiresAt under load).
    static func home(for scenario: Scenario, now: Date = Date()) throws -> TemporaryHome {
        let home = try TemporaryHome(config: scenario.config)
        if let key = scenario.cacheKeyOf {
            let token: JSONValue = [
                "startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1",
                "accessToken": .string(accessToken),
                "expiresAt": .string(
                    ISO8601Instant.format(now.addingTimeInterval(TimeInterval(scenario.tokenExpiresIn)))),
                "clientId": "canary-client-id", "clientSecret": .string(clientSecret),
                "registrationExpiresAt": .string(
                    ISO8601Instant.format(now.addingTimeInterval(TimeInterval(scenario.registrationExpiresIn)))),
                "refreshToken": .string(refreshToken),
            ]
            let directory = home.path + "/.aws/sso/cache"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try JSONWriter.write(token, pretty: false).write(
                toFile: directory + "/" + SSOTokenCache.key(startURL: key, sessionName: nil) + ".json",
                atomically: false,
                encoding: .utf8)
        }
        return home
    }

    static func environment(_ home: TemporaryHome, stub: StubServer) -> [String: String] {
        home.environment.merging([
            "AWS_ENDPOINT_URL_SSO": stub.url, "AWS_ENDPOINT_URL_SSO_OIDC": stub.url, "AWS_ENDPOINT_URL_STS": stub.url,
            "AWS_CONFIG_FILE": home.path + "/.aws/config",
            "AWS_SHARED_CREDENTIALS_FILE": home.path + "/.aws/credentials",
            "AWS_MAX_ATTEMPTS": "1",
        ]) { _, new in new }
    }

    static func script(_ stub: StubServer, _ scenario: Scenario) async throws {
        let assumeRole = StubServer.Step(
            body: """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>\
                <AccessKeyId>ASIAAPPROLE</AccessKeyId><SecretAccessKey>app-secret</SecretAccessKey>\
                <SessionToken>app-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
                </AssumeRoleResult></AssumeRoleResponse>
                """, headers: ["Content-Type": "text/xml"])
        try await stub.script([
            "/federation/credentials": scenario.getRoleCredentials,
            "/token": scenario.createToken.isEmpty ? [refused] : scenario.createToken,
            "/": [assumeRole],
        ])
    }

    /// What the stand-in saw, in a form both clients must share: method, path with query, the bearer token
    /// header, CreateToken's JSON body, AssumeRole's form parameters and the key that signed it.
    static func requests(_ stub: StubServer) async throws -> [String] {
        let log = try await stub.stats()["log"]?.arrayValue ?? []
        return log.map { entry in
            let headers = entry["headers"]?.objectValue ?? [:]
            func header(_ name: String) -> String {
                headers.first { $0.key.lowercased() == name }?.value.stringValue ?? ""
            }
            var line = "\(entry["method"]?.stringValue ?? "") \(entry["path"]?.stringValue ?? "")"
            line += " bearer=\(header("x-amz-sso_bearer_token"))"
            let body = entry["body"]?.stringValue ?? ""
            if entry["path"]?.stringValue == "/token", let parsed = try? JSONParser.parse(Data(body.utf8)) {
                line += " body=" + JSONWriter.write(parsed, pretty: false)
            } else if !body.isEmpty {
                let form = body.split(separator: "&").map { URIEncoding.decode(String($0), plusAsSpace: true) }.sorted()
                let key =
                    header("authorization").components(separatedBy: "Credential=").dropFirst().first?
                    .split(separator: "/").first.map(String.init) ?? ""
                line += " form=\(form.filter { !$0.hasPrefix("RoleSessionName=") }) signedBy=\(key)"
            }
            return line
        }
    }

    /// The token cache file: its text with `expiresAt`'s value replaced (each client computes it from its own
    /// clock), that instant, and the file's mode; nil when there is none.
    static func cacheFile(_ home: TemporaryHome, _ scenario: Scenario) throws -> (
        text: String, expiresAt: Date?, mode: Int
    )? {
        guard let key = scenario.cacheKeyOf else { return nil }
        let path = home.path + "/.aws/sso/cache/" + SSOTokenCache.key(startURL: key, sessionName: nil) + ".json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let parsed = try JSONParser.parse(Data(text.utf8))
        let expiresAt = parsed["expiresAt"]?.stringValue ?? ""
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        return (text.replacingOccurrences(of: expiresAt, with: "<expiresAt>"), ISO8601Instant.parse(expiresAt), mode)
    }

    /// botocore's resolution of `profile` (the AWS CLI's own botocore): the credentials, or the error's class.
    static func botocore(profile: String, environment: [String: String]) throws -> JSONValue {
        let script = """
            import json, sys
            import botocore.session
            try:
                found = botocore.session.Session(profile=sys.argv[1]).get_credentials()
                frozen = found.get_frozen_credentials()
                print(json.dumps({"accessKeyId": frozen.access_key, "secretAccessKey": frozen.secret_key,
                                  "sessionToken": frozen.token}))
            except Exception as error:
                print(json.dumps({"error": type(error).__name__}))
            """
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let run = try ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", script, profile], environment: env, error: .inherit)
        try #require(run.status == 0)
        return try JSONParser.parse(run.output)
    }

    @Test(
        "msk-esm resolves SSO profiles as botocore does: same credentials, same requests, same cache file",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"), arguments: scenarios)
    func sameAsBotocore(_ scenario: Scenario) async throws {
        let stub = try StubServer()
        let now = Date()
        let oracleHome = try Self.home(for: scenario, now: now)
        let ourHome = try Self.home(for: scenario, now: now)
        defer {
            try? FileManager.default.removeItem(atPath: oracleHome.path)
            try? FileManager.default.removeItem(atPath: ourHome.path)
        }

        try await Self.script(stub, scenario)
        let expected = try Self.botocore(
            profile: scenario.profile, environment: Self.environment(oracleHome, stub: stub))
        let expectedRequests = try await Self.requests(stub)
        let expectedCache = try Self.cacheFile(oracleHome, scenario)

        try await Self.script(stub, scenario)
        let configuration = try AWSClientConfiguration.resolve(
            AWSSettings(profile: scenario.profile), environment: Self.environment(ourHome, stub: stub))
        var failure: ToolError?
        var found: AWSCredentials?
        do {
            found = try await configuration.credentials.credentials()
        } catch let error as ToolError {
            failure = error
        }
        let ourRequests = try await Self.requests(stub)
        let ourCache = try Self.cacheFile(ourHome, scenario)

        #expect(ourRequests == expectedRequests)
        if scenario.fails {
            #expect(expected["error"] != nil, "botocore resolved credentials where msk-esm's scenario expects none")
            let failure = try #require(failure, "msk-esm resolved credentials where botocore failed")
            #expect(failure.kind == .usage)
            #expect([.noCredentials, .credentialsFailed].contains(failure.code))
            #expect("\(failure)".contains(scenario.failureNames), "\(failure)")
        } else {
            #expect(failure == nil, "msk-esm failed: \(failure.map { "\($0)" } ?? "")")
            #expect(found?.accessKeyId == expected["accessKeyId"]?.stringValue)
            #expect(found?.secretAccessKey == expected["secretAccessKey"]?.stringValue)
            #expect(found?.sessionToken == expected["sessionToken"]?.stringValue)
        }
        #expect(ourCache?.text == expectedCache?.text)
        #expect(ourCache?.mode == expectedCache?.mode)
        if let ours = ourCache?.expiresAt, let theirs = expectedCache?.expiresAt {
            #expect(abs(ours.timeIntervalSince(theirs)) < 120, "expiresAt \(ours) vs botocore's \(theirs)")
        }
    }

    @Test(
        "the scenarios exercise what they claim: a refresh writes the new tokens, a valid token sends no CreateToken",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
    func refreshIsObservable() async throws {
        let stub = try StubServer()
        let rotating = Self.scenarios[1]
        let home = try Self.home(for: rotating)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        try await Self.script(stub, rotating)
        let configuration = try AWSClientConfiguration.resolve(
            AWSSettings(profile: "dev"), environment: Self.environment(home, stub: stub))
        _ = try await configuration.credentials.credentials()
        let requests = try await Self.requests(stub)
        #expect(requests.first?.hasPrefix("POST /token") == true)
        #expect(requests.last?.contains("bearer=\(Self.newAccessToken)") == true)
        let cache = try #require(try Self.cacheFile(home, rotating))
        #expect(cache.text.contains(Self.newRefreshToken) && cache.text.contains(Self.newAccessToken))
        #expect(cache.mode == 0o600)
    }

    @Test(
        "msk-esm with an SSO profile: a command signs with the role's key; an expired sign-in is exit 2 naming 'aws sso login'; no token in any output, --debug included",
        .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
    func process() async throws {
        let stub = try StubServer()
        let valid = Self.scenarios[0]
        let home = try Self.home(for: valid)
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        try await stub.script([
            "/federation/credentials": valid.getRoleCredentials,
            "/2015-03-31/event-source-mappings": [StubServer.Step(body: #"{"EventSourceMappings": []}"#)],
        ])
        let listed = try BinaryRunner.run(
            ["list", "--profile", "dev", "--endpoint-url", stub.url, "--output", "json", "--debug"],
            environment: Self.environment(home, stub: stub))
        #expect(listed.exitCode == 0, "\(listed.stderr)")
        // The trace shows the sign-in call (so the canary checks below look at it), its token redacted.
        #expect(
            listed.stderr.contains("/federation/credentials")
                && listed.stderr.contains("x-amz-sso_bearer_token: <redacted>"))
        let log = try await stub.stats()["log"]?.arrayValue ?? []
        let lambda = try #require(log.first { $0["path"]?.stringValue?.hasPrefix("/2015-03-31/") == true })
        let authorization = lambda["headers"]?.objectValue?.first { $0.key.lowercased() == "authorization" }?.value
            .stringValue
        #expect(authorization?.contains("Credential=ASIASSOROLE/") == true)

        let expired = Self.scenarios[7]  // legacy, expired
        let expiredHome = try Self.home(for: expired)
        defer { try? FileManager.default.removeItem(atPath: expiredHome.path) }
        let refused = try BinaryRunner.run(
            ["list", "--profile", "dev", "--endpoint-url", stub.url, "--debug"],
            environment: Self.environment(expiredHome, stub: stub))
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("aws sso login --profile dev"))
        #expect(refused.stderr.split(separator: "\n").filter { $0.hasPrefix("msk-esm: error") }.count == 1)

        for output in [listed.stdout, listed.stderr, refused.stdout, refused.stderr] {
            for canary in [
                Self.accessToken, Self.refreshToken, Self.clientSecret, Self.roleSecretKey, Self.roleSessionToken,
            ] {
                #expect(!output.contains(canary), "\(canary) leaked")
            }
        }
    }
}
