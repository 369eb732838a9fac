import Foundation

/// What resolving a template value gave: the value, or why it cannot be known before deployment. The linter
/// never guesses: a check that needs an unresolvable value is skipped with the reason.
public enum TemplateResolution: Sendable, Equatable {
    case value(JSONValue)
    /// The reason, e.g. "Fn::ImportValue SharedClusterArn is only known in the deployed account".
    case unresolvable(String)

    /// The value, or nil.
    public var value: JSONValue? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// The reason, or nil.
    public var reason: String? {
        if case .unresolvable(let reason) = self { return reason }
        return nil
    }
}

/// Resolves the intrinsic functions of a template
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html) to values
/// where the template and the given parameters determine them.
///
/// A `Ref` or `Fn::GetAtt` of a resource in the same template resolves to a stand-in that names the resource
/// (`arn:aws:kafka:{AWS_Region}:{AWS_AccountId}:cluster/Name/LogicalId-stand-in`, `sg-LogicalId`): not its deployed
/// value, but one that is equal wherever the template refers to the same resource and different for different
/// resources, which is all the doctor's rules compare. Attributes without such a stand-in, imports, SSM
/// parameters, parameters without a value, `Fn::GetAZs` and `Fn::Cidr` are unresolvable.
public struct TemplateResolver: Sendable {
    /// The template whose values are resolved.
    public let template: CloudFormationTemplate
    /// The parameter values given.
    public let parameters: TemplateParameterValues

    /// The element `AWS::NoValue` leaves out: a member or element resolving to it is dropped.
    static let noValue = JSONValue.string("\u{0}AWS::NoValue")

    /// A resolver of `template` with `parameters`.
    public init(template: CloudFormationTemplate, parameters: TemplateParameterValues) {
        self.template = template
        self.parameters = parameters
    }

    /// Resolves a whole value: every intrinsic function in it, recursively. Unresolvable if any part is,
    /// naming the part.
    public func resolve(_ node: TemplateNode) -> TemplateResolution {
        switch node.value {
        case .null: return .value(.null)
        case .bool(let flag): return .value(.bool(flag))
        case .number(let number): return .value(.number(number))
        case .string(let text): return .value(.string(text))
        case .array(let elements):
            var values: [JSONValue] = []
            for (index, element) in elements.enumerated() {
                switch resolve(element) {
                case .value(let value):
                    if value != Self.noValue { values.append(value) }
                case .unresolvable(let reason): return .unresolvable("[\(index)]: \(reason)")
                }
            }
            return .value(.array(values))
        case .object(let members):
            if members.count == 1, let function = members.first, Self.isIntrinsic(function.key) {
                return intrinsic(function.key, function.value)
            }
            var values: [String: JSONValue] = [:]
            for (key, member) in members {
                switch resolve(member) {
                case .value(let value):
                    if value != Self.noValue { values[key] = value }
                case .unresolvable(let reason): return .unresolvable("\(key): \(reason)")
                }
            }
            return .value(.object(values))
        }
    }

    static func isIntrinsic(_ key: String) -> Bool {
        key == "Ref" || key == "Condition" || key.hasPrefix("Fn::")
    }

