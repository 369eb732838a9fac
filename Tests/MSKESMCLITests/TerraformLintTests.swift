import Foundation
import Testing

@testable import MSKESMCLI
@testable import MSKESMCore

/// `msk-esm lint` over Terraform plans (Tests/Fixtures/lint/terraform, written by make_terraform_fixtures.py after
/// https://developer.hashicorp.com/terraform/internals/json-format): locations are resource addresses and the
/// provider's attribute paths, fixes are HCL edits, values known after apply skip what they decide.
struct TerraformLintTests {
    static func path(_ fixture: String) -> String { LintFixtureTests.path("terraform/\(fixture)") }

    /// The findings of a plan's first file: mapping findings then file findings.
    static func findings(_ fixture: String) async throws -> [JSONValue] {
        let result = await CommandRunner.run(["lint", path(fixture), "--output", "json"])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let document = try JSONParser.parse(Data(result.stdout.utf8))
        let file = try #require(document["files"]?.arrayValue?.first)
        #expect(file["format"] == "terraform")
        let mappings = (file["mappings"]?.arrayValue ?? []).flatMap { $0["findings"]?.arrayValue ?? [] }
        return mappings + (file["findings"]?.arrayValue ?? [])
    }

    static func problem(_ findings: [JSONValue], _ code: String) throws -> JSONValue {
        try #require(findings.first { $0["code"]?.stringValue == code && $0["severity"] != "pass" })
    }

