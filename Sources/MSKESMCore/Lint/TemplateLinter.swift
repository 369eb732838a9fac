import Foundation

/// `msk-esm lint`'s decisions: the doctor's checks over every Kafka mapping a template declares, before it is
/// deployed, plus the rules that only make sense there (docs/output.md#lint). Each mapping becomes the snapshot
/// ``TemplateMappingReader`` builds; the checks are ``Doctor/preflight``'s without those that judge deployed
/// resources (the snapshot's own read errors, the function's state, the topic as the cluster describes it). A
/// check whose input the template does not determine is `skipped` with the template's reason.
public struct TemplateLinter: Sendable {
    /// The checks run over a template's mapping.
    public static let checks: [any DoctorCheck] = Doctor.preflight.checks.filter {
        !["snapshot-errors", "function-state", "topic"].contains($0.name)
    }

    /// The mapping properties each check reads; when one does not resolve, the check is skipped. Every check
    /// reads the mapping's parameters through `mapping-parameters`.
    static let propertiesByCheck: [String: Set<String>] = [
        "broker-choice": ["EventSourceArn", "SourceAccessConfigurations", "SelfManagedEventSource"],
        "secret-analysis": ["SourceAccessConfigurations"],
        "secret-placement": ["SourceAccessConfigurations", "EventSourceArn", "FunctionName"],
        "execution-role": [
            "EventSourceArn", "SourceAccessConfigurations", "SelfManagedEventSource", "Topics", "FunctionName",
            "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig", "DestinationConfig",
            "KmsKeyArn",
        ],
        "network": ["EventSourceArn", "SourceAccessConfigurations", "SelfManagedEventSource", "DestinationConfig"],
        "function-timeout": ["FunctionName"],
    ]

    /// `--parameter` and `--parameters-file` values.
    public var parameters: TemplateParameterValues
    /// The instant dates are judged at (`--at`).
    public var now: Date
    /// Whether each mapping's report carries its path diagram: only the Markdown report draws it, and drawing
    /// took 2 % of linting a 500-resource template for the other outputs (Benchmarks/cases/lint-500.sh).
    public var drawsDiagrams: Bool

    /// A linter with these parameter values, judging dates at `now`.
    /// - Parameters:
    ///   - parameters: `--parameter` and `--parameters-file` values.
    ///   - now: The instant dates are judged at.
    ///   - drawsDiagrams: Whether each mapping's report carries its path diagram (`LintMappingReport.diagram`).
    public init(parameters: TemplateParameterValues = TemplateParameterValues(), now: Date, drawsDiagrams: Bool = true)
    {
        self.parameters = parameters
        self.now = now
        self.drawsDiagrams = drawsDiagrams
    }

