import Foundation

/// One read of a mapping's environment: the AWS call with its argument, the snapshot part its output fills, and
/// its label — the `<service>.<Operation>` key under a snapshot's `Errors` and in the caller's IAM fixes (ACC001).
package struct SnapshotRead: Hashable, Sendable, CustomStringConvertible {
    /// The call and its argument; the AWS layer maps each case to one client call.
    package enum Call: Hashable, Sendable {
        case getFunctionConfiguration(functionArn: String)
        /// `GetMetricData` of these queries (``MappingMetricCatalogue/queries(for:)``: the mapping's own metrics,
        /// and the function's `OffsetLag` when the mapping publishes no lag of its own), over the run's window.
        case getMetricData(queries: [MetricQuery])
        case getRole(roleName: String)
        case listRolePolicies(roleName: String)
        case getRolePolicy(roleName: String, policyName: String)
        case listAttachedRolePolicies(roleName: String)
        case getPolicy(policyArn: String)
        case getPolicyVersion(policyArn: String, versionId: String)
        case describeVpcConnection(arn: String)
        case describeClusterV2(clusterArn: String)
        case getBootstrapBrokers(clusterArn: String)
        case listScramSecrets(clusterArn: String)
        /// One of the mapping's topics, on an MSK Provisioned cluster that answers the topic APIs
        /// (``TopicReadSupport``).
        case describeTopic(clusterArn: String, topicName: String)
        case describeSubnets(subnetIds: [String])
        /// By id, when the VPC is unknown (the subnets could not be read).
        case describeSecurityGroups(groupIds: [String])
        /// Every group of the VPC: the mapping's and those of its VPC endpoints (NET007).
        case describeSecurityGroupsOfVpc(vpcId: String)
        case describeRouteTables(vpcId: String)
        case describeNatGateways(vpcId: String)
        case describeVpcEndpoints(vpcId: String)
        case describeSecret(secretArn: String)
        case getSecretValue(secretArn: String)
        case describeKey(keyId: String)
    }

    package let call: Call

    package init(_ call: Call) { self.call = call }

    /// `<service>.<Operation>`, as under `Errors` (``SnapshotPart/calls``).
    package var label: String {
        switch call {
        case .getFunctionConfiguration: "lambda.GetFunctionConfiguration"
        case .getMetricData: "cloudwatch.GetMetricData"
        case .getRole: "iam.GetRole"
        case .listRolePolicies: "iam.ListRolePolicies"
        case .getRolePolicy: "iam.GetRolePolicy"
        case .listAttachedRolePolicies: "iam.ListAttachedRolePolicies"
        case .getPolicy: "iam.GetPolicy"
        case .getPolicyVersion: "iam.GetPolicyVersion"
        case .describeVpcConnection: "kafka.DescribeVpcConnection"
        case .describeClusterV2: "kafka.DescribeClusterV2"
        case .getBootstrapBrokers: "kafka.GetBootstrapBrokers"
        case .listScramSecrets: "kafka.ListScramSecrets"
        case .describeTopic: "kafka.DescribeTopic"
        case .describeSubnets: "ec2.DescribeSubnets"
        case .describeSecurityGroups, .describeSecurityGroupsOfVpc: "ec2.DescribeSecurityGroups"
        case .describeRouteTables: "ec2.DescribeRouteTables"
        case .describeNatGateways: "ec2.DescribeNatGateways"
        case .describeVpcEndpoints: "ec2.DescribeVpcEndpoints"
        case .describeSecret: "secretsmanager.DescribeSecret"
        case .getSecretValue: "secretsmanager.GetSecretValue"
        case .describeKey: "kms.DescribeKey"
        }
    }

    /// The snapshot parts the output goes to (a managed policy may be an identity policy and the boundary).
    package var parts: [SnapshotPart] {
        switch call {
        case .getFunctionConfiguration: [.function]
        case .getMetricData: [.metricData, .metrics]
        case .getRole: [.role]
        case .listRolePolicies, .getRolePolicy, .listAttachedRolePolicies: [.rolePolicies]
        case .getPolicy, .getPolicyVersion: [.rolePolicies, .permissionsBoundary]
        case .describeVpcConnection: [.vpcConnection]
        case .describeClusterV2: [.cluster]
        case .getBootstrapBrokers: [.bootstrapBrokers]
        case .listScramSecrets: [.scramSecrets]
        case .describeTopic: [.topics]
        case .describeSubnets: [.subnets]
        case .describeSecurityGroups, .describeSecurityGroupsOfVpc: [.securityGroups]
        case .describeRouteTables: [.routeTables]
        case .describeNatGateways: [.natGateways]
        case .describeVpcEndpoints: [.vpcEndpoints]
        case .describeSecret, .getSecretValue: [.secrets]
        case .describeKey: [.kmsKeys]
        }
    }

    /// The argument, for a cache of reads shared by several mappings (with the label).
    package var key: String {
        switch call {
        case .getFunctionConfiguration(let arn): arn
        case .getMetricData(let queries): queries.map(\.key).joined(separator: " ")
        case .getRole(let role), .listRolePolicies(let role), .listAttachedRolePolicies(let role): role
        case .getRolePolicy(let role, let policy): role + "|" + policy
        case .getPolicy(let arn): arn
        case .getPolicyVersion(let arn, let version): arn + "|" + version
        case .describeTopic(let arn, let topic): arn + "|" + topic
        case .describeVpcConnection(let arn), .describeClusterV2(let arn), .getBootstrapBrokers(let arn),
            .listScramSecrets(let arn):
            arn
        case .describeSubnets(let ids): ids.sorted().joined(separator: ",")
        case .describeSecurityGroups(let ids): "group-id=" + ids.sorted().joined(separator: ",")
        case .describeSecurityGroupsOfVpc(let vpc), .describeRouteTables(let vpc), .describeNatGateways(let vpc),
            .describeVpcEndpoints(let vpc):
            "vpc-id=" + vpc
        case .describeSecret(let arn), .getSecretValue(let arn): arn
        case .describeKey(let id): id
        }
    }

    package var description: String { "\(label)(\(key))" }
}

