import Foundation
import MSKESMCore
import Yams

/// Reads a CloudFormation or SAM template (or a Terraform plan), JSON or YAML, into the core's ``TemplateNode`` tree with the line
/// and column of every value. JSON is read by the same YAML parser (JSON is YAML 1.2's flow style), so both
/// keep positions; tabs, which JSON allows between tokens and YAML does not as indentation, are read as
/// spaces (a tab inside a JSON string is invalid JSON anyway). Short-form tags become the long form
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
enum TemplateReader {
    static let maximumNodes = 2_000_000

    /// The short-form tags and the long form each stands for.
    static let shortForms: [String: String] = [
        "!Ref": "Ref", "!Condition": "Condition", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join",
        "!If": "Fn::If", "!Select": "Fn::Select", "!FindInMap": "Fn::FindInMap", "!ImportValue": "Fn::ImportValue",
        "!Base64": "Fn::Base64", "!Split": "Fn::Split", "!GetAZs": "Fn::GetAZs", "!Equals": "Fn::Equals",
        "!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not", "!Cidr": "Fn::Cidr", "!Transform": "Fn::Transform",
        "!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString", "!ForEach": "Fn::ForEach",
    ]

    /// Reads a template file (`-` for standard input) with the templates' input limit (64 MiB).
    static func read(path: String) throws -> TemplateNode {
        let data = try InputReader.data(from: path, label: nil, limit: .template)
        return try parse(data, source: path == "-" ? "standard input" : path)
    }

    static func parse(_ data: Data, source: String) throws -> TemplateNode {
        let fix =
            "give a CloudFormation, SAM or CDK template in JSON or YAML, or a Terraform plan (terraform show -json)"
        guard var text = String(data: data, encoding: .utf8) else {
            throw ToolError.usage("not UTF-8 text", input: source, fix: fix)
        }
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            // A Terraform plan (terraform show -json) is generated JSON, often many megabytes, and its findings
            // carry no line: read it with the JSON parser, without positions, rather than the YAML composer.
            if let document = try? JSONParser.parse(data), document["format_version"] != nil,
                document["planned_values"] != nil || document["resource_changes"] != nil
            {
                return TemplateNode(json: document)
            }
            text = text.replacingOccurrences(of: "\t", with: " ")
        }
        try YAMLInput.checkShape(text, source: source, fix: fix)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, YAMLInput.coreSchema)
        } catch let error as YamlError {
            throw ToolError.usage("not JSON or YAML: \(YAMLInput.describe(error))", input: source, fix: fix)
        }
        guard let root else { throw ToolError.usage("an empty document", input: source, fix: fix) }
        var budget = maximumNodes
        return try convert(root, budget: &budget, source: source, fix: fix)
    }

    static func position(_ node: Node) -> TemplatePosition? {
        node.mark.map { TemplatePosition(line: $0.line, column: $0.column) }
    }

    static func convert(_ node: Node, budget: inout Int, source: String, fix: String) throws -> TemplateNode {
        budget -= 1
        if budget < 0 {
            throw ToolError.usage(
                "more than \(maximumNodes) values once its aliases are expanded", input: source, fix: fix)
        }
        let at = position(node)
        let tag = node.tag.description
        if let function = shortForms[tag] {
            var argument: TemplateNode
            if case .scalar(let scalar) = node {
                argument = TemplateNode(.string(scalar.string), at: at)
                if function == "Fn::GetAtt" {
                    // `!GetAtt Resource.Attribute`: the long form's list.
                    let parts = scalar.string.split(separator: ".", maxSplits: 1).map {
                        TemplateNode(.string(String($0)), at: at)
                    }
                    argument = TemplateNode(.array(parts), at: at)
                }
            } else {
                argument = try convertUntagged(node, budget: &budget, source: source, fix: fix)
            }
            return TemplateNode(.object([(function, argument)]), at: at)
        }
        return try convertUntagged(node, budget: &budget, source: source, fix: fix)
    }

    static func convertUntagged(_ node: Node, budget: inout Int, source: String, fix: String) throws -> TemplateNode {
        let at = position(node)
        switch node {
        case .scalar(let scalar):
            var plain = scalar
            if scalar.tag.description.hasPrefix("!") && !scalar.tag.description.hasPrefix("!!") {
                plain.tag = .implicit
            }
            return TemplateNode(json: try YAMLInput.value(of: plain, source: source, fix: fix), at: at)
        case .sequence(let sequence):
            return TemplateNode(
                .array(try sequence.map { try convert($0, budget: &budget, source: source, fix: fix) }), at: at)
        case .mapping(let mapping):
            var members: [(key: String, value: TemplateNode)] = []
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    throw ToolError.usage("a key that is not a scalar", input: source, fix: fix)
                }
                var member = try convert(value, budget: &budget, source: source, fix: fix)
                // A property is where its key is: a block value starts on the next line.
                member.position = position(key) ?? member.position
                members.append((scalar.string, member))
            }
            return TemplateNode(.object(members), at: at)
        case .alias:
            throw ToolError.usage("an alias Yams did not resolve", input: source, fix: fix)
        }
    }
}
