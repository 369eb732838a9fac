import Foundation
import Testing

@testable import JMESPath
import MSKESMCore

/// Behaviour the compliance suite does not pin down: error columns, the tree the parser builds, and results
/// as msk-esm prints them.
struct JMESPathQueryTests {
    static func search(_ expression: String, _ document: String) throws -> JSONValue {
        try JMESPathQuery(expression).search(try JSONValue.parse(document))
    }

    /// Syntax errors name the 1-based column where the expression goes wrong, for the `--query` usage error.
    @Test(arguments: [
        ("foo.", 5), ("foo[?a = 1]", 8), ("a.b[", 5), ("{a: b", 6), ("a | | b", 5), ("'abc", 1), ("a.\"b", 3),
        (#"`{"a"`"#, 1), ("foo ^ bar", 5), ("", 1), ("a[1:2:3:4]", 8), ("\"f\"(x)", 4), ("a.[]", 3),
    ])
    func syntaxErrorsPointAtTheColumn(_ expression: String, _ column: Int) {
        #expect {
            _ = try JMESPathQuery(expression)
        } throws: { error in
            guard let error = error as? JMESPathError else { return false }
            return error.kind == .syntax && error.column == column
        }
    }

    @Test func parserBuildsTheTreeWithTheSpecificationsPrecedence() throws {
        #expect(
            try Parser.parse("a.b | c || d && !e")
                == .pipe(
                    .subexpression(.field("a"), .field("b")),
                    .or(.field("c"), .and(.field("d"), .not(.field("e"))))))
        #expect(
            try Parser.parse("foo[*].bar[0]") == .listProjection(.field("foo"), .indexed(.field("bar"), .index(0))))
        #expect(
            try Parser.parse("a[?b > `1`].c")
                == .filterProjection(
                    .field("a"), .field("c"), condition: .comparison(.greater, .field("b"), .literal(1))))
        #expect(
            try Parser.parse("sort_by(@, &x)") == .function("sort_by", [.current, .expressionReference(.field("x"))]))
        #expect(
            try Parser.parse("[::-1]")
                == .listProjection(.indexed(.current, .slice(start: nil, stop: nil, step: -1)), .current))
    }

    /// Results print through the project's JSONWriter as the AWS CLI prints Python's: whole numbers without `.0`.
    @Test func resultsPrintThroughJSONWriterAsPythonsWould() throws {
        let document = #"{"nums":[3,1,2],"people":[{"name":"b","age":30},{"name":"a","age":20.5}]}"#
        #expect(JSONWriter.write(try Self.search("length(nums)", document), pretty: false) == "3")
        #expect(JSONWriter.write(try Self.search("sum(nums)", document), pretty: false) == "6")
        #expect(JSONWriter.write(try Self.search("avg(nums)", document), pretty: false) == "2")
        #expect(JSONWriter.write(try Self.search("people[*].age", document), pretty: false) == "[30,20.5]")
        #expect(
            JSONWriter.write(try Self.search("sort_by(people, &age)[*].{n: name, a: age}", document), pretty: false)
                == #"[{"a":20.5,"n":"a"},{"a":30,"n":"b"}]"#)
        #expect(JSONWriter.write(try Self.search("floor(`2.5`)", document), pretty: false) == "2")
    }

    @Test(arguments: [
        ("[::-1]", "[5,4,3,2,1,0]"), ("[5:1:-2]", "[5,3]"), ("[-2:]", "[4,5]"), ("[:-4:-1]", "[5,4,3]"),
        ("[10:]", "[]"), ("[-10:2]", "[0,1]"), ("[::2]", "[0,2,4]"), ("[-1:-10:-3]", "[5,2]"),
    ])
    func slicesFollowPythonSemantics(_ expression: String, _ expected: String) throws {
        #expect(try Self.search(expression, "[0,1,2,3,4,5]") == JSONValue.parse(expected))
    }

    @Test func aSliceStepOfZeroIsAnInvalidValue() {
        #expect(throws: JMESPathError(.invalidValue, "a slice step cannot be 0")) {
            try Self.search("[::0]", "[1]")
        }
    }

    /// `to_string` is Python's `json.dumps` with compact separators: non-ASCII escaped, whole numbers as integers.
    @Test func toStringWritesJSONAsPythonDoes() throws {
        #expect(
            try Self.search("to_string(@)", #"["é","😀",{"b":1,"a":[1.5,null]}]"#)
                == .string(#"["\u00e9","\ud83d\ude00",{"a":[1.5,null],"b":1}]"#))
    }

    /// Strings compare by code point, as Python does, not by Swift's canonical equivalence.
    @Test func stringsCompareByCodePoint() throws {
        #expect(try Self.search("a == b", #"{"a":"\u00e9","b":"e\u0301"}"#) == .bool(false))
        #expect(try Self.search("length(b)", #"{"b":"e\u0301"}"#) == .number(2))
        #expect(try Self.search("sort(@)", #"["b","B","a","é"]"#) == JSONValue.parse(#"["B","a","b","é"]"#))
    }

    @Test func errorsCarryTheirKind() {
        for (expression, kind) in [
            ("nosuch(@)", JMESPathError.Kind.unknownFunction), ("abs('a')", .invalidType),
            ("abs(`1`, `2`)", .invalidArity), ("not_null()", .invalidArity), ("sort_by(@, &a)", .invalidType),
        ] {
            #expect(throws: JMESPathError.self) { try Self.search(expression, #"[{"a":1},{"a":"x"}]"#) }
            do {
                _ = try Self.search(expression, #"[{"a":1},{"a":"x"}]"#)
            } catch let error as JMESPathError {
                #expect(error.kind == kind, "\(expression)")
            } catch {
                Issue.record("\(expression): \(error)")
            }
        }
    }
}

/// Where the Python package (the AWS CLI's) is more lenient than the grammar, or groups an index chain
/// differently, a `--query` that works with `aws` works the same here.
struct PythonCompatibilityTests {
    @Test(arguments: [
        ("join(',' strs)", #""a,b""#), ("length(strs,)", "2"), ("{x: n y: strs[0]}", #"{"x":3,"y":"a"}"#),
        ("rows[0][1:3][0]", "2"), ("rows[0][::-1].x", "null"), ("rows[*][1:2][0]", "[[],[]]"),
    ])
    func acceptsWhatThePythonPackageAccepts(_ expression: String, _ expected: String) throws {
        let document = #"{"strs":["a","b"],"n":3,"rows":[[1,2,3],[4]]}"#
        #expect(try JMESPathQueryTests.search(expression, document) == JSONValue.parse(expected))
    }
}

/// A hostile `--query` cannot overflow the stack: depth is bounded at parse time, and the deepest accepted tree
/// evaluates.
struct DepthLimitTests {
    @Test(arguments: [
        String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000),
        String(repeating: "a.", count: 50_000) + "a",
        String(repeating: "!", count: 100_000) + "a",
        String(repeating: "[", count: 100_000),
        "a" + String(repeating: "[0]", count: 50_000),
        String(repeating: "a | ", count: 50_000) + "a",
    ])
    func deepExpressionsAreSyntaxErrors(_ expression: String) {
        #expect(throws: JMESPathError.self) { _ = try JMESPathQuery(expression) }
    }

    @Test func theDeepestAcceptedExpressionsEvaluate() throws {
        let depth = Parser.maximumDepth - 2
        let nested = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        #expect(try JMESPathQuery(nested).search(["a": 1]) == 1)
        let chain = String(repeating: "a.", count: depth - 1) + "a"
        var document: JSONValue = 1
        for _ in 0..<depth { document = ["a": document] }
        #expect(try JMESPathQuery(chain).search(document) == 1)
        let negations = String(repeating: "!", count: depth - 1) + "a"
        #expect(try JMESPathQuery(negations).search(["a": 1]) == .bool((depth - 1) % 2 == 0))
    }
}