    /// Lints one template read from `root`; `file` names it in locations.
    public func lint(root: TemplateNode, file: String) throws -> LintFileReport {
        var template: CloudFormationTemplate
        let format: String
        var parameters = self.parameters
        var replacements: [TerraformPlan.Replacement] = []
        if TerraformPlan.isPlan(root) {
            let plan = try TerraformPlan(root: root, source: file)
            template = plan.template
            format = "terraform"
            // The plan's own ARNs name the Region and account: resources it creates get stand-ins in them.
            if parameters.values["AWS::Region"] == nil, let region = plan.region {
                parameters.values["AWS::Region"] = region
            }
            if parameters.values["AWS::AccountId"] == nil, let account = plan.account {
                parameters.values["AWS::AccountId"] = account
            }
            replacements = plan.replacements
        } else {
            // `terraform show -json` of a state (or of a plan without changes to show) has no planned values.
            if root["format_version"] != nil, root["terraform_version"] != nil {
                throw ToolError.usage(
                    "a Terraform state or a document without planned_values and resource_changes", input: file,
                    fix: "give the plan: terraform plan -out plan.tfplan && terraform show -json plan.tfplan")
            }
            template = try CloudFormationTemplate(root: root, source: file)
            format = template.isSAM ? "sam" : template.isCDKOutput ? "cdk" : "cloudformation"
            if template.isSAM { template = SAMExpansion().expand(template) }
        }
        let resolver = TemplateResolver(template: template, parameters: parameters)
        let inputs = TemplateMappingReader(resolver: resolver).mappings()
        // The same mapping with the symbolic pseudo parameters given two different concrete values each: a
        // problem found with both is the template's whatever the Region and account; one found with only one
        // of them depends on them (see notJudgedOnSymbols). Read only for a mapping with a problem.
        let symbolic = TemplateResolver.symbolicPseudoParameters.filter { parameters.values[$0] == nil }
        let concreteReaders =
            symbolic.isEmpty
            ? []
            : Self.concretePseudoParameters.map { values -> TemplateMappingReader in
                var concrete = parameters
                for name in symbolic { concrete.values[name] = values[name] }
                return TemplateMappingReader(resolver: TemplateResolver(template: template, parameters: concrete))
            }
        // Each mapping's checks depend on nothing but the mapping and the template: they run on every core.
        let mappingReports = try inputs.concurrentMap { [template, replacements] mapping in
            let alternatives = {
                concreteReaders.compactMap { reader in template.resource(mapping.logicalId).map(reader.inputs) }
            }
            let replaced = replacements.filter { $0.address == mapping.logicalId }.map {
                replacementFinding($0, file: file)
            }
            return try report(
                mapping, alternatives: alternatives, symbolic: symbolic, template: template, adding: replaced)
        }
        var fileFindings = duplicateMappings(inputs, template: template)
        if inputs.isEmpty {
            let declared =
                template.isTerraformPlan
                ? "No aws_lambda_event_source_mapping with an MSK or self-managed Kafka source"
                : "No AWS::Lambda::EventSourceMapping with an MSK or self-managed Kafka source"
            fileFindings.append(
                LintFinding(
                    Finding(
                        code: .lnt001, severity: .info, title: "no Kafka event source mapping in this \(template.noun)",
                        detail: declared + (template.isSAM ? " and no MSK or SelfManagedKafka event" : "")
                            + " was found."),
                    location: nil))
        }
        return LintFileReport(file: file, format: format, mappings: mappingReports, findings: fileFindings)
    }

    /// LNT002: a Terraform plan that replaces a Kafka mapping (a create-only attribute changed, or the mapping
    /// is tainted) makes a new consumer. Unless it keeps the old consumer group, Lambda starts the new one at
    /// `StartingPosition`; with the same group it resumes from the committed offsets (docs/aws-facts.md#consumer-group;
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html,
    /// https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html).
    func replacementFinding(_ replacement: TerraformPlan.Replacement, file: String) -> LintFinding {
        let address = replacement.address
        let paths = replacement.paths.isEmpty ? [replacement.reason ?? "(no replace_paths)"] : replacement.paths
        let oldGroup = replacement.groupBefore ?? replacement.uuidBefore
        var evidence: [String: JSONValue] = [
            "actions": .array(replacement.actions.map(JSONValue.string)),
            "replacePaths": .array(replacement.paths.map(JSONValue.string)),
        ]
        if let reason = replacement.reason { evidence["actionReason"] = .string(reason) }
        if let oldGroup { evidence["consumerGroupBefore"] = .string(oldGroup) }
        if let group = replacement.groupAfter { evidence["consumerGroupAfter"] = .string(group) }
        let location = LintLocation(file: file, resource: address, path: paths[0], position: nil)
        let kept = replacement.groupAfter != nil && replacement.groupAfter == replacement.groupBefore
        let position = replacement.startingPosition ?? "(not set)"
        var detail =
            "Terraform destroys and recreates \(address) (\(replacement.actions.joined(separator: ", ")); "
            + "replace_paths: \(paths.joined(separator: ", "))). A new mapping is a new Kafka consumer"
        if kept {
            detail +=
                " in the same consumer group \(replacement.groupAfter ?? ""): Lambda ignores StartingPosition and "
                + "resumes from the group's committed offsets."
            return LintFinding(
                Finding(
                    code: .lnt002, severity: .info,
                    title: "the plan replaces \(address); it keeps its consumer group and resumes from its offsets",
                    detail: detail, evidence: evidence), location: location)
        }
        if replacement.groupAfterUnknown {
            detail +=
                "; its consumer group id is known after apply, so whether it resumes from the old group's "
                + "offsets or starts at StartingPosition \(position) is not known before apply."
            return LintFinding(
                Finding(
                    code: .lnt002, severity: .skipped,
                    title: "the plan replaces \(address); whether its consumer keeps its group is known after apply",
                    detail: detail, fix: "set \(replacement.groupBlock).consumer_group_id to a literal in \(address)",
                    evidence: evidence), location: location)
        }
        detail +=
            replacement.groupBefore == nil
            ? ", and the old one had no consumer group id (its group was its UUID\(oldGroup.map { " " + $0 } ?? ""))"
            : ", and its consumer group id changes from \(replacement.groupBefore ?? "")"
        detail +=
            ": Lambda starts the new consumer at StartingPosition \(position) — TRIM_HORIZON re-reads every "
            + "retained record, LATEST skips the records produced while the mapping is replaced."
        if replacement.actions.first == "create",
            !paths.contains(where: { ["topics", "event_source_arn", "self_managed_event_source"].contains($0) })
        {
            detail +=
                " With create_before_destroy the new mapping is created while the old one still reads the "
                + "same function, source and topic: Lambda refuses it (\"An event source mapping … already exists\")."
        }
        var fix = "keep \(paths.joined(separator: ", ")) of \(address) as deployed"
        if let oldGroup {
            fix +=
                ", or set \(replacement.groupBlock) { consumer_group_id = \"\(oldGroup)\" } so that the new mapping "
                + "resumes from the old group's committed offsets"
        }
        return LintFinding(
            Finding(
                code: .lnt002, severity: .warn,
                title:
                    "the plan replaces Kafka mapping \(address): its consumer restarts at StartingPosition \(position)",
                detail: detail, fix: fix, evidence: evidence), location: location)
    }