    func intrinsic(_ name: String, _ argument: TemplateNode) -> TemplateResolution {
        switch name {
        case "Ref":
            guard let target = argument.stringValue else { return .unresolvable("Ref takes a name") }
            return ref(target)
        case "Fn::GetAtt":
            var parts: [String]
            if let text = argument.stringValue {
                parts = text.split(separator: ".", maxSplits: 1).map(String.init)
            } else {
                parts = (argument.elements ?? []).compactMap { resolve($0).value?.stringValue }
            }
            guard parts.count == 2 else { return .unresolvable("Fn::GetAtt takes [LogicalId, Attribute]") }
            return getAtt(parts[0], parts[1])
        case "Fn::Sub": return sub(argument)
        case "Fn::Join":
            guard let parts = argument.elements, parts.count == 2 else {
                return .unresolvable("Fn::Join takes [delimiter, [values]]")
            }
            guard case .value(.string(let delimiter)) = resolve(parts[0]) else {
                return .unresolvable("Fn::Join's delimiter is not a string")
            }
            switch resolve(parts[1]) {
            case .value(.array(let values)):
                var texts: [String] = []
                for value in values {
                    guard let text = Self.scalarText(value) else { return .unresolvable("Fn::Join of a non-string") }
                    texts.append(text)
                }
                return .value(.string(texts.joined(separator: delimiter)))
            case .value: return .unresolvable("Fn::Join's values are not a list")
            case .unresolvable(let reason): return .unresolvable(reason)
            }
        case "Fn::Select":
            guard let parts = argument.elements, parts.count == 2 else {
                return .unresolvable("Fn::Select takes [index, list]")
            }
            guard let indexValue = resolve(parts[0]).value,
                let index = indexValue.intValue ?? indexValue.stringValue.flatMap({ Int($0) })
            else { return .unresolvable("Fn::Select's index is not known") }
            switch resolve(parts[1]) {
            case .value(.array(let values)):
                guard values.indices.contains(index) else {
                    return .unresolvable("Fn::Select index \(index) is outside the list of \(values.count)")
                }
                return .value(values[index])
            case .value: return .unresolvable("Fn::Select of a non-list")
            case .unresolvable(let reason): return .unresolvable(reason)
            }
        case "Fn::Split":
            guard let parts = argument.elements, parts.count == 2 else {
                return .unresolvable("Fn::Split takes [delimiter, string]")
            }
            guard case .value(.string(let delimiter)) = resolve(parts[0]), !delimiter.isEmpty else {
                return .unresolvable("Fn::Split's delimiter is not a string")
            }
            switch resolve(parts[1]) {
            case .value(.string(let text)):
                return .value(.array(text.components(separatedBy: delimiter).map(JSONValue.string)))
            case .value: return .unresolvable("Fn::Split of a non-string")
            case .unresolvable(let reason): return .unresolvable(reason)
            }
        case "Fn::FindInMap":
            guard let parts = argument.elements, parts.count >= 3 else {
                return .unresolvable("Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]")
            }
            var keys: [String] = []
            for part in parts.prefix(3) {
                switch resolve(part) {
                case .value(let value):
                    guard let key = Self.scalarText(value) else { return .unresolvable("Fn::FindInMap key") }
                    keys.append(key)
                case .unresolvable(let reason): return .unresolvable(reason)
                }
            }
            guard let found = template.mappings[keys[0]]?[keys[1]]?[keys[2]] else {
                return .unresolvable("Fn::FindInMap \(keys.joined(separator: ".")) is not in Mappings")
            }
            return .value(found)
        case "Fn::If":
            guard let parts = argument.elements, parts.count == 3, let condition = parts[0].stringValue else {
                return .unresolvable("Fn::If takes [Condition, then, else]")
            }
            switch evaluate(condition: condition) {
            case .value(.bool(let holds)): return resolve(holds ? parts[1] : parts[2])
            case .value: return .unresolvable("condition \(condition) is not a boolean")
            case .unresolvable(let reason): return .unresolvable(reason)
            }
        case "Fn::Equals":
            guard let parts = argument.elements, parts.count == 2 else { return .unresolvable("Fn::Equals takes 2") }
            let left = resolve(parts[0])
            let right = resolve(parts[1])
            guard let a = left.value, let b = right.value else {
                return .unresolvable(left.reason ?? right.reason ?? "Fn::Equals")
            }
            return .value(.bool(Self.scalarText(a) ?? "\(a)" == Self.scalarText(b) ?? "\(b)"))
        case "Fn::And", "Fn::Or":
            var results: [Bool] = []
            for part in argument.elements ?? [] {
                switch resolve(part) {
                case .value(.bool(let flag)): results.append(flag)
                case .value: return .unresolvable("\(name) of a non-boolean")
                case .unresolvable(let reason): return .unresolvable(reason)
                }
            }
            return .value(.bool(name == "Fn::And" ? results.allSatisfy { $0 } : results.contains(true)))
        case "Fn::Not":
            guard let part = argument.elements?.first else { return .unresolvable("Fn::Not takes [condition]") }
            switch resolve(part) {
            case .value(.bool(let flag)): return .value(.bool(!flag))
            case .value: return .unresolvable("Fn::Not of a non-boolean")
            case .unresolvable(let reason): return .unresolvable(reason)
            }
        case "Condition":
            guard let condition = argument.stringValue else { return .unresolvable("Condition takes a name") }
            return evaluate(condition: condition)
        case "Fn::Base64":
            switch resolve(argument) {
            case .value(.string(let text)): return .value(.string(Data(text.utf8).base64EncodedString()))
            case .value: return .unresolvable("Fn::Base64 of a non-string")
            case .unresolvable(let reason): return .unresolvable(reason)
            }
        case "Fn::ImportValue":
            let name = resolve(argument).value.flatMap(Self.scalarText) ?? "(a computed name)"
            return .unresolvable("Fn::ImportValue \(name) is only known in the deployed account")
        case "Fn::GetAZs": return .unresolvable("Fn::GetAZs depends on the account and Region at deployment")
        case "Fn::Cidr": return .unresolvable("Fn::Cidr is not evaluated by msk-esm")
        case SAMExpansion.unsupported: return .unresolvable(argument.stringValue ?? name)
        default: return .unresolvable("\(name) is not evaluated by msk-esm")
        }
    }

