import Foundation
import MSKESMCore

/// The AWS CLI's shorthand syntax for structure and list parameters (`Type=SASL_SCRAM_512_AUTH,URI=arn:…`,
/// `Endpoints={KAFKA_BOOTSTRAP_SERVERS=[b1:9096,b2:9096]}`), parsed as `awscli/shorthand.py`'s
/// `ShorthandParser` parses it (AWS CLI v1, the project's pinned oracle; a test holds the two to the same
/// results and the same failures on generated input). The result is untyped — strings, lists and objects —
/// until ``AWSCLIParameterShapes`` converts its scalars by the service model, as the CLI's `BackCompatVisitor` does.
/// https://docs.aws.amazon.com/cli/v1/userguide/cli-usage-shorthand.html
struct ShorthandSyntax {
    /// Where and why the text is not shorthand.
    struct ParseError: Error, Equatable {
        var message: String
        var index: Int
    }

    private let input: [Unicode.Scalar]
    private var index = 0
    private var resolvesFiles = false
    /// Reads `key@=file://PATH` values (the CLI reads the file's text into the value).
    private let readFile: (String) throws -> String

    init(
        _ text: String,
        readFile: @escaping (String) throws -> String = { _ in throw ParseError(message: "no files here", index: 0) }
    ) {
        input = Array(text.unicodeScalars)
        self.readFile = readFile
    }

    /// Parses `text`: `key=value[,key=value…]` at the top level.
    static func parse(
        _ text: String,
        readFile: @escaping (String) throws -> String = { _ in
            throw ParseError(message: "file:// is not read here", index: 0)
        }
    ) throws -> JSONValue {
        var parser = ShorthandSyntax(text, readFile: readFile)
        return try parser.parameter()
    }

    // MARK: the grammar (the order of awscli/shorthand.py's methods)

    private mutating func parameter() throws -> JSONValue {
        var params: [String: JSONValue] = [:]
        let (firstKey, firstValue) = try keyValue()
        params[firstKey] = firstValue
        var lastIndex = index
        while index < input.count {
            try expect(",", consumingWhitespace: true)
            let (key, value) = try keyValue()
            if params[key] != nil {
                throw ParseError(message: "second instance of key \"\(key)\" encountered", index: lastIndex + 1)
            }
            params[key] = value
            lastIndex = index
        }
        return .object(params)
    }

    private mutating func keyValue() throws -> (String, JSONValue) {
        let name = key()
        resolvesFiles = false
        if (try? expect("@", consumingWhitespace: true)) != nil { resolvesFiles = true }
        try expect("=", consumingWhitespace: true)
        return (name, try values())
    }

    private mutating func key() -> String {
        let start = index
        while let current, Self.isKeyCharacter(current) { index += 1 }
        return String(String.UnicodeScalarView(input[start..<index]))
    }

    private mutating func values() throws -> JSONValue {
        guard let current else { return .string("") }
        switch current {
        case "[": return try explicitList()
        case "{": return try hashLiteral()
        default: return try csvValue()
        }
    }

    private mutating func csvValue() throws -> JSONValue {
        let first = try firstValue()
        consumeWhitespace()
        if atEnd || input[index] != "," { return first }
        try expect(",", consumingWhitespace: true)
        var list = [first]
        while true {
            do {
                let current = try secondValue()
                consumeWhitespace()
                if atEnd {
                    list.append(current)
                    break
                }
                try expect(",", consumingWhitespace: true)
                list.append(current)
            } catch let error as ParseError {
                if atEnd { throw error }
                backtrack(to: ",")
                break
            }
        }
        return list.count == 1 ? first : .array(list)
    }

    private mutating func value() throws -> JSONValue {
        guard let matched = consume(Self.isStartCharacter, Self.isFirstFollowCharacter) else { return .string("") }
        return try resolved(Self.rstrip(matched.replacingOccurrences(of: "\\,", with: ",")))
    }

    private mutating func explicitList() throws -> JSONValue {
        try expect("[", consumingWhitespace: true)
        var values: [JSONValue] = []
        while current != "]" {
            values.append(try explicitValues())
            consumeWhitespace()
            if current != "]" {
                try expect(",")
                consumeWhitespace()
            }
        }
        try expect("]")
        return .array(values)
    }

    private mutating func explicitValues() throws -> JSONValue {
        switch current {
        case "[": return try explicitList()
        case "{": return try hashLiteral()
        default: return try firstValue()
        }
    }

    private mutating func hashLiteral() throws -> JSONValue {
        try expect("{", consumingWhitespace: true)
        var members: [String: JSONValue] = [:]
        while current != "}" {
            let name = key()
            resolvesFiles = false
            if (try? expect("@", consumingWhitespace: true)) != nil { resolvesFiles = true }
            try expect("=", consumingWhitespace: true)
            let value = try explicitValues()
            consumeWhitespace()
            if current != "}" {
                try expect(",")
                consumeWhitespace()
            }
            members[name] = value
        }
        try expect("}")
        return .object(members)
    }

    private mutating func firstValue() throws -> JSONValue {
        switch current {
        case "'": return try quoted("'")
        case "\"": return try quoted("\"")
        default: return try value()
        }
    }