    // MARK: One mapping

    /// Two sets of made-up values for the pseudo parameters, differing in every field; only used to tell
    /// whether a finding depends on them, never shown.
    static let concretePseudoParameters: [[String: String]] = [
        [
            "AWS::Region": "us-east-1", "AWS::AccountId": "111111111111", "AWS::StackName": "stack-a",
            "AWS::StackId": "arn:aws:cloudformation:us-east-1:111111111111:stack/stack-a/a",
        ],
        [
            "AWS::Region": "eu-west-3", "AWS::AccountId": "222222222222", "AWS::StackName": "stack-b",
            "AWS::StackId": "arn:aws:cloudformation:eu-west-3:222222222222:stack/stack-b/b",
        ],
    ]

    /// One mapping's report: the doctor's checks over its inputs, located in the template, plus `replaced` (the
    /// plan's LNT002 for it), which count in its verdict and are marked on its diagram like the others.
    func report(
        _ mapping: TemplateMappingInputs, alternatives: () -> [TemplateMappingInputs], symbolic: [String],
        template: CloudFormationTemplate, adding replaced: [LintFinding]
    ) throws -> LintMappingReport {
        var skippedChecks: [String: [String]] = [:]
        for (property, reason) in mapping.unresolvedProperties.sorted(by: { $0.key < $1.key }) {
            for check in Self.checks {
                let reads =
                    property == "(template)" || check.name == "mapping-parameters"
                    || (Self.propertiesByCheck[check.name]?.contains(property) ?? false)
                if reads { skippedChecks[check.name, default: []].append("\(property): \(reason)") }
            }
        }
        let runnable = Self.checks.filter { skippedChecks[$0.name] == nil }
        let doctor = Doctor(checks: runnable)
        let report = try doctor.run(mapping.snapshot, at: now)
        let hasProblems = report.findings.contains { $0.severity == .fail || $0.severity == .warn }
        let concreteRuns = hasProblems ? try alternatives().map { try doctor.run($0.snapshot, at: now).findings } : []
        var findings = notJudgedOnSymbols(report.findings, concreteRuns: concreteRuns, symbolic: symbolic).map {
            explainSkipped($0, mapping, template: template)
        }
        for check in Self.checks where skippedChecks[check.name] != nil {
            let reasons = skippedChecks[check.name] ?? []
            findings.append(
                Finding(
                    code: check.codes.first ?? .lnt001, severity: .skipped,
                    title: "\(check.name) needs a value the \(template.noun) does not determine",
                    detail: reasons.joined(separator: "; ") + ".",
                    fix: template.isTerraformPlan
                        ? "write the value as a literal in the configuration, or lint the plan again once the "
                            + "resources it depends on exist"
                        : "give the value: --parameter KEY=VALUE or --parameters-file FILE",
                    evidence: [
                        "check": .string(check.name),
                        "unresolved": .array(reasons.map(JSONValue.string)),
                    ]))
        }
        let located = findings.map { finding -> LintFinding in
            let location = locate(finding, mapping, template: template)
            guard finding.severity == .fail || finding.severity == .warn else {
                return LintFinding(finding, location: location)
            }
            var edited = finding
            edited.fix =
                template.isTerraformPlan
                ? TerraformFixes.fix(finding, at: location, template: template)
                : TemplateFixes.fix(finding, at: location, template: template)
            // CDK output is synthesised: an edit of the template is undone by the next `cdk synth`; the edit
            // belongs in the construct the path names.
            if let construct = location.constructPath, !edited.fix.isEmpty {
                edited.fix = "in the CDK app's construct \(construct) (the template is synthesised): " + edited.fix
            }
            if !finding.fix.isEmpty && edited.fix != finding.fix { edited.evidence["awsFix"] = .string(finding.fix) }
            // A permission the SAM transform's generated role lacks: a pre-deployment fault of the template.
            if finding.code.hasPrefix("IAM"), let origin = location.generatedFrom, location.resource == mapping.roleId {
                edited.evidence["generatedRole"] = .string(origin)
            }
            return LintFinding(edited, location: location)
        }
        var summary = report.summaryDocument.objectValue ?? [:]
        summary["uuid"] = nil
        summary["skipped"] = .number(Double(findings.filter { $0.severity == .skipped }.count))
        var mappingReport = LintMappingReport(
            mapping: mapping.logicalId, findings: located + replaced, summary: .object(summary))
        if drawsDiagrams {
            mappingReport.diagram = MappingPathDiagram(
                snapshot: mapping.snapshot, findings: mappingReport.findings.map(\.finding), name: mapping.logicalId)
        }
        return mappingReport
    }