/// What a mapping depends on, and how to read it: the core's single answer to "which parts of the environment
/// does this mapping need, which call reads each, and with what argument". The AWS layer asks ``reads(after:)``
/// for the reads whose inputs are known, performs them, and hands every output back; ``parts(from:)`` makes the
/// snapshot's parts of them. The subnets, groups, cluster, secrets and keys come from the same facts the
/// doctor's checks use (`MappingFacts`).
package struct MappingReadPlan: Sendable {
    /// The mapping (`get-event-source-mapping` output, or the one a create/update request would make).
    package let mapping: JSONValue
    /// Read the metrics (an existing mapping): its own per `MetricsConfig`, else the function's OffsetLag.
    package var readsMetrics: Bool
    /// Read the secrets' values (GetSecretValue).
    package var readsSecretValues: Bool
    /// Keep the values read as `SecretString` (`snapshot --include-secrets`, or in memory for the doctor).
    package var keepsSecretValues: Bool
    /// Store each value's `Analysis` (the `secret validate --output json` document, `SecretAnalysis`),
    /// judged at this instant, so that a snapshot without the values stays diagnosable; nil for none.
    package var analysesSecretsAt: Date?

    /// When a key is not named, Secrets Manager encrypts with the AWS-managed default key (SEC017 needs it).
    package static let defaultSecretKey = "alias/aws/secretsmanager"

    /// Reads the secrets' values when they are kept or analysed.
    package init(
        mapping: JSONValue, readsMetrics: Bool, keepsSecretValues: Bool = false, analysesSecretsAt: Date? = nil
    ) {
        self.mapping = mapping
        self.readsMetrics = readsMetrics
        self.readsSecretValues = keepsSecretValues || analysesSecretsAt != nil
        self.keepsSecretValues = keepsSecretValues
        self.analysesSecretsAt = analysesSecretsAt
    }

    /// Every part a plan may fill, for the contract test against the AWS layer.
    package static let declaredParts: Set<SnapshotPart> = Set(SnapshotPart.allCases).subtracting([.eventSourceMapping])

    /// The outputs so far: a read that was made maps to its output, or to nil when it failed.
    package typealias Outputs = [SnapshotRead: JSONValue?]

    /// Every read whose inputs `outputs` holds (made or not): the caller makes those it has not made yet.
    package func reads(after outputs: Outputs) -> [SnapshotRead] {
        var reads: [SnapshotRead] = []
        func output(_ call: SnapshotRead.Call) -> JSONValue? { outputs[SnapshotRead(call)] ?? nil }
        func done(_ call: SnapshotRead.Call) -> Bool { outputs[SnapshotRead(call)] != nil }
        let typed = MappingFacts.typedMapping(mapping)

        // The function, its role and policies, the metric.
        if let functionArn = mapping["FunctionArn"]?.stringValue {
            reads.append(SnapshotRead(.getFunctionConfiguration(functionArn: functionArn)))
            if let read = metricsRead { reads.append(read) }
            if let roleArn = output(.getFunctionConfiguration(functionArn: functionArn))?["Role"]?.stringValue {
                let role = MappingFacts.roleName(ofArn: roleArn)
                reads += [
                    .getRole(roleName: role), .listRolePolicies(roleName: role),
                    .listAttachedRolePolicies(roleName: role),
                ].map(SnapshotRead.init)
                var managed: [String] = []
                if let boundary = output(.getRole(roleName: role))?["Role"]?["PermissionsBoundary"]?[
                    "PermissionsBoundaryArn"]?.stringValue
                {
                    managed.append(boundary)
                }
                for name in strings(output(.listRolePolicies(roleName: role))?["PolicyNames"]) {
                    reads.append(SnapshotRead(.getRolePolicy(roleName: role, policyName: name)))
                }
                for attached in output(.listAttachedRolePolicies(roleName: role))?["AttachedPolicies"]?.arrayValue ?? []
                {
                    if let arn = attached["PolicyArn"]?.stringValue { managed.append(arn) }
                }
                for arn in managed {
                    reads.append(SnapshotRead(.getPolicy(policyArn: arn)))
                    if let version = output(.getPolicy(policyArn: arn))?["Policy"]?["DefaultVersionId"]?.stringValue {
                        reads.append(SnapshotRead(.getPolicyVersion(policyArn: arn, versionId: version)))
                    }
                }
            }
        }

        // The source: the VPC connection (cross-account), the cluster, its brokers and SCRAM secrets.
        let source = mapping["EventSourceArn"]?.stringValue
        var connection: VpcConnection?
        var clusterArn: String?
        if let source, MappingFacts.isVpcConnectionArn(source) {
            reads.append(SnapshotRead(.describeVpcConnection(arn: source)))
            connection = output(.describeVpcConnection(arn: source)).flatMap(MappingFacts.typedVpcConnection)
            clusterArn = connection?.targetClusterArn
        } else if let source, source.contains(":kafka:") {
            clusterArn = source
        }
        var cluster: KafkaCluster?
        if let clusterArn {
            reads += [
                .describeClusterV2(clusterArn: clusterArn), .getBootstrapBrokers(clusterArn: clusterArn),
                .listScramSecrets(clusterArn: clusterArn),
            ].map(SnapshotRead.init)
            cluster = output(.describeClusterV2(clusterArn: clusterArn)).flatMap(MappingFacts.typedCluster)
            // The topics, where the MSK topic APIs answer (a provisioned, ACTIVE cluster on Kafka 3.6.0 or later).
            if cluster != nil, connection == nil,
                TopicReadSupport.skipReason(eventSourceArn: source, cluster: cluster) == nil
            {
                for topic in strings(mapping["Topics"]) {
                    reads.append(SnapshotRead(.describeTopic(clusterArn: clusterArn, topicName: topic)))
                }
            }
        }

        // The network: the subnets, then everything of their VPC; the groups by id when the VPC is unknown.
        let networkKnown = clusterArn == nil || cluster != nil || connection != nil
        if let typed, networkKnown {
            let subnets = MappingFacts.subnetIds(mapping: typed, cluster: cluster, vpcConnection: connection)
            let groups = MappingFacts.securityGroupIds(mapping: typed, cluster: cluster, vpcConnection: connection)
            let vpc: String?
            if !subnets.isEmpty {
                let described = SnapshotRead.Call.describeSubnets(subnetIds: subnets)
                reads.append(SnapshotRead(described))
                vpc = output(described)?["Subnets"]?.arrayValue?.first?["VpcId"]?.stringValue
                if let vpc {
                    reads += [
                        .describeSecurityGroupsOfVpc(vpcId: vpc), .describeRouteTables(vpcId: vpc),
                        .describeNatGateways(vpcId: vpc), .describeVpcEndpoints(vpcId: vpc),
                    ].map(SnapshotRead.init)
                } else if done(described), !groups.isEmpty {
                    reads.append(SnapshotRead(.describeSecurityGroups(groupIds: groups)))
                }
            } else if !groups.isEmpty {
                reads.append(SnapshotRead(.describeSecurityGroups(groupIds: groups)))
            }
        }

        // The secrets and their KMS keys.
        for arn in MappingFacts.secretsToRead(mapping) {
            reads.append(SnapshotRead(.describeSecret(secretArn: arn)))
            if readsSecretValues { reads.append(SnapshotRead(.getSecretValue(secretArn: arn))) }
            if let describe = output(.describeSecret(secretArn: arn)) {
                reads.append(
                    SnapshotRead(.describeKey(keyId: describe["KmsKeyId"]?.stringValue ?? Self.defaultSecretKey)))
            }
        }
        // The customer managed key of the filter criteria, whose state FilterCriteriaCheck judges (FLT006).
        if let key = mapping["KMSKeyArn"]?.stringValue, !key.isEmpty,
            !reads.contains(SnapshotRead(.describeKey(keyId: key)))
        {
            reads.append(SnapshotRead(.describeKey(keyId: key)))
        }
        return reads
    }

    /// The snapshot parts made of the outputs (every member but `SnapshotVersion`, `Region`, `CapturedAt`,
    /// `EventSourceMapping` and `Errors`). A secret's value is kept as `SecretString` only when asked to, and
    /// analysed by the core when asked to.
    package func parts(from outputs: Outputs) -> [String: JSONValue] {
        var parts: [String: JSONValue] = [:]
        var policies: [JSONValue] = []
        var secrets: [String: [String: JSONValue]] = [:]
        var keys: [String: JSONValue] = [:]
        var topics: [String: JSONValue] = [:]
        let reads = self.reads(after: outputs)
        func output(_ call: SnapshotRead.Call) -> JSONValue? { outputs[SnapshotRead(call)] ?? nil }
        func managedDocument(_ arn: String) -> JSONValue? {
            guard let version = output(.getPolicy(policyArn: arn))?["Policy"]?["DefaultVersionId"]?.stringValue
            else { return nil }
            return output(.getPolicyVersion(policyArn: arn, versionId: version))?["PolicyVersion"]?["Document"]
        }
        for read in reads {
            guard let value = output(read.call) else { continue }
            switch read.call {
            case .getFunctionConfiguration: parts["Function"] = value
            case .getMetricData:
                parts["MetricData"] = value
                // The function's OffsetLag also where earlier readers of version 1 look for it.
                if let lag = Self.functionOffsetLag(value) { parts["Metrics"] = ["OffsetLag": lag] }
            case .getRole:
                parts["Role"] = value
                if let boundary = value["Role"]?["PermissionsBoundary"]?["PermissionsBoundaryArn"]?.stringValue,
                    let document = managedDocument(boundary)
                {
                    parts["PermissionsBoundary"] = ["PolicyArn": .string(boundary), "PolicyDocument": document]
                }
            case .getRolePolicy(_, let name):
                policies.append(["PolicyName": .string(name), "PolicyDocument": value["PolicyDocument"] ?? .null])
            case .listAttachedRolePolicies:
                for attached in value["AttachedPolicies"]?.arrayValue ?? [] {
                    guard let arn = attached["PolicyArn"]?.stringValue, let document = managedDocument(arn) else {
                        continue
                    }
                    policies.append([
                        "PolicyName": attached["PolicyName"] ?? .null, "PolicyArn": .string(arn),
                        "PolicyDocument": document,
                    ])
                }
            case .listRolePolicies, .getPolicy, .getPolicyVersion: break
            case .describeVpcConnection: parts["VpcConnection"] = value
            case .describeClusterV2: parts["Cluster"] = value
            case .getBootstrapBrokers: parts["BootstrapBrokers"] = value
            case .listScramSecrets: parts["ScramSecrets"] = value
            case .describeTopic(_, let topic): topics[topic] = value
            case .describeSubnets: parts["Subnets"] = value
            case .describeSecurityGroups, .describeSecurityGroupsOfVpc: parts["SecurityGroups"] = value
            case .describeRouteTables: parts["RouteTables"] = value
            case .describeNatGateways: parts["NatGateways"] = value
            case .describeVpcEndpoints: parts["VpcEndpoints"] = value
            case .describeSecret(let arn): secrets[arn, default: [:]]["Describe"] = value
            case .getSecretValue(let arn):
                guard let text = value["SecretString"]?.stringValue else { break }
                if keepsSecretValues { secrets[arn, default: [:]]["SecretString"] = .string(text) }
                if let now = analysesSecretsAt {
                    secrets[arn, default: [:]]["Analysis"] = SecretAnalysis.analyze(
                        secretString: text, arn: arn, mapping: mapping, now: now)
                }
            case .describeKey(let id): keys[value["KeyMetadata"]?["Arn"]?.stringValue ?? id] = value
            }
        }
        // A secret is listed even when it could not be described (its Errors entry says why).
        for arn in MappingFacts.secretsToRead(mapping)
        where outputs[SnapshotRead(.describeSecret(secretArn: arn))] != nil {
            secrets[arn, default: [:]] = secrets[arn] ?? [:]
        }
        if !policies.isEmpty {
            // Stable order: inline policies by name, then managed ones by name.
            parts["RolePolicies"] = .array(
                policies.sorted {
                    let left = ($0["PolicyArn"] == nil ? "0" : "1") + ($0["PolicyName"]?.stringValue ?? "")
                    let right = ($1["PolicyArn"] == nil ? "0" : "1") + ($1["PolicyName"]?.stringValue ?? "")
                    return left < right
                })
        }
        if !secrets.isEmpty { parts["Secrets"] = .object(secrets.mapValues { .object($0) }) }
        if !keys.isEmpty { parts["KmsKeys"] = .object(keys) }
        if !topics.isEmpty { parts["Topics"] = .object(topics) }
        return parts
    }

    /// The metrics read of the mapping, when it reads metrics: it depends on the mapping alone, so a fleet can
    /// make all of them at once (in GetMetricData calls of up to 500 queries) before the mappings are gathered.
    package var metricsRead: SnapshotRead? {
        guard readsMetrics else { return nil }
        let queries = MappingMetricCatalogue.queries(for: mapping)
        return queries.isEmpty ? nil : SnapshotRead(.getMetricData(queries: queries))
    }

    /// The function's `OffsetLag` series of a `MetricData` document as a GetMetricData output (`Metrics.OffsetLag`).
    static func functionOffsetLag(_ metricData: JSONValue) -> JSONValue? {
        guard
            let series = metricData["Series"]?.arrayValue?.first(where: {
                $0["MetricName"]?.stringValue == "OffsetLag"
                    && $0["Dimensions"]?.arrayValue?.first?["Name"]?.stringValue
                        == MappingMetricCatalogue.functionDimension
            })
        else { return nil }
        return [
            "MetricDataResults": [
                [
                    "Id": "offsetLag", "Label": "OffsetLag", "Timestamps": series["Timestamps"] ?? [],
                    "Values": series["Values"] ?? [], "StatusCode": series["StatusCode"] ?? "Complete",
                ]
            ]
        ]
    }

    func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
}
