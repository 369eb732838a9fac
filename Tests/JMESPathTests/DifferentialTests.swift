import Foundation
import Testing

@testable import JMESPath
import MSKESMCore

/// Sources/JMESPath against the Python `jmespath` package (the AWS CLI's) as the oracle: the generated
/// expressions of Tests/Fixtures/jmespath-differential.json (written by Tests/TestBed/generate_jmespath_cases.py)
/// give the results, or the error kinds, that Python gave.
struct DifferentialTests {
    @Test func everyGeneratedCaseAgreesWithPython() throws {
        let fixture = try JSONValue.parse(try Data(contentsOf: FixtureDirectory.url("jmespath-differential.json")))
        let documents = fixture["documents"]?.arrayValue ?? []
        let cases = fixture["cases"]?.arrayValue ?? []
        #expect(cases.count >= 1000)
        var failures: [String] = []
        for entry in cases {
            guard let expression = entry["expression"]?.stringValue, let index = entry["document"]?.intValue,
                documents.indices.contains(index)
            else {
                failures.append("malformed case \(JSONWriter.write(entry, pretty: false))")
                continue
            }
            let outcome: Result<JSONValue, JMESPathError>
            do throws(JMESPathError) {
                outcome = .success(try JMESPathQuery(expression).search(documents[index]))
            } catch {
                outcome = .failure(error)
            }
            switch (entry["error"]?.stringValue, outcome) {
            case (let kind?, .failure(let error)) where error.kind.rawValue == kind: continue
            case (nil, .success(let actual)) where actual.jmesPathEquals(entry["result"] ?? .null): continue
            default:
                let ours: String
                switch outcome {
                case .success(let actual): ours = JSONWriter.write(actual, pretty: false)
                case .failure(let error): ours = error.description
                }
                let python =
                    entry["error"]?.stringValue.map { "\($0) error" }
                    ?? JSONWriter.write(entry["result"] ?? .null, pretty: false)
                failures.append("document \(index): \(expression)\n  ours:   \(ours)\n  python: \(python)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) differ:\n\(failures.joined(separator: "\n"))")
    }
}
