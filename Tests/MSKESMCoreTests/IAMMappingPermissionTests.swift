import Foundation
import Testing

@testable import MSKESMCore

/// Mapping mode: the permissions an MSK or self-managed mapping needs
/// (docs/aws-facts.md#permissions-of-the-execution-role), and every IAM finding code with a case that triggers it and
/// one where it stays silent.
struct IAMMappingPermissionTests {
    static let clusterArn = "arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b3c4d-5e6f-7a8b"
    static let uuid = "a1b2c3d4-0000-4000-8000-000000000001"
    static let topicArn = "arn:aws:kafka:us-east-1:123456789012:topic/demo/1a2b3c4d-5e6f-7a8b/orders"
    static let groupArn = "arn:aws:kafka:us-east-1:123456789012:group/demo/1a2b3c4d-5e6f-7a8b/\(uuid)"
    static let secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_user-AbCdEf"
    static let keyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    static let queueArn = "arn:aws:sqs:us-east-1:123456789012:esm-failures"

    static func policy(_ name: String, _ json: String) -> PolicyDocument {
        // Test inputs are literals: a parse failure is a broken test.
        // swift-format-ignore: NeverUseForceTry
        try! PolicyDocumentReader.read(text: json, source: name)
    }

    static let managed = BundledPolicies.document(named: "AWSLambdaMSKExecutionRole")!
    static let dataPlane = policy(
        "data-plane",
        #"""
        {"Version":"2012-10-17","Statement":[
         {"Sid":"Cluster","Effect":"Allow","Action":["kafka-cluster:Connect","kafka-cluster:DescribeClusterDynamicConfiguration"],"Resource":"\#(clusterArn)"},
         {"Sid":"Topic","Effect":"Allow","Action":["kafka-cluster:DescribeTopic","kafka-cluster:ReadData"],"Resource":"arn:aws:kafka:us-east-1:123456789012:topic/demo/*/orders"},
         {"Sid":"Group","Effect":"Allow","Action":["kafka-cluster:DescribeGroup","kafka-cluster:AlterGroup"],"Resource":"arn:aws:kafka:us-east-1:123456789012:group/demo/*/\#(uuid)"}]}
        """#)
    static let trust = policy(
        "trust",
        #"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """#)

    static func context(
        policies: [PolicyDocument] = [managed, dataPlane], boundary: PolicyDocument? = nil,
        trust: PolicyDocument? = trust, consumerGroupId: String? = nil, auth: AuthMethod = .iam,
        serverless: Bool = false, secrets: [String] = [], keys: [String] = [], destination: String? = nil
    ) -> MappingPermissionContext {
        MappingPermissionContext(
            region: "us-east-1", account: "123456789012", roleName: "esm-role", identityPolicies: policies,
            permissionsBoundary: boundary, trustPolicy: trust, mappingUUID: uuid, consumerGroupId: consumerGroupId,
            clusterArn: clusterArn, clusterIsServerless: serverless, topic: "orders", authMethod: auth,
            secretArns: secrets, secretKmsKeyArns: keys, onFailureDestination: destination, functionName: "consumer")
    }

    static func failing(_ report: CheckReport<NoSummary>) -> [String] {
        report.findings.filter { $0.severity == .fail || $0.severity == .warn }.map(\.code)
    }

    @Test func requiredPermissionsForAnMSKMappingWithIAMAuth() {
        let required = MappingPermissions.required(for: Self.context())
        let pairs = Set(required.map { "\($0.actions.joined(separator: "|")) \($0.resource)" })
        #expect(pairs.contains("kafka:DescribeClusterV2|kafka:DescribeCluster \(Self.clusterArn)"))
        #expect(pairs.contains("kafka:GetBootstrapBrokers \(Self.clusterArn)"))
        #expect(pairs.contains("kafka-cluster:Connect \(Self.clusterArn)"))
        #expect(pairs.contains("kafka-cluster:ReadData \(Self.topicArn)"))
        #expect(pairs.contains("kafka-cluster:AlterGroup \(Self.groupArn)"))
        #expect(pairs.contains("ec2:CreateNetworkInterface *"))
        #expect(
            pairs.contains("logs:PutLogEvents arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/consumer:*"))
        #expect(required.count == 2 + 6 + 3 + 6)
    }

