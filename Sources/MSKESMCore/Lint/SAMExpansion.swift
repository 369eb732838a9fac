import Foundation

/// The part of the SAM transform (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-msk.html,
/// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-selfmanagedkafka.html)
/// that Kafka mappings need, done as `aws-sam-translator` does it: each `AWS::Serverless::Function` becomes an
/// `AWS::Lambda::Function` (with `Globals.Function` merged in), its execution role is generated when it names
/// none (`<Function>Role`: AWSLambdaBasicExecutionRole, AWSLambdaVPCAccessExecutionRole with a VpcConfig, the
/// function's `Policies`, and each event's policy), and each `MSK` / `SelfManagedKafka` event becomes an
/// `AWS::Lambda::EventSourceMapping` named `<Function><Event>`. The committed outputs of the translator
/// (Tests/Fixtures/lint/sam-expected) are the oracle of this expansion. Other SAM resources and events are
/// left as they are.
public struct SAMExpansion: Sendable {
    /// The `Transform` value of a SAM template.
    public static let transform = "AWS::Serverless-2016-10-31"

    /// The marker of what the expansion does not do (a SAM policy template), which resolves to its reason.
    package static let unsupported = "Fn::MSKESMUnsupported"

    /// The expansion: it reads the template alone (the events it expands take no parameter values).
    public init() {}

    /// The event properties the translator copies onto the mapping, in its order.
    static let passThrough = [
        "StartingPosition", "StartingPositionTimestamp", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds",
        "MaximumRetryAttempts", "BisectBatchOnFunctionError", "MaximumRecordAgeInSeconds", "ParallelizationFactor",
        "Topics", "Queues", "SourceAccessConfigurations", "TumblingWindowInSeconds", "FunctionResponseTypes",
        "FilterCriteria", "KmsKeyArn", "ScalingConfig", "ProvisionedPollerConfig", "MetricsConfig", "LoggingConfig",
    ]

    /// The properties of `AWS::Serverless::Function` that `AWS::Lambda::Function` does not have.
    static let samOnlyFunctionProperties: Set<String> = [
        "Events", "Policies", "InlineCode", "CodeUri", "AutoPublishAlias", "AutoPublishCodeSha256",
        "DeploymentPreference",
        "PermissionsBoundary", "ProvisionedConcurrencyConfig", "FunctionUrlConfig", "EventInvokeConfig",
        "AssumeRolePolicyDocument", "RolePath", "VersionDescription", "AutoPublishAliasAllProperties",
    ]

    /// The template with its SAM functions expanded. Positions stay on the copied nodes; generated resources
    /// carry `generatedFrom` (`Function.Events.Name`, or `Function` for the role).
    public func expand(_ template: CloudFormationTemplate) -> CloudFormationTemplate {
        var expanded = template
        var resources: [CloudFormationTemplate.Resource] = []
        let globals = template.globalsFunction
        for resource in template.resources {
            guard resource.type == "AWS::Serverless::Function" else {
                resources.append(resource)
                continue
            }
            resources += expandFunction(resource, globals: globals)
        }
        expanded.resources = resources
        return expanded
    }

