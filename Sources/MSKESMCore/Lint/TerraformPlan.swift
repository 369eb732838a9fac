import Foundation

/// A Terraform plan as `terraform show -json PLAN` writes it
/// (https://developer.hashicorp.com/terraform/internals/json-format), read into the model the CloudFormation
/// reader produces: each resource instance the linter needs becomes a resource of the CloudFormation type that
/// stands for it, its logical id the instance's address (`module.x.aws_lambda_event_source_mapping.this[0]`), its
/// properties the planned values under the AWS provider's attribute names
/// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs) translated to CloudFormation's. A value
/// the plan marks as known after apply (`after_unknown`) becomes a reference to the resource the configuration's
/// expression names (`references`), resolved like a `Fn::GetAtt`; where it names none the linter can model, it is
/// unresolvable with the reason, so the checks that need it are skipped.
public struct TerraformPlan: Sendable {
    /// One replaced Kafka mapping: the plan deletes the old one and creates a new one.
    public struct Replacement: Sendable {
        /// The instance's address.
        public var address: String
        /// `change.actions`, `["delete", "create"]` or `["create", "delete"]`.
        public var actions: [String]
        /// `change.replace_paths`, as dotted attribute paths (`topics`).
        public var paths: [String]
        /// `action_reason` (`replace_because_cannot_update`, `replace_because_tainted`, …).
        public var reason: String?
        /// The old mapping's consumer group id, when the state holds one.
        public var groupBefore: String?
        /// The consumer group id the new mapping will have, when set and known.
        public var groupAfter: String?
        /// Whether the new group id is known after apply only.
        public var groupAfterUnknown: Bool
        /// The old mapping's UUID (its consumer group when no group id was set).
        public var uuidBefore: String?
        /// `starting_position` of the new mapping.
        public var startingPosition: String?
        /// The nested block that holds the group id (`amazon_managed_kafka_event_source_config`, …).
        public var groupBlock: String
    }

    /// The resources as a CloudFormation template (`Resources` only), logical ids the addresses.
    public var template: CloudFormationTemplate
    /// The replaced Kafka mappings.
    public var replacements: [Replacement]
    /// The Region and account the plan's known ARNs name, when they agree: stand-ins of resources created by
    /// the plan are built with them, so that they compare with policies that name concrete ARNs.
    public var region: String?
    /// The account of the plan's known ARNs.
    public var account: String?

    /// Whether a document is a Terraform plan: `format_version` with `planned_values` or `resource_changes`.
    /// - Parameter root: the document's root node.
    public static func isPlan(_ root: TemplateNode) -> Bool {
        root["format_version"] != nil && (root["planned_values"] != nil || root["resource_changes"] != nil)
    }

    /// One resource instance of the plan.
    struct Instance {
        var address: String
        var type: String
        var mode: String
        /// The configuration's key: the address without instance keys (`module.x.aws_iam_role.this`).
        var configKey: String
        /// The module prefix of the address without instance keys (`module.x.`), for relative references.
        var modulePrefix: String
        var after: JSONValue
        var unknown: JSONValue
        var before: JSONValue?
        var actions: [String]
        var replacePaths: [String]
        var reason: String?
    }