    private mutating func secondValue() throws -> JSONValue {
        switch current {
        case "'": return try quoted("'")
        case "\"": return try quoted("\"")
        default:
            guard let matched = consume(Self.isStartCharacter, Self.isSecondFollowCharacter) else {
                throw ParseError(message: "expected a value", index: index)
            }
            return try resolved(Self.rstrip(matched.replacingOccurrences(of: "\\,", with: ",")))
        }
    }

    /// A quoted value: `'…'` or `"…"`, where `\'` (or `\"`) and `\\` are escapes. As the CLI's regular expression
    /// `'(?:\\'|[^'])*'` matches: up to the first quote no backslash escapes, or, when the text ends first, up to
    /// the last escaped quote (the expression's backtracking).
    private mutating func quoted(_ quote: Unicode.Scalar) throws -> JSONValue {
        let start = index
        guard current == quote else { throw ParseError(message: "expected \(quote)", index: index) }
        var position = index + 1
        var lastEscapedQuote: Int?
        var closing: Int?
        while position < input.count {
            if input[position] == "\\" && position + 1 < input.count && input[position + 1] == quote {
                lastEscapedQuote = position + 1
                position += 2
                continue
            }
            if input[position] == quote {
                closing = position
                break
            }
            position += 1
        }
        guard let end = closing ?? lastEscapedQuote else {
            throw ParseError(message: "a quoted value is not closed", index: start)
        }
        index = end + 1
        let inner = String(String.UnicodeScalarView(input[(start + 1)..<end]))
        let text = inner.replacingOccurrences(of: "\\\(quote)", with: String(quote)).replacingOccurrences(
            of: "\\\\", with: "\\")
        return try resolved(text)
    }

    /// `key@=file://PATH`: the file's text (only after `@=`; elsewhere a value is taken as written).
    private func resolved(_ text: String) throws -> JSONValue {
        guard resolvesFiles, text.hasPrefix("file://") else { return .string(text) }
        return .string(try readFile(String(text.dropFirst("file://".count))))
    }

    // MARK: scanning

    private var current: Unicode.Scalar? { index < input.count ? input[index] : nil }
    private var atEnd: Bool { index >= input.count }

    private mutating func expect(_ character: Unicode.Scalar, consumingWhitespace: Bool = false) throws {
        if consumingWhitespace { consumeWhitespace() }
        guard let current else { throw ParseError(message: "expected '\(character)', found the end", index: index) }
        guard current == character else {
            throw ParseError(message: "expected '\(character)', found '\(current)'", index: index)
        }
        index += 1
        if consumingWhitespace { consumeWhitespace() }
    }

    /// A word: a start character (or an escaped comma) then follow characters (or escaped commas).
    private mutating func consume(_ start: (Unicode.Scalar) -> Bool, _ follow: (Unicode.Scalar) -> Bool) -> String? {
        var position = index
        func escapedComma(_ at: Int) -> Bool { at + 1 < input.count && input[at] == "\\" && input[at + 1] == "," }
        if escapedComma(position) {
            position += 2
        } else if position < input.count, start(input[position]) {
            position += 1
        } else {
            return nil
        }
        while position < input.count {
            if escapedComma(position) {
                position += 2
            } else if follow(input[position]) {
                position += 1
            } else {
                break
            }
        }
        let word = String(String.UnicodeScalarView(input[index..<position]))
        index = position
        return word
    }

    private mutating func backtrack(to character: Unicode.Scalar) {
        while index >= 0 && (index >= input.count || input[index] != character) { index -= 1 }
    }

    private mutating func consumeWhitespace() {
        while let current, [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(current) { index += 1 }
    }

    // MARK: character classes (awscli/shorthand.py's regular expressions, as code point ranges)

    static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "-_.#/:".unicodeScalars.contains(c))
    }

    static func inRanges(_ c: Unicode.Scalar, _ ranges: [ClosedRange<UInt32>]) -> Bool {
        ranges.contains { $0.contains(c.value) }
    }

    static func isStartCharacter(_ c: Unicode.Scalar) -> Bool {
        inRanges(c, [0x21...0x21, 0x23...0x26, 0x28...0x2B, 0x2D...0x3C, 0x3E...0x5A, 0x5C...0x7A, 0x7C...0xFFFF])
    }

    static func isFirstFollowCharacter(_ c: Unicode.Scalar) -> Bool {
        pythonRegexSpace(c)
            || inRanges(c, [0x21...0x21, 0x23...0x26, 0x28...0x2B, 0x2D...0x5C, 0x5E...0x7C, 0x7E...0xFFFF])
    }

    static func isSecondFollowCharacter(_ c: Unicode.Scalar) -> Bool {
        pythonRegexSpace(c) || inRanges(c, [0x21...0x21, 0x23...0x26, 0x28...0x2B, 0x2D...0x3C, 0x3E...0xFFFF])
    }

    /// Python's `\s` (Unicode): ASCII whitespace, 0x1C–0x1F, and the other Unicode spaces.
    static func pythonRegexSpace(_ c: Unicode.Scalar) -> Bool {
        (0x1C...0x1F).contains(c.value) || c.properties.isWhitespace
    }

    /// Python's `str.rstrip()`.
    static func rstrip(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, pythonRegexSpace(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
