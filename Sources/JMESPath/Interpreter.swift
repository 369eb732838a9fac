import MSKESMCore

/// Evaluates an ``Expression`` tree against a ``JSONValue``
/// (https://jmespath.org/specification.html), calling ``Functions`` for function expressions.
struct Interpreter {
    func evaluate(_ expression: Expression, _ value: JSONValue) throws(JMESPathError) -> JSONValue {
        switch expression {
        case .current:
            return value
        case .field(let name):
            if case .object(let members) = value { return members[name] ?? .null }
            return .null
        case .literal(let literal):
            return literal
        case .subexpression(let left, let right):
            // No short cut on null: a function on the right still runs (and checks its arguments), as in the
            // Python package.
            return try evaluate(right, try evaluate(left, value))
        case .index(let position):
            guard case .array(let elements) = value else { return .null }
            let resolved = position < 0 ? elements.count + position : position
            return elements.indices.contains(resolved) ? elements[resolved] : .null
        case .slice(let start, let stop, let step):
            guard case .array(let elements) = value else { return .null }
            return .array(try Interpreter.slice(elements, start: start, stop: stop, step: step))
        case .indexed(let left, let right):
            return try evaluate(right, try evaluate(left, value))
        case .listProjection(let left, let right):
            guard case .array(let elements) = try evaluate(left, value) else { return .null }
            return .array(try project(elements, right))
        case .objectProjection(let left, let right):
            guard case .object(let members) = try evaluate(left, value) else { return .null }
            return .array(try project(JSONValue.orderedMembers(members).map(\.value), right))
        case .filterProjection(let left, let right, let condition):
            guard case .array(let elements) = try evaluate(left, value) else { return .null }
            var kept: [JSONValue] = []
            for element in elements where try evaluate(condition, element).isTruthy {
                kept.append(element)
            }
            return .array(try project(kept, right))
        case .flatten(let inner):
            guard case .array(let elements) = try evaluate(inner, value) else { return .null }
            var merged: [JSONValue] = []
            for element in elements {
                if case .array(let nested) = element {
                    merged.append(contentsOf: nested)
                } else {
                    merged.append(element)
                }
            }
            return .array(merged)
        case .pipe(let left, let right):
            return try evaluate(right, try evaluate(left, value))
        case .or(let left, let right):
            let first = try evaluate(left, value)
            return first.isTruthy ? first : try evaluate(right, value)
        case .and(let left, let right):
            let first = try evaluate(left, value)
            return first.isTruthy ? try evaluate(right, value) : first
        case .not(let inner):
            return .bool(!(try evaluate(inner, value).isTruthy))
        case .comparison(let comparator, let left, let right):
            return Interpreter.compare(comparator, try evaluate(left, value), try evaluate(right, value))
        case .multiSelectList(let elements):
            if case .null = value { return .null }
            var results: [JSONValue] = []
            for element in elements { results.append(try evaluate(element, value)) }
            return .array(results)
        case .multiSelectHash(let pairs):
            if case .null = value { return .null }
            var members: [String: JSONValue] = [:]
            for pair in pairs { members[pair.key] = try evaluate(pair.value, value) }
            return .object(members)
        case .function(let name, let argumentExpressions):
            var arguments: [Functions.Argument] = []
            for argument in argumentExpressions {
                if case .expressionReference(let reference) = argument {
                    arguments.append(.expression(reference))
                } else {
                    arguments.append(.value(try evaluate(argument, value)))
                }
            }
            return try Functions.call(name, arguments, interpreter: self)
        case .expressionReference:
            // Only a function argument can use an expression reference; anywhere else it selects nothing.
            return .null
        }
    }

    /// `right` applied to each element; null results are dropped, as projections do.
    private func project(_ elements: [JSONValue], _ right: Expression) throws(JMESPathError) -> [JSONValue] {
        var results: [JSONValue] = []
        for element in elements {
            let result = try evaluate(right, element)
            if case .null = result { continue }
            results.append(result)
        }
        return results
    }

    private static func compare(_ comparator: Expression.Comparator, _ left: JSONValue, _ right: JSONValue)
        -> JSONValue
    {
        switch comparator {
        case .equal: return .bool(left.jmesPathEquals(right))
        case .notEqual: return .bool(!left.jmesPathEquals(right))
        default: break
        }
        // Ordering applies to two numbers or (as the Python package allows) two strings; else null.
        guard let order = JSONValue.compare(left, right) else { return .null }
        switch comparator {
        case .less: return .bool(order == .orderedAscending)
        case .lessOrEqual: return .bool(order != .orderedDescending)
        case .greater: return .bool(order == .orderedDescending)
        default: return .bool(order != .orderedAscending)
        }
    }

    /// Python slice semantics (https://jmespath.org/specification.html#slices): defaults and clamping depend on
    /// the step's sign.
    static func slice<Element>(_ elements: [Element], start: Int?, stop: Int?, step: Int?) throws(JMESPathError)
        -> [Element]
    {
        let step = step ?? 1
        guard step != 0 else { throw JMESPathError(.invalidValue, "a slice step cannot be 0") }
        let count = elements.count
        func bound(_ value: Int?, default fallback: Int) -> Int {
            guard let value else { return fallback }
            if value < 0 {
                let adjusted = value + count
                return adjusted < 0 ? (step < 0 ? -1 : 0) : adjusted
            }
            return value >= count ? (step < 0 ? count - 1 : count) : value
        }
        let first = bound(start, default: step < 0 ? count - 1 : 0)
        let end = bound(stop, default: step < 0 ? -1 : count)
        var result: [Element] = []
        var position = first
        while step > 0 ? position < end : position > end {
            result.append(elements[position])
            position += step
        }
        return result
    }
}