    /// Reads a plan.
    /// - Parameters:
    ///   - root: the output of `terraform show -json PLAN`.
    ///   - source: the file, for messages and locations.
    /// - Throws: a usage error for a `format_version` whose major version is not 1.
    public init(root: TemplateNode, source: String) throws {
        let document = root.json
        let version = document["format_version"]?.stringValue ?? ""
        guard version.split(separator: ".").first == "1" else {
            throw ToolError.usage(
                "a Terraform plan of format_version \(version.debugDescription), which msk-esm does not read",
                input: source, fix: "give the output of terraform show -json PLAN (format_version 1.x)")
        }
        var instances: [Instance] = []
        var seen = Set<String>()
        for change in document["resource_changes"]?.arrayValue ?? [] {
            guard let address = change["address"]?.stringValue, change["deposed"] == nil,
                let body = change["change"]
            else { continue }
            let actions = (body["actions"]?.arrayValue ?? []).compactMap(\.stringValue)
            // A deleted instance is gone after apply: not read again from the prior state either.
            seen.insert(address)
            guard let after = body["after"], after != .null else { continue }
            instances.append(
                Instance(
                    address: address, type: change["type"]?.stringValue ?? "", mode: change["mode"]?.stringValue ?? "",
                    configKey: Self.withoutKeys(address), modulePrefix: Self.modulePrefix(address), after: after,
                    unknown: body["after_unknown"] ?? .null, before: body["before"], actions: actions,
                    replacePaths: (body["replace_paths"]?.arrayValue ?? []).map { path in
                        (path.arrayValue ?? []).map { TemplateResolver.scalarText($0) ?? "" }.joined(separator: ".")
                    }, reason: change["action_reason"]?.stringValue))
        }
        // Resources without a change entry (and data sources read while planning) are in the values.
        func values(_ module: JSONValue?, dataOnly: Bool) {
            guard let module else { return }
            for resource in module["resources"]?.arrayValue ?? [] {
                guard let address = resource["address"]?.stringValue, !seen.contains(address),
                    let after = resource["values"], !dataOnly || resource["mode"] == "data"
                else { continue }
                seen.insert(address)
                instances.append(
                    Instance(
                        address: address, type: resource["type"]?.stringValue ?? "",
                        mode: resource["mode"]?.stringValue ?? "", configKey: Self.withoutKeys(address),
                        modulePrefix: Self.modulePrefix(address), after: after, unknown: .null, before: nil,
                        actions: ["no-op"], replacePaths: [], reason: nil))
            }
            for child in module["child_modules"]?.arrayValue ?? [] { values(child, dataOnly: dataOnly) }
        }
        values(document["planned_values"]?["root_module"], dataOnly: false)
        // The prior state's managed resources are the current ones; only its data sources are the plan's.
        values(document["prior_state"]?["values"]?["root_module"], dataOnly: true)

        var expressions: [String: JSONValue] = [:]
        func configuration(_ module: JSONValue?, prefix: String) {
            guard let module else { return }
            for resource in module["resources"]?.arrayValue ?? [] {
                guard let address = resource["address"]?.stringValue else { continue }
                expressions[prefix + address] = resource["expressions"] ?? [:]
            }
            for (name, call) in module["module_calls"]?.objectValue ?? [:] {
                configuration(call["module"], prefix: prefix + "module.\(name).")
            }
        }
        configuration(document["configuration"]?["root_module"], prefix: "")

        let (region, account) = Self.regionAndAccount(instances.map(\.after))
        // The provider's configured Region when no ARN names one.
        let configured = document["configuration"]?["provider_config"]?["aws"]?["expressions"]?["region"]?[
            "constant_value"]?.stringValue
        self.region = region ?? configured
        self.account = account
        let builder = TerraformResourceBuilder(instances: instances, expressions: expressions)
        let root = TemplateNode(json: ["Resources": .object(builder.resources())])
        var template = try CloudFormationTemplate(root: root, source: source)
        template.isTerraformPlan = true
        template.terraformTypes = Dictionary(
            instances.map { ($0.address, $0.type) }, uniquingKeysWith: { first, _ in first })
        // One assignment: every change of `resources` re-indexes them.
        let known = builder.knownAttributes()
        template.resources = template.resources.map { resource in
            var resource = resource
            resource.knownAttributes = known[resource.logicalId] ?? [:]
            return resource
        }
        self.template = template
        self.replacements = instances.filter {
            $0.type == "aws_lambda_event_source_mapping" && $0.actions.contains("delete")
                && $0.actions.contains("create")
        }.map { instance in
            let block =
                instance.after["self_managed_event_source"]?.arrayValue?.isEmpty == false
                ? "self_managed_kafka_event_source_config" : "amazon_managed_kafka_event_source_config"
            func group(_ value: JSONValue?) -> String? {
                value?[block]?.arrayValue?.first?["consumer_group_id"]?.stringValue
            }
            let unknownGroup = instance.unknown[block]?.arrayValue?.first?["consumer_group_id"] == .bool(true)
            return Replacement(
                address: instance.address, actions: instance.actions, paths: instance.replacePaths,
                reason: instance.reason, groupBefore: group(instance.before), groupAfter: group(instance.after),
                groupAfterUnknown: unknownGroup, uuidBefore: instance.before?["uuid"]?.stringValue,
                startingPosition: instance.after["starting_position"]?.stringValue, groupBlock: block)
        }
    }

    // MARK: Addresses

    /// `module.a["x"].aws_iam_role.this[0]` → `module.a.aws_iam_role.this`.
    static func withoutKeys(_ address: String) -> String {
        segments(address).map { $0.prefix { $0 != "[" } }.joined(separator: ".")
    }

