import Foundation

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
