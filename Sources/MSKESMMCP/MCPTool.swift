import MSKESMCore

/// One tool the server offers: an msk-esm command, its options as the tool's JSON input schema. The CLI builds
/// these from its command tree, so a tool takes exactly the options its command takes.
public struct MCPTool: Sendable {
    public var name: String
    public var title: String
    public var description: String
    public var parameters: [MCPToolParameter]
    /// A write tool (create, update, enable, disable, delete): offered only with `--allow-writes`, and it
    /// returns the plan unless the call has `confirm: true`.
    public var writes: Bool

    public init(name: String, title: String, description: String, parameters: [MCPToolParameter], writes: Bool) {
        self.name = name
        self.title = title
        self.description = description
        self.parameters = parameters
        self.writes = writes
    }

    /// The JSON Schema of the tool's arguments (https://modelcontextprotocol.io/specification/2025-11-25/server/tools).
    public var inputSchema: JSONValue {
        var properties: [String: JSONValue] = [:]
        for parameter in parameters {
            properties[parameter.name] = parameter.schema
        }
        if writes {
            properties["confirm"] = [
                "type": "boolean",
                "description":
                    "Make the change. Without it (or false) the tool only returns the plan: nothing is changed.",
            ]
        }
        var schema: [String: JSONValue] = [
            "type": "object", "properties": .object(properties), "additionalProperties": false,
        ]
        let required = parameters.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    /// The command-line words for a call's arguments: `--name=value` for options (so that a value starting with
    /// `-` stays a value), `--name` for flags, and the positional value last. Throws a one-line message for an
    /// argument the tool does not take or of the wrong type.
    public func commandLineArguments(_ arguments: [String: JSONValue]) throws -> [String] {
        var options: [String] = []
        var positional: [String] = []
        for key in arguments.keys.sorted() where !(writes && key == "confirm") {
            guard let parameter = parameters.first(where: { $0.name == key }) else {
                throw MCPToolInputError(
                    "\(name) takes no argument '\(key)' (it takes: "
                        + (parameters.map(\.name) + (writes ? ["confirm"] : [])).joined(separator: ", ") + ")")
            }
            let value = arguments[key] ?? .null
            if value == .null { continue }
            switch parameter.kind {
            case .flag:
                guard let on = value.boolValue else { throw MCPToolInputError("\(key) must be true or false") }
                if on { options.append(parameter.spelling) }
            case .value:
                options.append(parameter.spelling + "=" + (try Self.word(value, key: key)))
            case .values:
                let items = value.arrayValue ?? [value]
                for item in items { options.append(parameter.spelling + "=" + (try Self.word(item, key: key))) }
            case .positional:
                let word = try Self.word(value, key: key)
                // A leading dash would make it an option; standard input carries the protocol.
                if word.hasPrefix("-") { throw MCPToolInputError("\(key) must not start with '-'") }
                positional.append(word)
            }
        }
        if writes, let confirm = arguments["confirm"], confirm != .null, confirm.boolValue == nil {
            throw MCPToolInputError("confirm must be true or false")
        }
        return options + positional
    }

    /// Whether the call asks for the change itself rather than its plan.
    public static func confirmed(_ arguments: [String: JSONValue]) -> Bool { arguments["confirm"]?.boolValue == true }

    /// A string or number argument as one command-line word. Standard input and output carry the protocol, so
    /// no file argument may name them.
    static func word(_ value: JSONValue, key: String) throws -> String {
        let word: String
        switch value {
        case .string(let text): word = text
        case .number(let number):
            word = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): word = flag ? "true" : "false"
        default: throw MCPToolInputError("\(key) must be a string or a number")
        }
        if ["-", "/dev/stdin", "/dev/stdout", "/dev/fd/0", "/dev/fd/1", "/proc/self/fd/0", "/proc/self/fd/1"]
            .contains(word)
        {
            throw MCPToolInputError(
                "\(key) cannot be standard input or output: they carry the MCP protocol; give a file path")
        }
        return word
    }
}

/// One argument of a tool: an option, flag or positional argument of its command.
public struct MCPToolParameter: Sendable {
    public enum Kind: Sendable { case positional, value, values, flag }

    /// The JSON property name: the option's long name with `_` for `-` (`cluster_json`).
    public var name: String
    /// How the command line spells it: `--cluster-json` (nothing for a positional argument).
    public var spelling: String
    public var kind: Kind
    public var description: String
    public var required: Bool
    /// The values the option takes, when it takes a fixed set.
    public var allowedValues: [String]

    public init(
        name: String, spelling: String, kind: Kind, description: String, required: Bool = false,
        allowedValues: [String] = []
    ) {
        self.name = name
        self.spelling = spelling
        self.kind = kind
        self.description = description
        self.required = required
        self.allowedValues = allowedValues
    }

    var schema: JSONValue {
        var item: [String: JSONValue] = [:]
        switch kind {
        case .flag: item["type"] = "boolean"
        case .value, .positional: item["type"] = "string"
        case .values: break
        }
        if !allowedValues.isEmpty && kind != .flag { item["enum"] = .array(allowedValues.map(JSONValue.string)) }
        if kind == .values {
            var element: [String: JSONValue] = ["type": "string"]
            if let values = item.removeValue(forKey: "enum") { element["enum"] = values }
            return ["type": "array", "items": .object(element), "description": .string(description)]
        }
        item["description"] = .string(description)
        return .object(item)
    }
}

/// A call's arguments that its tool does not take: reported to the client as a tool error.
public struct MCPToolInputError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