    /// An address split at the dots outside instance keys: `module.a["x.y"].aws_iam_role.this` → `module`,
    /// `a["x.y"]`, `aws_iam_role`, `this`.
    static func segments(_ address: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        for character in address {
            if quoted {
                if character == "\"" { quoted = false }
            } else if character == "\"" && depth > 0 {
                quoted = true
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
            } else if character == "." && depth == 0 {
                segments.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        segments.append(current)
        return segments
    }

    /// The module path of an address, without instance keys, with a trailing dot (`module.a.`), or "".
    static func modulePrefix(_ address: String) -> String {
        let parts = withoutKeys(address).split(separator: ".")
        var prefix = ""
        var index = 0
        while index + 1 < parts.count, parts[index] == "module" {
            prefix += "module.\(parts[index + 1])."
            index += 2
        }
        return prefix
    }

    /// The Region and account most of the plan's known ARNs name (`arn:aws:lambda:eu-west-1:123456789012:…`).
    static func regionAndAccount(_ values: [JSONValue]) -> (String?, String?) {
        var regions: [String: Int] = [:]
        var accounts: [String: Int] = [:]
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let text) where text.hasPrefix("arn:"):
                let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                guard fields.count >= 6 else { return }
                if !fields[3].isEmpty { regions[String(fields[3]), default: 0] += 1 }
                if fields[4].count == 12, fields[4].allSatisfy(\.isNumber) {
                    accounts[String(fields[4]), default: 0] += 1
                }
            case .array(let elements): elements.forEach(walk)
            case .object(let members): members.values.forEach(walk)
            default: break
            }
        }
        values.forEach(walk)
        func most(_ counts: [String: Int]) -> String? {
            counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        return (most(regions), most(accounts))
    }

    // MARK: Where a finding is

    /// CloudFormation property names and the provider's attribute names where the generic rule (PascalCase to
    /// snake_case) does not give them.
    static let attributeNames: [String: String] = [
        "Policies": "inline_policy", "AssumeRolePolicyDocument": "assume_role_policy",
        "SecurityGroupIngress": "ingress", "SecurityGroupEgress": "egress",
        "SourceAccessConfigurations": "source_access_configuration", "Filters": "filter",
        "Destination": "destination_arn", "KmsKeyArn": "kms_key_arn", "SchemaRegistryConfig": "schema_registry_config",
        "ClientAuthentication": "client_authentication", "VpcConfig": "vpc_config",
        "BrokerNodeGroupInfo": "broker_node_group_info",
    ]

    /// A CloudFormation property path (`Properties.DestinationConfig.OnFailure.Destination`) as the provider's
    /// attribute path (`destination_config.on_failure.destination_arn`).
    /// - Parameter path: the property path, dot-separated.
    public static func attributePath(_ path: String) -> String {
        path.split(separator: ".").dropFirst(path.hasPrefix("Properties") ? 1 : 0).map { segment -> String in
            let name = String(segment)
            if let known = attributeNames[name] { return known }
            if name.first?.isNumber == true { return name }
            var snake = ""
            for character in name {
                if character.isUppercase, !snake.isEmpty { snake.append("_") }
                snake.append(contentsOf: character.lowercased())
            }
            return snake
        }.joined(separator: ".")
    }
}

/// Translates the plan's resource instances into CloudFormation resources (see ``TerraformPlan``).
struct TerraformResourceBuilder {
    let instances: [TerraformPlan.Instance]
    let expressions: [String: JSONValue]
    let byAddress: [String: TerraformPlan.Instance]
    let byConfigKey: [String: [TerraformPlan.Instance]]

