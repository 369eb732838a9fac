import MSKESMCore

/// One lexical token of a JMESPath expression, with its 0-based offset (in Unicode scalars) for error columns.
struct Token: Equatable {
    enum Kind: Equatable {
        case unquotedIdentifier(String)
        case quotedIdentifier(String)
        case literal(JSONValue)
        case number(Int)
        case dot, star, flatten, filter, leftBracket, rightBracket, leftBrace, rightBrace
        case leftParen, rightParen, comma, colon, pipe, or, and, not, current, expref
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case end
    }

    var kind: Kind
    var offset: Int

    /// The left binding power of this token in the Pratt parser, as in the Python `jmespath` package's parser
    /// (the AWS CLI's implementation), so that both group expressions the same way.
    var bindingPower: Int {
        switch kind {
        case .pipe: return 1
        case .or: return 2
        case .and: return 3
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return 5
        case .flatten: return 9
        case .star: return 20
        case .filter: return 21
        case .dot: return 40
        case .not: return 45
        case .leftBrace: return 50
        case .leftBracket: return 55
        case .leftParen: return 60
        default: return 0
        }
    }
}
