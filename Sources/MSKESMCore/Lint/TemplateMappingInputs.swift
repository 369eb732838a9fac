import Foundation

/// One Kafka event source mapping of a template with everything around it that the same template declares,
/// as the snapshot the doctor reads: the mapping in `get-event-source-mapping`'s shape, the function, the
/// execution role and its policies, the MSK cluster and the security groups. What the template does not hold,
/// or holds only as a value known at deployment, is left out of the snapshot with the reason in
/// ``unavailableParts`` and ``unresolvedProperties``, so the checks that need it are skipped, never guessed.
public struct TemplateMappingInputs: Sendable {
    /// The mapping's logical id.
    public var logicalId: String
    /// The snapshot built from the template.
    public var snapshot: Snapshot
    /// Why a snapshot part is missing, in template terms ("the cluster arn:… is not declared in this template").
    public var unavailableParts: [SnapshotPart: String]
    /// Mapping properties that did not resolve: property name → reason.
    public var unresolvedProperties: [String: String]
    /// Logical ids of the related resources the template declares.
    public var functionId: String?
    /// The execution role's logical id, when the template declares it.
    public var roleId: String?
    /// The MSK cluster's logical id, when the template declares it.
    public var clusterId: String?
    /// The security groups (logical ids) of the mapping's network, those declared in the template.
    public var securityGroupIds: [String]
    /// The resolved topic names and function, for the rules across mappings.
    public var topics: [String]
    /// The function's logical id or, when not declared here, its name or ARN.
    public var function: String?
}

/// Builds ``TemplateMappingInputs`` for every Kafka mapping of a template.
public struct TemplateMappingReader: Sendable {
    /// The resolver of the template's values.
    public let resolver: TemplateResolver
    var template: CloudFormationTemplate { resolver.template }

    /// The `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources whose `Roles` name a role, by the role's
    /// logical id, in file order. Found once per template: looking through every policy for every mapping's
    /// role made a 500-resource template's 124 mappings resolve 124 policies' `Roles` each
    /// (Benchmarks/cases/lint-500.sh).
    let policiesByRole: [String: [CloudFormationTemplate.Resource]]
    /// The template's security groups by their stand-in `GroupId`.
    let securityGroupsById: [String: CloudFormationTemplate.Resource]
    /// `describe-security-groups`' output for every group of the template (a rule may refer to any of them):
    /// the same for every mapping, so built once.
    let securityGroups: Result<JSONValue, Reason>

    /// A reader of the template `resolver` resolves.
    public init(resolver: TemplateResolver) {
        let indexless = TemplateMappingReader(
            resolver: resolver, policiesByRole: [:], securityGroupsById: [:], securityGroups: .success(.null))
        var policiesByRole: [String: [CloudFormationTemplate.Resource]] = [:]
        for policy in resolver.template.resources where Self.policyTypes.contains(policy.type) {
            guard let roles = policy.properties["Roles"] else { continue }
            for role in indexless.referencedResources(roles, types: ["AWS::IAM::Role"]) {
                policiesByRole[role.logicalId, default: []].append(policy)
            }
        }
        let groups = resolver.template.resources.filter { $0.type == "AWS::EC2::SecurityGroup" }
        var securityGroupsById: [String: CloudFormationTemplate.Resource] = [:]
        for group in groups {
            if let id = resolver.standIn(group, attribute: "GroupId").value?.stringValue {
                securityGroupsById[id] = group
            }
        }
        self.init(
            resolver: resolver, policiesByRole: policiesByRole, securityGroupsById: securityGroupsById,
            securityGroups: indexless.securityGroupsDocument(of: groups))
    }

    private init(
        resolver: TemplateResolver, policiesByRole: [String: [CloudFormationTemplate.Resource]],
        securityGroupsById: [String: CloudFormationTemplate.Resource], securityGroups: Result<JSONValue, Reason>
    ) {
        self.resolver = resolver
        self.policiesByRole = policiesByRole
        self.securityGroupsById = securityGroupsById
        self.securityGroups = securityGroups
    }