    init(instances: [TerraformPlan.Instance], expressions: [String: JSONValue]) {
        self.instances = instances
        self.expressions = expressions
        byAddress = Dictionary(instances.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        byConfigKey = Dictionary(grouping: instances, by: \.configKey)
    }

    /// The CloudFormation type each modelled provider type stands for, and the provider's attributes that are a
    /// `Ref` ("") or a `Fn::GetAtt` of it.
    static let types: [String: (type: String, attributes: [String: String])] = [
        "aws_lambda_event_source_mapping": ("AWS::Lambda::EventSourceMapping", ["uuid": "", "id": ""]),
        "aws_lambda_function": ("AWS::Lambda::Function", ["function_name": "", "id": "", "arn": "Arn"]),
        "aws_iam_role": ("AWS::IAM::Role", ["name": "", "id": "", "arn": "Arn"]),
        "aws_iam_role_policy": ("AWS::IAM::Policy", [:]),
        "aws_iam_policy": ("AWS::IAM::ManagedPolicy", ["arn": "", "id": ""]),
        "aws_msk_cluster": ("AWS::MSK::Cluster", ["arn": "Arn", "id": ""]),
        "aws_msk_serverless_cluster": ("AWS::MSK::ServerlessCluster", ["arn": "Arn", "id": ""]),
        "aws_security_group": ("AWS::EC2::SecurityGroup", ["id": "GroupId"]),
        "aws_secretsmanager_secret": ("AWS::SecretsManager::Secret", ["arn": "", "id": ""]),
        "aws_kms_key": ("AWS::KMS::Key", ["arn": "Arn", "key_id": "", "id": ""]),
        "aws_sqs_queue": ("AWS::SQS::Queue", ["arn": "Arn"]),
        "aws_sns_topic": ("AWS::SNS::Topic", ["arn": "", "id": ""]),
        "aws_s3_bucket": ("AWS::S3::Bucket", ["bucket": "", "id": "", "arn": "Arn"]),
        "aws_subnet": ("AWS::EC2::Subnet", ["id": ""]),
        "aws_vpc": ("AWS::EC2::VPC", ["id": ""]),
    ]

    /// The known values of each resource's `Ref` and attributes, by resource address: a resource the plan
    /// does not replace keeps its id and ARN, which policies and other resources name.
    func knownAttributes() -> [String: [String: JSONValue]] {
        var known: [String: [String: JSONValue]] = [:]
        for instance in instances {
            guard let (_, attributes) = Self.types[instance.type] else { continue }
            for (attribute, cfn) in attributes {
                guard instance.unknown[attribute] != .bool(true), let value = instance.after[attribute],
                    value.stringValue?.isEmpty == false
                else { continue }
                // A security group's Ref is its id too.
                for key in cfn.isEmpty ? ["Ref"] : cfn == "GroupId" ? ["GroupId", "Ref"] : [cfn] {
                    known[instance.address, default: [:]][key] = value
                }
            }
        }
        return known
    }

    // MARK: Values

    /// One block's planned values, unknown marks and configuration expressions, walked together.
    struct Block {
        var after: JSONValue?
        var unknown: JSONValue?
        var expressions: JSONValue?
        var instance: TerraformPlan.Instance
        var path: String

        func nested(_ name: String) -> [Block] {
            let afters = after?[name]?.arrayValue ?? []
            let unknowns = unknown?[name]?.arrayValue ?? []
            let expressions = self.expressions?[name]?.arrayValue ?? []
            return afters.indices.map { index in
                Block(
                    after: afters[index], unknown: unknowns.indices.contains(index) ? unknowns[index] : nil,
                    expressions: expressions.indices.contains(index)
                        ? expressions[index] : expressions.count == 1 ? expressions[0] : nil,
                    instance: instance, path: "\(path)\(name).\(index).")
            }
        }
    }

    static let unresolvable = SAMExpansion.unsupported

    static func unresolvable(_ reason: String) -> JSONValue { [unresolvable: .string(reason)] }

    /// The CloudFormation value of attribute `name` of a block: the planned value; for one known after apply,
    /// the reference its expression names (or an unresolvable marker); nil when neither set nor unknown, or
    /// when the provider computes it without a configured value (its AWS default applies).
    func value(_ name: String, in block: Block) -> JSONValue? {
        let expression = block.expressions?[name]
        let unknown = block.unknown?[name]
        if unknown == .bool(true) {
            guard let expression else { return nil }
            return reference(expression, block: block, name: name)
        }
        if case .array(let marks) = unknown, marks.contains(.bool(true)) {
            let known = block.after?[name]?.arrayValue ?? []
            var references = attributeReferences(expression)
            var elements: [JSONValue] = []
            for (index, mark) in marks.enumerated() {
                if mark == .bool(true) {
                    guard !references.isEmpty else {
                        return Self.unresolvable("\(block.instance.address).\(block.path)\(name) is known after apply")
                    }
                    elements.append(resolve(references.removeFirst(), block: block, name: name))
                } else if known.indices.contains(index) {
                    elements.append(known[index])
                }
            }
            return .array(elements)
        }
        guard let value = block.after?[name], value != .null else { return nil }
        return value
    }

    /// The references of an expression that name an attribute (`aws_security_group.x.id`), in order.
    func attributeReferences(_ expression: JSONValue?) -> [String] {
        let all = (expression?["references"]?.arrayValue ?? []).compactMap(\.stringValue)
        return all.filter { reference in
            let parts = TerraformPlan.withoutKeys(reference).split(separator: ".")
            return reference.hasPrefix("data.") ? parts.count >= 4 : parts.count >= 3
        }
    }

    /// An attribute known after apply: the one attribute reference its expression names, resolved; with none or
    /// several (an interpolation, a function of several values) it is unresolvable, naming them.
    func reference(_ expression: JSONValue, block: Block, name: String) -> JSONValue {
        let references = attributeReferences(expression)
        guard references.count == 1, let reference = references.first else {
            let named = references.isEmpty ? "" : " (from \(references.joined(separator: ", ")))"
            return Self.unresolvable("\(block.instance.address).\(block.path)\(name) is known after apply\(named)")
        }
        return resolve(reference, block: block, name: name)
    }

    /// A reference (`aws_lambda_function.consumer.arn`) as the intrinsic that gives the same value in the
    /// translated template, or an unresolvable marker naming it.
    func resolve(_ reference: String, block: Block, name: String) -> JSONValue {
        let reason = "\(block.instance.address).\(block.path)\(name) is known after apply (\(reference))"
        let keyless = TerraformPlan.withoutKeys(reference)
        var parts = keyless.split(separator: ".").map(String.init)
        guard let attribute = parts.popLast() else { return Self.unresolvable(reason) }
        let resourceKey = parts.joined(separator: ".")
        guard
            let target = instance(for: reference, key: block.instance.modulePrefix + resourceKey, from: block.instance)
        else { return Self.unresolvable(reason) }
        if target.type == "aws_iam_policy_document", attribute == "json" {
            return policyDocument(target) ?? Self.unresolvable(reason)
        }
        guard let (_, attributes) = Self.types[target.type], let cfn = attributes[attribute] else {
            return Self.unresolvable(reason)
        }
        return cfn.isEmpty ? ["Ref": .string(target.address)] : ["Fn::GetAtt": [.string(target.address), .string(cfn)]]
    }

    /// The instance a reference names: its own key when it has one, else the only instance of its resource,
    /// else the one with the same key as the referring instance (`count`/`for_each` siblings).
    func instance(for reference: String, key: String, from referrer: TerraformPlan.Instance) -> TerraformPlan.Instance?
    {
        let candidates = byConfigKey[key] ?? []
        if candidates.count == 1 { return candidates[0] }
        if let open = reference.firstIndex(of: "[") {
            let keyed = String(reference[open...].prefix { $0 != "." })
            return candidates.first { $0.address.hasSuffix(keyed) }
        }
        if let open = referrer.address.lastIndex(of: "[") {
            let suffix = String(referrer.address[open...])
            return candidates.first { $0.address.hasSuffix(suffix) }
        }
        return nil
    }

    /// An `aws_iam_policy_document` data source as a policy document: its `json` when known, else built from
    /// its `statement` blocks
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document).
    func policyDocument(_ instance: TerraformPlan.Instance) -> JSONValue? {
        if instance.unknown["json"] != .bool(true), let text = instance.after["json"]?.stringValue {
            return Self.parsedPolicy(text)
        }
        let root = Block(
            after: instance.after, unknown: instance.unknown, expressions: expressions[instance.configKey],
            instance: instance, path: "")
        var statements: [JSONValue] = []
        for statement in root.nested("statement") {
            var entry: [String: JSONValue] = ["Effect": value("effect", in: statement) ?? "Allow"]
            let fields = [
                ("sid", "Sid"), ("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"),
                ("not_resources", "NotResource"),
            ]
            for (attribute, key) in fields {
                if let value = value(attribute, in: statement), value != .array([]) { entry[key] = value }
            }
            for principals in statement.nested("principals") {
                guard let type = principals.after?["type"]?.stringValue,
                    let identifiers = value("identifiers", in: principals)
                else { continue }
                entry["Principal"] = [type: identifiers]
            }
            var conditions: [String: [String: JSONValue]] = [:]
            for condition in statement.nested("condition") {
                guard let test = condition.after?["test"]?.stringValue,
                    let variable = condition.after?["variable"]?.stringValue
                else { continue }
                conditions[test, default: [:]][variable] = value("values", in: condition) ?? []
            }
            if !conditions.isEmpty { entry["Condition"] = .object(conditions.mapValues(JSONValue.object)) }
            statements.append(.object(entry))
        }
        return ["Version": "2012-10-17", "Statement": .array(statements)]
    }

