/// Reads a filter's `Pattern` text into a ``FilterPattern``, refusing what Lambda's filter rule syntax does not
/// list (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html): every refusal is a
/// ``FilterPatternError`` naming the member, which the rules report as FLT001. Nothing is evaluated that is
/// not parsed here, so an operator Lambda does not list can never be silently matched.
public enum FilterPatternParser {
    /// The operators of a rule object, as Lambda lists them (``FilterRule``).
    static let listedOperators: Set<String> = [
        "equals-ignore-case", "prefix", "suffix", "anything-but", "numeric", "exists",
    ]
    /// EventBridge operators that Lambda's page does not list, named so that the refusal can say so.
    static let eventBridgeOnlyOperators: Set<String> = ["wildcard", "cidr"]

    /// Parses `text`; throws a ``FilterPatternError``.
    public static func parse(_ text: String) throws(FilterPatternError) -> FilterPattern {
        let parsed: (value: JSONValue, duplicateKeys: [String])
        do {
            parsed = try JSONParser.parse(text)
        } catch {
            throw FilterPatternError("not valid JSON: \(error)", path: "$")
        }
        if let duplicate = parsed.duplicateKeys.first {
            throw FilterPatternError("the key appears more than once", path: duplicate)
        }
        guard case .object(let members) = parsed.value else {
            throw FilterPatternError("not a pattern: a pattern is a JSON object of fields", path: "$")
        }
        if members.isEmpty { throw FilterPatternError("an empty pattern: name at least one field", path: "$") }
        return FilterPattern(root: try object(members, path: "$"))
    }

    static func object(_ members: [String: JSONValue], path: String) throws(FilterPatternError) -> FilterPattern.Object
    {
        var fields: [(name: String, node: FilterPattern.Node)] = []
        var alternatives: [FilterPattern.Object] = []
        for name in members.keys.sorted() {
            let value = members[name] ?? .null
            let memberPath = path + "." + name
            if name == "$or" {
                guard case .array(let items) = value, items.count >= 2 else {
                    throw FilterPatternError("$or takes a list of at least two pattern objects", path: memberPath)
                }
                for (index, item) in items.enumerated() {
                    guard case .object(let alternative) = item, !alternative.isEmpty else {
                        throw FilterPatternError(
                            "each element of $or is a pattern object", path: "\(memberPath)[\(index)]")
                    }
                    alternatives.append(try object(alternative, path: "\(memberPath)[\(index)]"))
                }
                continue
            }
            switch value {
            case .array(let items):
                // EventBridge's pattern validator, which Lambda's filters follow, refuses an empty list.
                guard !items.isEmpty else {
                    throw FilterPatternError(
                        "an empty list of rules matches nothing; name at least one", path: memberPath)
                }
                var rules: [FilterRule] = []
                for (index, item) in items.enumerated() {
                    rules.append(try rule(item, path: "\(memberPath)[\(index)]"))
                }
                fields.append((name, .rules(rules)))
            case .object(let nested):
                guard !nested.isEmpty else {
                    throw FilterPatternError("an empty object: give the field a list of rules", path: memberPath)
                }
                fields.append((name, .object(try object(nested, path: memberPath))))
            default:
                throw FilterPatternError(
                    "a field takes a list of rules (e.g. [\"Alice\"]) or a nested object, not a single value",
                    path: memberPath)
            }
        }
        return FilterPattern.Object(fields: fields, alternatives: alternatives)
    }

    static func rule(_ value: JSONValue, path: String) throws(FilterPatternError) -> FilterRule {
        switch value {
        case .null: return .null
        case .string(let text): return .equals(.string(text))
        case .number(let number): return .equals(.number(number))
        case .bool(let flag): return .equals(.bool(flag))
        case .array:
            throw FilterPatternError("a list inside a list of rules", path: path)
        case .object(let members):
            guard members.count == 1, let (name, operand) = members.first else {
                throw FilterPatternError("a rule object holds exactly one operator", path: path)
            }
            let operatorPath = path + "." + name
            guard listedOperators.contains(name) else {
                let kind =
                    eventBridgeOnlyOperators.contains(name)
                    ? "\(name) is an EventBridge operator that Lambda's filter rule syntax does not list"
                    : "\(name) is not an operator of Lambda's filter rule syntax"
                throw FilterPatternError(kind, path: operatorPath, isUnlistedOperator: true)
            }
            return try listedRule(name, operand, path: operatorPath)
        }
    }