    /// A condition of `Conditions`, evaluated.
    public func evaluate(condition name: String) -> TemplateResolution {
        guard let node = template.conditions[name] else { return .unresolvable("condition \(name) is not defined") }
        return resolve(node)
    }

    /// Whether a resource is created: true without a `Condition`, else the condition's value.
    public func isCreated(_ resource: CloudFormationTemplate.Resource) -> TemplateResolution {
        guard let condition = resource.condition else { return .value(.bool(true)) }
        return evaluate(condition: condition)
    }

    /// The symbolic stand-in of a pseudo parameter: `AWS::Region` → `{AWS_Region}`.
    public static func symbol(_ pseudoParameter: String) -> String {
        // Without Foundation's `replacingOccurrences`, which bridges to NSString: this runs for every stand-in
        // ARN, and took 5 % of linting a 500-resource template (Benchmarks/cases/lint-500.sh).
        // Each "::", left to right, becomes "_".
        var symbol = "{"
        var pendingColon = false
        for character in pseudoParameter {
            if character == ":" {
                if pendingColon { symbol.append("_") }
                pendingColon.toggle()
                continue
            }
            if pendingColon { symbol.append(":") }
            pendingColon = false
            symbol.append(character)
        }
        if pendingColon { symbol.append(":") }
        return symbol + "}"
    }

    /// The pseudo parameters that stay symbolic unless given.
    public static let symbolicPseudoParameters = ["AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::StackId"]

    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number: return value.intValue.map(String.init) ?? JSONWriter.write(value, pretty: false)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    // MARK: Ref and GetAtt

    /// The pseudo parameters (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html):
    /// given ones win; `AWS::Region`, `AWS::AccountId` and the stack's name and id otherwise stay symbolic
    /// (`{AWS_Region}`: no colon, so that ARNs built with them still split into their fields, and no `$`, so
    /// that IAM does not read them as policy variables), equal to themselves wherever the template uses them
    /// and matched by IAM's `*`. Whether a verdict depends on them, ``TemplateLinter`` decides.
    func pseudo(_ name: String) -> TemplateResolution? {
        guard name.hasPrefix("AWS::") else { return nil }
        if let given = parameters.values[name] { return .value(.string(given)) }
        switch name {
        case "AWS::NoValue": return .value(Self.noValue)
        case "AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::StackId":
            return .value(.string(Self.symbol(name)))
        case "AWS::Partition":
            return .value(.string("aws"))
        case "AWS::URLSuffix":
            return .value(.string("amazonaws.com"))
        case "AWS::NotificationARNs": return .unresolvable("AWS::NotificationARNs is only known at deployment")
        default: return nil
        }
    }

