import Foundation
import MSKESMTestSupport
import Testing

@testable import JMESPath
import MSKESMCore

/// Random fragments glued together: every one compiles or gives a syntax error whose column lies inside the
/// expression (or just after it), and whatever compiles evaluates to a value or a typed error, never a crash.
struct RobustnessTests {
    static let fragments = [
        "a", "b", "foo", "\"q r\"", "'raw'", "`1`", "`[1,2]`", "`{\"a\":1}`", "@", ".", "*", "[", "]", "[]", "[?",
        "{", "}", "(", ")", ",", ":", "|", "||", "&&", "!", "&", "==", "!=", "<", "<=", ">", ">=", "0", "-1", "2",
        "length", "sort_by", "max_by", "abs", "nosuch", " ", "`", "'", "\"", "\\", "é", "=", "-",
    ]

    @Test func randomExpressionsCompileOrFailCleanly() {
        var generator = SeededGenerator(state: 16)
        let document: JSONValue = ["a": [1, 2, ["b": "x"]], "b": ["a": 1, "foo": [true, nil, "s"]], "foo": "abc"]
        var compiled = 0
        var problems: [String] = []
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...12, using: &generator)
            let text = (0..<count).map { _ in Self.fragments.randomElement(using: &generator) ?? "" }.joined()
            do {
                let query = try JMESPathQuery(text)
                compiled += 1
                do { _ = try query.search(document) } catch { _ = error.kind }
            } catch {
                let length = text.unicodeScalars.count
                if error.kind != .syntax || !(1...(length + 1)).contains(error.column ?? 0) {
                    problems.append("\(text): \(error)")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        #expect(compiled > 500, "too few random expressions compiled (\(compiled)) for the evaluation half to count")
    }
}
