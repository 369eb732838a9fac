import ArgumentParser
import Foundation
import MSKESMCore
import MSKESMKafka

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

            With --probe, the doctor also connects to the brokers the snapshot names, as Lambda would (the \
            checks of msk-esm probe: DNS, TCP, TLS, SASL, topic, consumer group), and adds the PRB findings.

            Example:
              msk-esm doctor --snapshot Examples/snapshots/healthy-iam.json --output json
              msk-esm doctor --snapshot snapshot.json --probe --timeout 3
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "A snapshot document (SnapshotVersion 1: AWS CLI outputs of the mapping, function, cluster, …), or - for standard input.",
            valueName: "file"))
    var snapshot: String

    @Flag(help: "Also connect to the snapshot's brokers as Lambda would (msk-esm probe) and add the PRB findings.")
    var probe = false

    @Option(help: ArgumentHelp("With --probe: seconds each probe step may take.", valueName: "seconds"))
    var timeout: Double = 5

    @Option(help: ArgumentHelp("With --probe: CA certificates (PEM) to trust besides the system's.", valueName: "file"))
    var caFile: String?

    func validate() throws {
        try global.validate()
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
        if !probe && caFile != nil { throw ValidationError("--ca-file is for --probe") }
    }

    func run() async throws {
        let document = try Snapshot.load(path: snapshot)
        var report = try Doctor().run(document, at: global.now)
        if probe {
            report = await DoctorCommand.addingProbe(
                to: report, snapshot: document, timeout: timeout, caFile: caFile, global: global)
        }
        try global.finish(report, summaryLines: DoctorCommand.summaryLines(report))
    }

    /// The doctor's report with the probe's findings added and its summary under `summary.probe`.
    static func addingProbe(
        to report: CheckReport, snapshot: Snapshot, timeout: Double, caFile: String?, global: GlobalOptions
    ) async -> CheckReport {
        var findings = report.findings
        var summary = report.summary
        do {
            if let caFile { _ = try InputReader.data(from: caFile, label: "--ca-file") }
            var configuration = try ProbePlan.configuration(snapshot: snapshot, timeout: timeout, caFile: caFile)
            try await ProbeCommand.addIAMCredentials(to: &configuration, global: global)
            let probed = await Probe().run(configuration)
            findings += probed.findings
            summary["probe"] = .object(probed.summary)
        } catch {
            findings.append(
                Finding(
                    code: .prb015, severity: .skipped, title: "the brokers were not probed",
                    detail: "\(error)", fix: "msk-esm brokers explain --snapshot FILE shows what is missing"))
        }
        summary["checks"] = .array((summary["checks"]?.arrayValue ?? []) + ["probe"])
        return CheckReport(findings: findings, summary: summary)
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
        if case .object(let probe)? = summary["probe"] {
            lines += ProbeCommand.summaryLines(CheckReport(findings: [], summary: probe)).map { "probe: " + $0 }
        }
        return lines
    }
}