    /// A skipped finding whose snapshot part the template does not hold: the template's reason instead of the
    /// snapshot's ("add the part to the snapshot").
    func explainSkipped(_ finding: Finding, _ mapping: TemplateMappingInputs, template: CloudFormationTemplate)
        -> Finding
    {
        guard finding.severity == .skipped else { return finding }
        let keys = (finding.evidence["missingParts"]?.arrayValue ?? []).compactMap(\.stringValue)
        let parts = SnapshotPart.allCases.filter { keys.contains($0.key) }
        let reasons = parts.compactMap { part in mapping.unavailableParts[part].map { "\(part.key): \($0)" } }
        guard !reasons.isEmpty else {
            guard finding.detail.contains("snapshot") else { return finding }
            var explained = finding
            explained.detail +=
                " A template holds no secret values, secret descriptions or the cluster's SCRAM secrets: msk-esm "
                + "doctor checks them once the stack is deployed."
            return explained
        }
        var explained = finding
        explained.detail = reasons.joined(separator: ". ") + "."
        explained.fix =
            template.isTerraformPlan
            ? "manage the resource in the same Terraform configuration or write the value as a literal, or check the "
                + "deployed mapping with msk-esm doctor after apply"
            : "declare the resource in the template (or lint the template that declares it with this one), or check "
                + "the deployed mapping with msk-esm doctor"
        return explained
    }

    /// A problem that the two concrete runs do not both find the same way depends on the stack's Region or
    /// account (or name): it is no verdict before deployment and becomes `skipped`, naming what to pass.
    func notJudgedOnSymbols(_ findings: [Finding], concreteRuns: [[Finding]], symbolic: [String]) -> [Finding] {
        guard !concreteRuns.isEmpty else { return findings }
        func problems(_ list: [Finding], _ code: String) -> [Severity] {
            list.filter { $0.code == code && ($0.severity == .fail || $0.severity == .warn) }.map(\.severity).sorted()
        }
        return findings.map { finding in
            guard finding.severity == .fail || finding.severity == .warn else { return finding }
            let here = problems(findings, finding.code)
            guard concreteRuns.contains(where: { problems($0, finding.code) != here }) else { return finding }
            var skipped = finding
            skipped.severity = .skipped
            skipped.detail =
                "Whether this holds depends on \(symbolic.joined(separator: ", ")), which the template leaves to "
                + "deployment. (" + finding.detail + ")"
            skipped.fix = "give them: " + symbolic.map { "--parameter \($0)=…" }.joined(separator: " ")
            skipped.evidence["dependsOn"] = .array(symbolic.map(JSONValue.string))
            return skipped
        }
    }

