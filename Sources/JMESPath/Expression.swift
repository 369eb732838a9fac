import MSKESMCore

/// The abstract syntax tree of a JMESPath expression, as ``Parser`` builds it and ``Interpreter`` evaluates it.
indirect enum Expression: Equatable, Sendable {
    /// Comparison operators (https://jmespath.org/specification.html#comparator-expressions).
    enum Comparator: Equatable, Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    /// `@`, and the implicit right-hand side of a projection that ends the expression.
    case current
    case field(String)
    case literal(JSONValue)
    /// `left.right`.
    case subexpression(Expression, Expression)
    /// `[n]`, negative from the end.
    case index(Int)
    /// `[start:stop:step]`; always projected over.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `left[...]`: the index or slice applied to the left side's value.
    case indexed(Expression, Expression)
    /// `left[*].right`, `left[].right`, slices: `right` applied to every element of the list `left` gives.
    case listProjection(Expression, Expression)
    /// `left.*.right`: `right` applied to every member value of the object `left` gives.
    case objectProjection(Expression, Expression)
    /// `left[?condition].right`.
    case filterProjection(Expression, Expression, condition: Expression)
    /// `left[]` before its projection: one level of nested lists merged.
    case flatten(Expression)
    case pipe(Expression, Expression)
    case or(Expression, Expression)
    case and(Expression, Expression)
    case not(Expression)
    case comparison(Comparator, Expression, Expression)
    case multiSelectList([Expression])
    /// `{key: expression, ...}` in the order written.
    case multiSelectHash([(key: String, value: Expression)])
    case function(String, [Expression])
    /// `&expression`, only meaningful as a function argument.
    case expressionReference(Expression)

    /// The expressions directly under this one.
    var children: [Expression] {
        switch self {
        case .current, .field, .literal, .index, .slice: return []
        case .subexpression(let a, let b), .indexed(let a, let b), .listProjection(let a, let b),
            .objectProjection(let a, let b), .pipe(let a, let b), .or(let a, let b), .and(let a, let b),
            .comparison(_, let a, let b):
            return [a, b]
        case .filterProjection(let a, let b, let c): return [a, b, c]
        case .flatten(let a), .not(let a), .expressionReference(let a): return [a]
        case .multiSelectList(let elements), .function(_, let elements): return elements
        case .multiSelectHash(let pairs): return pairs.map(\.value)
        }
    }

    /// The depth of the tree, counted no further than `limit` (so a degenerate tree costs no deep recursion).
    func depth(limit: Int) -> Int {
        guard limit > 0 else { return 1 }
        return 1 + (children.map { $0.depth(limit: limit - 1) }.max() ?? 0)
    }

    /// The keys of every multi-select hash in the tree, each hash's in the order written.
    var hashKeyOrders: [[String]] {
        var orders: [[String]] = []
        if case .multiSelectHash(let pairs) = self { orders.append(pairs.map(\.key)) }
        return orders + children.flatMap(\.hashKeyOrders)
    }

    static func == (left: Expression, right: Expression) -> Bool {
        switch (left, right) {
        case (.current, .current): return true
        case (.field(let a), .field(let b)): return a == b
        case (.literal(let a), .literal(let b)): return a == b
        case (.subexpression(let a1, let a2), .subexpression(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.index(let a), .index(let b)): return a == b
        case (.slice(let a1, let a2, let a3), .slice(let b1, let b2, let b3)): return a1 == b1 && a2 == b2 && a3 == b3
        case (.indexed(let a1, let a2), .indexed(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.listProjection(let a1, let a2), .listProjection(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.objectProjection(let a1, let a2), .objectProjection(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.filterProjection(let a1, let a2, let a3), .filterProjection(let b1, let b2, let b3)):
            return a1 == b1 && a2 == b2 && a3 == b3
        case (.flatten(let a), .flatten(let b)): return a == b
        case (.pipe(let a1, let a2), .pipe(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.or(let a1, let a2), .or(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.and(let a1, let a2), .and(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.not(let a), .not(let b)): return a == b
        case (.comparison(let a0, let a1, let a2), .comparison(let b0, let b1, let b2)):
            return a0 == b0 && a1 == b1 && a2 == b2
        case (.multiSelectList(let a), .multiSelectList(let b)): return a == b
        case (.multiSelectHash(let a), .multiSelectHash(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.function(let a1, let a2), .function(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.expressionReference(let a), .expressionReference(let b)): return a == b
        default: return false
        }
    }
}