    func ref(_ target: String) -> TemplateResolution {
        if let pseudo = pseudo(target) { return pseudo }
        if let parameter = template.parameters[target] {
            let given = parameters.values[target]
            if parameter.isSSMParameter && given == nil {
                return .unresolvable("parameter \(target) is read from Systems Manager at deployment")
            }
            guard let text = given ?? parameter.defaultValue.flatMap(Self.scalarText) else {
                return .unresolvable("parameter \(target) has no default and no --parameter \(target)=VALUE")
            }
            if parameter.isList {
                return .value(
                    .array(text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }))
            }
            if parameter.type == "Number", let number = Double(text) { return .value(.number(number)) }
            return .value(.string(text))
        }
        guard let resource = template.resource(target) else {
            return .unresolvable("Ref \(target): no such parameter or resource")
        }
        return standIn(resource, attribute: nil)
    }

    func getAtt(_ target: String, _ attribute: String) -> TemplateResolution {
        guard let resource = template.resource(target) else {
            return .unresolvable("Fn::GetAtt \(target).\(attribute): no such resource")
        }
        return standIn(resource, attribute: attribute)
    }

    /// A resource's stand-in name: its own name property when it resolves, else its logical id.
    func name(of resource: CloudFormationTemplate.Resource, property: String) -> String {
        if let node = resource.properties[property], let text = resolve(node).value?.stringValue, !text.contains("${") {
            return text
        }
        return resource.logicalId
    }

    /// The stand-in for `Ref` (attribute nil) or `Fn::GetAtt` of a resource in the template.
    func standIn(_ resource: CloudFormationTemplate.Resource, attribute: String?) -> TemplateResolution {
        if let known = resource.knownAttributes[attribute ?? "Ref"] { return .value(known) }
        let id = resource.logicalId
        let region = Self.symbol("AWS::Region")
        let account = Self.symbol("AWS::AccountId")
        let resolvedRegion = pseudo("AWS::Region")?.value?.stringValue ?? region
        let resolvedAccount = pseudo("AWS::AccountId")?.value?.stringValue ?? account
        let partition = pseudo("AWS::Partition")?.value?.stringValue ?? "aws"
        func arn(_ service: String, _ rest: String, regional: Bool = true) -> TemplateResolution {
            .value(.string("arn:\(partition):\(service):\(regional ? resolvedRegion : ""):\(resolvedAccount):\(rest)"))
        }
        let unknown = TemplateResolution.unresolvable(
            "\(attribute.map { "Fn::GetAtt \(id).\($0)" } ?? "Ref \(id)") (\(resource.type)) is only known after deployment"
        )
        switch (resource.type, attribute) {
        case ("AWS::MSK::Cluster", nil), ("AWS::MSK::Cluster", "Arn"), ("AWS::MSK::ServerlessCluster", nil),
            ("AWS::MSK::ServerlessCluster", "Arn"):
            let name = self.name(of: resource, property: "ClusterName")
            return arn("kafka", "cluster/\(name)/\(id)-stand-in")
        case ("AWS::IAM::Role", nil): return .value(.string(name(of: resource, property: "RoleName")))
        case ("AWS::IAM::Role", "Arn"):
            return arn("iam", "role/\(name(of: resource, property: "RoleName"))", regional: false)
        case ("AWS::IAM::ManagedPolicy", nil):
            return arn("iam", "policy/\(name(of: resource, property: "ManagedPolicyName"))", regional: false)
        case ("AWS::Lambda::Function", nil): return .value(.string(name(of: resource, property: "FunctionName")))
        case ("AWS::Lambda::Function", "Arn"):
            return arn("lambda", "function:\(name(of: resource, property: "FunctionName"))")
        case ("AWS::EC2::SecurityGroup", "GroupId"), ("AWS::EC2::SecurityGroup", nil):
            return .value(.string("sg-\(id)"))
        case ("AWS::EC2::Subnet", nil), ("AWS::EC2::Subnet", "SubnetId"): return .value(.string("subnet-\(id)"))
        case ("AWS::EC2::VPC", nil), ("AWS::EC2::VPC", "VpcId"): return .value(.string("vpc-\(id)"))
        case ("AWS::SecretsManager::Secret", nil), ("AWS::SecretsManager::Secret", "Id"):
            return arn("secretsmanager", "secret:\(name(of: resource, property: "Name"))-\(id)")
        case ("AWS::KMS::Key", "Arn"): return arn("kms", "key/\(id)")
        case ("AWS::KMS::Key", nil), ("AWS::KMS::Key", "KeyId"): return .value(.string(id))
        case ("AWS::SQS::Queue", "Arn"): return arn("sqs", name(of: resource, property: "QueueName"))
        case ("AWS::SNS::Topic", nil), ("AWS::SNS::Topic", "TopicArn"):
            return arn("sns", name(of: resource, property: "TopicName"))
        case ("AWS::S3::Bucket", nil): return .value(.string(name(of: resource, property: "BucketName").lowercased()))
        case ("AWS::S3::Bucket", "Arn"):
            return .value(.string("arn:\(partition):s3:::\(name(of: resource, property: "BucketName").lowercased())"))
        default: return unknown
        }
    }

    // MARK: Fn::Sub

    func sub(_ argument: TemplateNode) -> TemplateResolution {
        var text: String
        var variables: [String: TemplateNode] = [:]
        if let string = argument.stringValue {
            text = string
        } else if let parts = argument.elements, parts.count == 2, let string = parts[0].stringValue {
            text = string
            for (key, value) in parts[1].members ?? [] { variables[key] = value }
        } else {
            return .unresolvable("Fn::Sub takes a string or [string, {variables}]")
        }
        var output = ""
        while let start = text.range(of: "${") {
            output += text[..<start.lowerBound]
            guard let end = text[start.upperBound...].firstIndex(of: "}") else {
                output += text[start.lowerBound...]
                text = ""
                break
            }
            let name = String(text[start.upperBound..<end])
            text = String(text[text.index(after: end)...])
            if name.hasPrefix("!") {
                output += "${" + name.dropFirst() + "}"
                continue
            }
            let resolution: TemplateResolution
            if let variable = variables[name] {
                resolution = resolve(variable)
            } else if let dot = name.firstIndex(of: "."), template.resource(String(name[..<dot])) != nil {
                resolution = getAtt(String(name[..<dot]), String(name[name.index(after: dot)...]))
            } else {
                resolution = ref(name)
            }
            switch resolution {
            case .value(let value):
                guard let piece = Self.scalarText(value) else {
                    return .unresolvable("Fn::Sub variable ${\(name)} is not a string")
                }
                output += piece
            case .unresolvable(let reason): return .unresolvable(reason)
            }
        }
        return .value(.string(output + text))
    }
}
