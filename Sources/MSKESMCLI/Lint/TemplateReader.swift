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
            root = try compose(text)
        } catch let error as YamlError {
            throw ToolError.usage("not JSON or YAML: \(YAMLInput.describe(error))", input: source, fix: fix)
        }
        guard let root else { throw ToolError.usage("an empty document", input: source, fix: fix) }
        var budget = maximumNodes
        return try convert(root, budget: &budget, source: source, fix: fix)
    }

    /// The document's node tree. The resolver only decides which keys of a mapping Yams counts as duplicates
    /// (it hashes each key with its resolved tag): the values are resolved by the core schema in
    /// `YAMLInput.value(of:source:fix:)` (see `writtenTag`). The rule-less resolver tags every plain key `str`
    /// without running the core schema's regular expressions on it (those took 6 % of linting a 500-resource
    /// template, Benchmarks/cases/lint-500.sh). It can only find more duplicates, never fewer: keys equal under the core
    /// schema have the same text, so the same tag here. When it finds one, the core schema decides, as before.
    static func compose(_ text: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text, Resolver.basic)
        } catch YamlError.duplicatedKeysInMapping {
            return try Yams.compose(yaml: text, YAMLInput.coreSchema)
        }
    }

    /// `Node.tag`'s name, but empty for an implicit tag instead of resolving it: `Node.tag` resolves a plain
    /// scalar's tag with the composer's resolver (and keeps the result), which ran the core schema's regular
    /// expressions on every value of the template. `YAMLInput.value(of:source:fix:)` resolves an implicit tag by
    /// the same core schema, most values without a regular expression. A tag that is written resolves as before
    /// (`!` to the kind's default, the others to themselves).
    static func writtenTag(_ node: Node) -> String {
        let written: Tag
        switch node {
        case .scalar(let scalar): written = scalar.tag
        case .mapping(let mapping): written = mapping.tag
        case .sequence(let sequence): written = sequence.tag
        case .alias(let alias): written = alias.tag
        }
        return written.description.isEmpty ? "" : node.tag.description
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
        if let function = shortForms[writtenTag(node)] {
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
