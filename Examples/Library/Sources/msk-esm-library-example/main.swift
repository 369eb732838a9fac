import Foundation
import MSKESMCore

// Usage: msk-esm-library-example SNAPSHOT.json
// Prints the verdict, what the doctor examined (its typed summary), then each finding as "CODE severity title";
// exits 1 when the house rule did not run (no
// finding of its code, or only the `skipped` one the doctor reports for a check it could not run), 2 on bad
// usage or an unreadable snapshot.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: msk-esm-library-example SNAPSHOT.json\n".utf8))
    exit(2)
}

do {
    let snapshot = try Snapshot.load(path: path)
    // Judged at the moment the snapshot was taken, so the output does not change with the day it runs.
    let instant = snapshot.capturedAt?.date ?? Date()
    let report = try Doctor(checks: DoctorCatalogue.checks + [OnFailureDestinationCheck()]).run(snapshot, at: instant)
    print("verdict \(report.verdict.rawValue)")
    let summary = report.summary
    print(
        "mapping \(summary.uuid ?? "?") → \(summary.function ?? "?"), \(summary.method?.rawValue ?? "no method") on port \(summary.port.map(String.init) ?? "?")"
    )
    print("checks run: \(summary.checks.joined(separator: ", "))")
    for finding in report.findings {
        print("\(finding.code) \(finding.severity.rawValue) \(finding.title)")
    }
    guard report.findings.contains(where: { $0.code == OnFailureDestinationCheck.code.code && $0.severity != .skipped })
    else {
        FileHandle.standardError.write(Data("the custom check \(OnFailureDestinationCheck().name) did not run\n".utf8))
        exit(1)
    }
} catch let error as ToolError {
    // The code names the cause (docs/output.md#error-codes); the description is the one-line message.
    FileHandle.standardError.write(Data("\(error.code): \(error)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
    exit(2)
}
