import Foundation
import Testing

@testable import MSKESMCore

/// The defects of issue 14 §2, each over the scenario snapshot of Tests/Fixtures/scenarios/ that shows it (or a
/// snapshot built here): every test failed on the code before the fix.
struct MappingFactsDefectTests {
    static let now = DoctorTests.now
    static let scenarios = SnapshotTestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/scenarios")

    static func report(_ scenario: String) throws -> CheckReport<DoctorSummary> {
        try Doctor().run(try snapshot(scenario), at: now)
    }

    static func snapshot(_ scenario: String) throws -> Snapshot {
        try Snapshot.load(path: scenarios.appendingPathComponent(scenario + ".json").path)
    }

    static func problems(_ report: CheckReport<DoctorSummary>, _ code: String) -> [Finding] {
        report.findings.filter { $0.code == code && [.fail, .warn].contains($0.severity) }
    }

    // 1. A denied metrics read names the denial (cloudwatch:GetMetricData, never monitoring:…).
    @Test func aDeniedMetricsReadNamesTheCloudWatchPermission() throws {
        let report = try Self.report("metrics-read-denied")
        let access = try #require(Self.problems(report, "ACC001").first)
        #expect(access.fix.contains("cloudwatch:GetMetricData"))
        let lag = try #require(report.findings.first { $0.code == "MAP015" })
        #expect(lag.severity == .skipped)
        #expect(lag.detail.contains("could not be read: cloudwatch.GetMetricData"), "\(lag.detail)")
        // The gatherer's label is one the model declares for Metrics.
        #expect(SnapshotPart.metrics.calls.contains("cloudwatch.GetMetricData"))
    }

    // 2. Every broker's port is checked, and the summary names them all.
    @Test func everyBrokerPortOfAMultiVpcClusterIsChecked() throws {
        let report = try Self.report("cross-account-multiport-one-port-open")
        let failing = Self.problems(report, "NET001").compactMap {
            $0.title.split(separator: " ").first { Int($0) != nil }
        }
        #expect(failing.sorted() == ["14002", "14003"])
        #expect(report.summary.ports == [14001, 14002, 14003])
        let healthy = try Self.report("cross-account-multiport-healthy")
        #expect(Self.problems(healthy, "NET001").isEmpty)
        #expect(healthy.verdict == .pass)
    }

