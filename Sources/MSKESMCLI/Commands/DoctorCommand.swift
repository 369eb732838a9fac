import ArgumentParser
import Foundation
import MSKESMCore

/// `msk-esm doctor --snapshot FILE`: every check over one mapping's snapshot.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Diagnose an event source mapping from a snapshot: every check, each problem with its fix.",
        discussion: """
            Runs every check (mapping state and parameters, LastProcessingResult, function state and timeout, \
            broker choice, secret analyses, the execution role's permissions and trust policy, security groups \
            and the VPC's path to Lambda, STS, Secrets Manager and the on-failure destination, offset lag, and \
            what the snapshot could not read) and prints \
            failures first, each with the exact fix, then the checks that passed. A part missing from the \
            snapshot makes the checks that need it 'skipped' (named in the headline; --strict makes that exit 1).

            Exit codes: 0 healthy; 1 a check failed (or warned / was skipped, with --strict); 2 the snapshot \
            cannot be read (not JSON, larger than 1 MiB, wrong version, a member of the wrong type).

            Example:
              msk-esm doctor --snapshot Examples/snapshots/healthy-iam.json --output json
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "A snapshot document (SnapshotVersion 1: AWS CLI outputs of the mapping, function, cluster, …), or - for standard input.",
            valueName: "file"))
    var snapshot: String

    func validate() throws {
        try global.validate()
    }

    func run() async throws {
        let document = try Snapshot.load(path: snapshot)
        let report = try Doctor().run(document, at: global.now)
        try global.finish(report, summaryLines: DoctorCommand.summaryLines(report))
    }

    /// What was examined, for people: the mapping, the broker choice, the checks that ran.
    static func summaryLines(_ report: CheckReport) -> [String] {
        let summary = report.summary
        var lines: [String] = []
        var mapping = "mapping " + (summary["uuid"]?.stringValue ?? "(no UUID)")
        if let function = summary["function"]?.stringValue { mapping += " → function \(function)" }
        if let topic = summary["topic"]?.stringValue { mapping += ", topic \(topic)" }
        lines.append(mapping)
        if let cluster = summary["cluster"]?.stringValue { lines.append("cluster \(cluster)") }
        if let method = summary["method"]?.stringValue {
            lines.append("Lambda connects with \(method)" + (summary["port"]?.intValue.map { " on port \($0)" } ?? ""))
        }
        if let checks = summary["checks"]?.arrayValue?.compactMap(\.stringValue) {
            lines.append("checks run: " + checks.joined(separator: ", "))
        }
        return lines
    }
}
