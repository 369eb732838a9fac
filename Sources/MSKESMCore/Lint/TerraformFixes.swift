import Foundation

/// Fixes of lint findings in a Terraform plan, written as edits of the HCL configuration: the plan is generated,
/// and a change made with the AWS CLI is undone by the next `terraform apply`. The doctor's own fix stays in the
/// finding's evidence as `awsFix`. Attribute names are the AWS provider's
/// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_event_source_mapping).
enum TerraformFixes {
    /// The fix of `finding` at `location` (an address and an attribute path) as an HCL edit.
    static func fix(_ finding: Finding, at location: LintLocation, template: CloudFormationTemplate) -> String {
        let resource = location.resource
        let attribute = location.path
        switch finding.code {
        case "MAP001":
            guard template.terraformTypes[resource] == "aws_lambda_function" else { break }
            return "set timeout = 840 (or less) in \(resource): Kafka mappings allow at most 14 minutes"
        case "MAP002":
            return "set \(attribute) in \(resource) within range: batch_size 1..10000, "
                + "maximum_batching_window_in_seconds 0..300"
        case "MAP003":
            return "set topics = [\"…\"] in \(resource) to exactly one name of 1..249 characters of letters, digits, "
                + "'-', '_' and '.' (a change of topics replaces the mapping)"
        case "MAP004", "MAP005":
            return "set starting_position = \"TRIM_HORIZON\" in \(resource) (or AT_TIMESTAMP with "
                + "starting_position_timestamp in the past)"
        case "MAP006":
            return
                "set \(attribute) in \(resource) to 1..200 characters of letters, digits, space and - / * : _ + = . @"
        case "MAP013":
            return "set destination_config.on_failure.destination_arn in \(resource) to an SQS queue, SNS topic or S3 "
                + "bucket ARN, or a kafka:// topic other than the source (the AWS provider accepts kafka:// since "
                + "hashicorp/terraform-provider-aws#45802)"
        case "MAP016":
            return "set provisioned_poller_config in \(resource): minimum_pollers 1..200, maximum_pollers 1..2000, "
                + "minimum_pollers ≤ maximum_pollers"
        case "MAP019":
            return "remove the source_access_configuration block of the OAUTHBEARER/IAM type from \(resource): it is "
                + "for self-managed Kafka only"
        case "IAM001", "IAM005", "REG005":
            let actions = (finding.evidence["actions"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard let arn = finding.evidence["resource"]?.stringValue, !actions.isEmpty,
                template.terraformTypes[resource] == "aws_iam_role"
            else { break }
            let list = actions.map { "\"\($0)\"" }.joined(separator: ", ")
            return "add a policy to \(resource): resource \"aws_iam_role_policy\" \"kafka\" { role = "
                + "\(relative(resource)).id, policy = jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = "
                + "\"Allow\", Action = [\(list)], Resource = \"\(pattern(arn, template))\" }] }) }"
        case "IAM004":
            guard template.terraformTypes[resource] == "aws_iam_role" else { break }
            return "set assume_role_policy in \(resource) to jsonencode({ Version = \"2012-10-17\", Statement = [{ "
                + "Effect = \"Allow\", Principal = { Service = \"lambda.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })"
        case "NET001":
            guard let port = finding.evidence["port"]?.intValue else { break }
            let groups = (finding.evidence["brokerGroupIds"]?.arrayValue ?? []).compactMap(\.stringValue)
            let sources = (finding.evidence["sourceGroupIds"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard let group = groups.first, let source = sources.first else { break }
            return "add resource \"aws_vpc_security_group_ingress_rule\" \"kafka_\(port)\" { security_group_id = "
                + "\(groupReference(group, template)), referenced_security_group_id = "
                + "\(groupReference(source, template)), ip_protocol = \"tcp\", from_port = \(port), to_port = \(port) }"
        case "NET002":
            return "allow outbound TCP 443 from \(resource) (Lambda, STS, Secrets Manager): add an egress block (or an "
                + "aws_vpc_security_group_egress_rule); the AWS provider removes the allow-all egress rule AWS adds to "
                + "a new group"
        case "NET003":
            guard let port = finding.evidence["port"]?.intValue else { break }
            return "allow outbound TCP \(port) to the brokers from \(resource): add an egress block (or an "
                + "aws_vpc_security_group_egress_rule); the AWS provider removes the allow-all egress rule AWS "
                + "adds to a new group"
        case "MAP009":
            return finding.fix
        case "REG001":
            return "add a provisioned_poller_config block (minimum_pollers, maximum_pollers) to \(resource), or "
                + "remove \(attribute): a schema registry needs provisioned mode"
        default: break
        }
        guard !finding.fix.isEmpty else { return "" }
        if !finding.fix.hasPrefix("aws ") && !finding.fix.hasPrefix("msk-esm ") {
            return "in \(resource) (\(attribute.isEmpty ? "the resource" : attribute)): \(finding.fix)"
        }
        return "edit \(attribute.isEmpty ? "the resource" : attribute) of \(resource) in the configuration so that "
            + "\(finding.code) passes (for the deployed mapping, evidence.awsFix is the doctor's command)"
    }

    /// An address as written inside its own module: `module.x.aws_iam_role.this` → `aws_iam_role.this`.
    static func relative(_ address: String) -> String {
        var segments = TerraformPlan.segments(address)[...]
        while segments.count > 2, segments.first == "module" { segments = segments.dropFirst(2) }
        return segments.joined(separator: ".")
    }

    /// A group id as the HCL reference that gives it: `aws_security_group.brokers.id` for a group of the plan.
    static func groupReference(_ id: String, _ template: CloudFormationTemplate) -> String {
        for group in template.resources where group.type == "AWS::EC2::SecurityGroup" {
            if group.knownAttributes["GroupId"]?.stringValue == id || id == "sg-\(group.logicalId)" {
                return relative(group.logicalId) + ".id"
            }
        }
        return "\"\(id)\""
    }

    /// An ARN with the stand-in of a resource the plan creates replaced by `*` (its id is known after apply).
    static func pattern(_ arn: String, _ template: CloudFormationTemplate) -> String {
        for resource in template.resources where arn.contains("/\(resource.logicalId)-stand-in") {
            return arn.replacingOccurrences(of: "\(resource.logicalId)-stand-in", with: "*")
        }
        return arn
    }
}