    @Test func selfManagedMappingNeedsNoKafkaActionsAndENIsOnlyInAVPC() {
        var context = Self.context(auth: .scram512, secrets: [Self.secretArn])
        context.clusterArn = nil
        var actions = MappingPermissions.required(for: context).flatMap(\.actions)
        #expect(!actions.contains { $0.hasPrefix("kafka") || $0.hasPrefix("ec2:") })
        #expect(actions.contains("secretsmanager:GetSecretValue"))
        context.usesVpcAccessConfigs = true
        actions = MappingPermissions.required(for: context).flatMap(\.actions)
        #expect(actions.filter { $0.hasPrefix("ec2:") }.count == 6)
    }

    @Test func serverlessRequiresDescribeClusterV2() {
        let onlyV1 = Self.policy(
            "v1",
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kafka:DescribeCluster","Resource":"*"}]}"#
        )
        let withoutDescribe = Self.policy(
            "rest",
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kafka:GetBootstrapBrokers","ec2:*","logs:*"],"Resource":"*"}]}"#
        )
        let provisioned = MappingPermissionCheck(
            context: Self.context(policies: [onlyV1, withoutDescribe, Self.dataPlane])
        ).report()
        #expect(Self.failing(provisioned).isEmpty)
        let serverless = MappingPermissionCheck(
            context: Self.context(policies: [onlyV1, withoutDescribe, Self.dataPlane], serverless: true)
        ).report()
        #expect(
            serverless.findings.contains {
                $0.code == "IAM001" && $0.severity == .fail && $0.title.contains("kafka:DescribeClusterV2")
            })
    }

    struct CodeCase: Sendable, CustomTestStringConvertible {
        var code: String
        var triggering: MappingPermissionContext
        var silent: MappingPermissionContext
        var testDescription: String { code }
    }

    static let denyData = policy(
        "deny",
        #"{"Version":"2012-10-17","Statement":[{"Sid":"NoReads","Effect":"Deny","Action":"kafka-cluster:ReadData","Resource":"*"}]}"#
    )
    static let narrowBoundary = policy(
        "boundary",
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kafka:*","ec2:*","logs:*"],"Resource":"*"}]}"#
    )
    static let wideBoundary = policy(
        "boundary",
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kafka:*","kafka-cluster:*","ec2:*","logs:*"],"Resource":"*"}]}"#
    )
    static let ec2Trust = policy(
        "trust",
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    )
    static let appGroup = policy(
        "app-group",
        #"""
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":["kafka-cluster:Connect","kafka-cluster:DescribeClusterDynamicConfiguration"],"Resource":"\#(clusterArn)"},
         {"Effect":"Allow","Action":["kafka-cluster:DescribeTopic","kafka-cluster:ReadData"],"Resource":"\#(topicArn)"},
         {"Effect":"Allow","Action":["kafka-cluster:DescribeGroup","kafka-cluster:AlterGroup"],"Resource":"arn:aws:kafka:us-east-1:123456789012:group/demo/*/my-app-group"}]}
        """#)
    static let secretRead = policy(
        "secret",
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"\#(secretArn)"}]}"#
    )
    static let keyDecrypt = policy(
        "key",
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"\#(keyArn)"}]}"#)
    static let sendToQueue = policy(
        "queue",
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"\#(queueArn)"}]}"#
    )
    static let conditionalData = policy(
        "conditional",
        #"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kafka-cluster:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}]}
        """#)

    static let codeCases: [CodeCase] = [
        CodeCase(code: "IAM001", triggering: context(policies: [managed]), silent: context()),
        CodeCase(code: "IAM002", triggering: context(policies: [managed, dataPlane, denyData]), silent: context()),
        CodeCase(
            code: "IAM003", triggering: context(boundary: narrowBoundary), silent: context(boundary: wideBoundary)),
        CodeCase(code: "IAM004", triggering: context(trust: ec2Trust), silent: context()),
        CodeCase(
            code: "IAM005", triggering: context(policies: [managed, appGroup]),
            silent: context(policies: [managed, appGroup], consumerGroupId: "my-app-group")),
        CodeCase(
            code: "IAM006",
            triggering: context(
                policies: [managed, secretRead], auth: .scram512, secrets: [secretArn], keys: [keyArn]),
            silent: context(
                policies: [managed, secretRead, keyDecrypt], auth: .scram512, secrets: [secretArn], keys: [keyArn])),
        CodeCase(
            code: "IAM007", triggering: context(destination: queueArn),
            silent: context(policies: [managed, dataPlane, sendToQueue], destination: queueArn)),
        CodeCase(code: "IAM008", triggering: context(policies: [managed, conditionalData]), silent: context()),
    ]

    @Test(arguments: codeCases)
    func everyCodeTriggersAndStaysSilent(_ testCase: CodeCase) {
        let triggered = MappingPermissionCheck(context: testCase.triggering).report()
        #expect(Self.failing(triggered).contains(testCase.code))
        #expect(triggered.verdict != .pass)
        let silent = MappingPermissionCheck(context: testCase.silent).report()
        #expect(Self.failing(silent).isEmpty, "\(silent.findings.filter { $0.severity != .pass }.map(\.title))")
        #expect(silent.verdict == .pass)
        // Every failure carries a fix a user can paste.
        for finding in triggered.findings where finding.severity == .fail {
            #expect(!finding.fix.isEmpty, "\(finding.code) \(finding.title)")
        }
    }

    @Test func explicitDenyNamesTheStatement() throws {
        let report = MappingPermissionCheck(
            context: Self.context(policies: [Self.managed, Self.dataPlane, Self.denyData])
        ).report()
        let finding = try #require(report.findings.first { $0.code == "IAM002" })
        #expect(finding.detail.contains("deny statement \"NoReads\""))
        #expect(finding.title.contains(Self.topicArn))
    }

    @Test func groupFindingNamesTheMappingsGroupArn() throws {
        let report = MappingPermissionCheck(context: Self.context(policies: [Self.managed, Self.appGroup])).report()
        let finding = try #require(report.findings.first { $0.code == "IAM005" })
        #expect(finding.title.contains(Self.uuid))
        #expect(finding.fix.contains(Self.groupArn))
    }

    @Test func missingTrustPolicyIsSkippedNotPassed() {
        let report = MappingPermissionCheck(context: Self.context(trust: nil)).report()
        #expect(report.findings.contains { $0.code == "IAM004" && $0.severity == .skipped })
    }

    /// The suggestion adds exactly what is missing: applied as another inline policy, every failure goes
    /// away; and its resources are the real ARNs (no `*` but where AWS requires it).
    @Test func suggestionFixesEverythingWithLeastPrivilege() throws {
        let context = Self.context(
            policies: [
                Self.policy(
                    "logs-only",
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}"#)
            ],
            secrets: [Self.secretArn], keys: [Self.keyArn],
            destination: "arn:aws:s3:::esm-failures-bucket")
        let check = MappingPermissionCheck(context: context)
        #expect(!Self.failing(check.report()).isEmpty)
        let suggestion = try #require(check.suggestedPolicy())
        let added = try PolicyDocumentReader.document(suggestion, name: "suggested", source: "suggestion", path: "$")
        var fixed = context
        fixed.identityPolicies.append(added)
        #expect(Self.failing(MappingPermissionCheck(context: fixed).report()).isEmpty)
        let resources = added.statements.flatMap { $0.resources?.values ?? [] }
        let actionsOnStar = Set(
            added.statements.filter { $0.resources?.values.contains("*") == true }.flatMap(\.actions.values))
        #expect(actionsOnStar == Set(MappingPermissions.networkInterfaceActions))
        #expect(resources.contains(Self.groupArn))
        #expect(resources.contains("arn:aws:s3:::esm-failures-bucket/*"))
        #expect(resources.contains("arn:aws:s3:::esm-failures-bucket"))
        // No statement grants an action on a resource it does not need: each (action, resource) is required.
        let required = Set(MappingPermissions.required(for: context).map { "\($0.actions[0]) \($0.resource)" })
        for statement in added.statements {
            for action in statement.actions.values {
                for resource in statement.resources?.values ?? [] {
                    #expect(required.contains("\(action) \(resource)"), "\(action) \(resource)")
                }
            }
        }
    }

    /// The fix is a command a shell can run: split it with Python's shlex (an independent parser) and
    /// check that its --policy-document grants what was missing.
    @Test(.enabled(if: IAMPythonOracle.isAvailable, "python3 is not installed: shlex cannot split the fix"))
    func putRolePolicyFixIsAValidShellCommand() throws {
        let context = Self.context(policies: [Self.managed])
        let report = MappingPermissionCheck(context: context).report()
        let finding = try #require(report.findings.first { $0.code == "IAM001" && $0.severity == .fail })
        let words: [String] = try IAMPythonOracle.run(
            "import json, shlex, sys; print(json.dumps(shlex.split(json.load(sys.stdin))))", input: finding.fix)
        #expect(Array(words.prefix(3)) == ["aws", "iam", "put-role-policy"])
        let index = try #require(words.firstIndex(of: "--policy-document"))
        let document = try PolicyDocumentReader.read(text: words[index + 1], source: "fix")
        #expect(words[words.firstIndex(of: "--role-name")! + 1] == "esm-role")
        var fixed = context
        fixed.identityPolicies.append(document)
        let remaining = MappingPermissionCheck(context: fixed).findings().filter { $0.severity == .fail }
        #expect(!remaining.contains { $0.code == "IAM001" && $0.title.contains(Self.clusterArn) })
    }

    @Test(arguments: [
        ("arn:aws:sns:us-east-1:123456789012:t", ["sns:Publish arn:aws:sns:us-east-1:123456789012:t"]),
        ("arn:aws:s3:::b", ["s3:PutObject arn:aws:s3:::b/*", "s3:ListBucket arn:aws:s3:::b"]),
        (
            "kafka://failures",
            [
                "kafka-cluster:DescribeTopic arn:aws:kafka:us-east-1:123456789012:topic/demo/1a2b3c4d-5e6f-7a8b/failures",
                "kafka-cluster:WriteData arn:aws:kafka:us-east-1:123456789012:topic/demo/1a2b3c4d-5e6f-7a8b/failures",
            ]
        ),
    ])
    func onFailureDestinationPermissions(destination: String, expected: [String]) {
        let required = MappingPermissions.required(for: Self.context(destination: destination))
            .filter { $0.purpose == .onFailureDestination }.map { "\($0.actions[0]) \($0.resource)" }
        #expect(required == expected)
    }
}