    // MARK: Where a finding is

    /// The resource and property a finding is about: the mapping's property its rule reads, the function's
    /// `Timeout`, the role's policies, the cluster's authentication, a security group's rules.
    func locate(_ finding: Finding, _ mapping: TemplateMappingInputs, template: CloudFormationTemplate) -> LintLocation
    {
        var resource = mapping.logicalId
        var path = ["Properties"]
        let code = finding.code
        func evidenceKey(_ keys: [String]) -> String? { keys.first { finding.evidence[$0] != nil } }
        // The mapping's Kafka settings object: the consumer group and the schema registry live in it.
        var kafkaConfig: String {
            template.resource(mapping.logicalId)?.properties["SelfManagedKafkaEventSourceConfig"] != nil
                ? "SelfManagedKafkaEventSourceConfig" : "AmazonManagedKafkaEventSourceConfig"
        }
        switch code.prefix(3) {
        case "MAP":
            switch code {
            case "MAP001":
                if let function = mapping.functionId {
                    resource = function
                    path += ["Timeout"]
                } else {
                    path += ["FunctionName"]
                }
            case "MAP002":
                path += [evidenceKey(["MaximumBatchingWindowInSeconds"]) ?? "BatchSize"]
            case "MAP003", "MAP009": path += ["Topics"]
            case "MAP004", "MAP005", "MAP007": path += ["StartingPosition"]
            case "MAP006":
                path += [kafkaConfig, "ConsumerGroupId"]
            case "MAP012", "MAP017":
                path += [evidenceKey(["MaximumRecordAgeInSeconds", "MaximumRetryAttempts"]) ?? "MaximumRetryAttempts"]
            case "MAP013": path += ["DestinationConfig", "OnFailure", "Destination"]
            case "MAP016": path += ["ProvisionedPollerConfig"]
            case "MAP019": path += ["SourceAccessConfigurations"]
            default: break
            }
        case "BRK", "SEC":
            if code.hasPrefix("BRK"), let cluster = mapping.clusterId, finding.severity != .skipped {
                resource = cluster
                path += ["ClientAuthentication"]
            } else {
                path += [
                    mapping.snapshot.eventSourceMapping.selfManagedEventSource == nil
                        ? "SourceAccessConfigurations" : "SelfManagedEventSource"
                ]
            }
        case "IAM":
            if let role = mapping.roleId {
                resource = role
                let trust = Self.mentionsTrust(finding.title)
                path += [trust ? "AssumeRolePolicyDocument" : "Policies"]
            } else if let function = mapping.functionId {
                resource = function
                path += ["Role"]
            }
        case "FLT":
            // The filter a finding names (evidence "filter": its index), else the criteria as a whole.
            path += ["FilterCriteria", "Filters"]
            if let index = finding.evidence["filter"]?.intValue { path += [String(index), "Pattern"] }
        case "REG" where code == "REG005" && mapping.roleId != nil:
            // A missing Glue permission is an edit of the role's policies, as IAM001 is.
            resource = mapping.roleId ?? resource
            path += ["Policies"]
        case "REG":
            path += [kafkaConfig, "SchemaRegistryConfig"]
        case "NET":
            if finding.severity != .skipped, let group = mapping.securityGroupIds.first {
                resource = group
                // NET002 (443 to Lambda and STS) and NET003 (the brokers' port) are outbound rules.
                path += [code == "NET003" || code == "NET002" ? "SecurityGroupEgress" : "SecurityGroupIngress"]
            }
        default: break
        }
        return location(resource: resource, path: path, template: template)
    }

    /// Whether a title says "trust", in any case. A plain byte search: `localizedCaseInsensitiveContains` and
    /// `firstRange(of:)` took 1 % and 4 % of linting a 500-resource template (Benchmarks/cases/lint-500.sh).
    static func mentionsTrust(_ title: String) -> Bool {
        let text = Array(title.lowercased().utf8)
        let word = Array("trust".utf8)
        guard text.count >= word.count else { return false }
        return (0...(text.count - word.count)).contains { text[$0..<($0 + word.count)].elementsEqual(word) }
    }