    func expandFunction(_ sam: CloudFormationTemplate.Resource, globals: TemplateNode?) -> [CloudFormationTemplate
        .Resource]
    {
        let id = sam.logicalId
        var properties = sam.properties.members ?? []
        for (key, value) in globals?.members ?? [] where !properties.contains(where: { $0.key == key }) {
            properties.append((key, value))
        }
        let samProperties = TemplateNode(.object(properties), at: sam.properties.position)
        var functionMembers = properties.filter { !Self.samOnlyFunctionProperties.contains($0.key) }
        let generatesRole = samProperties["Role"] == nil
        if generatesRole {
            functionMembers.append(("Role", TemplateNode(json: ["Fn::GetAtt": [.string(id + "Role"), "Arn"]])))
        }
        var functionNode = sam.node
        functionNode.value = .object(
            (sam.node.members ?? []).map { key, value in
                switch key {
                case "Type": return (key, TemplateNode(.string("AWS::Lambda::Function"), at: value.position))
                case "Properties": return (key, TemplateNode(.object(functionMembers), at: value.position))
                default: return (key, value)
                }
            })
        var output = [
            CloudFormationTemplate.Resource(
                logicalId: id, type: "AWS::Lambda::Function", node: functionNode, condition: sam.condition,
                sourceNode: sam.node)
        ]

        var managed: [JSONValue] = [Self.awsManaged("service-role/AWSLambdaBasicExecutionRole")]
        if samProperties["VpcConfig"] != nil {
            managed.append(Self.awsManaged("service-role/AWSLambdaVPCAccessExecutionRole"))
        }
        var policies: [TemplateNode] = []
        let functionPolicies: [TemplateNode] = samProperties["Policies"].map { $0.elements ?? [$0] } ?? []
        for (index, policy) in functionPolicies.enumerated() {
            if let name = policy.stringValue {
                managed.append(name.hasPrefix("arn:") ? .string(name) : Self.awsManaged(name))
            } else if policy["Statement"] != nil {
                policies.append(
                    TemplateNode(
                        .object([
                            ("PolicyDocument", policy),
                            ("PolicyName", TemplateNode(.string("\(id)RolePolicy\(index)"), at: policy.position)),
                        ]), at: policy.position))
            } else if policy["Ref"] != nil || policy["Fn::Sub"] != nil || policy["Fn::GetAtt"] != nil
                || policy["Fn::ImportValue"] != nil
            {
                managed.append(policy.json)
            } else {
                // A SAM policy template (SQSPollerPolicy, …): its statements are SAM's, not expanded here.
                policies.append(
                    TemplateNode(
                        .object([
                            ("PolicyName", TemplateNode(.string("\(id)RolePolicy\(index)"))),
                            (
                                "PolicyDocument",
                                TemplateNode(
                                    json: .object([
                                        Self.unsupported: .string(
                                            "the SAM policy template \(policy.members?.first?.key ?? "?") is not "
                                                + "expanded by msk-esm")
                                    ]))
                            ),
                        ])))
            }
        }

        for (eventName, event) in samProperties["Events"]?.members ?? [] {
            guard let type = event["Type"]?.stringValue, type == "MSK" || type == "SelfManagedKafka" else { continue }
            let eventProperties = event["Properties"] ?? TemplateNode(.object([]))
            let mappingId = id + eventName
            var mapping: [(key: String, value: TemplateNode)] = [
                ("FunctionName", TemplateNode(json: ["Ref": .string(id)]))
            ]
            if type == "MSK", let stream = eventProperties["Stream"] { mapping.append(("EventSourceArn", stream)) }
            for key in Self.passThrough {
                if let value = eventProperties[key] { mapping.append((key, value)) }
            }
            if let servers = eventProperties["KafkaBootstrapServers"] {
                mapping.append(
                    (
                        "SelfManagedEventSource",
                        TemplateNode(
                            .object([
                                (
                                    "Endpoints",
                                    TemplateNode(.object([("KafkaBootstrapServers", servers)]), at: servers.position)
                                )
                            ]), at: servers.position)
                    ))
            }
            if let group = eventProperties["ConsumerGroupId"] {
                let config = type == "MSK" ? "AmazonManagedKafkaEventSourceConfig" : "SelfManagedKafkaEventSourceConfig"
                mapping.append((config, TemplateNode(.object([("ConsumerGroupId", group)]), at: group.position)))
            }
            var destinationPolicy: TemplateNode?
            if let destination = eventProperties["DestinationConfig"] {
                var onFailure = destination["OnFailure"]?.members ?? []
                let kind = onFailure.first { $0.key == "Type" }?.value.stringValue
                onFailure.removeAll { $0.key == "Type" }
                let target = onFailure.first { $0.key == "Destination" }?.value.json ?? .null
                switch kind {
                case "SQS":
                    destinationPolicy = Self.policy(
                        mappingId + "SQSPolicy", [["Action": "sqs:SendMessage", "Effect": "Allow", "Resource": target]])
                case "SNS":
                    destinationPolicy = Self.policy(
                        mappingId + "SNSPolicy", [["Action": "sns:publish", "Effect": "Allow", "Resource": target]])
                case "S3":
                    destinationPolicy = Self.policy(
                        mappingId + "S3Policy",
                        [
                            [
                                "Action": "s3:PutObject", "Effect": "Allow",
                                "Resource": ["Fn::Join": ["/", [target, "*"]]],
                            ],
                            ["Action": "s3:ListBucket", "Effect": "Allow", "Resource": target],
                        ])
                default: break
                }
                var members = destination.members ?? []
                if let index = members.firstIndex(where: { $0.key == "OnFailure" }) {
                    members[index].value = TemplateNode(.object(onFailure), at: members[index].value.position)
                }
                mapping.append(("DestinationConfig", TemplateNode(.object(members), at: destination.position)))
            }
            let mappingNode = TemplateNode(
                .object([
                    ("Type", TemplateNode(.string("AWS::Lambda::EventSourceMapping"), at: event.position)),
                    ("Properties", TemplateNode(.object(mapping), at: eventProperties.position)),
                ]), at: event.position)
            output.append(
                CloudFormationTemplate.Resource(
                    logicalId: mappingId, type: "AWS::Lambda::EventSourceMapping", node: mappingNode,
                    condition: sam.condition, generatedFrom: "\(id).Properties.Events.\(eventName)",
                    sourceNode: sam.node))

            guard generatesRole else { continue }
            var eventPolicies: [TemplateNode] = []
            if type == "MSK" {
                let arn = Self.awsManaged("service-role/AWSLambdaMSKExecutionRole")
                if !managed.contains(arn) { managed.append(arn) }
                let certificates = (eventProperties["SourceAccessConfigurations"]?.elements ?? []).filter {
                    $0["Type"]?.stringValue == "CLIENT_CERTIFICATE_TLS_AUTH" && $0["URI"] != nil
                }
                let statements = certificates.map { configuration -> JSONValue in
                    [
                        "Action": ["secretsmanager:GetSecretValue"], "Effect": "Allow",
                        "Resource": configuration["URI"]?.json ?? .null,
                    ]
                }
                if !statements.isEmpty { eventPolicies.append(Self.policy("MSKExecutionRolePolicy", statements)) }
            } else {
                eventPolicies.append(selfManagedPolicy(eventProperties))
            }
            if let destinationPolicy { eventPolicies.append(destinationPolicy) }
            for policy in eventPolicies {
                let document = policy["PolicyDocument"]?.json
                if !policies.contains(where: { $0["PolicyDocument"]?.json == document }) { policies.append(policy) }
            }
        }

        if generatesRole {
            var role: [(key: String, value: TemplateNode)] = [
                (
                    "AssumeRolePolicyDocument",
                    samProperties["AssumeRolePolicyDocument"]
                        ?? TemplateNode(
                            json: [
                                "Version": "2012-10-17",
                                "Statement": [
                                    [
                                        "Action": ["sts:AssumeRole"], "Effect": "Allow",
                                        "Principal": ["Service": ["lambda.amazonaws.com"]],
                                    ]
                                ],
                            ])
                ),
                ("ManagedPolicyArns", TemplateNode(json: .array(managed))),
            ]
            if !policies.isEmpty { role.append(("Policies", TemplateNode(.array(policies)))) }
            if let boundary = samProperties["PermissionsBoundary"] { role.append(("PermissionsBoundary", boundary)) }
            output.insert(
                CloudFormationTemplate.Resource(
                    logicalId: id + "Role", type: "AWS::IAM::Role",
                    node: TemplateNode(
                        .object([
                            ("Type", TemplateNode(.string("AWS::IAM::Role"))),
                            ("Properties", TemplateNode(.object(role))),
                        ])), condition: sam.condition, generatedFrom: id, sourceNode: sam.node), at: 1)
        }
        return output
    }

