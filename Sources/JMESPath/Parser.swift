import MSKESMCore

/// Builds the ``Expression`` tree from ``Lexer`` tokens: a Pratt (top-down operator precedence) parser with the
/// binding powers of the Python `jmespath` package (``Token/bindingPower``), so precedence and projection
/// boundaries match the implementation the AWS CLI uses. Where that package is more lenient than the
/// specification's grammar (optional commas between function arguments and between multi-select hash pairs) or
/// groups differently (an index chain `a[0][1:2]` does not project), this parser follows the package, so a
/// `--query` that works with `aws` works here too.
struct Parser {
    /// Tokens binding less tightly than this end a projection's right-hand side.
    private static let projectionStop = 10

    /// The deepest tree accepted. Parsing and evaluation recurse once per level; Python's package stops near
    /// 1,000 (its recursion limit), real queries stay within a few dozen, and a bound keeps a hostile `--query`
    /// from overflowing the stack.
    static let maximumDepth = 128

    private let tokens: [Token]
    private var index = 0
    private var nesting = 0

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole expression.
    static func parse(_ expression: String) throws(JMESPathError) -> Expression {
        var lexer = Lexer(expression)
        var parser = Parser(tokens: try lexer.tokenize())
        if case .end = parser.current.kind {
            throw JMESPathError(.syntax, "the expression is empty", column: 1)
        }
        let tree = try parser.expression(bindingPower: 0)
        guard case .end = parser.current.kind else {
            throw parser.unexpected()
        }
        guard tree.depth(limit: maximumDepth + 1) <= maximumDepth else {
            throw JMESPathError(.syntax, "the expression nests deeper than \(maximumDepth) levels", column: 1)
        }
        return tree
    }

    private var current: Token { tokens[min(index, tokens.count - 1)] }

    private func lookahead(_ distance: Int) -> Token { tokens[min(index + distance, tokens.count - 1)] }

    private mutating func advance() { index += 1 }

    private func unexpected() -> JMESPathError {
        let token = current
        if case .end = token.kind {
            return JMESPathError(.syntax, "the expression ends too early", column: token.offset + 1)
        }
        return JMESPathError(.syntax, "unexpected \(Parser.describe(token.kind))", column: token.offset + 1)
    }

    private static func describe(_ kind: Token.Kind) -> String {
        switch kind {
        case .unquotedIdentifier(let name): return "identifier '\(name)'"
        case .quotedIdentifier(let name): return "quoted identifier \"\(name)\""
        case .literal: return "literal"
        case .number(let number): return "number \(number)"
        case .end: return "end of expression"
        default: return "token"
        }
    }

    private mutating func match(_ kind: Token.Kind) throws(JMESPathError) {
        guard current.kind == kind else { throw unexpected() }
        advance()
    }

    private mutating func expression(bindingPower: Int) throws(JMESPathError) -> Expression {
        nesting += 1
        defer { nesting -= 1 }
        let token = current
        guard nesting <= Parser.maximumDepth else {
            throw JMESPathError(
                .syntax, "the expression nests deeper than \(Parser.maximumDepth) levels", column: token.offset + 1)
        }
        advance()
        var left = try prefix(token)
        while bindingPower < current.bindingPower {
            let next = current
            advance()
            left = try infix(next, left: left)
        }
        return left
    }

    /// The "nud" of a token: the expression it starts.
    private mutating func prefix(_ token: Token) throws(JMESPathError) -> Expression {
        switch token.kind {
        case .literal(let value): return .literal(value)
        case .unquotedIdentifier(let name): return .field(name)
        case .quotedIdentifier(let name):
            if case .leftParen = current.kind {
                throw JMESPathError(
                    .syntax, "a function name cannot be a quoted identifier", column: current.offset + 1)
            }
            return .field(name)
        case .star:
            let right: Expression
            if case .rightBracket = current.kind {
                right = .current
            } else {
                right = try projectionRight(bindingPower: Token(kind: .star, offset: 0).bindingPower)
            }
            return .objectProjection(.current, right)
        case .filter: return try filter(left: .current)
        case .leftBrace: return try multiSelectHash()
        case .leftParen:
            let inner = try expression(bindingPower: 0)
            try match(.rightParen)
            return inner
        case .flatten:
            let right = try projectionRight(bindingPower: token.bindingPower)
            return .listProjection(.flatten(.current), right)
        case .not:
            return .not(try expression(bindingPower: token.bindingPower))
        case .leftBracket:
            switch current.kind {
            case .number, .colon:
                return try projectIfSlice(left: .current, right: try indexOrSlice())
            case .star where lookahead(1).kind == .rightBracket:
                advance()
                advance()
                let right = try projectionRight(bindingPower: Token(kind: .star, offset: 0).bindingPower)
                return .listProjection(.current, right)
            default:
                return try multiSelectList()
            }
        case .current: return .current
        case .expref: return .expressionReference(try expression(bindingPower: token.bindingPower))
        default:
            index -= 1
            throw unexpected()
        }
    }