    /// A policy attribute: JSON text in the plan, a document in the template.
    static func parsedPolicy(_ text: String) -> JSONValue {
        (try? JSONParser.parse(Data(text.utf8))) ?? unresolvable("the policy is not JSON")
    }

    /// A policy attribute's CloudFormation value: the parsed document, or the reference's.
    /// A policy known after apply is a document only when it is a policy document data source's `json`; one
    /// built by `jsonencode` around references (`Resource = aws_msk_cluster.orders.arn`) is not known here.
    func policy(_ name: String, in block: Block) -> JSONValue? {
        guard let value = value(name, in: block) else { return nil }
        if let text = value.stringValue { return text.isEmpty ? nil : Self.parsedPolicy(text) }
        if value["Statement"] != nil || value[Self.unresolvable] != nil { return value }
        let references = attributeReferences(block.expressions?[name]).joined(separator: ", ")
        return Self.unresolvable(
            "\(block.instance.address).\(block.path)\(name) is known after apply (a document built from \(references))")
    }

    // MARK: Resources

    /// Every modelled instance as a CloudFormation resource, by address.
    func resources() -> [String: JSONValue] {
        var resources: [String: JSONValue] = [:]
        var attachments: [(role: JSONValue, policy: JSONValue)] = []
        for instance in instances where instance.mode != "data" {
            let root = Block(
                after: instance.after, unknown: instance.unknown, expressions: expressions[instance.configKey],
                instance: instance, path: "")
            if instance.type == "aws_iam_role_policy_attachment" {
                if let role = value("role", in: root), let policy = value("policy_arn", in: root) {
                    attachments.append((role, policy))
                }
                continue
            }
            if instance.type == "aws_security_group_rule" {
                for (index, rule) in securityGroupRule(root).enumerated() {
                    resources[index == 0 ? instance.address : "\(instance.address)#\(index)"] = rule
                }
                continue
            }
            if instance.type == "aws_vpc_security_group_ingress_rule"
                || instance.type == "aws_vpc_security_group_egress_rule"
            {
                resources[instance.address] = vpcSecurityGroupRule(root)
                continue
            }
            guard let (type, _) = Self.types[instance.type] else { continue }
            resources[instance.address] = ["Type": .string(type), "Properties": .object(properties(root))]
        }
        // An attachment adds its policy to the role's ManagedPolicyArns, as CloudFormation lists them.
        for (role, policy) in attachments {
            let target = resources.first { address, resource in
                guard resource["Type"] == "AWS::IAM::Role" else { return false }
                return role == ["Ref": .string(address)] || role == resource["Properties"]?["RoleName"]
                    || role == byAddress[address]?.after["name"]
            }
            guard let (address, resource) = target, var properties = resource["Properties"]?.objectValue else {
                continue
            }
            properties["ManagedPolicyArns"] = .array((properties["ManagedPolicyArns"]?.arrayValue ?? []) + [policy])
            resources[address] = ["Type": "AWS::IAM::Role", "Properties": .object(properties)]
        }
        return resources
    }

