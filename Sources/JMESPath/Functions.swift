import Foundation
import MSKESMCore

/// The built-in functions of JMESPath (https://jmespath.org/specification.html#built-in-functions), with the
/// arity and argument type checks of their signatures, done in the Python `jmespath` package's order (arity,
/// then each argument's type) so that a call with several faults reports the same error kind.
enum Functions {
    /// An evaluated argument: a value, or the expression of an `&expression` reference.
    enum Argument {
        case value(JSONValue)
        case expression(Expression)

        var typeName: String {
            switch self {
            case .value(let value): return value.jmesPathType
            case .expression: return "expref"
            }
        }
    }

    /// One accepted argument type; `arrayOf` types also check every element.
    enum ParameterType: Equatable {
        case any, number, string, boolean, array, object, expref
        case arrayOf(String)

        var name: String {
            switch self {
            case .any: return "any"
            case .number: return "number"
            case .string: return "string"
            case .boolean: return "boolean"
            case .array: return "array"
            case .object: return "object"
            case .expref: return "expref"
            case .arrayOf(let element): return "array-\(element)"
            }
        }
    }

    /// A function's parameters, each a list of accepted types; a variadic function repeats its last one.
    struct Signature {
        var parameters: [[ParameterType]]
        var variadic = false
    }

    static let signatures: [String: Signature] = [
        "abs": Signature(parameters: [[.number]]),
        "avg": Signature(parameters: [[.arrayOf("number")]]),
        "ceil": Signature(parameters: [[.number]]),
        "contains": Signature(parameters: [[.array, .string], [.any]]),
        "ends_with": Signature(parameters: [[.string], [.string]]),
        "floor": Signature(parameters: [[.number]]),
        "join": Signature(parameters: [[.string], [.arrayOf("string")]]),
        "keys": Signature(parameters: [[.object]]),
        "length": Signature(parameters: [[.string, .array, .object]]),
        "map": Signature(parameters: [[.expref], [.array]]),
        "max": Signature(parameters: [[.arrayOf("number"), .arrayOf("string")]]),
        "max_by": Signature(parameters: [[.array], [.expref]]),
        "merge": Signature(parameters: [[.object]], variadic: true),
        "min": Signature(parameters: [[.arrayOf("number"), .arrayOf("string")]]),
        "min_by": Signature(parameters: [[.array], [.expref]]),
        "not_null": Signature(parameters: [[.any]], variadic: true),
        "reverse": Signature(parameters: [[.string, .array]]),
        "sort": Signature(parameters: [[.arrayOf("number"), .arrayOf("string")]]),
        "sort_by": Signature(parameters: [[.array], [.expref]]),
        "starts_with": Signature(parameters: [[.string], [.string]]),
        "sum": Signature(parameters: [[.arrayOf("number")]]),
        "to_array": Signature(parameters: [[.any]]),
        "to_number": Signature(parameters: [[.any]]),
        "to_string": Signature(parameters: [[.any]]),
        "type": Signature(parameters: [[.any]]),
        "values": Signature(parameters: [[.object]]),
    ]

    /// Calls the function `name` after checking its arity and argument types.
    static func call(_ name: String, _ arguments: [Argument], interpreter: Interpreter) throws(JMESPathError)
        -> JSONValue
    {
        guard let signature = signatures[name] else {
            throw JMESPathError(.unknownFunction, "unknown function \(name)()")
        }
        try check(name, arguments, against: signature)
        return try apply(name, arguments, interpreter: interpreter)
    }

    private static func check(_ name: String, _ arguments: [Argument], against signature: Signature)
        throws(JMESPathError)
    {
        let expected = signature.parameters.count
        if signature.variadic {
            guard arguments.count >= expected else {
                throw JMESPathError(
                    .invalidArity, "\(name)() takes at least \(expected) argument(s), got \(arguments.count)")
            }
        } else if arguments.count != expected {
            throw JMESPathError(.invalidArity, "\(name)() takes \(expected) argument(s), got \(arguments.count)")
        }
        for (position, argument) in arguments.enumerated() {
            let types = signature.parameters[min(position, expected - 1)]
            guard accepts(types, argument) else {
                let names = types.map(\.name).joined(separator: " or ")
                throw JMESPathError(
                    .invalidType,
                    "argument \(position + 1) of \(name)() must be \(names), not \(argument.typeName)")
            }
        }
    }

    private static func accepts(_ types: [ParameterType], _ argument: Argument) -> Bool {
        for type in types {
            switch (type, argument) {
            case (.any, _): return true
            case (.expref, .expression): return true
            case (.arrayOf(let element), .value(.array(let elements))):
                if elements.allSatisfy({ $0.jmesPathType == element }) { return true }
            case (_, .value(let value)) where type.name == value.jmesPathType: return true
            default: continue
            }
        }
        return false
    }

    // MARK: - The functions