    static let policyTypes: Set<String> = ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]

    /// Whether a mapping resource reads Kafka: `Topics` with an MSK (or VPC connection) `EventSourceArn`, or a
    /// `SelfManagedEventSource` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html).
    public func isKafkaMapping(_ resource: CloudFormationTemplate.Resource) -> Bool {
        guard resource.type == "AWS::Lambda::EventSourceMapping" else { return false }
        let properties = resource.properties
        if properties["SelfManagedEventSource"] != nil || properties["AmazonManagedKafkaEventSourceConfig"] != nil
            || properties["SelfManagedKafkaEventSourceConfig"] != nil
        {
            return true
        }
        guard let source = properties["EventSourceArn"] else { return false }
        if let arn = resolver.resolve(source).value?.stringValue { return arn.contains(":kafka:") }
        return referencedResources(source, types: Self.clusterTypes).first != nil
            || (properties["Topics"] != nil && properties["Queues"] == nil)
    }

    static let clusterTypes: Set<String> = ["AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster"]

    /// The inputs of every Kafka mapping, in file order. A mapping whose `Condition` is false is left out.
    public func mappings() -> [TemplateMappingInputs] {
        // Each mapping's inputs are read from the template alone: on every core.
        template.resources.filter(isKafkaMapping).concurrentMap { resource in
            if case .value(.bool(false)) = resolver.isCreated(resource) { return TemplateMappingInputs?.none }
            return inputs(for: resource)
        }.compactMap { $0 }
    }

    // MARK: The mapping

    /// CloudFormation's property names where they differ from the API's
    /// (https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html).
    static let renamedProperties = ["FunctionName": "FunctionArn", "KmsKeyArn": "KMSKeyArn"]

    func inputs(for resource: CloudFormationTemplate.Resource) -> TemplateMappingInputs {
        var unresolved: [String: String] = [:]
        var mapping: [String: JSONValue] = ["UUID": .string(resource.logicalId)]
        for (key, node) in resource.properties.members ?? [] {
            switch resolver.resolve(node) {
            case .value(let value):
                if value == TemplateResolver.noValue { continue }
                mapping[Self.renamedProperties[key] ?? key] = value
            case .unresolvable(let reason): unresolved[key] = reason
            }
        }
        // CloudFormation takes "100" for 100 and "false" for false; the API's shapes do not.
        for (key, value) in mapping { mapping[key] = Self.coerced(value, key: key) }
        if let enabled = mapping.removeValue(forKey: "Enabled") {
            mapping["State"] = .string(enabled == .bool(false) ? "Disabled" : "Enabled")
        } else {
            mapping["State"] = "Enabled"
        }
        // CloudFormation names the endpoint list KafkaBootstrapServers; the API KAFKA_BOOTSTRAP_SERVERS.
        if let servers = mapping["SelfManagedEventSource"]?["Endpoints"]?["KafkaBootstrapServers"] {
            mapping["SelfManagedEventSource"] = ["Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": servers]]
        }
        // CloudFormation takes StartingPositionTimestamp in seconds since the epoch; the model reads that too.
        var unavailable: [SnapshotPart: String] = [:]
        let properties = resource.properties

        let functionResource = properties["FunctionName"].flatMap {
            referencedResources($0, types: ["AWS::Lambda::Function"]).first
        }
        let clusterResource = properties["EventSourceArn"].flatMap {
            referencedResources($0, types: Self.clusterTypes).first
        }
        var snapshotDocument: [String: JSONValue] = ["SnapshotVersion": 1]
        var functionId: String?
        var roleId: String?
        var roleParts: (role: JSONValue, policies: JSONValue?, boundary: JSONValue?)?

        if let function = functionResource {
            functionId = function.logicalId
            switch functionDocument(function) {
            case .value(let document):
                snapshotDocument["Function"] = document
                mapping["FunctionArn"] = document["FunctionArn"] ?? mapping["FunctionArn"] ?? .null
            case .unresolvable(let reason):
                unavailable[.function] = "function \(function.logicalId): \(reason)"
            }
            if let roleNode = function.properties["Role"] {
                if let role = referencedResources(roleNode, types: ["AWS::IAM::Role"]).first {
                    roleId = role.logicalId
                    switch roleDocuments(role) {
                    case .success(let parts): roleParts = parts
                    case .failure(let reason):
                        unavailable[.role] = reason.text
                        unavailable[.rolePolicies] = reason.text
                    }
                } else {
                    let text = resolver.resolve(roleNode).value?.stringValue ?? "a value known at deployment"
                    unavailable[.role] = "the execution role \(text) is not declared in this \(template.noun)"
                }
            } else {
                unavailable[.role] = "function \(function.logicalId) has no Role property"
            }
        } else {
            let name = mapping["FunctionArn"]?.stringValue ?? unresolved["FunctionName"] ?? "(none)"
            unavailable[.function] = "the function \(name) is not declared in this \(template.noun)"
            unavailable[.role] = "the function (and so its execution role) is not declared in this \(template.noun)"
        }
        if let roleParts {
            snapshotDocument["Role"] = ["Role": roleParts.role]
            if let policies = roleParts.policies { snapshotDocument["RolePolicies"] = policies }
            if let boundary = roleParts.boundary { snapshotDocument["PermissionsBoundary"] = boundary }
        }
        if unavailable[.role] != nil, unavailable[.rolePolicies] == nil {
            unavailable[.rolePolicies] = unavailable[.role]
        }

        var clusterGroups: [String] = []
        if let cluster = clusterResource {
            switch clusterDocument(cluster) {
            case .value(let document):
                snapshotDocument["Cluster"] = document
                if let arn = document["ClusterInfo"]?["ClusterArn"], mapping["EventSourceArn"] != nil {
                    mapping["EventSourceArn"] = arn
                }
                let info = document["ClusterInfo"]
                let groups =
                    info?["Provisioned"]?["BrokerNodeGroupInfo"]?["SecurityGroups"]?.arrayValue
                    ?? (info?["Serverless"]?["VpcConfigs"]?.arrayValue ?? []).flatMap {
                        $0["SecurityGroupIds"]?.arrayValue ?? []
                    }
                clusterGroups = groups.compactMap(\.stringValue)
            case .unresolvable(let reason):
                unavailable[.cluster] = "cluster \(cluster.logicalId): \(reason)"
            }
        } else if let arn = mapping["EventSourceArn"]?.stringValue {
            unavailable[.cluster] = "the cluster \(arn) is not declared in this \(template.noun)"
        } else if let reason = unresolved["EventSourceArn"] {
            unavailable[.cluster] = "EventSourceArn: \(reason)"
        }

        // The mapping's groups: the cluster's for MSK, the VPC_SECURITY_GROUP entries for self-managed Kafka.
        var mappingGroups = clusterGroups
        if clusterResource == nil {
            mappingGroups = (mapping["SourceAccessConfigurations"]?.arrayValue ?? []).filter {
                $0["Type"]?.stringValue == "VPC_SECURITY_GROUP"
            }.compactMap { $0["URI"]?.stringValue }.map {
                $0.hasPrefix("security_group:") ? String($0.dropFirst("security_group:".count)) : $0
            }
        }
        let groupsResult = securityGroupsDocument(ids: mappingGroups)
        var securityGroupIds: [String] = []
        switch groupsResult {
        case .success(let (document, ids)):
            snapshotDocument["SecurityGroups"] = document
            securityGroupIds = ids
        case .failure(let reason):
            unavailable[.securityGroups] = reason.text
        }
        for part in [SnapshotPart.subnets, .routeTables, .natGateways, .vpcEndpoints] {
            unavailable[part] = "msk-esm does not read \(part.key) from templates and plans"
        }
        unavailable[.secrets] = "a \(template.noun) holds no secret values"

        snapshotDocument["EventSourceMapping"] = .object(mapping)
        var snapshot: Snapshot
        do {
            snapshot = try Snapshot.decode(.object(snapshotDocument), source: template.source)
        } catch {
            // A property of the wrong type for the API (e.g. BatchSize "ten"): keep the mapping alone and say so.
            unresolved["(template)"] = "a property has the wrong type for the API: \(error)"
            var fallback = mapping
            for key in fallback.keys where !["UUID", "FunctionArn", "State"].contains(key) {
                fallback.removeValue(forKey: key)
            }
            snapshot =
                (try? Snapshot.decode(
                    .object(["SnapshotVersion": 1, "EventSourceMapping": .object(fallback)]), source: template.source))
                ?? Snapshot(eventSourceMapping: EventSourceMappingConfiguration(), source: template.source)
        }
        return TemplateMappingInputs(
            logicalId: resource.logicalId, snapshot: snapshot, unavailableParts: unavailable,
            unresolvedProperties: unresolved, functionId: functionId, roleId: roleId,
            clusterId: clusterResource?.logicalId, securityGroupIds: securityGroupIds,
            topics: (mapping["Topics"]?.arrayValue ?? []).compactMap(\.stringValue),
            function: functionId ?? mapping["FunctionArn"]?.stringValue)
    }

    // MARK: Finding resources

    /// The resources of `types` a value refers to: by `Ref`/`Fn::GetAtt`/`Fn::Sub` of their logical id, or by a
    /// resolved value equal to their name or ARN stand-in.
    public func referencedResources(_ node: TemplateNode, types: Set<String>) -> [CloudFormationTemplate.Resource] {
        var found: [CloudFormationTemplate.Resource] = []
        var ids = Set<String>()
        func add(_ resource: CloudFormationTemplate.Resource) {
            if ids.insert(resource.logicalId).inserted { found.append(resource) }
        }
        // By logical id through the template's index: this runs for every policy of every mapping, and a scan of
        // all resources here made linting a template quadratic in its size (Benchmarks/cases/lint-500.sh).
        for id in Self.referencedIds(node) {
            if let resource = template.resource(id), types.contains(resource.type) { add(resource) }
        }
        if found.isEmpty, let values = resolver.resolve(node).value {
            let candidates = template.resources.filter { types.contains($0.type) }
            let texts = (values.arrayValue ?? [values]).compactMap(\.stringValue)
            for text in texts {
                for resource in candidates {
                    let standIns = [nil, "Arn"].compactMap {
                        resolver.standIn(resource, attribute: $0).value?.stringValue
                    }
                    if standIns.contains(where: { text == $0 || text.hasPrefix($0 + ":") }) { add(resource) }
                }
            }
        }
        return found
    }

    /// The logical ids named by `Ref`, `Fn::GetAtt` and `${…}` anywhere in a value.
    static func referencedIds(_ node: TemplateNode) -> [String] {
        var ids: [String] = []
        func walk(_ node: TemplateNode) {
            switch node.value {
            case .object(let members):
                for (key, value) in members {
                    switch key {
                    case "Ref": if let id = value.stringValue { ids.append(id) }
                    case "Fn::GetAtt":
                        if let text = value.stringValue {
                            ids.append(String(text.split(separator: ".").first ?? ""))
                        } else if let first = value.elements?.first?.stringValue {
                            ids.append(first)
                        }
                    case "Fn::Sub":
                        let text = value.stringValue ?? value.elements?.first?.stringValue ?? ""
                        var rest = Substring(text)
                        while let start = rest.range(of: "${") {
                            rest = rest[start.upperBound...]
                            guard let end = rest.firstIndex(of: "}") else { break }
                            let name = rest[..<end]
                            if !name.hasPrefix("!") {
                                ids.append(String(name.split(separator: ".").first ?? ""))
                            }
                            rest = rest[rest.index(after: end)...]
                        }
                    default: break
                    }
                    walk(value)
                }
            case .array(let elements): elements.forEach(walk)
            default: break
            }
        }
        walk(node)
        return ids
    }

    // MARK: The function

    /// `get-function-configuration`'s shape. `Timeout` defaults to 3 seconds
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html).
    func functionDocument(_ resource: CloudFormationTemplate.Resource) -> TemplateResolution {
        var document: [String: JSONValue] = [:]
        for key in ["Timeout", "Role", "Runtime", "MemorySize", "VpcConfig", "Handler", "PackageType"] {
            guard let node = resource.properties[key] else { continue }
            switch resolver.resolve(node) {
            case .value(let value):
                if value != TemplateResolver.noValue { document[key] = Self.coerced(value, key: key) }
            case .unresolvable(let reason):
                // The timeout decides MAP001; the role and groups have their own parts.
                if key == "Timeout" { return .unresolvable("Timeout: \(reason)") }
            }
        }
        document["Timeout"] = document["Timeout"] ?? 3
        document["FunctionName"] = resolver.standIn(resource, attribute: nil).value ?? .string(resource.logicalId)
        document["FunctionArn"] = resolver.standIn(resource, attribute: "Arn").value ?? .null
        document["State"] = "Active"
        return .value(.object(document))
    }

    // MARK: The role

    struct Reason: Error { var text: String }

    /// The role (`get-role`'s `Role`), its policies (`RolePolicies`) and permissions boundary: inline
    /// `Policies`, `ManagedPolicyArns` (a policy of this template, or an AWS managed policy msk-esm bundles),
    /// and the `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` resources that attach themselves to the role.
    func roleDocuments(
        _ role: CloudFormationTemplate.Resource
    ) -> Result<(role: JSONValue, policies: JSONValue?, boundary: JSONValue?), Reason> {
        let properties = role.properties
        func resolved(_ key: String) -> Result<JSONValue?, Reason> {
            guard let node = properties[key] else { return .success(nil) }
            switch resolver.resolve(node) {
            case .value(let value): return .success(value == TemplateResolver.noValue ? nil : value)
            case .unresolvable(let reason): return .failure(Reason(text: "role \(role.logicalId) \(key): \(reason)"))
            }
        }
        var document: [String: JSONValue] = [
            "RoleName": resolver.standIn(role, attribute: nil).value ?? .string(role.logicalId),
            "Arn": resolver.standIn(role, attribute: "Arn").value ?? .null,
            "Path": "/", "RoleId": .string("AROA\(role.logicalId.uppercased())"),
            "CreateDate": "2020-01-01T00:00:00Z",
        ]
        do {
            if let trust = try resolved("AssumeRolePolicyDocument").get() {
                document["AssumeRolePolicyDocument"] = trust
            }
            var policies: [JSONValue] = []
            for inline in try resolved("Policies").get()?.arrayValue ?? [] {
                policies.append(
                    [
                        "PolicyName": inline["PolicyName"] ?? "inline",
                        "PolicyDocument": inline["PolicyDocument"] ?? .null,
                    ])
            }
            for arnValue in try resolved("ManagedPolicyArns").get()?.arrayValue ?? [] {
                guard let arn = arnValue.stringValue else { continue }
                policies.append(try managedPolicy(arn: arn, for: role).get())
            }
            policies += try attachedPolicies(role).get()
            var boundary: JSONValue?
            if let arn = try resolved("PermissionsBoundary").get()?.stringValue {
                let policy = try managedPolicy(arn: arn, for: role).get()
                boundary = ["PolicyDocument": policy["PolicyDocument"] ?? .null]
                document["PermissionsBoundary"] = [
                    "PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": .string(arn),
                ]
            }
            return .success((.object(document), .array(policies), boundary))
        } catch {
            return .failure(error)
        }
    }

    /// A managed policy by ARN: one the template declares (by its stand-in ARN), or an AWS managed policy
    /// msk-esm bundles. Any other is unknown offline, and the role's permissions with it.
    func managedPolicy(arn: String, for role: CloudFormationTemplate.Resource) -> Result<JSONValue, Reason> {
        for policy in template.resources where policy.type == "AWS::IAM::ManagedPolicy" {
            guard resolver.standIn(policy, attribute: nil).value?.stringValue == arn else { continue }
            guard let node = policy.properties["PolicyDocument"] else { continue }
            switch resolver.resolve(node) {
            case .value(let document):
                return .success(
                    ["PolicyName": .string(policy.logicalId), "PolicyArn": .string(arn), "PolicyDocument": document])
            case .unresolvable(let reason):
                return .failure(Reason(text: "managed policy \(policy.logicalId): \(reason)"))
            }
        }
        let name = String(arn.split(separator: "/").last ?? "")
        if arn.contains(":iam::aws:policy/"), let text = BundledPolicies.json(named: name),
            let document = try? JSONParser.parseDocument(Data(text.utf8), source: name, fix: "")
        {
            return .success(["PolicyName": .string(name), "PolicyArn": .string(arn), "PolicyDocument": document])
        }
        return .failure(
            Reason(
                text: "role \(role.logicalId) attaches the managed policy \(arn), which msk-esm does not know offline"))
    }

    /// `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources whose `Roles` name the role.
    func attachedPolicies(_ role: CloudFormationTemplate.Resource) -> Result<[JSONValue], Reason> {
        var policies: [JSONValue] = []
        for policy in policiesByRole[role.logicalId] ?? [] {
            if case .value(.bool(false)) = resolver.isCreated(policy) { continue }
            guard let node = policy.properties["PolicyDocument"] else { continue }
            switch resolver.resolve(node) {
            case .value(let document):
                var entry: [String: JSONValue] = [
                    "PolicyName": policy.properties["PolicyName"].flatMap { resolver.resolve($0).value }
                        ?? .string(policy.logicalId),
                    "PolicyDocument": document,
                ]
                if policy.type == "AWS::IAM::ManagedPolicy" {
                    entry["PolicyArn"] = resolver.standIn(policy, attribute: nil).value ?? .null
                }
                policies.append(.object(entry))
            case .unresolvable(let reason):
                return .failure(Reason(text: "policy \(policy.logicalId): \(reason)"))
            }
        }
        return .success(policies)
    }

    // MARK: The cluster

    /// `describe-cluster-v2`'s shape. Without `ClientAuthentication` a provisioned cluster allows
    /// unauthenticated access, and `EncryptionInTransit.ClientBroker` defaults to TLS
    /// (https://docs.aws.amazon.com/msk/1.0/apireference/clusters.html#clusters-model-encryptionintransit).
    func clusterDocument(_ resource: CloudFormationTemplate.Resource) -> TemplateResolution {
        let resolved = resolver.resolve(resource.properties)
        guard case .value(let properties) = resolved else { return resolved }
        let arn = resolver.standIn(resource, attribute: "Arn").value ?? .null
        let name = properties["ClusterName"] ?? .string(resource.logicalId)
        if resource.type == "AWS::MSK::ServerlessCluster" {
            let configs = (properties["VpcConfigs"]?.arrayValue ?? []).map { config -> JSONValue in
                ["SubnetIds": config["SubnetIds"] ?? [], "SecurityGroupIds": config["SecurityGroups"] ?? []]
            }
            return .value([
                "ClusterInfo": [
                    "ClusterType": "SERVERLESS", "ClusterArn": arn, "ClusterName": name, "State": "ACTIVE",
                    "Serverless": [
                        "VpcConfigs": .array(configs),
                        "ClientAuthentication": properties["ClientAuthentication"] ?? .null,
                    ],
                ]
            ])
        }
        var provisioned: [String: JSONValue] = [
            "BrokerNodeGroupInfo": properties["BrokerNodeGroupInfo"] ?? [:],
            "ClientAuthentication": properties["ClientAuthentication"] ?? ["Unauthenticated": ["Enabled": true]],
            "EncryptionInfo": properties["EncryptionInfo"] ?? [:],
            "NumberOfBrokerNodes": properties["NumberOfBrokerNodes"] ?? .null,
        ]
        if let version = properties["KafkaVersion"] {
            provisioned["CurrentBrokerSoftwareInfo"] = ["KafkaVersion": version]
        }
        if var encryption = provisioned["EncryptionInfo"]?.objectValue {
            var transit = encryption["EncryptionInTransit"]?.objectValue ?? [:]
            transit["ClientBroker"] = transit["ClientBroker"] ?? "TLS"
            transit["InCluster"] = transit["InCluster"] ?? true
            encryption["EncryptionInTransit"] = .object(transit)
            provisioned["EncryptionInfo"] = .object(encryption)
        }
        return .value([
            "ClusterInfo": [
                "ClusterType": "PROVISIONED", "ClusterArn": arn, "ClusterName": name, "State": "ACTIVE",
                "Provisioned": .object(provisioned),
            ]
        ])
    }

    // MARK: Security groups

    /// `describe-security-groups`' shape for the groups `ids` (stand-ins), with the template's standalone
    /// ingress and egress rules merged in. A group without `SecurityGroupEgress` allows all outbound traffic
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html).
    /// Fails when a group is not declared here or a rule does not resolve.
    func securityGroupsDocument(ids wanted: [String]) -> Result<(JSONValue, [String]), Reason> {
        let missing = wanted.filter { securityGroupsById[$0] == nil }
        if !missing.isEmpty {
            return .failure(
                Reason(
                    text:
                        "the security group \(missing.joined(separator: ", ")) is not declared in this \(template.noun)"
                ))
        }
        if wanted.isEmpty { return .failure(Reason(text: "the mapping names no security group")) }
        return securityGroups.map { ($0, wanted.compactMap { securityGroupsById[$0]?.logicalId }) }
    }

    /// `describe-security-groups`' output for `groups`, with the rules the template declares apart.
    func securityGroupsDocument(of groups: [CloudFormationTemplate.Resource]) -> Result<JSONValue, Reason> {
        var documents: [JSONValue] = []
        // The standalone rules, found once: a plan may hold thousands of groups.
        let rules = template.resources.filter {
            $0.type == "AWS::EC2::SecurityGroupIngress" || $0.type == "AWS::EC2::SecurityGroupEgress"
        }
        for group in groups {
            guard let id = resolver.standIn(group, attribute: "GroupId").value?.stringValue else { continue }
            let resolved = resolver.resolve(group.properties)
            guard case .value(let properties) = resolved else {
                return .failure(Reason(text: "security group \(group.logicalId): \(resolved.reason ?? "")"))
            }
            var ingress = (properties["SecurityGroupIngress"]?.arrayValue ?? []).map(Self.permission)
            var egress =
                properties["SecurityGroupEgress"].map { ($0.arrayValue ?? []).map(Self.permission) }
                ?? [["IpProtocol": "-1", "IpRanges": [["CidrIp": "0.0.0.0/0"]]]]
            for rule in rules {
                guard let target = rule.properties["GroupId"],
                    referencedResources(target, types: ["AWS::EC2::SecurityGroup"]).contains(where: {
                        $0.logicalId == group.logicalId
                    })
                else { continue }
                let resolvedRule = resolver.resolve(rule.properties)
                guard case .value(let ruleProperties) = resolvedRule else {
                    return .failure(Reason(text: "rule \(rule.logicalId): \(resolvedRule.reason ?? "")"))
                }
                if rule.type == "AWS::EC2::SecurityGroupIngress" {
                    ingress.append(Self.permission(ruleProperties))
                } else {
                    egress.append(Self.permission(ruleProperties))
                }
            }
            documents.append([
                "GroupId": .string(id), "GroupName": properties["GroupName"] ?? .string(group.logicalId),
                "VpcId": properties["VpcId"] ?? "vpc-template", "Description": properties["GroupDescription"] ?? "",
                "IpPermissions": .array(ingress), "IpPermissionsEgress": .array(egress),
            ])
        }
        return .success(["SecurityGroups": .array(documents)])
    }

    /// A CloudFormation rule (`CidrIp`, `SourceSecurityGroupId`, …) as an EC2 `IpPermission`.
    static func permission(_ rule: JSONValue) -> JSONValue {
        var permission: [String: JSONValue] = ["IpProtocol": .string(Self.text(rule["IpProtocol"]) ?? "-1")]
        if let from = rule["FromPort"] { permission["FromPort"] = Self.number(from) }
        if let to = rule["ToPort"] { permission["ToPort"] = Self.number(to) }
        if let cidr = rule["CidrIp"] { permission["IpRanges"] = [["CidrIp": cidr]] }
        if let cidr = rule["CidrIpv6"] { permission["Ipv6Ranges"] = [["CidrIpv6": cidr]] }
        if let group = rule["SourceSecurityGroupId"] ?? rule["DestinationSecurityGroupId"] {
            permission["UserIdGroupPairs"] = [["GroupId": group]]
        }
        if let list = rule["SourcePrefixListId"] ?? rule["DestinationPrefixListId"] {
            permission["PrefixListIds"] = [["PrefixListId": list]]
        }
        return .object(permission)
    }

    /// The properties CloudFormation accepts as strings where the API wants a number or a boolean.
    static let numericProperties: Set<String> = [
        "BatchSize", "MaximumBatchingWindowInSeconds", "ParallelizationFactor", "MaximumRecordAgeInSeconds",
        "MaximumRetryAttempts", "TumblingWindowInSeconds", "StartingPositionTimestamp", "MinimumPollers",
        "MaximumPollers", "Timeout", "MemorySize",
    ]
    static let booleanProperties: Set<String> = ["Enabled", "BisectBatchOnFunctionError"]

    /// `value` with numeric and boolean strings of the properties above as numbers and booleans, recursively.
    static func coerced(_ value: JSONValue, key: String) -> JSONValue {
        switch value {
        case .string(let text) where numericProperties.contains(key):
            return Double(text).map(JSONValue.number) ?? value
        case .string(let text) where booleanProperties.contains(key):
            return ["true": true, "false": false][text.lowercased()].map(JSONValue.bool) ?? value
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key, coerced($0.value, key: $0.key)) }))
        default:
            return value
        }
    }

    static func text(_ value: JSONValue?) -> String? {
        value.flatMap { TemplateResolver.scalarText($0) }
    }

    static func number(_ value: JSONValue) -> JSONValue {
        if let text = value.stringValue, let number = Double(text) { return .number(number) }
        return value
    }
}
