import Foundation

/// A CloudFormation (or SAM) template read into what the linter needs: its parameters, mappings, conditions
/// and resources, each resource with its logical id, type, properties and position
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html).
public struct CloudFormationTemplate: Sendable {
    /// A declared parameter: its type and default
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html).
    public struct Parameter: Sendable {
        /// The parameter's name.
        public var name: String
        /// `Type`, e.g. `String`, `Number`, `CommaDelimitedList`, `List<AWS::EC2::Subnet::Id>`.
        public var type: String
        /// `Default`, as written (a string or a number).
        public var defaultValue: JSONValue?
        /// Whether the type's value is a list (`CommaDelimitedList`, `List<…>`).
        public var isList: Bool { type == "CommaDelimitedList" || type.hasPrefix("List<") }
        /// Whether CloudFormation reads the value from Systems Manager at deployment (never known offline).
        public var isSSMParameter: Bool { type.hasPrefix("AWS::SSM::Parameter::Value<") }
    }

    /// A resource: `Type`, `Properties`, `Condition`, and where its logical id stands in the file.
    public struct Resource: Sendable {
        /// The logical id.
        public var logicalId: String
        /// `Type`, e.g. `AWS::Lambda::EventSourceMapping`.
        public var type: String
        /// The whole resource node (`Type`, `Properties`, …).
        public var node: TemplateNode
        /// `Condition`: the name of the condition that decides whether the resource is created.
        public var condition: String?
        /// For a resource a SAM expansion made: the SAM resource it came from and the path under it
        /// (`Consumer.Properties.Events.Orders`).
        public var generatedFrom: String?
        /// For a resource a SAM expansion made: the SAM resource's node as written, for locations.
        public var sourceNode: TemplateNode?

        /// `Properties`, or an empty object.
        public var properties: TemplateNode { node["Properties"] ?? TemplateNode(.object([]), at: node.position) }

        /// The position of the resource's node.
        public var position: TemplatePosition? { node.position }

        /// The CDK construct path the CDK writes into every resource it synthesises, `Metadata["aws:cdk:path"]`
        /// (https://docs.aws.amazon.com/cdk/v2/guide/cli.html: `--path-metadata`, on by default); nil for a
        /// template not synthesised by the CDK.
        public var constructPath: String? { node["Metadata"]?["aws:cdk:path"]?.stringValue }

        /// Values of `Ref` (key `Ref`) and `Fn::GetAtt` attributes that are already known: a Terraform plan holds
        /// the id and ARN of every resource it does not create. They win over the stand-ins.
        public var knownAttributes: [String: JSONValue] = [:]
    }

    /// Where the template came from (a path), for findings.
    public var source: String
    /// `Transform` as one list (`AWS::Serverless-2016-10-31`, …).
    public var transforms: [String]
    /// `Parameters`, by name.
    public var parameters: [String: Parameter]
    /// `Mappings`: map name → top-level key → second-level key → value.
    public var mappings: [String: JSONValue]
    /// `Conditions`: name → condition node.
    public var conditions: [String: TemplateNode]
    /// Every resource, in file order.
    public var resources: [Resource] { didSet { indexResources() } }
    /// Position in `resources` by logical id: rules look resources up by id for every finding.
    private var resourceIndex: [String: Int] = [:]
    /// `Globals` of a SAM template.
    public var globals: TemplateNode?
    /// Whether the resources were read from a Terraform plan (``TerraformPlan``): logical ids are resource
    /// addresses, and fixes are edits of the HCL configuration.
    public var isTerraformPlan = false
    /// For a Terraform plan: each resource address's provider type (`aws_lambda_event_source_mapping`).
    public var terraformTypes: [String: String] = [:]
    /// What the file is called in messages: `template`, or `plan` for a Terraform plan.
    public var noun: String { isTerraformPlan ? "plan" : "template" }

    /// Whether the template is a SAM template (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy.html).
    public var isSAM: Bool { transforms.contains(SAMExpansion.transform) }

    /// Whether the CDK synthesised the template: a resource carries a construct path, or the template declares
    /// the CDK's `AWS::CDK::Metadata` resource. Such a file is generated: findings name the construct path.
    public var isCDKOutput: Bool {
        resources.contains { $0.constructPath != nil || $0.type == "AWS::CDK::Metadata" }
    }

    /// The resource with logical id `id`.
    public func resource(_ id: String) -> Resource? { resourceIndex[id].map { resources[$0] } }

    private mutating func indexResources() {
        resourceIndex = [:]
        for (index, resource) in resources.enumerated() where resourceIndex[resource.logicalId] == nil {
            resourceIndex[resource.logicalId] = index
        }
    }

    /// Reads a template from its root node.
    /// - Throws: a usage error (exit 2) when the root is not an object or there is no `Resources` object.
    public init(root: TemplateNode, source: String) throws {
        self.source = source
        guard root.members != nil else {
            throw ToolError.usage(
                "not a CloudFormation template: the document is not an object", input: source,
                fix: "give a template (JSON or YAML) with a Resources section")
        }
        guard let resourcesNode = root["Resources"], let resourceMembers = resourcesNode.members else {
            throw ToolError.usage(
                "not a CloudFormation template: no Resources object", input: source,
                fix: "give a template (JSON or YAML) with a Resources section")
        }
        switch root["Transform"]?.value {
        case .string(let name): transforms = [name]
        case .array(let names): transforms = names.compactMap(\.stringValue)
        default: transforms = []
        }
        var parameters: [String: Parameter] = [:]
        for (name, definition) in root["Parameters"]?.members ?? [] {
            parameters[name] = Parameter(
                name: name, type: definition["Type"]?.stringValue ?? "String", defaultValue: definition["Default"]?.json
            )
        }
        self.parameters = parameters
        globals = root["Globals"]
        mappings = Dictionary(
            (root["Mappings"]?.members ?? []).map { ($0.key, $0.value.json) }, uniquingKeysWith: { first, _ in first })
        conditions = Dictionary(
            (root["Conditions"]?.members ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        resources = resourceMembers.map { id, node in
            Resource(
                logicalId: id, type: node["Type"]?.stringValue ?? "", node: node,
                condition: node["Condition"]?.stringValue)
        }
        indexResources()
    }
}

/// The parameter values a lint run resolves `Ref`s to: `--parameter KEY=VALUE` and `--parameters-file`, over
/// the templates' defaults. Pseudo parameters (`AWS::Region`, `AWS::AccountId`, …) may be given the same way.
public struct TemplateParameterValues: Sendable, Equatable {
    /// Values by parameter name, as strings (a list parameter's value is comma-separated, as CloudFormation
    /// takes it).
    public var values: [String: String]

    /// Values by name.
    public init(_ values: [String: String] = [:]) { self.values = values }

    /// `KEY=VALUE` (the first `=` separates).
    /// - Throws: a usage error for text without `=` or with an empty key.
    public mutating func add(assignment: String) throws {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw ToolError.usage(
                "--parameter takes KEY=VALUE, not \(assignment.debugDescription)", input: "--parameter",
                fix: "write e.g. --parameter Environment=prod")
        }
        values[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
    }

    /// A parameters file in any of the shapes the AWS tools write: the CLI's `[{"ParameterKey", "ParameterValue"}]`
    /// (https://docs.aws.amazon.com/cli/latest/reference/cloudformation/create-stack.html), a CodePipeline
    /// template configuration `{"Parameters": {"K": "V"}}`
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/continuous-delivery-codepipeline-cfn-artifacts.html),
    /// or a plain object `{"K": "V"}`. Later values win over earlier ones.
    public mutating func add(file document: JSONValue, source: String) throws {
        // A list parameter's value is its items joined by commas, as CloudFormation takes it.
        func text(_ value: JSONValue) -> String? {
            if case .array(let items) = value { return items.compactMap(text).joined(separator: ",") }
            return TemplateResolver.scalarText(value)
        }
        let fix = "give [{\"ParameterKey\": …, \"ParameterValue\": …}] or {\"Parameters\": {\"KEY\": \"VALUE\"}}"
        if let entries = document.arrayValue {
            for entry in entries {
                guard let key = entry["ParameterKey"]?.stringValue, let value = entry["ParameterValue"].flatMap(text)
                else {
                    if entry["UsePreviousValue"] != nil { continue }
                    throw ToolError.usage("an entry without ParameterKey and ParameterValue", input: source, fix: fix)
                }
                values[key] = value
            }
        } else if let members = (document["Parameters"] ?? document).objectValue {
            for (key, value) in members {
                guard let value = text(value) else {
                    throw ToolError.usage("the value of \(key) is not a string or number", input: source, fix: fix)
                }
                values[key] = value
            }
        } else {
            throw ToolError.usage("not a parameters file", input: source, fix: fix)
        }
    }
}
