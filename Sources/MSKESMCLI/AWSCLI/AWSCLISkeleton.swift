import ArgumentParser
import MSKESMAWS
import MSKESMCore

/// `--generate-cli-skeleton`, as the AWS CLI generates it from the service model (botocore's
/// `ArgumentGenerator`, which `awscli/customizations/generatecliskeleton.py` calls): every member of the call's
/// input (`input`, what `--cli-input-json` takes) or output (`output`, a sample response, printed in the
/// `--output` format), with placeholder values. `yaml-input` is AWS CLI v2's YAML form of `input`, with the valid
/// values of enumerated members as comments; v1, the project's oracle, has no such form (docs/output.md).
enum AWSCLISkeleton {
    enum Kind: String, ExpressibleByArgument, CaseIterable, Sendable {
        case input, output
        case yamlInput = "yaml-input"
    }

    /// The skeleton of `shape` (`lambda.CreateEventSourceMappingRequest`). Placeholders as botocore's: `""` for a
    /// string (its first valid value when enumerated: botocore picks one at random), `0`, `true`, a timestamp
    /// of 1970-01-01 written as `timestamp`, one element per list, one `KeyName` per map, and `{}` for a structure
    /// already being generated above (recursion). `memberNames`: strings are their member's name instead (the
    /// output skeleton, `use_member_names=True`).
    static func value(of shape: String, memberNames: Bool, timestamp: String) -> JSONValue {
        var stack: [String] = []
        return value(shape, name: "", memberNames: memberNames, timestamp: timestamp, stack: &stack)
    }

    private static func value(
        _ id: String, name: String, memberNames: Bool, timestamp: String, stack: inout [String]
    ) -> JSONValue {
        guard let shape = ServiceShapes.shape(id) else { return .null }
        stack.append(id)
        defer { stack.removeLast() }
        switch shape.type {
        case "structure":
            if stack.filter({ $0 == id }).count > 1 { return .object([:]) }
            var members: [String: JSONValue] = [:]
            for member in shape.members {
                members[member.name] = value(
                    member.shape, name: member.name, memberNames: memberNames, timestamp: timestamp, stack: &stack)
            }
            return .object(members)
        case "list":
            guard let element = shape.member else { return .array([]) }
            // With member names, a list's element is named after its shape ("Topic" for Topics).
            let elementName = memberNames ? shapeName(element) : ""
            return .array([
                value(element, name: elementName, memberNames: memberNames, timestamp: timestamp, stack: &stack)
            ])
        case "map":
            guard let valueShape = shape.value else { return .object([:]) }
            return .object([
                "KeyName": value(valueShape, name: "", memberNames: memberNames, timestamp: timestamp, stack: &stack)
            ])
        case "string":
            if memberNames { return .string(name) }
            return .string(shape.enumValues.first ?? "")
        case "integer", "long", "float", "double":
            // 0.0 for float and double prints as 0: msk-esm's JSON values keep no difference (the Lambda calls
            // msk-esm mirrors have no such member).
            return .number(0)
        case "boolean":
            return .bool(true)
        case "timestamp":
            return .string(timestamp)
        default:
            return .null
        }
    }

    /// "lambda.Topic" → "Topic".
    static func shapeName(_ id: String) -> String {
        id.split(separator: ".", maxSplits: 1).last.map(String.init) ?? id
    }

    /// `--generate-cli-skeleton input`: `json.dumps(skeleton, indent=4)`, members in model order.
    static func inputJSON(operation: String) -> String? {
        guard let shape = ServiceShapes.inputShape(of: operation) else { return nil }
        let skeleton = value(of: shape, memberNames: false, timestamp: "1970-01-01T00:00:00")
        if skeleton == .object([:]) { return "{}\n" }
        return AWSCLIOutput.json(skeleton, order: AWSCLIOutput.MemberOrder(shape: shape))
    }

    /// The sample response of `--generate-cli-skeleton output`: the CLI prints it as it prints the call's answer,
    /// a timestamp as `datetime` prints in that format (`isoformat()` in JSON, `str()` in text and tables).
    static func output(operation: String, textTimestamps: Bool) -> JSONValue? {
        guard let shape = ServiceShapes.outputShape(of: operation) else { return nil }
        return value(
            of: shape, memberNames: true, timestamp: textTimestamps ? "1970-01-01 00:00:00" : "1970-01-01T00:00:00")
    }

    // MARK: yaml-input

    /// `--generate-cli-skeleton yaml-input`: the input skeleton as block YAML in model order, strings quoted,
    /// each enumerated member followed by a comment with its valid values (as AWS CLI v2 writes them).
    static func inputYAML(operation: String) -> String? {
        guard let shape = ServiceShapes.inputShape(of: operation) else { return nil }
        let skeleton = value(of: shape, memberNames: false, timestamp: "1970-01-01T00:00:00")
        var lines: [String] = []
        appendYAML(skeleton, shape: shape, indent: "", into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func appendYAML(_ value: JSONValue, shape id: String?, indent: String, into lines: inout [String]) {
        guard case .object(let members) = value else { return }
        let ordered = AWSCLIOutput.MemberOrder(shape: id).ordered(Array(members.keys), shape: id)
        for member in ordered {
            let child = members[member.key] ?? .null
            appendYAMLEntry(member.key + ":", child, shape: member.shape, indent: indent, into: &lines)
        }
    }

    /// `prefix` is `Key:` in a mapping, `-` in a sequence.
    private static func appendYAMLEntry(
        _ prefix: String, _ value: JSONValue, shape id: String?, indent: String, into lines: inout [String]
    ) {
        let description = id.flatMap(ServiceShapes.shape)
        switch value {
        case .object(let members) where !members.isEmpty && prefix == "-":
            // A mapping in a sequence starts on the dash's line: `- Pattern: ''`.
            let first = lines.count
            appendYAML(value, shape: id, indent: indent + "  ", into: &lines)
            if first < lines.count { lines[first] = indent + "- " + lines[first].dropFirst(indent.count + 2) }
        case .object(let members) where !members.isEmpty:
            lines.append(indent + prefix)
            appendYAML(value, shape: id, indent: indent + "  ", into: &lines)
        case .array(let elements) where !elements.isEmpty:
            lines.append(indent + prefix)
            for element in elements {
                appendYAMLEntry("-", element, shape: description?.member, indent: indent + "  ", into: &lines)
            }
        default:
            var line = indent + prefix + " " + yamlScalar(value, enumerated: !(description?.enumValues.isEmpty ?? true))
            if let values = description?.enumValues, !values.isEmpty {
                line += "  # Valid values are: " + values.joined(separator: ", ") + "."
            }
            lines.append(line)
        }
    }

    private static func yamlScalar(_ value: JSONValue, enumerated: Bool) -> String {
        switch value {
        case .string(let text):
            // Enumerated values are plain words; other strings single-quoted (YAML doubles a quote inside).
            return enumerated && text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
                ? text : "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .bool(let flag): return flag ? "true" : "false"
        case .object: return "{}"
        case .array: return "[]"
        case .null: return "null"
        case .number: return AWSCLIOutput.scalar(value)
        }
    }
}
