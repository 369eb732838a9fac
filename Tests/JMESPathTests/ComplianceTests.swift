import Foundation
import Testing

@testable import JMESPath
import MSKESMCore

/// The official JMESPath compliance suite (Tests/Fixtures/jmespath-compliance/README.md): every case gives its
/// result, or fails with the named error kind; benchmark cases evaluate without error.
struct ComplianceTests {
    struct Case: CustomStringConvertible {
        var file: String
        var given: JSONValue
        var expression: String
        var expected: Expectation
        var description: String { "\(file): \(expression)" }
    }

    enum Expectation {
        case result(JSONValue)
        case error(String)
        case noError
    }

    static let files = [
        "basic", "benchmarks", "boolean", "current", "escape", "filters", "functions", "identifiers", "indices",
        "literal", "multiselect", "pipe", "slice", "syntax", "unicode", "wildcard",
    ]

    static func cases(in file: String) throws -> [Case] {
        let url = FixtureDirectory.url("jmespath-compliance/\(file).json")
        let suites = try JSONValue.parse(try Data(contentsOf: url)).arrayValue ?? []
        var cases: [Case] = []
        for suite in suites {
            let given = suite["given"] ?? .null
            for entry in suite["cases"]?.arrayValue ?? [] {
                guard let expression = entry["expression"]?.stringValue else { continue }
                let expected: Expectation
                if let error = entry["error"]?.stringValue {
                    expected = .error(error)
                } else if let result = entry["result"] {
                    expected = .result(result)
                } else {
                    expected = .noError
                }
                cases.append(Case(file: file, given: given, expression: expression, expected: expected))
            }
        }
        return cases
    }

    /// Evaluates one case; nil when it passes, else what went wrong.
    static func failure(of testCase: Case) -> String? {
        let outcome: Result<JSONValue, JMESPathError>
        do throws(JMESPathError) {
            outcome = .success(try JMESPathQuery(testCase.expression).search(testCase.given))
        } catch {
            outcome = .failure(error)
        }
        switch (testCase.expected, outcome) {
        case (.result(let expected), .success(let actual)):
            return actual.jmesPathEquals(expected)
                ? nil
                : "\(testCase): got \(JSONWriter.write(actual, pretty: false)), expected \(JSONWriter.write(expected, pretty: false))"
        case (.error(let kind), .failure(let error)):
            return error.kind.rawValue == kind ? nil : "\(testCase): got \(error), expected \(kind)"
        case (.noError, .success):
            return nil
        case (_, .failure(let error)):
            return "\(testCase): unexpected \(error)"
        case (.error(let kind), .success(let actual)):
            return "\(testCase): got \(JSONWriter.write(actual, pretty: false)), expected \(kind) error"
        case (.noError, _):
            return nil
        }
    }

    @Test(arguments: files)
    func everyCasePasses(_ file: String) throws {
        let cases = try Self.cases(in: file)
        #expect(!cases.isEmpty)
        let failures = cases.compactMap(Self.failure(of:))
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) failed:\n\(failures.joined(separator: "\n"))")
    }

    /// The suite is complete: 892 cases with a result or an error, besides the benchmarks.
    @Test func suiteHasAllCases() throws {
        var checked = 0
        for file in Self.files {
            for testCase in try Self.cases(in: file) {
                if case .noError = testCase.expected { continue }
                checked += 1
            }
        }
        #expect(checked == 892)
    }
}