    /// The location of `path` under a resource: the deepest node of the path that exists in the file. A
    /// resource the SAM transform generated points at the SAM resource it comes from.
    func location(resource id: String, path: [String], template: CloudFormationTemplate) -> LintLocation {
        let text = path.joined(separator: ".")
        // A plan is generated: the resource address and the provider's attribute path are the location.
        if template.isTerraformPlan {
            let resource = template.resource(id)?.logicalId ?? id
            return LintLocation(
                file: template.source, resource: resource, path: TerraformPlan.attributePath(text), position: nil)
        }
        guard let resource = template.resource(id) else {
            return LintLocation(file: template.source, resource: id, path: text, position: nil)
        }
        guard let source = resource.sourceNode else {
            return LintLocation(
                file: template.source, resource: id, path: text, position: deepest(resource.node, path: path),
                constructPath: resource.constructPath)
        }
        // Made by the SAM expansion: the place in the SAM resource it comes from.
        var originPath = Array((resource.generatedFrom ?? id).components(separatedBy: ".").dropFirst())
        if resource.type == "AWS::Lambda::EventSourceMapping" {
            originPath += ["Properties"] + path.dropFirst().prefix(1).map { Self.samEventProperty[$0] ?? $0 }
        } else if resource.type == "AWS::IAM::Role" {
            originPath = ["Properties", "Policies"]
        } else {
            originPath = path
        }
        return LintLocation(
            file: template.source, resource: id, path: text, position: deepest(source, path: originPath),
            generatedFrom: resource.generatedFrom)
    }

    /// The SAM event property a mapping property comes from, where the names differ.
    static let samEventProperty = [
        "EventSourceArn": "Stream", "SelfManagedEventSource": "KafkaBootstrapServers",
        "AmazonManagedKafkaEventSourceConfig": "ConsumerGroupId",
        "SelfManagedKafkaEventSourceConfig": "ConsumerGroupId",
    ]

    func deepest(_ root: TemplateNode, path: [String]) -> TemplatePosition? {
        for length in stride(from: path.count, through: 1, by: -1) {
            if let node = root.node(at: Array(path.prefix(length))), let found = node.position {
                return found
            }
        }
        return root.position
    }

    // MARK: Across mappings

    /// MAP009 before deployment: two mappings of the template for the same function, event source and topic;
    /// CloudFormation fails the second with "An event source mapping … already exists"
    /// (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html).
    func duplicateMappings(_ mappings: [TemplateMappingInputs], template: CloudFormationTemplate) -> [LintFinding] {
        var seen: [String: String] = [:]
        var findings: [LintFinding] = []
        for mapping in mappings {
            guard let function = mapping.function else { continue }
            let source =
                mapping.clusterId ?? mapping.snapshot.eventSourceMapping.eventSourceArn
                ?? mapping.snapshot.eventSourceMapping.selfManagedEventSource?.bootstrapServers.sorted().joined(
                    separator: ",") ?? ""
            for topic in mapping.topics {
                let key = [function, source, topic].joined(separator: "\u{0}")
                guard let first = seen[key] else {
                    seen[key] = mapping.logicalId
                    continue
                }
                findings.append(
                    LintFinding(
                        Finding(
                            code: .map009, severity: .fail,
                            title: "\(mapping.logicalId) and \(first) map the same function, source and topic \(topic)",
                            detail: "Lambda allows one mapping per function, event source and topic: "
                                + (template.isTerraformPlan ? "terraform apply" : "the stack")
                                + " fails at \(mapping.logicalId) with \"An event source mapping … already exists\".",
                            fix: template.isTerraformPlan
                                ? "remove \(mapping.logicalId) from the configuration, or give it another topic"
                                : "remove \(mapping.logicalId) from the template, or give it another topic",
                            evidence: [
                                "mappings": [.string(first), .string(mapping.logicalId)], "Topic": .string(topic),
                            ]),
                        location: location(
                            resource: mapping.logicalId, path: ["Properties", "Topics"], template: template)
                    ))
            }
        }
        return findings
    }
}