    @Test func everyPortOfASelfManagedClusterIsOpenedOnEgress() throws {
        let report = try Self.report("self-managed-multiport-egress-one-port")
        let failing = Self.problems(report, "NET003").map(\.title)
        #expect(failing.count == 2)
        #expect(failing.contains { $0.contains("9097") } && failing.contains { $0.contains("9098") })
        let choice = try #require(
            BrokerChoiceCheck.choice(for: try Self.snapshot("self-managed-multiport-egress-one-port")))
        #expect(choice.ports == [9096, 9097, 9098])
        #expect(choice.summary.ports == [9096, 9097, 9098])
    }

    // 3. SEC016 from Describe.Name, without an analysis that says so.
    @Test func theAmazonMSKPrefixIsDecidedFromTheDescribedName() throws {
        let report = try Self.report("scram-name-without-prefix")
        let name = try #require(Self.problems(report, "SEC016").first)
        #expect(name.title.contains("payments/consumer"))
        #expect(report.findings.filter { $0.code == "SEC016" }.count == 1)
        let healthy = try Self.report("scram-by-analysis-healthy")
        #expect(healthy.findings.contains { $0.code == "SEC016" && $0.severity == .pass })
    }

    // 4. Cross-account: kafka:DescribeVpcConnection, the connection's ports, update-connectivity.
    @Test func aCrossAccountRoleNeedsDescribeVpcConnection() throws {
        let report = try Self.report("cross-account-role-without-describe-vpc-connection")
        let missing = Self.problems(report, "IAM001")
        #expect(missing.count == 1)
        #expect(missing.first?.title.contains("kafka:DescribeVpcConnection") == true, "\(missing.map(\.title))")
        #expect(missing.first?.title.contains(":vpc-connection/") == true)
        #expect(
            try Self.report("cross-account-multiport-healthy").findings.filter { $0.code == "IAM001" }
                .allSatisfy { $0.severity == .pass })
    }

    @Test func brk006NamesTheVpcConnectionsPorts() throws {
        let report = try Self.report("cross-account-multiport-healthy")
        let noFallback = try #require(report.findings.first { $0.code == "BRK006" })
        #expect(noFallback.detail.contains("14001, 14002, 14003"))
        #expect(!noFallback.detail.contains("9098") && !noFallback.fix.contains("9098"))
    }

    @Test func multiVpcAuthenticationIsTurnedOnWithUpdateConnectivity() throws {
        let report = try Self.report("cross-account-iam-off-on-multi-vpc")
        let none = try #require(Self.problems(report, "BRK002").first)
        #expect(none.fix.contains("aws kafka update-connectivity"))
        #expect(none.fix.contains("VpcConnectivity"))
        #expect(!none.fix.contains("update-security"))
    }

    // 5. An Allow conditioned on the caller's organisation cannot match the Lambda service's calls.
    @Test func anOrganisationConditionedEndpointPolicyFailsForServiceCalls() throws {
        let report = try Self.report("endpoint-policy-principal-org-condition")
        let policy = try #require(report.findings.first { $0.code == "NET010" && $0.severity != .pass })
        #expect(policy.severity == .fail)
        #expect(policy.detail.contains("aws:PrincipalOrgID"))
        #expect(policy.title.contains("cannot allow sts:AssumeRole"))
        // A condition it cannot decide stays a warning.
        let vpc = try Self.report("endpoint-policy-source-vpc-condition")
        #expect(vpc.findings.contains { $0.code == "NET010" && $0.severity == .warn })
    }

    // 6. Self-managed brokers' groups are not in the snapshot: NET001 warns, naming --broker-group-id.
    @Test func selfManagedInboundRulesAreAnAssumptionNotAFailure() throws {
        let report = try Self.report("self-managed-brokers-groups-unknown")
        let inbound = report.findings.filter { $0.code == "NET001" }
        #expect(!inbound.isEmpty)
        #expect(inbound.allSatisfy { $0.severity != .fail })
        let warning = try #require(inbound.first { $0.severity == .warn })
        #expect(warning.fix.contains("--broker-group-id"))
        #expect(report.verdict == .warn)
    }

    // 7. MAP011 names the cause found and its fix follows the cause.
    @Test(arguments: [
        ("scram-off-on-cluster", "BRK001", "update-security"),
        ("scram-aws-managed-key", "SEC017", "--kms-key-id"),
        ("mtls-only-cluster-without-secret", "BRK002", "CLIENT_CERTIFICATE_TLS_AUTH"),
        ("scram-not-associated", "SEC021", "batch-associate-scram-secret"),
    ])
    func theProcessingResultLinksItsCauseAndFollowsItsFix(scenario: String, cause: String, fix: String) throws {
        let report = try Self.report(scenario)
        let result = try #require(report.findings.first { $0.code == "MAP011" })
        #expect(result.evidence["foundCodes"]?.arrayValue?.contains(.string(cause)) == true, "\(result.detail)")
        #expect(result.fix.hasPrefix("fix \(cause)"), "\(result.fix)")
        #expect(result.fix.contains(fix), "\(result.fix)")
        if cause != "SEC021" { #expect(!result.fix.contains("batch-associate-scram-secret")) }
    }

    // 8 is PlaceholderTests (every example and scenario).

    // 9. The replica of a secret gets a customer-managed key.
    @Test func replicatingASecretNamesACustomerManagedKey() throws {
        let report = try Self.report("scram-secret-in-another-region")
        let region = try #require(Self.problems(report, "SEC019").first)
        #expect(region.fix.contains("replicate-secret-to-regions"))
        #expect(region.fix.contains("KmsKeyId="))
        #expect(!region.fix.contains("--uuid UUID"))
    }

    // 10. An mTLS-only cluster without a secret: give the mapping its client certificate, not IAM.
    @Test func anMTLSOnlyClusterWithoutASecretNeedsTheCertificateSecret() throws {
        let report = try Self.report("mtls-only-cluster-without-secret")
        let none = try #require(Self.problems(report, "BRK002").first)
        #expect(none.fix.contains("CLIENT_CERTIFICATE_TLS_AUTH"))
        #expect(!none.fix.contains("Iam"))
    }

    // 11. The source topic as on-failure destination: MAP013 alone.
    @Test func theSourceTopicAsDestinationIsMAP013Alone() throws {
        let report = try Self.report("on-failure-destination-is-source-topic")
        let codes = report.findings.filter { [.fail, .warn, .skipped].contains($0.severity) }.map(\.code)
        #expect(codes == ["MAP013"])
        #expect(!report.findings.contains { $0.code == "IAM007" })
    }

    // 12. MAP007 says what it cannot know conditionally.
    @Test func map007IsConditional() throws {
        let report = try Self.report("consumer-group-id-with-space")
        let group = try #require(report.findings.first { $0.code == "MAP007" })
        #expect(group.title.hasPrefix("if "))
        #expect(!group.title.contains("makes StartingPosition ignored"))
    }

    // 13. The current Lambda model: a space in a consumer group id; Kafka pollers still ≤ 2,000; new access
    // types are not understood (never guessed).
    @Test func theCurrentModelsConsumerGroupPatternAllowsASpace() throws {
        #expect(MappingParameterRules.isValidConsumerGroupId("orders consumers"))
        #expect(!MappingParameterRules.isValidConsumerGroupId("orders\tconsumers"))
        let report = try Self.report("consumer-group-id-with-space")
        #expect(report.findings.contains { $0.code == "MAP006" && $0.severity == .pass })
        #expect(report.verdict == .pass)
    }

    @Test func kafkaPollersStayWithin2000() throws {
        let report = try Self.report("provisioned-pollers-over-kafka-maximum")
        #expect(!Self.problems(report, "MAP016").isEmpty)
    }

    @Test func aNewAccessTypeIsNotUnderstoodRatherThanMisdiagnosed() throws {
        // botocore 1.44's OAUTHBEARER_* and IAM_* types are understood now (OAuthAccessRules); a type newer
        // than that model is still reported as not understood, never guessed.
        var snapshot = try Self.snapshot("self-managed-no-vpc-healthy")
        snapshot.eventSourceMapping.sourceAccessConfigurations = [
            SourceAccessConfiguration(
                type: "FUTURE_TOKEN_AUTH", uri: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x")
        ]
        let choice = try #require(BrokerChoiceCheck.choice(for: snapshot))
        #expect(choice.method == nil && choice.attemptedMethod == nil)
        let report = try Doctor().run(snapshot, at: Self.now)
        let unknown = try #require(report.findings.first { $0.code == "BRK008" })
        #expect(unknown.severity == .skipped)
        #expect(unknown.title.contains("FUTURE_TOKEN_AUTH"))
        // Nothing claims a method (plaintext was the guess before).
        #expect(!report.findings.contains { $0.code == "BRK002" || $0.code == "BRK006" })
        #expect(report.summary.method == nil)
    }
}
