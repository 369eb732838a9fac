import Foundation
import MSKESMSystem
import Testing

@testable import MSKESMCore

/// Paths and helpers shared by the snapshot, mapping, broker and doctor tests.
enum SnapshotTestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let examples = repositoryRoot.appendingPathComponent("Examples/snapshots")

    /// A minimal valid snapshot document with `mapping` members merged into EventSourceMapping and `extra`
    /// top-level parts.
    static func document(mapping: [String: Any] = [:], extra: [String: Any] = [:]) -> Data {
        var esm: [String: Any] = [
            "UUID": "3f6a1d2c-8b4e-4f7a-9c1d-2e5b8a0f4c36", "Topics": ["orders"], "StartingPosition": "TRIM_HORIZON",
            "EventSourceArn":
                "arn:aws:kafka:us-east-1:123456789012:cluster/orders/5a7c1e3b-9d2f-4b8a-a1c6-3e8f0d2b7c49-2",
            "State": "Enabled", "LastProcessingResult": "OK",
        ]
        esm.merge(mapping) { $1 }
        var document: [String: Any] = ["SnapshotVersion": 1, "EventSourceMapping": esm]
        document.merge(extra) { $1 }
        // Only literal test values go in, which always serialize.
        return (try? JSONSerialization.data(withJSONObject: document)) ?? Data()
    }

    /// The rows of a README table of snapshots (`| `file.json` | … |`): the file, the verdict and the codes
    /// of the given columns (1-based, `–` for none).
    static func tableRows(_ readme: URL, verdictColumn: Int, codesColumn: Int) throws
        -> [(file: String, verdict: String, codes: [String])]
    {
        let text = try String(contentsOf: readme, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count > max(verdictColumn, codesColumn) + 1, cells[1].hasPrefix("`"),
                cells[1].hasSuffix(".json`")
            else { return nil }
            let codes =
                cells[codesColumn] == "–"
                ? [] : cells[codesColumn].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return (String(cells[1].dropFirst().dropLast()), cells[verdictColumn], codes)
        }
    }

    /// The doctor's verdict and its fail, warn and skipped codes over a snapshot file are the table's, and
    /// every problem has a fix and a declared code.
    static func expectDiagnosis(_ path: String, verdict: String, codes: [String], at now: Date) throws {
        let report = try Doctor().run(try Snapshot.load(path: path), at: now)
        #expect(report.verdict.rawValue == verdict)
        let found = report.findings.filter { [.fail, .warn, .skipped].contains($0.severity) }.map(\.code).sorted()
        #expect(found == codes.sorted())
        for finding in report.findings where finding.severity == .fail || finding.severity == .warn {
            #expect(!finding.fix.isEmpty, "\(finding.code) has no fix")
            #expect(FindingCatalogue.code(finding.code) != nil, "\(finding.code) is not declared")
        }
    }

    /// Runs `python3 -c script` with `input` on stdin; nil when python3 is absent.
    static func python(_ script: String, input: String = "") throws -> String? {
        guard
            let python = try? ChildProcess.run(
                "/usr/bin/env", ["python3", "-c", script], input: .data(Data(input.utf8)), error: .inherit)
        else { return nil }
        guard python.status == 0 else { return nil }
        return python.outputText
    }
}