/// IAM004 over the principal shapes a trust policy may use.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
struct IAMTrustPolicyTests {
    @Test(arguments: [
        (#"{"Service":"lambda.amazonaws.com"}"#, Severity.pass),
        (#"{"Service":["ec2.amazonaws.com","lambda.amazonaws.com"]}"#, .pass),
        (#""*""#, .pass),
        (#"{"AWS":"*"}"#, .pass),
        (#"{"Service":"ec2.amazonaws.com"}"#, .fail),
        (#"{"AWS":"arn:aws:iam::123456789012:root"}"#, .fail),
    ])
    func trustPrincipalShapes(principal: String, severity: Severity) throws {
        let trust = try PolicyDocumentReader.read(
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":\#(principal),"Action":"sts:AssumeRole"}]}"#,
            source: "trust.json")
        let report = MappingPermissionCheck(context: IAMMappingPermissionTests.context(trust: trust)).report()
        #expect(report.findings.first { $0.code == "IAM004" }?.severity == severity)
    }

    @Test func trustConditionIsAWarningNamingTheKey() throws {
        let trust = try PolicyDocumentReader.read(
            text:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}"#,
            source: "trust.json")
        let finding = MappingPermissionCheck(context: IAMMappingPermissionTests.context(trust: trust)).report()
            .findings.first { $0.code == "IAM004" }
        #expect(finding?.severity == .warn)
        #expect(finding?.title.contains("aws:SourceAccount") == true)
    }
}

extension MappingPermissionCheck {
    /// The findings as a report, for their verdict.
    func report() -> CheckReport<NoSummary> { CheckReport(findings: findings()) }
}