    /// The "led" of a token: the expression it makes with the expression on its left.
    private mutating func infix(_ token: Token, left: Expression) throws(JMESPathError) -> Expression {
        switch token.kind {
        case .dot:
            if case .star = current.kind {
                advance()
                return .objectProjection(left, try projectionRight(bindingPower: token.bindingPower))
            }
            return .subexpression(left, try dotRight(bindingPower: token.bindingPower))
        case .pipe: return .pipe(left, try expression(bindingPower: token.bindingPower))
        case .or: return .or(left, try expression(bindingPower: token.bindingPower))
        case .and: return .and(left, try expression(bindingPower: token.bindingPower))
        case .leftParen:
            guard case .field(let name) = left else {
                index -= 1
                throw JMESPathError(.syntax, "only a function name can be called", column: token.offset + 1)
            }
            // As the Python package: a comma after an argument is optional (so `f(a b)` and `f(a,)` parse),
            // which the AWS CLI's users may rely on.
            var arguments: [Expression] = []
            while current.kind != .rightParen {
                if case .end = current.kind { throw unexpected() }
                arguments.append(try expression(bindingPower: 0))
                if current.kind == .comma { advance() }
            }
            try match(.rightParen)
            return .function(name, arguments)
        case .filter: return try filter(left: left)
        case .flatten:
            return .listProjection(.flatten(left), try projectionRight(bindingPower: token.bindingPower))
        case .leftBracket:
            switch current.kind {
            case .number, .colon:
                let right = try indexOrSlice()
                // As the Python package: an index or slice right after an index continues that index chain,
                // so `a[0][1:3]` is a plain slice of `a[0]`, not a projection.
                if case .indexed = left { return .indexed(left, right) }
                return try projectIfSlice(left: left, right: right)
            default:
                try match(.star)
                try match(.rightBracket)
                let right = try projectionRight(bindingPower: Token(kind: .star, offset: 0).bindingPower)
                return .listProjection(left, right)
            }
        case .equal: return .comparison(.equal, left, try expression(bindingPower: token.bindingPower))
        case .notEqual: return .comparison(.notEqual, left, try expression(bindingPower: token.bindingPower))
        case .less: return .comparison(.less, left, try expression(bindingPower: token.bindingPower))
        case .lessOrEqual: return .comparison(.lessOrEqual, left, try expression(bindingPower: token.bindingPower))
        case .greater: return .comparison(.greater, left, try expression(bindingPower: token.bindingPower))
        case .greaterOrEqual:
            return .comparison(.greaterOrEqual, left, try expression(bindingPower: token.bindingPower))
        default:
            index -= 1
            throw unexpected()
        }
    }

    /// After `[?`: the condition, `]`, and what is projected.
    private mutating func filter(left: Expression) throws(JMESPathError) -> Expression {
        let condition = try expression(bindingPower: 0)
        try match(.rightBracket)
        let right: Expression
        if case .flatten = current.kind {
            right = .current
        } else {
            right = try projectionRight(bindingPower: Token(kind: .filter, offset: 0).bindingPower)
        }
        return .filterProjection(left, right, condition: condition)
    }

    /// After `[` followed by a number or colon: `n]` or a slice `start:stop:step]`.
    private mutating func indexOrSlice() throws(JMESPathError) -> Expression {
        if current.kind == .colon || lookahead(1).kind == .colon {
            var parts: [Int?] = [nil, nil, nil]
            var part = 0
            while current.kind != .rightBracket && part < 3 {
                switch current.kind {
                case .colon:
                    part += 1
                    if part == 3 { throw unexpected() }
                    advance()
                case .number(let number):
                    parts[part] = number
                    advance()
                default:
                    throw unexpected()
                }
            }
            try match(.rightBracket)
            return .slice(start: parts[0], stop: parts[1], step: parts[2])
        }
        guard case .number(let number) = current.kind else { throw unexpected() }
        advance()
        try match(.rightBracket)
        return .index(number)
    }

    private mutating func projectIfSlice(left: Expression, right: Expression) throws(JMESPathError) -> Expression {
        let indexed = Expression.indexed(left, right)
        if case .slice = right {
            return .listProjection(
                indexed, try projectionRight(bindingPower: Token(kind: .star, offset: 0).bindingPower))
        }
        return indexed
    }

    /// What a projection applies to each element: nothing (`@`) when the next token binds loosely, otherwise
    /// an index, filter or `.`-expression.
    private mutating func projectionRight(bindingPower: Int) throws(JMESPathError) -> Expression {
        if current.bindingPower < Parser.projectionStop { return .current }
        switch current.kind {
        case .leftBracket, .filter:
            return try expression(bindingPower: bindingPower)
        case .dot:
            advance()
            return try dotRight(bindingPower: bindingPower)
        default:
            throw unexpected()
        }
    }

    /// After `.`: an identifier, `*`, a multi-select list or a multi-select hash.
    private mutating func dotRight(bindingPower: Int) throws(JMESPathError) -> Expression {
        switch current.kind {
        case .unquotedIdentifier, .quotedIdentifier, .star:
            return try expression(bindingPower: bindingPower)
        case .leftBracket:
            advance()
            return try multiSelectList()
        case .leftBrace:
            advance()
            return try multiSelectHash()
        default:
            throw unexpected()
        }
    }

    private mutating func multiSelectList() throws(JMESPathError) -> Expression {
        var elements: [Expression] = []
        while true {
            elements.append(try expression(bindingPower: 0))
            if current.kind == .rightBracket { break }
            try match(.comma)
        }
        try match(.rightBracket)
        return .multiSelectList(elements)
    }

    private mutating func multiSelectHash() throws(JMESPathError) -> Expression {
        var pairs: [(key: String, value: Expression)] = []
        while true {
            let key: String
            switch current.kind {
            case .unquotedIdentifier(let name), .quotedIdentifier(let name): key = name
            default: throw unexpected()
            }
            advance()
            try match(.colon)
            pairs.append((key, try expression(bindingPower: 0)))
            // As the Python package: the comma between pairs is optional.
            if current.kind == .comma {
                advance()
            } else if current.kind == .rightBrace {
                advance()
                break
            }
        }
        return .multiSelectHash(pairs)
    }
}
