import Foundation
import MSKESMCore

/// Splits a JMESPath expression into ``Token``s (https://jmespath.org/specification.html#grammar).
///
/// Works on Unicode scalars, so error columns count characters as the Python `jmespath` package does.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ expression: String) {
        scalars = Array(expression.unicodeScalars)
    }

    /// All tokens of the expression, ending with `.end`.
    mutating func tokenize() throws(JMESPathError) -> [Token] {
        var tokens: [Token] = []
        while let scalar = current {
            let start = position
            switch scalar {
            case " ", "\t", "\n", "\r":
                position += 1
                continue
            case ".": tokens.append(single(.dot))
            case "*": tokens.append(single(.star))
            case "]": tokens.append(single(.rightBracket))
            case "{": tokens.append(single(.leftBrace))
            case "}": tokens.append(single(.rightBrace))
            case "(": tokens.append(single(.leftParen))
            case ")": tokens.append(single(.rightParen))
            case ",": tokens.append(single(.comma))
            case ":": tokens.append(single(.colon))
            case "@": tokens.append(single(.current))
            case "[":
                position += 1
                if current == "]" {
                    position += 1
                    tokens.append(Token(kind: .flatten, offset: start))
                } else if current == "?" {
                    position += 1
                    tokens.append(Token(kind: .filter, offset: start))
                } else {
                    tokens.append(Token(kind: .leftBracket, offset: start))
                }
            case "|": tokens.append(pair("|", .or, else: .pipe))
            case "&": tokens.append(pair("&", .and, else: .expref))
            case "<": tokens.append(pair("=", .lessOrEqual, else: .less))
            case ">": tokens.append(pair("=", .greaterOrEqual, else: .greater))
            case "!": tokens.append(pair("=", .notEqual, else: .not))
            case "=":
                position += 1
                guard current == "=" else {
                    throw JMESPathError(.syntax, "'=' is not an operator; use '==' to compare", column: start + 1)
                }
                position += 1
                tokens.append(Token(kind: .equal, offset: start))
            case "'":
                let text = try delimited(by: "'").replacingOccurrences(of: "\\'", with: "'")
                tokens.append(Token(kind: .literal(.string(text)), offset: start))
            case "`":
                let text = try delimited(by: "`").replacingOccurrences(of: "\\`", with: "`")
                tokens.append(Token(kind: .literal(try literal(text, offset: start)), offset: start))
            case "\"":
                let text = try delimited(by: "\"")
                guard case .string(let name)? = try? JSONValue.parse("\"" + text + "\"") else {
                    throw JMESPathError(.syntax, "invalid quoted identifier \"\(text)\"", column: start + 1)
                }
                tokens.append(Token(kind: .quotedIdentifier(name), offset: start))
            case "-", "0"..."9":
                position += 1
                while let digit = current, ("0"..."9").contains(digit) { position += 1 }
                let text = String(String.UnicodeScalarView(scalars[start..<position]))
                guard let number = Int(text) else {
                    throw JMESPathError(.syntax, "'\(text)' is not a number", column: start + 1)
                }
                tokens.append(Token(kind: .number(number), offset: start))
            case "a"..."z", "A"..."Z", "_":
                while let next = current, Lexer.isIdentifierScalar(next) { position += 1 }
                let name = String(String.UnicodeScalarView(scalars[start..<position]))
                tokens.append(Token(kind: .unquotedIdentifier(name), offset: start))
            default:
                throw JMESPathError(.syntax, "unexpected character '\(scalar)'", column: start + 1)
            }
        }
        tokens.append(Token(kind: .end, offset: scalars.count))
        return tokens
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_"
    }

    private mutating func single(_ kind: Token.Kind) -> Token {
        position += 1
        return Token(kind: kind, offset: position - 1)
    }

    /// A one- or two-character operator: `second` after the current character makes `twoCharacter`.
    private mutating func pair(_ second: Unicode.Scalar, _ twoCharacter: Token.Kind, else oneCharacter: Token.Kind)
        -> Token
    {
        let start = position
        position += 1
        if current == second {
            position += 1
            return Token(kind: twoCharacter, offset: start)
        }
        return Token(kind: oneCharacter, offset: start)
    }

    /// The text between the current delimiter and the next unescaped one; a backslash keeps the character after
    /// it (and itself) in the text, as the reference implementation does.
    private mutating func delimited(by delimiter: Unicode.Scalar) throws(JMESPathError) -> String {
        let start = position
        position += 1
        var text = String.UnicodeScalarView()
        while current != delimiter {
            if current == "\\" {
                text.append("\\")
                position += 1
            }
            guard let scalar = current else {
                throw JMESPathError(.syntax, "unclosed \(delimiter) delimiter", column: start + 1)
            }
            text.append(scalar)
            position += 1
        }
        position += 1
        return String(text)
    }

    /// A backtick literal: JSON text, or (the deprecated JEP-12 form the reference implementation still accepts)
    /// the bare text of a string.
    private func literal(_ text: String, offset: Int) throws(JMESPathError) -> JSONValue {
        if let value = try? JSONValue.parse(text) { return value }
        let trimmed = String(text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }))
        if let value = try? JSONValue.parse("\"" + trimmed + "\"") { return value }
        throw JMESPathError(.syntax, "invalid JSON literal `\(text)`", column: offset + 1)
    }
}