    @Test func findingsNameTheAddressAndAttributeWithoutALine() async throws {
        let finding = try Self.problem(try await Self.findings("batch-size-over-10000.json"), "MAP002")
        #expect(finding["location"]?["resource"] == "aws_lambda_event_source_mapping.orders")
        #expect(finding["location"]?["path"] == "batch_size")
        #expect(finding["location"]?["line"] == nil)
        #expect(
            finding["fix"]?.stringValue?.hasPrefix("set batch_size in aws_lambda_event_source_mapping.orders") == true)
        #expect(finding["evidence"]?["awsFix"]?.stringValue?.hasPrefix("aws ") == true)
    }

    @Test func anAddressInAModuleWithACountIsTheLocation() async throws {
        let findings = try await Self.findings("module-count-function-timeout.json")
        let timeout = try Self.problem(findings, "MAP001")
        #expect(timeout["location"]?["resource"] == "module.consumer.aws_lambda_function.this")
        #expect(timeout["location"]?["path"] == "timeout")
        #expect(timeout["fix"]?.stringValue?.hasPrefix("set timeout = 840") == true)
        // The role comes from a module variable: the execution role is not judged.
        let role = try Self.problem(findings, "IAM001")
        #expect(role["severity"] == "skipped")
    }

    @Test func aValueKnownAfterApplySkipsItsCheckWithTheReference() async throws {
        let findings = try await Self.findings("known-after-apply-batch-size.json")
        let skipped = try Self.problem(findings, "MAP002")
        #expect(skipped["severity"] == "skipped")
        #expect(skipped["detail"]?.stringValue?.contains("known after apply (random_integer.batch.result)") == true)
        #expect(!findings.contains { $0["code"] == "MAP002" && $0["severity"] == "pass" })
    }

    @Test func referencesToResourcesCreatedByThePlanResolve() async throws {
        let findings = try await Self.findings("known-after-apply-cluster.json")
        // The cluster's ARN and the policy document are known after apply; the references still join them.
        let connect = try #require(
            findings.first {
                $0["code"] == "IAM001" && ($0["title"]?.stringValue ?? "").contains("kafka-cluster:Connect")
            })
        #expect(connect["severity"] == "pass")
        #expect(connect["title"]?.stringValue?.contains("aws_msk_cluster.orders-stand-in") == true)
        #expect(!findings.contains { $0["severity"] == "fail" || $0["severity"] == "warn" })
    }

    @Test func aMissingPermissionIsAnAWSIAMRolePolicy() async throws {
        let denied = try Self.problem(try await Self.findings("role-without-data-plane.json"), "IAM001")
        #expect(denied["location"]?["resource"] == "aws_iam_role.consumer")
        let fix = try #require(denied["fix"]?.stringValue)
        #expect(fix.contains(#"resource "aws_iam_role_policy" "kafka" { role = aws_iam_role.consumer.id"#), "\(fix)")
        #expect(fix.contains("kafka-cluster:Connect"))
    }

    @Test func aMissingIngressRuleIsAVPCSecurityGroupIngressRule() async throws {
        let closed = try Self.problem(try await Self.findings("vpc-ingress-rule-wrong-port.json"), "NET001")
        #expect(closed["location"]?["resource"] == "aws_security_group.brokers")
        #expect(
            closed["fix"]?.stringValue
                == #"add resource "aws_vpc_security_group_ingress_rule" "kafka_9098" { security_group_id = "#
                + "aws_security_group.brokers.id, referenced_security_group_id = aws_security_group.brokers.id, "
                + #"ip_protocol = "tcp", from_port = 9098, to_port = 9098 }"#)
    }

    @Test func aGroupWithoutEgressBlocksAllowsNoOutboundTraffic() async throws {
        let findings = try await Self.findings("security-group-no-egress.json")
        let egress = try Self.problem(findings, "NET003")
        #expect(egress["location"]?["path"] == "egress")
        #expect(egress["fix"]?.stringValue?.contains("removes the allow-all egress rule") == true)
    }

    @Test func aReplacedMappingWithANewGroupRestartsAtStartingPosition() async throws {
        let replaced = try Self.problem(try await Self.findings("replace-topics-new-consumer.json"), "LNT002")
        #expect(replaced["severity"] == "warn")
        #expect(replaced["location"]?["path"] == "topics")
        #expect(replaced["evidence"]?["actions"] == ["delete", "create"])
        #expect(replaced["evidence"]?["replacePaths"] == ["topics"])
        #expect(replaced["title"]?.stringValue?.hasSuffix("restarts at StartingPosition TRIM_HORIZON") == true)
        // The old group (the old mapping's UUID) is the one to keep.
        #expect(
            replaced["fix"]?.stringValue?.contains(
                #"amazon_managed_kafka_event_source_config { consumer_group_id = "a1b2c3d4-5678-90ab-cdef-111122223333" }"#
            )
                == true)
    }

    @Test func aReplacedMappingThatKeepsItsGroupResumes() async throws {
        let replaced = try Self.problem(try await Self.findings("replace-keeps-consumer-group.json"), "LNT002")
        #expect(replaced["severity"] == "info")
        #expect(replaced["location"]?["path"] == "starting_position")
        #expect(replaced["evidence"]?["consumerGroupAfter"] == "orders-consumer")
    }

    @Test func createBeforeDestroyOfTheSameTopicIsRefused() async throws {
        let replaced = try Self.problem(try await Self.findings("replace-create-before-destroy.json"), "LNT002")
        #expect(replaced["severity"] == "warn")
        #expect(replaced["evidence"]?["actions"] == ["create", "delete"])
        #expect(replaced["detail"]?.stringValue?.contains("already exists") == true)
    }

    @Test func aPolicyAttachedByAnAttachmentResourceCounts() async throws {
        let findings = try await Self.findings("serverless-rule-resources-healthy.json")
        let connect = try #require(
            findings.first {
                $0["code"] == "IAM001" && ($0["title"]?.stringValue ?? "").contains("kafka-cluster:Connect")
            })
        #expect(connect["severity"] == "pass")
        // The rules come from aws_security_group_rule resources: the network check ran and passed.
        #expect(findings.contains { $0["code"] == "NET001" && $0["severity"] == "pass" })
    }

    @Test func aGroupIdKnownAfterApplyLeavesTheReplacementUnjudged() async throws {
        let replaced = try Self.problem(try await Self.findings("replace-group-known-after-apply.json"), "LNT002")
        #expect(replaced["severity"] == "skipped")
        #expect(
            replaced["fix"]?.stringValue
                == "set amazon_managed_kafka_event_source_config.consumer_group_id to a literal in "
                + "aws_lambda_event_source_mapping.orders")
    }

    @Test func aPolicyBuiltAroundAnUnknownARNIsNotGuessed() async throws {
        let findings = try await Self.findings("known-after-apply-jsonencode-policy.json")
        let role = try Self.problem(findings, "IAM001")
        #expect(role["severity"] == "skipped")
        #expect(
            role["detail"]?.stringValue?.contains(
                "aws_iam_role_policy.kafka.policy is known after apply (a document built from aws_msk_cluster.orders.arn)"
            )
                == true)
        #expect(!findings.contains { $0["code"] == "IAM001" && $0["severity"] == "fail" })
    }

    @Test func twoMappingsOfOneFunctionAndTopicFailTheApply() async throws {
        let duplicate = try Self.problem(try await Self.findings("duplicate-mapping.json"), "MAP009")
        #expect(duplicate["location"]?["resource"] == "aws_lambda_event_source_mapping.orders_again")
        #expect(duplicate["location"]?["path"] == "topics")
        #expect(duplicate["fix"]?.stringValue?.contains("from the configuration") == true)
    }

    @Test func anUnsupportedFormatVersionIsAUsageError() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"format_version": "2.0", "resource_changes": []}"#.utf8).write(to: file)
        let result = await CommandRunner.run(["lint", file.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("format_version \"2.0\""), "\(result.stderr)")
        try Data(#"{"format_version": "1.0", "terraform_version": "1.9.8", "values": {}}"#.utf8).write(to: file)
        let state = await CommandRunner.run(["lint", file.path])
        #expect(state.exitCode == 2)
        #expect(state.stderr.contains("terraform show -json plan.tfplan"), "\(state.stderr)")
    }

    @Test(arguments: [
        ("module.a[\"x.y\"].aws_iam_role.this[0]", "module.a.aws_iam_role.this", "module.a.", "aws_iam_role.this[0]"),
        ("aws_lambda_function.consumer", "aws_lambda_function.consumer", "", "aws_lambda_function.consumer"),
        (
            "module.a.module.b.aws_security_group.g", "module.a.module.b.aws_security_group.g", "module.a.module.b.",
            "aws_security_group.g"
        ),
    ])
    func addressesSplitOutsideTheirKeys(address: String, keyless: String, prefix: String, relative: String) {
        #expect(TerraformPlan.withoutKeys(address) == keyless)
        #expect(TerraformPlan.modulePrefix(address) == prefix)
        #expect(TerraformFixes.relative(address) == relative)
    }

    @Test(arguments: [
        ("Properties.DestinationConfig.OnFailure.Destination", "destination_config.on_failure.destination_arn"),
        (
            "Properties.AmazonManagedKafkaEventSourceConfig.ConsumerGroupId",
            "amazon_managed_kafka_event_source_config.consumer_group_id"
        ),
        ("Properties.FilterCriteria.Filters.0.Pattern", "filter_criteria.filter.0.pattern"),
        ("Properties.Policies", "inline_policy"), ("Properties", ""),
    ])
    func propertyPathsBecomeAttributePaths(property: String, attribute: String) {
        #expect(TerraformPlan.attributePath(property) == attribute)
    }
}