    private static func apply(_ name: String, _ arguments: [Argument], interpreter: Interpreter)
        throws(JMESPathError) -> JSONValue
    {
        let values = arguments.map { argument -> JSONValue in
            if case .value(let value) = argument { return value }
            return .null
        }
        let first = values[0]
        switch name {
        case "abs": return .number(abs(number(first)))
        case "avg":
            let numbers = array(first).map(number)
            return numbers.isEmpty ? .null : .number(numbers.reduce(0, +) / Double(numbers.count))
        case "ceil": return .number(number(first).rounded(.up))
        case "floor": return .number(number(first).rounded(.down))
        case "contains":
            switch first {
            case .array(let elements): return .bool(elements.contains { $0.jmesPathEquals(values[1]) })
            case .string(let subject):
                guard case .string(let search) = values[1] else { return .bool(false) }
                return .bool(containsScalars(subject, search))
            default: return .bool(false)
            }
        case "ends_with":
            return .bool(
                string(first).unicodeScalars.reversed().starts(with: string(values[1]).unicodeScalars.reversed()))
        case "starts_with":
            return .bool(string(first).unicodeScalars.starts(with: string(values[1]).unicodeScalars))
        case "join":
            return .string(array(values[1]).map(string).joined(separator: string(first)))
        case "keys":
            return .array(JSONValue.orderedMembers(object(first)).map { .string($0.key) })
        case "values":
            return .array(JSONValue.orderedMembers(object(first)).map(\.value))
        case "length":
            switch first {
            case .string(let text): return .number(Double(text.unicodeScalars.count))
            case .array(let elements): return .number(Double(elements.count))
            case .object(let members): return .number(Double(members.count))
            default: return .null
            }
        case "map":
            guard case .expression(let expression) = arguments[0] else { return .null }
            var results: [JSONValue] = []
            for element in array(values[1]) { results.append(try interpreter.evaluate(expression, element)) }
            return .array(results)
        case "max", "min":
            let elements = array(first)
            guard var best = elements.first else { return .null }
            for element in elements.dropFirst() {
                let order = JSONValue.compare(element, best)
                if name == "max" ? order == .orderedDescending : order == .orderedAscending { best = element }
            }
            return best
        case "max_by", "min_by":
            guard case .expression(let expression) = arguments[1] else { return .null }
            let elements = array(first)
            let keys = try sortKeys(elements, expression, name: name, interpreter: interpreter, sameType: false)
            guard !elements.isEmpty else { return .null }
            var best = 0
            for index in elements.indices.dropFirst() {
                guard let order = JSONValue.compare(keys[index], keys[best]) else {
                    throw JMESPathError(.invalidType, "\(name)() keys must all be numbers or all be strings")
                }
                if name == "max_by" ? order == .orderedDescending : order == .orderedAscending { best = index }
            }
            return elements[best]
        case "sort":
            return .array(stableSorted(array(first), keys: array(first)))
        case "sort_by":
            guard case .expression(let expression) = arguments[1] else { return .null }
            let elements = array(first)
            let keys = try sortKeys(elements, expression, name: name, interpreter: interpreter, sameType: true)
            return .array(stableSorted(elements, keys: keys))
        case "merge":
            var merged: [String: JSONValue] = [:]
            for value in values { merged.merge(object(value)) { _, later in later } }
            return .object(merged)
        case "not_null":
            return values.first { if case .null = $0 { return false } else { return true } } ?? .null
        case "reverse":
            if case .string(let text) = first {
                return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed())))
            }
            return .array(array(first).reversed())
        case "sum":
            return .number(array(first).map(number).reduce(0, +))
        case "to_array":
            if case .array = first { return first }
            return .array([first])
        case "to_number":
            switch first {
            case .number: return first
            case .string(let text): return parseNumber(text).map { .number($0) } ?? .null
            default: return .null
            }
        case "to_string":
            if case .string = first { return first }
            return .string(PythonJSONText.text(of: first))
        case "type":
            return .string(arguments[0].typeName)
        default:
            throw JMESPathError(.unknownFunction, "unknown function \(name)()")
        }
    }

    /// The keys `expression` gives for each element of `sort_by`, `max_by` and `min_by`: numbers or strings,
    /// and for `sort_by` all of the first key's type.
    private static func sortKeys(
        _ elements: [JSONValue], _ expression: Expression, name: String, interpreter: Interpreter, sameType: Bool
    ) throws(JMESPathError) -> [JSONValue] {
        var keys: [JSONValue] = []
        for element in elements {
            let key = try interpreter.evaluate(expression, element)
            let allowed: Set<String> = sameType && !keys.isEmpty ? [keys[0].jmesPathType] : ["number", "string"]
            guard allowed.contains(key.jmesPathType) else {
                throw JMESPathError(
                    .invalidType,
                    "\(name)() expression must give \(allowed.sorted().joined(separator: " or ")), not \(key.jmesPathType)"
                )
            }
            keys.append(key)
        }
        return keys
    }

    /// `elements` ordered by `keys` (numbers or strings, checked before), equal keys keeping their order.
    private static func stableSorted(_ elements: [JSONValue], keys: [JSONValue]) -> [JSONValue] {
        let order = elements.indices.sorted { left, right in
            switch JSONValue.compare(keys[left], keys[right]) {
            case .orderedAscending?: return true
            case .orderedDescending?: return false
            default: return left < right
            }
        }
        return order.map { elements[$0] }
    }

    /// A number from text as the Python package's `to_number` reads it (`int()`, then `float()`): optional
    /// surrounding whitespace, sign, digits, fraction and exponent; not NaN or infinity.
    private static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed = Set("0123456789+-.eE")
        guard !trimmed.isEmpty, trimmed.allSatisfy({ allowed.contains($0) }), let number = Double(trimmed),
            number.isFinite
        else { return nil }
        return number
    }

    private static func containsScalars(_ subject: String, _ search: String) -> Bool {
        let haystack = Array(subject.unicodeScalars)
        let needle = Array(search.unicodeScalars)
        if needle.isEmpty { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    // Accessors for arguments whose type the signature check has already established.
    private static func number(_ value: JSONValue) -> Double {
        if case .number(let number) = value { return number }
        return 0
    }

    private static func string(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return ""
    }

    private static func array(_ value: JSONValue) -> [JSONValue] {
        if case .array(let elements) = value { return elements }
        return []
    }

    private static func object(_ value: JSONValue) -> [String: JSONValue] {
        if case .object(let members) = value { return members }
        return [:]
    }
}