    func properties(_ root: Block) -> [String: JSONValue] {
        var properties: [String: JSONValue] = [:]
        func set(_ key: String, _ value: JSONValue?) { if let value { properties[key] = value } }
        func copy(_ pairs: [(String, String)], from block: Block) -> [String: JSONValue] {
            var object: [String: JSONValue] = [:]
            for (attribute, key) in pairs { if let value = value(attribute, in: block) { object[key] = value } }
            return object
        }
        switch root.instance.type {
        case "aws_lambda_event_source_mapping":
            for (key, value) in copy(Self.mappingAttributes, from: root) { properties[key] = value }
            // The provider reads the stream-only settings back as zero values for a Kafka mapping (the API
            // returns none): only a configured value is the user's.
            for (attribute, key) in Self.mappingAttributes where Self.configuredOnly.contains(attribute) {
                if root.expressions?[attribute] == nil { properties[key] = nil }
            }
            if let servers = root.nested("self_managed_event_source").first.flatMap({
                value("endpoints", in: $0)?["KAFKA_BOOTSTRAP_SERVERS"]
            }) {
                let list: JSONValue =
                    servers.stringValue.map { text in
                        .array(text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
                    } ?? servers
                properties["SelfManagedEventSource"] = ["Endpoints": ["KafkaBootstrapServers": list]]
            }
            for (block, key) in [
                ("amazon_managed_kafka_event_source_config", "AmazonManagedKafkaEventSourceConfig"),
                ("self_managed_kafka_event_source_config", "SelfManagedKafkaEventSourceConfig"),
            ] {
                guard let config = root.nested(block).first else { continue }
                var object = copy([("consumer_group_id", "ConsumerGroupId")], from: config)
                if let registry = config.nested("schema_registry_config").first {
                    var registryObject = copy(
                        [("schema_registry_uri", "SchemaRegistryURI"), ("event_record_format", "EventRecordFormat")],
                        from: registry)
                    registryObject["AccessConfigs"] = .array(
                        registry.nested("access_config").map {
                            .object(copy([("type", "Type"), ("uri", "URI")], from: $0))
                        })
                    registryObject["SchemaValidationConfigs"] = .array(
                        registry.nested("schema_validation_config").map {
                            .object(copy([("attribute", "Attribute")], from: $0))
                        })
                    object["SchemaRegistryConfig"] = .object(registryObject)
                }
                if !object.isEmpty { properties[key] = .object(object) }
            }
            let access = root.nested("source_access_configuration").map {
                JSONValue.object(copy([("type", "Type"), ("uri", "URI")], from: $0))
            }
            if !access.isEmpty { properties["SourceAccessConfigurations"] = .array(access) }
            if let failure = root.nested("destination_config").first?.nested("on_failure").first,
                let destination = value("destination_arn", in: failure)
            {
                properties["DestinationConfig"] = ["OnFailure": ["Destination": destination]]
            }
            let filters = (root.nested("filter_criteria").first?.nested("filter") ?? []).map {
                JSONValue.object(copy([("pattern", "Pattern")], from: $0))
            }
            if !filters.isEmpty { properties["FilterCriteria"] = ["Filters": .array(filters)] }
            if let pollers = root.nested("provisioned_poller_config").first {
                properties["ProvisionedPollerConfig"] = .object(
                    copy([("minimum_pollers", "MinimumPollers"), ("maximum_pollers", "MaximumPollers")], from: pollers))
            }
        case "aws_lambda_function":
            for (key, value) in copy(Self.functionAttributes, from: root) { properties[key] = value }
            if let vpc = root.nested("vpc_config").first {
                properties["VpcConfig"] = .object(
                    copy([("subnet_ids", "SubnetIds"), ("security_group_ids", "SecurityGroupIds")], from: vpc))
            }
        case "aws_iam_role":
            set("RoleName", value("name", in: root))
            set("AssumeRolePolicyDocument", policy("assume_role_policy", in: root))
            set("PermissionsBoundary", value("permissions_boundary", in: root))
            if let arns = value("managed_policy_arns", in: root), arns != .array([]) {
                properties["ManagedPolicyArns"] = arns
            }
            let inline = root.nested("inline_policy").compactMap { block -> JSONValue? in
                guard let name = value("name", in: block), name != "", let document = policy("policy", in: block)
                else { return nil }
                return ["PolicyName": name, "PolicyDocument": document]
            }
            if !inline.isEmpty { properties["Policies"] = .array(inline) }
        case "aws_iam_role_policy":
            set("PolicyName", value("name", in: root))
            set("PolicyDocument", policy("policy", in: root))
            if let role = value("role", in: root) { properties["Roles"] = [role] }
        case "aws_iam_policy":
            set("ManagedPolicyName", value("name", in: root))
            set("PolicyDocument", policy("policy", in: root))
        case "aws_msk_cluster":
            set("ClusterName", value("cluster_name", in: root))
            set("KafkaVersion", value("kafka_version", in: root))
            set("NumberOfBrokerNodes", value("number_of_broker_nodes", in: root))
            if let brokers = root.nested("broker_node_group_info").first {
                properties["BrokerNodeGroupInfo"] = .object(
                    copy(
                        [
                            ("client_subnets", "ClientSubnets"), ("security_groups", "SecurityGroups"),
                            ("instance_type", "InstanceType"),
                        ], from: brokers))
            }
            if let authentication = root.nested("client_authentication").first {
                properties["ClientAuthentication"] = clusterAuthentication(authentication)
            }
            if let transit = root.nested("encryption_info").first?.nested("encryption_in_transit").first {
                properties["EncryptionInfo"] = [
                    "EncryptionInTransit": .object(
                        copy([("client_broker", "ClientBroker"), ("in_cluster", "InCluster")], from: transit))
                ]
            }
        case "aws_msk_serverless_cluster":
            set("ClusterName", value("cluster_name", in: root))
            properties["VpcConfigs"] = .array(
                root.nested("vpc_config").map {
                    .object(copy([("subnet_ids", "SubnetIds"), ("security_group_ids", "SecurityGroups")], from: $0))
                })
            let iam = root.nested("client_authentication").first?.nested("sasl").first?.nested("iam").first
            if let iam {
                properties["ClientAuthentication"] = ["Sasl": ["Iam": ["Enabled": value("enabled", in: iam) ?? true]]]
            }
        case "aws_security_group":
            set("GroupName", value("name", in: root))
            set("VpcId", value("vpc_id", in: root))
            set("GroupDescription", value("description", in: root))
            properties["SecurityGroupIngress"] = .array(
                root.nested("ingress").flatMap { permissions($0, egress: false) })
            // The provider removes the egress rule AWS adds to a new group: without egress blocks (or separate
            // egress rules) the group allows no outbound traffic
            // (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group).
            properties["SecurityGroupEgress"] = .array(root.nested("egress").flatMap { permissions($0, egress: true) })
        case "aws_secretsmanager_secret": set("Name", value("name", in: root))
        case "aws_sqs_queue": set("QueueName", value("name", in: root))
        case "aws_sns_topic": set("TopicName", value("name", in: root))
        case "aws_s3_bucket": set("BucketName", value("bucket", in: root))
        default: break
        }
        return properties
    }

    static let mappingAttributes = [
        ("function_name", "FunctionName"), ("event_source_arn", "EventSourceArn"), ("topics", "Topics"),
        ("batch_size", "BatchSize"), ("maximum_batching_window_in_seconds", "MaximumBatchingWindowInSeconds"),
        ("starting_position", "StartingPosition"), ("starting_position_timestamp", "StartingPositionTimestamp"),
        ("enabled", "Enabled"), ("kms_key_arn", "KmsKeyArn"), ("queues", "Queues"),
        ("maximum_record_age_in_seconds", "MaximumRecordAgeInSeconds"),
        ("maximum_retry_attempts", "MaximumRetryAttempts"),
        ("bisect_batch_on_function_error", "BisectBatchOnFunctionError"),
        ("parallelization_factor", "ParallelizationFactor"), ("tumbling_window_in_seconds", "TumblingWindowInSeconds"),
        ("function_response_types", "FunctionResponseTypes"),
    ]

    /// Settings of stream and queue sources that a Kafka mapping only has when the configuration sets them.
    static let configuredOnly: Set<String> = [
        "maximum_record_age_in_seconds", "maximum_retry_attempts", "bisect_batch_on_function_error",
        "parallelization_factor", "tumbling_window_in_seconds", "function_response_types", "queues",
    ]

    static let functionAttributes = [
        ("function_name", "FunctionName"), ("role", "Role"), ("timeout", "Timeout"), ("memory_size", "MemorySize"),
        ("runtime", "Runtime"), ("handler", "Handler"), ("package_type", "PackageType"),
    ]

    /// `client_authentication` of `aws_msk_cluster` as CloudFormation's `ClientAuthentication`.
    func clusterAuthentication(_ block: Block) -> JSONValue {
        var object: [String: JSONValue] = [:]
        if let sasl = block.nested("sasl").first {
            object["Sasl"] = [
                "Iam": ["Enabled": value("iam", in: sasl) ?? false],
                "Scram": ["Enabled": value("scram", in: sasl) ?? false],
            ]
        }
        if let tls = block.nested("tls").first {
            object["Tls"] = [
                "Enabled": true, "CertificateAuthorityArnList": value("certificate_authority_arns", in: tls) ?? [],
            ]
        }
        object["Unauthenticated"] = ["Enabled": value("unauthenticated", in: block) ?? false]
        return .object(object)
    }

    /// The provider's protocol as EC2 writes it: `tcp` for `6`, `-1` for `all`.
    static func protocolName(_ value: JSONValue?) -> JSONValue {
        switch value?.stringValue?.lowercased() {
        case "6": return "tcp"
        case "all": return "-1"
        case .some(let text): return .string(text)
        case nil: return value ?? "-1"
        }
    }

    /// An inline `ingress`/`egress` block (or an `aws_security_group_rule`) as CloudFormation rules, one per
    /// CIDR block, group or prefix list, as EC2 stores them.
    func permissions(_ block: Block, egress: Bool, group: JSONValue? = nil) -> [JSONValue] {
        var base: [String: JSONValue] = ["IpProtocol": Self.protocolName(value("protocol", in: block))]
        if let from = value("from_port", in: block) { base["FromPort"] = from }
        if let to = value("to_port", in: block) { base["ToPort"] = to }
        if let group { base["GroupId"] = group }
        var rules: [JSONValue] = []
        func add(_ key: String, _ value: JSONValue) {
            var rule = base
            rule[key] = value
            rules.append(.object(rule))
        }
        let groupKey = egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId"
        for cidr in value("cidr_blocks", in: block)?.arrayValue ?? [] { add("CidrIp", cidr) }
        for cidr in value("ipv6_cidr_blocks", in: block)?.arrayValue ?? [] { add("CidrIpv6", cidr) }
        for source in value("security_groups", in: block)?.arrayValue ?? [] { add(groupKey, source) }
        if let source = value("source_security_group_id", in: block) { add(groupKey, source) }
        for list in value("prefix_list_ids", in: block)?.arrayValue ?? [] {
            add(egress ? "DestinationPrefixListId" : "SourcePrefixListId", list)
        }
        if value("self", in: block) == .bool(true) {
            let own =
                group
                ?? ["Fn::GetAtt": [.string(block.instance.address), "GroupId"]]
            add(groupKey, own)
        }
        return rules
    }

    /// An `aws_security_group_rule` as `AWS::EC2::SecurityGroupIngress`/`Egress` resources, one per source.
    func securityGroupRule(_ root: Block) -> [JSONValue] {
        let egress = root.after?["type"]?.stringValue == "egress"
        let group = value("security_group_id", in: root) ?? Self.unresolvable("security_group_id is not set")
        return permissions(root, egress: egress, group: group).map {
            [
                "Type": .string(egress ? "AWS::EC2::SecurityGroupEgress" : "AWS::EC2::SecurityGroupIngress"),
                "Properties": $0,
            ]
        }
    }

    /// An `aws_vpc_security_group_ingress_rule` or `…_egress_rule` as a CloudFormation rule
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule).
    func vpcSecurityGroupRule(_ root: Block) -> JSONValue {
        let egress = root.instance.type == "aws_vpc_security_group_egress_rule"
        var rule: [String: JSONValue] = ["IpProtocol": Self.protocolName(value("ip_protocol", in: root))]
        let pairs = [
            ("security_group_id", "GroupId"), ("from_port", "FromPort"), ("to_port", "ToPort"), ("cidr_ipv4", "CidrIp"),
            ("cidr_ipv6", "CidrIpv6"),
            ("referenced_security_group_id", egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId"),
            ("prefix_list_id", egress ? "DestinationPrefixListId" : "SourcePrefixListId"),
        ]
        for (attribute, key) in pairs { if let value = value(attribute, in: root) { rule[key] = value } }
        return [
            "Type": .string(egress ? "AWS::EC2::SecurityGroupEgress" : "AWS::EC2::SecurityGroupIngress"),
            "Properties": .object(rule),
        ]
    }
}
