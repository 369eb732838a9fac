import Foundation
import Testing

@testable import MSKESMCore

/// Issue #21: the OAUTHBEARER_* and IAM_* access types of botocore 1.44's Lambda model, in the parameter rules
/// (MAP018, MAP019), the broker choice (BRK), the OAuth secret (SEC025, SEC026) and the role (IAM009). Every
/// rule has a case that triggers it and one that stays silent.
struct OAuthAccessTests {
    static let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka/oauth-client-Po09Iu"
    static let clusterArn = "arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b3c4d-5e6f-7a8b"

    static func settings(_ entries: [(String, String?)], source: String? = nil) -> MappingSettings {
        MappingSettings(
            eventSourceArn: source, topics: ["orders"], startingPosition: "TRIM_HORIZON",
            sourceAccessConfigurations: entries.map { SourceAccessConfiguration(type: $0.0, uri: $0.1) },
            bootstrapServers: source == nil ? ["kafka.example.com:9096"] : [])
    }

    static func map018(_ entries: [(String, String?)]) -> [Finding] {
        MappingParameterRules.findings(settings(entries), at: Date()).filter { $0.code == "MAP018" }
    }

    // MARK: MAP018

    struct RuleCase: Sendable, CustomTestStringConvertible {
        var name: String
        var triggering: [(String, String?)]
        var silent: [(String, String?)]
        var titleHolds: String
        var testDescription: String { name }
    }

    static let audience = ("OAUTHBEARER_AUDIENCE", "https://kafka.example.com") as (String, String?)
    static let oauth = ("OAUTHBEARER_AUTH", secret) as (String, String?)
    static let iamOAuth = ("IAM_OAUTHBEARER_AUTH", nil) as (String, String?)

    static let ruleCases: [RuleCase] = [
        RuleCase(
            name: "scope needs OAUTHBEARER_AUTH", triggering: [("OAUTHBEARER_SCOPE", "kafka.read")],
            silent: [oauth, ("OAUTHBEARER_SCOPE", "kafka.read")], titleHolds: "OAUTHBEARER_SCOPE without"),
        RuleCase(
            name: "logical cluster needs OAUTHBEARER_AUTH", triggering: [("OAUTHBEARER_LOGICAL_CLUSTER", "lkc-1")],
            silent: [oauth, ("OAUTHBEARER_LOGICAL_CLUSTER", "lkc-1")], titleHolds: "OAUTHBEARER_LOGICAL_CLUSTER without"
        ),
        RuleCase(
            name: "identity pool needs OAUTHBEARER_AUTH", triggering: [("OAUTHBEARER_IDENTITY_POOL", "pool-1")],
            silent: [oauth, ("OAUTHBEARER_IDENTITY_POOL", "pool-1")], titleHolds: "OAUTHBEARER_IDENTITY_POOL without"),
        RuleCase(
            name: "audience needs an OAUTHBEARER method", triggering: [audience], silent: [oauth, audience],
            titleHolds: "OAUTHBEARER_AUDIENCE without"),
        RuleCase(
            name: "IAM_OAUTHBEARER_AUTH needs the audience", triggering: [iamOAuth], silent: [iamOAuth, audience],
            titleHolds: "IAM_OAUTHBEARER_AUTH without OAUTHBEARER_AUDIENCE"),
        RuleCase(
            name: "IAM_OAUTHBEARER_AUTH excludes the other OAUTHBEARER types",
            triggering: [iamOAuth, audience, ("OAUTHBEARER_IDENTITY_POOL", "pool-1")], silent: [iamOAuth, audience],
            titleHolds: "IAM_OAUTHBEARER_AUTH with OAUTHBEARER_IDENTITY_POOL"),
        RuleCase(
            name: "IAM_AUTH takes no URI", triggering: [("IAM_AUTH", "arn:aws:iam::123456789012:role/x")],
            silent: [("IAM_AUTH", nil)], titleHolds: "IAM_AUTH has a URI"),
        RuleCase(
            name: "IAM_OAUTHBEARER_AUTH takes no URI", triggering: [("IAM_OAUTHBEARER_AUTH", secret), audience],
            silent: [iamOAuth, audience], titleHolds: "IAM_OAUTHBEARER_AUTH has a URI"),
        RuleCase(
            name: "a value type needs its value", triggering: [oauth, ("OAUTHBEARER_SCOPE", "")],
            silent: [oauth, ("OAUTHBEARER_SCOPE", "kafka.read")], titleHolds: "OAUTHBEARER_SCOPE has no value"),
        RuleCase(
            name: "one authentication method", triggering: [("IAM_AUTH", nil), ("SASL_SCRAM_512_AUTH", secret)],
            silent: [("IAM_AUTH", nil), ("SERVER_ROOT_CA_CERTIFICATE", secret)],
            titleHolds: "2 authentication methods"),
    ]