    static func listedRule(_ name: String, _ operand: JSONValue, path: String) throws(FilterPatternError) -> FilterRule
    {
        switch (name, operand) {
        case ("equals-ignore-case", .string(let text)): return .equalsIgnoreCase(text)
        case ("prefix", .string(let text)): return .prefix(text)
        case ("suffix", .string(let text)): return .suffix(text)
        case ("exists", .bool(let flag)): return .exists(flag)
        case ("anything-but", .string(let text)): return .anythingBut([.string(text)])
        case ("anything-but", .number(let number)): return .anythingBut([.number(number)])
        case ("anything-but", .array(let items)):
            guard !items.isEmpty else { throw FilterPatternError("anything-but takes a non-empty list", path: path) }
            var values: [FilterScalar] = []
            for (index, item) in items.enumerated() {
                switch item {
                case .string(let text): values.append(.string(text))
                case .number(let number): values.append(.number(number))
                default:
                    throw FilterPatternError("anything-but lists strings or numbers", path: "\(path)[\(index)]")
                }
            }
            return .anythingBut(values)
        case ("anything-but", .object(let members)):
            throw FilterPatternError(
                "anything-but with \(members.keys.sorted().joined(separator: ", ")) is an EventBridge form that "
                    + "Lambda's filter rule syntax does not list", path: path, isUnlistedOperator: true)
        case ("prefix", .object), ("suffix", .object):
            throw FilterPatternError(
                "\(name) with an object (e.g. equals-ignore-case) is an EventBridge form that Lambda's filter rule "
                    + "syntax does not list", path: path, isUnlistedOperator: true)
        case ("numeric", .array(let items)): return .numeric(try numericBounds(items, path: path))
        case ("exists", _): throw FilterPatternError("exists takes true or false", path: path)
        case ("numeric", _):
            throw FilterPatternError("numeric takes a list: [\"=\", 100] or [\">\", 10, \"<=\", 20]", path: path)
        case ("anything-but", _):
            throw FilterPatternError("anything-but takes a list of strings or numbers", path: path)
        default: throw FilterPatternError("\(name) takes a string", path: path)
        }
    }

    /// `["=", n]`, one bound (`<`, `<=`, `>`, `>=`), or a lower bound (`>`, `>=`) then an upper one (`<`, `<=`).
    static func numericBounds(_ items: [JSONValue], path: String) throws(FilterPatternError)
        -> [FilterRule.NumericBound]
    {
        guard items.count == 2 || items.count == 4 else {
            throw FilterPatternError("numeric takes one comparison and number, or a range of two", path: path)
        }
        var bounds: [FilterRule.NumericBound] = []
        for pair in stride(from: 0, to: items.count, by: 2) {
            guard case .string(let comparison) = items[pair], ["<", "<=", "=", ">=", ">"].contains(comparison) else {
                throw FilterPatternError("a numeric comparison is one of <, <=, =, >=, >", path: "\(path)[\(pair)]")
            }
            guard case .number(let value) = items[pair + 1] else {
                throw FilterPatternError("numeric compares with a number", path: "\(path)[\(pair + 1)]")
            }
            bounds.append(FilterRule.NumericBound(comparison: comparison, value: value))
        }
        if bounds.count == 2 {
            let lower = bounds[0].comparison
            let upper = bounds[1].comparison
            guard lower == ">" || lower == ">=", upper == "<" || upper == "<=" else {
                throw FilterPatternError(
                    "a numeric range is a lower bound (> or >=) then an upper bound (< or <=)", path: path)
            }
        }
        return bounds
    }
}
