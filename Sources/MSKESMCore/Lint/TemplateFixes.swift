import Foundation

/// Fixes of lint findings written as edits to the template, not as `aws` commands: a deployed stack changed
/// with the AWS CLI drifts from its template, and the next deployment undoes the change. The doctor's own fix
/// stays in the finding's evidence as `awsFix`, for a stack that is already deployed.
enum TemplateFixes {
    /// The fix of `finding` at `location`, as an edit of the template; the doctor's fix when no edit is known.
    static func fix(
        _ finding: Finding, at location: LintLocation, template: CloudFormationTemplate
    ) -> String {
        let target = "\(location.resource).\(location.path)"
        let samFunction = location.generatedFrom.map { String($0.split(separator: ".").first ?? "") }
        switch finding.code {
        case "MAP001":
            return "set \(target) to 840 or less (Kafka mappings allow at most 14 minutes)"
        case "MAP002":
            return "set \(target) within range: BatchSize 1..10000, MaximumBatchingWindowInSeconds 0..300"
        case "MAP003":
            return "give \(target) exactly one topic name of 1..249 characters of letters, digits, '-', '_' and '.'"
                + " (a change of Topics replaces the mapping)"
        case "MAP004", "MAP005":
            return "set \(location.resource).Properties.StartingPosition: TRIM_HORIZON (or AT_TIMESTAMP with "
                + "StartingPositionTimestamp in the past)"
        case "MAP006":
            return "set \(target) to 1..200 characters of letters, digits, space and - / * : _ + = . @"
        case "MAP013":
            return "set \(target) to an SQS queue, SNS topic or S3 bucket ARN (or a kafka:// topic other than "
                + "the source)"
        case "MAP016":
            return "set \(target): MinimumPollers 1..200, MaximumPollers 1..2000, minimum ≤ maximum"
        case "MAP018":
            if let edit = finding.evidence["edit"]?.stringValue {
                return "in \(location.resource).Properties.SourceAccessConfigurations: \(edit)"
            }
        case "MAP019":
            return "remove the OAUTHBEARER/IAM access type from \(target): it is for self-managed Kafka only"
        case "IAM001", "IAM005", "REG005":
            let actions = (finding.evidence["actions"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard let resource = finding.evidence["resource"]?.stringValue, !actions.isEmpty else { break }
            let statement =
                "{Effect: Allow, Action: [\(actions.joined(separator: ", "))], Resource: \(reference(resource, template))}"
            if let samFunction {
                return "add to \(samFunction).Properties.Policies: - Statement: [\(statement)] (the SAM transform "
                    + "does not grant it)"
            }
            return "add to \(location.resource).Properties.Policies a statement \(statement)"
        case "IAM004":
            return "let lambda.amazonaws.com assume the role: in \(location.resource).Properties."
                + "AssumeRolePolicyDocument, {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, "
                + "Action: sts:AssumeRole}"
        case "NET001", "NET003":
            guard let port = finding.evidence["port"]?.intValue else { break }
            let groups = (finding.evidence["brokerGroupIds"]?.arrayValue ?? []).compactMap(\.stringValue)
            let sources = (finding.evidence["sourceGroupIds"]?.arrayValue ?? []).compactMap(\.stringValue)
            if finding.code == "NET001", let group = groups.first, let source = sources.first {
                return "add an AWS::EC2::SecurityGroupIngress {GroupId: \(reference(group, template)), IpProtocol: "
                    + "tcp, FromPort: \(port), ToPort: \(port), SourceSecurityGroupId: \(reference(source, template))}"
            }
            return "allow outbound TCP \(port) to the brokers in \(target) (or remove SecurityGroupEgress to "
                + "allow all outbound traffic)"
        case "MAP009":
            return finding.fix
        case "REG001":
            return "give \(location.resource).Properties a ProvisionedPollerConfig (MinimumPollers, MaximumPollers), "
                + "or remove \(target): a schema registry needs provisioned mode"
        default: break
        }
        guard !finding.fix.isEmpty else { return "" }
        // The doctor's fix is an edit in words (a filter pattern, a secret's format): it applies to the template
        // as it stands. A command (`aws …`, `msk-esm …`) would change the deployed mapping only, and the stack
        // would undo it: say where to edit, and keep the command as evidence.awsFix.
        if !finding.fix.hasPrefix("aws ") && !finding.fix.hasPrefix("msk-esm ") {
            return "in \(target): \(finding.fix)"
        }
        return "edit \(target) in the template so that \(finding.code) passes (for the deployed mapping, "
            + "evidence.awsFix is the doctor's command)"
    }

    /// A stand-in value written as the intrinsic that gives it (`sg-Cluster` → `!GetAtt Cluster.GroupId`).
    static func reference(_ value: String, _ template: CloudFormationTemplate) -> String {
        if value.hasPrefix("sg-"), let resource = template.resource(String(value.dropFirst(3))),
            resource.type == "AWS::EC2::SecurityGroup"
        {
            return "!GetAtt \(resource.logicalId).GroupId"
        }
        // A cluster's stand-in ARN, or a topic or group ARN under it: the cluster's UUID is not known before
        // deployment, so the policy names it with a wildcard.
        for resource in template.resources where value.contains("/\(resource.logicalId)-stand-in") {
            let pattern = value.replacingOccurrences(of: "\(resource.logicalId)-stand-in", with: "*")
                .replacingOccurrences(of: "arn:aws:", with: "arn:${AWS::Partition}:")
                .replacingOccurrences(of: "{AWS_Region}", with: "${AWS::Region}")
                .replacingOccurrences(of: "{AWS_AccountId}", with: "${AWS::AccountId}")
            return "!Sub '\(pattern)'"
        }
        return value.replacingOccurrences(of: "{AWS_Region}", with: "${AWS::Region}")
            .replacingOccurrences(of: "{AWS_AccountId}", with: "${AWS::AccountId}")
    }
}