    @Test(arguments: ruleCases)
    func map018TriggersOrStaysSilent(_ rule: RuleCase) {
        let triggered = Self.map018(rule.triggering)
        #expect(
            triggered.contains { $0.severity == .fail && $0.title.contains(rule.titleHolds) },
            "\(triggered.map(\.title))")
        let silent = Self.map018(rule.silent)
        #expect(silent.map(\.severity) == [.pass], "\(silent.map(\.title))")
    }

    @Test func aValueTypeGivenTwiceOnlyWarns() {
        let findings = Self.map018([Self.oauth, ("OAUTHBEARER_SCOPE", "a"), ("OAUTHBEARER_SCOPE", "b")])
        #expect(findings.map(\.severity) == [.warn])
        #expect(findings[0].title.contains("2 times"))
    }

    @Test func aMappingWithoutTheNewTypesHasNoMAP018() {
        #expect(Self.map018([("SASL_SCRAM_512_AUTH", Self.secret), ("VPC_SUBNET", "subnet:subnet-1")]).isEmpty)
    }

    @Test func theRootCAAndTheVPCCombineWithEveryNewMethod() {
        // The sources are silent on these combinations: nothing is reported.
        let extra: [(String, String?)] = [
            ("SERVER_ROOT_CA_CERTIFICATE", Self.secret + "-ca"), ("VPC_SUBNET", "subnet:subnet-1"),
            ("VPC_SECURITY_GROUP", "security_group:sg-1"),
        ]
        for method in [[Self.oauth], [Self.iamOAuth, Self.audience], [("IAM_AUTH", nil)]] as [[(String, String?)]] {
            #expect(Self.map018(method + extra).map(\.severity) == [.pass])
        }
    }

    // MARK: MAP019

    @Test func theNewTypesOnAnMSKMappingFail() {
        let msk = Self.settings([Self.iamOAuth, Self.audience], source: Self.clusterArn)
        let findings = OAuthAccessRules.findings(msk)
        #expect(findings.count == 1)
        #expect(findings[0].code == "MAP019" && findings[0].severity == .fail)
        #expect(findings[0].title.contains("IAM_OAUTHBEARER_AUTH, OAUTHBEARER_AUDIENCE"))
        let scram = Self.settings([("SASL_SCRAM_512_AUTH", Self.secret)], source: Self.clusterArn)
        #expect(OAuthAccessRules.findings(scram).isEmpty)
    }

    @Test func theCreatePreflightNamesTheFlagAndTheDoctorTheUpdate() {
        var existing = Self.settings([("OAUTHBEARER_SCOPE", "kafka.read")])
        existing.uuid = "a1b2c3d4-0000-4000-8000-000000000001"
        #expect(OAuthAccessRules.findings(existing)[0].fix.contains("update-event-source-mapping --uuid a1b2c3d4"))
        #expect(
            OAuthAccessRules.findings(Self.settings([("OAUTHBEARER_SCOPE", "x")]))[0].fix.hasPrefix("--source-access"))
    }

    // MARK: Broker choice

    @Test(arguments: [
        (["OAUTHBEARER_AUTH", "OAUTHBEARER_SCOPE"], AuthMethod.oauthbearer, "OAUTHBEARER"),
        (["IAM_OAUTHBEARER_AUTH", "OAUTHBEARER_AUDIENCE", "VPC_SUBNET"], .iamOAuthbearer, "OAUTHBEARER"),
        (["IAM_AUTH", "SERVER_ROOT_CA_CERTIFICATE"], .iam, ""),
    ])
    func selfManagedChoiceNamesTheMethod(types: [String], method: AuthMethod, mechanism: String) throws {
        let choice = BrokerSelector.select(
            BrokerSelectionInput(bootstrapServers: ["kafka.example.com:9093"], sourceAccessTypes: types))
        #expect(choice.method == method)
        #expect(choice.ports == [9093])
        #expect(!choice.findings.contains { $0.code == "BRK008" })
        let explanation = try #require(choice.findings.first { $0.code == "BRK006" })
        #expect(explanation.detail.contains("It needs:"))
        #expect(explanation.evidence["saslMechanism"]?.stringValue == (mechanism.isEmpty ? nil : mechanism))
        let chosen = choice.steps.filter { $0.verdict == .chosen }
        #expect(chosen.count == 1 && chosen[0].text.contains(types[0]))
    }

    @Test func twoAuthenticationMethodsClaimNone() {
        let choice = BrokerSelector.select(
            BrokerSelectionInput(
                bootstrapServers: ["kafka.example.com:9096"], sourceAccessTypes: ["IAM_AUTH", "OAUTHBEARER_AUTH"]))
        #expect(choice.method == nil)
        #expect(!choice.findings.contains { $0.code == "BRK002" })
    }

    @Test func anOAuthSecretOnMSKIsNotSupported() {
        let cluster = try! JSONDecoder().decode(
            KafkaCluster.self,
            from: Data(
                #"{"ClusterArn":"\#(Self.clusterArn)","ClusterName":"demo","ClusterType":"PROVISIONED","Provisioned":{"ClientAuthentication":{"Sasl":{"Iam":{"Enabled":true}}}}}"#
                    .utf8))
        let choice = BrokerSelector.select(
            BrokerSelectionInput(cluster: cluster, sourceAccessTypes: ["OAUTHBEARER_AUTH"]))
        #expect(choice.findings.contains { $0.code == "BRK003" && $0.severity == .fail })
        #expect(choice.method == nil)
        let plain = BrokerSelector.select(BrokerSelectionInput(cluster: cluster, sourceAccessTypes: []))
        #expect(!plain.findings.contains { $0.code == "BRK003" })
    }

    @Test func everyTypeOfTheModelIsUnderstood() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/lambda-model-constraints.json")
        let model = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let types = try #require((model?["SourceAccessType"] as? [String: Any])?["enum"] as? [String])
        #expect(Set(types) == BrokerSelectionInput.understoodTypes)
    }

    // MARK: The OAuth secret (SEC025, SEC026)

    static func validate(_ json: String, type: SecretType? = nil) throws -> CheckReport<SecretSummary> {
        let options = SecretValidationOptions(type: type, target: .selfManaged)
        return SecretValidator(options: options).validate(try SecretInput.parse(json, label: "oauth secret"))
    }

    @Test(arguments: [
        #"{"clientId":"a","clientSecret":"b","tokenEndpointUrl":"https://idp.example.com/token"}"#,
        #"{"client_id":"a","client_secret":"b","token_endpoint_url":"https://idp.example.com/token"}"#,
    ])
    func aCompleteSecretPasses(json: String) throws {
        let report = try Self.validate(json)
        #expect(report.summary.secretType == .oauth)
        #expect(report.verdict == .pass, "\(report.findings.map(\.title))")
        #expect(report.findings.contains { $0.code == "SEC025" && $0.severity == .pass })
        #expect(report.findings.contains { $0.code == "SEC026" && $0.severity == .pass })
        #expect(report.summary.clientSecretLength == 1)
    }

    @Test func aMissingFieldWarns() throws {
        let report = try Self.validate(#"{"clientId":"a","tokenEndpointUrl":"https://idp.example.com/token"}"#)
        let finding = try #require(report.findings.first { $0.code == "SEC025" })
        #expect(finding.severity == .warn)
        #expect(finding.title.contains("client secret"))
    }

    @Test func aPlainHTTPEndpointFailsAndANonURLWarns() throws {
        let http = try Self.validate(#"{"clientId":"a","clientSecret":"b","tokenEndpointUrl":"http://idp/token"}"#)
        #expect(http.findings.first { $0.code == "SEC026" }?.severity == .fail)
        let other = try Self.validate(
            #"{"clientId":"a","clientSecret":"b","tokenEndpointUrl":"idp token"}"#, type: .oauth)
        #expect(other.findings.first { $0.code == "SEC026" }?.severity == .warn)
    }

    @Test func theEndpointIsShownWithoutUserInformationOrQuery() throws {
        let report = try Self.validate(
            #"{"clientId":"a","clientSecret":"b","tokenEndpointUrl":"https://u:CanaryPw@idp.example.com/t?k=CanaryQ"}"#)
        #expect(report.summary.tokenEndpoint == "https://idp.example.com/t")
        let text = String(decoding: try JSONEncoder().encode(report.findings), as: UTF8.self)
        #expect(!text.contains("CanaryPw") && !text.contains("CanaryQ"))
    }

    @Test func theMappingsOAuthSecretIsAnalysedAsOAuth() {
        #expect(SecretPlacementRules.secretType(sourceAccessType: "OAUTHBEARER_AUTH") == .oauth)
        #expect(SecretPlacementRules.secretType(sourceAccessType: "OAUTHBEARER_SCOPE") == nil)
    }

    /// The scenarios' OAuth secret (Tests/Fixtures/scenarios/generate.py) has the client secret
    /// `s3cr3t-Canary-9vQ`: neither the doctor's report nor the analysis a snapshot stores may hold it.
    @Test(arguments: ["self-managed-oauthbearer-healthy", "self-managed-oauthbearer-http-token-endpoint"])
    func theClientSecretNeverLeavesTheSecret(scenario: String) throws {
        let canary = "s3cr3t-Canary-9vQ"
        let snapshot = try MappingFactsDefectTests.snapshot(scenario)
        let report = try Doctor().run(snapshot, at: MappingFactsDefectTests.now)
        #expect(report.findings.contains { $0.code == "SEC025" && $0.severity == .pass })
        let reportText = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!reportText.contains(canary))
        let mapping = try JSONValue(encoding: snapshot.eventSourceMapping)
        let value = try #require(snapshot.secrets?[Self.secret]?.secretString)
        #expect(value.contains(canary))
        let analysis = SecretAnalysis.analyze(secretString: value, arn: Self.secret, mapping: mapping)
        let analysisText = String(decoding: try JSONEncoder().encode(analysis), as: UTF8.self)
        #expect(analysisText.contains("clientSecretLength") && !analysisText.contains(canary))
    }

    // MARK: secret fix of an OAuth secret

    static let canaryClientSecret = "Canary-OAuth-Client-Secret-7fQ"

    static func repair(_ members: [String: String], type: SecretType? = nil) throws -> (
        fixed: [String: String], changes: [String]
    ) {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: members), as: UTF8.self)
        let repair = try SecretRepairer(options: SecretRepairOptions(type: type)).repair(
            try SecretInput.parse(json, label: "oauth secret"))
        let fixed = try #require(try JSONSerialization.jsonObject(with: repair.secretJSON) as? [String: String])
        return (fixed, repair.changes)
    }

    @Test(arguments: [
        ("tokenEndpointUrl", " https://idp.example.com/oauth2/token\n"),
        ("token_endpoint_url", "\thttps://idp.example.com/oauth2/token  "),
    ])
    func theTokenEndpointIsTrimmedAndTheCredentialsKept(key: String, endpoint: String) throws {
        // A client id and secret with spaces at their ends are credentials: they stay byte for byte.
        let members = ["clientId": " orders-sync ", "clientSecret": " \(Self.canaryClientSecret) ", key: endpoint]
        let (fixed, changes) = try Self.repair(members, type: .oauth)
        #expect(fixed[key] == "https://idp.example.com/oauth2/token")
        #expect(fixed["clientId"] == " orders-sync " && fixed["clientSecret"] == " \(Self.canaryClientSecret) ")
        #expect(Set(fixed.keys) == Set(members.keys))
        #expect(changes == ["removed the whitespace around \"\(key)\""])
        #expect(!changes.joined().contains(Self.canaryClientSecret) && !changes.joined().contains("idp.example"))
    }

    @Test func aCleanSecretAndAnHTTPEndpointAreLeftAlone() throws {
        // Detected as OAuth without --type; nothing to change.
        let clean = [
            "clientId": "orders-sync", "clientSecret": Self.canaryClientSecret,
            "tokenEndpointUrl": "https://idp.example.com/oauth2/token",
        ]
        let (unchanged, noChanges) = try Self.repair(clean)
        #expect(unchanged == clean && noChanges.isEmpty)
        // http:// is not mechanical: the secret is written as it was, and the re-validation fails SEC026.
        var http = clean
        http["tokenEndpointUrl"] = "http://idp.example.com/oauth2/token"
        let (fixed, changes) = try Self.repair(http)
        #expect(fixed == http && changes.isEmpty)
        let report = try Self.validate(
            String(decoding: try JSONSerialization.data(withJSONObject: fixed), as: UTF8.self))
        #expect(report.findings.first { $0.code == "SEC026" }?.severity == .fail)
    }

    // MARK: IAM (IAM009, and GetSecretValue for the OAuth secret)

    // A literal policy: a parse failure is a broken test.
    // swift-format-ignore: NeverUseForceTry
    static let trust = try! PolicyDocumentReader.read(
        text:
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
        source: "trust")

    static func literal(_ policy: String) -> PolicyDocument {
        // swift-format-ignore: NeverUseForceTry
        try! PolicyDocumentReader.read(text: policy, source: "inline")
    }

    static func context(_ method: AuthMethod, policy: String, secrets: [String] = []) -> MappingPermissionContext {
        MappingPermissionContext(
            region: "us-east-1", account: "123456789012", roleName: "orders-sync-role",
            identityPolicies: [Self.literal(policy)], trustPolicy: trust,
            mappingUUID: "a1b2c3d4-0000-4000-8000-000000000001", topic: "orders", authMethod: method,
            secretArns: secrets, functionName: "orders-sync")
    }

    static let logs =
        #"{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}"#

    @Test func iamOAuthbearerNeedsTheWebIdentityTokenAsAWarning() throws {
        let without = MappingPermissionCheck(
            context: Self.context(.iamOAuthbearer, policy: #"{"Version":"2012-10-17","Statement":[\#(Self.logs)]}"#)
        ).report()
        let missing = try #require(without.findings.first { $0.code == "IAM009" })
        #expect(missing.severity == .warn)
        #expect(missing.fix.contains("sts:GetWebIdentityToken"))
        let with = MappingPermissionCheck(
            context: Self.context(
                .iamOAuthbearer,
                policy:
                    #"{"Version":"2012-10-17","Statement":[\#(Self.logs),{"Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*"}]}"#
            )
        ).report()
        #expect(with.findings.filter { $0.code == "IAM009" }.map(\.severity) == [.pass])
        // Other methods need no web identity token.
        #expect(
            !MappingPermissions.required(
                for: Self.context(.oauthbearer, policy: #"{"Version":"2012-10-17","Statement":[\#(Self.logs)]}"#)
            ).contains {
                $0.purpose == .webIdentityToken
            })
    }

    @Test func theOAuthSecretNeedsGetSecretValueOnItself() throws {
        let report = MappingPermissionCheck(
            context: Self.context(
                .oauthbearer, policy: #"{"Version":"2012-10-17","Statement":[\#(Self.logs)]}"#, secrets: [Self.secret])
        ).report()
        let missing = try #require(
            report.findings.first { $0.code == "IAM001" && $0.title.contains("secretsmanager:GetSecretValue") })
        #expect(missing.severity == .fail)
        #expect(missing.fix.contains(Self.secret))
        #expect(!missing.fix.contains("\"Resource\":\"*\""))
        // Silent when the role may read that secret.
        let granted = MappingPermissionCheck(
            context: Self.context(
                .oauthbearer,
                policy:
                    #"{"Version":"2012-10-17","Statement":[\#(Self.logs),{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"\#(Self.secret)"}]}"#,
                secrets: [Self.secret])
        ).report()
        #expect(!granted.findings.contains { $0.code == "IAM001" && $0.severity != .pass })
        #expect(granted.findings.contains { $0.code == "IAM001" && $0.title.contains("secretsmanager:GetSecretValue") })
    }
}
