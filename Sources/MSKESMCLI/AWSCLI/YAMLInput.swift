import CYaml
import Foundation
import MSKESMCore
import Yams

/// `--cli-input-yaml` (AWS CLI v2): a request written in YAML, read into the same JSON value `--cli-input-json`
/// gives. Scalars resolve by the YAML 1.2 core schema, as the AWS CLI v2's YAML loader does: only
/// `true`/`false` (any case form) are booleans, so `on`, `yes` and `no` stay strings (YAML 1.1 would make them
/// booleans); `null`, `~` and nothing are null; decimal, `0o` and `0x` integers and decimal floats are numbers;
/// anything quoted is a string. Hostile files are refused before they cost much: nesting deeper than
/// ``maximumDepth`` (libyaml's events are counted before any node is built, so a deep file cannot exhaust the
/// stack) and documents whose aliases expand past ``maximumNodes`` values (a "billion laughs" file).
enum YAMLInput {
    static let maximumDepth = 64
    static let maximumNodes = 100_000

    /// The YAML 1.2 core schema's scalar rules.
    static let coreSchema: Resolver = {
        // The patterns are constants: a failure here is a programming error the tests see at once.
        let rules = [
            try? Resolver.Rule(.null, "^(?:~|null|Null|NULL|)$"),
            try? Resolver.Rule(.bool, "^(?:true|True|TRUE|false|False|FALSE)$"),
            // As ruamel.yaml reads 1.2 (what the AWS CLI v2 uses): also 0b, and `_` between digits.
            try? Resolver.Rule(.int, "^(?:[-+]?0b[0-1_]+|[-+]?0o[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$"),
            try? Resolver.Rule(
                .float,
                "^(?:[-+]?(?:\\.[0-9_]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
            ),
        ].compactMap { $0 }
        // Resolver's initializer is internal: start from the rule-less one and add the rules.
        return rules.reduce(Resolver.basic) { $0.appending($1) }
    }()

    /// The first bytes of the texts `coreSchema` does not resolve to a string.
    static let nonStringStarts = Set("~nNtTfF+-._0123456789".utf8)

    /// The document in `data` as a JSON value.
    /// - Throws: a usage error (exit 2) naming `source`: not UTF-8, not YAML, too deep, too large once expanded,
    ///   several documents, a key that is not a scalar, or a number JSON cannot hold.
    static func parse(_ data: Data, source: String, fix: String) throws -> JSONValue {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ToolError.usage("not UTF-8 text", input: source, fix: fix)
        }
        try checkShape(text, source: source, fix: fix)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, coreSchema)
        } catch let error as YamlError {
            throw ToolError.usage("not YAML: \(describe(error))", input: source, fix: fix)
        }
        guard let root else { throw ToolError.usage("an empty YAML document", input: source, fix: fix) }
        var budget = maximumNodes
        return try convert(root, budget: &budget, source: source, fix: fix)
    }

    /// libyaml's problem and where, on one line (Yams' own description adds the line's text and a caret).
    static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let within = context.map { ", \($0.text) at line \($0.mark.line), column \($0.mark.column)" } ?? ""
            return "\(problem) at line \(mark.line), column \(mark.column)\(within)"
        case let .duplicatedKeysInMapping(duplicates, _):
            return "the key '\(duplicates.sorted().first ?? "")' appears twice in one mapping"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }

    /// Counts nesting and documents from libyaml's events, before Yams builds (recursively) any node.
    static func checkShape(_ text: String, source: String, fix: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        var problem: String?
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var documents = 0
            while problem == nil {
                var event = yaml_event_t()
                // A syntax error: Yams reports it, with its place, when it parses.
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                    depth += 1
                    if depth > maximumDepth { problem = "nested deeper than \(maximumDepth) levels" }
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                    depth -= 1
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 { problem = "more than one YAML document" }
                case YAML_STREAM_END_EVENT:
                    return
                default:
                    break
                }
            }
        }
        if let problem { throw ToolError.usage(problem, input: source, fix: fix) }
    }

    private static func convert(_ node: Node, budget: inout Int, source: String, fix: String) throws -> JSONValue {
        budget -= 1
        if budget < 0 {
            throw ToolError.usage(
                "more than \(maximumNodes) values once its aliases are expanded", input: source, fix: fix)
        }
        switch node {
        case .scalar(let scalar):
            return try value(of: scalar, source: source, fix: fix)
        case .sequence(let sequence):
            return .array(try sequence.map { try convert($0, budget: &budget, source: source, fix: fix) })
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    throw ToolError.usage("a key that is not a scalar", input: source, fix: fix)
                }
                members[scalar.string] = try convert(value, budget: &budget, source: source, fix: fix)
            }
            return .object(members)
        case .alias:
            throw ToolError.usage("an alias Yams did not resolve", input: source, fix: fix)
        }
    }

    static func value(of scalar: Node.Scalar, source: String, fix: String) throws -> JSONValue {
        let text = scalar.string
        // An explicit tag (`!!str 1`) decides; else only a plain scalar resolves by its text, a quoted or block
        // one is a string.
        let tag: String
        if !scalar.tag.description.isEmpty {
            tag = scalar.tag.description
        } else if scalar.style == .plain || scalar.style == .any {
            // Every text the core schema's rules match starts with one of these (or is empty): the others are
            // strings without a regular expression run on them.
            if let first = text.utf8.first, !Self.nonStringStarts.contains(first) {
                tag = Tag.Name.str.rawValue
            } else {
                tag = coreSchema.resolveTag(of: Node.scalar(scalar)).rawValue
            }
        } else {
            tag = Tag.Name.str.rawValue
        }
        switch tag {
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            return .bool(text.lowercased() == "true")
        case Tag.Name.int.rawValue:
            let digits = text.replacingOccurrences(of: "_", with: "")
            let unsigned = digits.hasPrefix("+") || digits.hasPrefix("-") ? String(digits.dropFirst()) : digits
            let magnitude: Double?
            switch unsigned.prefix(2) {
            case "0x": magnitude = UInt64(unsigned.dropFirst(2), radix: 16).map { Double($0) }
            case "0o": magnitude = UInt64(unsigned.dropFirst(2), radix: 8).map { Double($0) }
            case "0b": magnitude = UInt64(unsigned.dropFirst(2), radix: 2).map { Double($0) }
            // Decimal: as a JSON number is read (a double), however long.
            default: magnitude = unsigned.isEmpty ? nil : Double(unsigned)
            }
            guard let magnitude, magnitude.isFinite else {
                throw ToolError.usage("\(text) is not an integer JSON can hold", input: source, fix: fix)
            }
            return .number(digits.hasPrefix("-") ? -magnitude : magnitude)
        case Tag.Name.float.rawValue:
            guard let number = Double(text.replacingOccurrences(of: "_", with: "")), number.isFinite else {
                throw ToolError.usage("\(text) is not a number JSON can hold", input: source, fix: fix)
            }
            return .number(number)
        default:
            return .string(text)
        }
    }
}