    /// `SelfManagedKafkaExecutionRolePolicy` as the translator writes it: GetSecretValue on the authentication
    /// secret — twice when there is also a SERVER_ROOT_CA_CERTIFICATE, whose own secret it never grants (the
    /// translator reuses the first URI) — the VPC actions with VPC_SUBNET and VPC_SECURITY_GROUP, and
    /// kms:Decrypt for SecretsManagerKmsKeyId.
    func selfManagedPolicy(_ event: TemplateNode) -> TemplateNode {
        var authentication: JSONValue?
        var hasCertificate = false
        var subnet = false
        var group = false
        for configuration in event["SourceAccessConfigurations"]?.elements ?? [] {
            switch configuration["Type"]?.stringValue {
            case "VPC_SUBNET": subnet = true
            case "VPC_SECURITY_GROUP": group = true
            case "SERVER_ROOT_CA_CERTIFICATE": hasCertificate = true
            case "SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH":
                authentication = configuration["URI"]?.json
            default: break
            }
        }
        var statements: [JSONValue] = []
        let grant: JSONValue = [
            "Action": ["secretsmanager:GetSecretValue"], "Effect": "Allow", "Resource": authentication ?? .null,
        ]
        if authentication != nil { statements.append(grant) }
        if hasCertificate { statements.append(grant) }
        if subnet && group {
            statements.append([
                "Action": [
                    "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                    "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
                ],
                "Effect": "Allow", "Resource": "*",
            ])
        }
        if let key = event["SecretsManagerKmsKeyId"]?.stringValue {
            statements.append([
                "Action": ["kms:Decrypt"], "Effect": "Allow",
                "Resource": [
                    "Fn::Sub": .string("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + key)
                ],
            ])
        }
        return TemplateNode(
            json: [
                "PolicyName": "SelfManagedKafkaExecutionRolePolicy",
                "PolicyDocument": ["Statement": .array(statements), "Version": "2012-10-17"],
            ])
    }

    static func awsManaged(_ name: String) -> JSONValue {
        .string("arn:aws:iam::aws:policy/" + name)
    }

    static func policy(_ name: String, _ statements: [JSONValue]) -> TemplateNode {
        TemplateNode(json: ["PolicyName": .string(name), "PolicyDocument": ["Statement": .array(statements)]])
    }
}

extension CloudFormationTemplate {
    /// `Globals.Function` of a SAM template
    /// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html).
    var globalsFunction: TemplateNode? { globals?["Function"] }
}
