import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `doctor --function NAME` and `doctor --all`: many mappings in one run, printed as a table, one JSON document
/// (`{"verdict", "mappings": [...]}`, docs/findings.md#the-report-document) or one JSON line per mapping as soon as it
/// is done.
struct DoctorFleetRun {
    var global: GlobalOptions
    /// The gatherer of the configured Region; the others share its cache and limiter.
    var gatherer: SnapshotGatherer
    var selection: MappingSelection
    var allRegions: Bool
    /// `--baseline FILE`, read before the run; `--new-only`: exit 1 only for problems it does not have.
    var baseline: ReportBaseline? = nil
    var newOnly = false

    func run() async throws {
        let console = CommandContext.console
        let global = self.global
        let regions = allRegions ? try await enabledRegions() : global.aws.regions
        var gatherers = [gatherer]
        if !regions.isEmpty {
            gatherers = try regions.map { region in
                gatherer.sharing(
                    client: AWSClient(configuration: try global.aws.configuration(debug: global.debug, region: region)))
            }
        }
        let fleet = MappingFleet(
            gatherers: gatherers, selection: selection, now: global.now,
            mappingsInFlight: max(16, gatherer.maxConcurrency * 4))
        let progress = ProgressBar(
            console: console, enabled: console.errorIsTerminal && global.output == .text && !global.quiet)
        let output = global.output
        let onEvent: @Sendable (MappingFleet.Event) async -> Void = { event in
            switch event {
            case .listed(_, let count):
                progress.add(count)
            case .regionFailed(let region, let reason):
                progress.clear()
                console.writeError(
                    "msk-esm: warning: cannot list the event source mappings in \(region): \(reason.escapingControlCharacters())\n"
                )
            case .diagnosed:
                progress.tick()
            }
        }
        let (mappings, failures) = try await fleet.list(onEvent: onEvent)
        // Written in the listed order as the mappings are diagnosed, keeping none (docs/output.md).
        let writer = FleetReportWriter(
            console: console, output: output, failures: failures, regions: gatherers.count > 1, quiet: global.quiet,
            strict: global.strict, baseline: baseline,
            markdownTitle: selection.functionName.map { "doctor --function \($0)" } ?? "doctor --all")
        try await fleet.diagnoseInOrder(mappings, onEvent: onEvent) { try writer.write($0) }
        progress.clear()
        try writer.finish()
        let failing = newOnly ? !(writer.comparison?.new.isEmpty ?? true) : writer.failing
        if failing || !failures.isEmpty { throw ExitCode(1) }
    }

    /// `--all-regions`: the Regions EC2 says are enabled for the account.
    func enabledRegions() async throws -> [String] {
        do {
            let answer = try await EC2Client(client: gatherer.client).describeRegions()
            let names = (answer["Regions"]?.arrayValue ?? []).compactMap { $0["RegionName"]?.stringValue }.sorted()
            if names.isEmpty { return [gatherer.region] }
            return names
        } catch {
            throw ToolError.remote(
                "cannot list the enabled Regions", input: "--all-regions",
                fix:
                    "\(FailureReason.reported(error)); allow ec2:DescribeRegions, or name the Regions with --region … --region …"
            )
        }
    }

    /// The `--output json` document: `{"verdict", "mappings"}` (docs/findings.md#the-report-document), plus `errors`
    /// for Regions that could not be listed.
    static func json(_ report: DoctorMultiReport, failures: [MappingFleet.RegionFailure]) throws -> String {
        guard !failures.isEmpty,
            let data = try? JSONEncoder().encode(report),
            var document = (try? JSONValue.parse(data))?.objectValue
        else { return try JSONOutput.document(report) }
        document["errors"] = .array(
            failures.map { ["region": .string($0.region), "reason": .string($0.reason), "denied": .bool($0.denied)] })
        return try JSONOutput.document(JSONValue.object(document))
    }

    /// The text table: one row per mapping (mapping, function, topic, verdict, the most severe finding).
    static func table(
        _ results: [MappingFleet.Result], failures: [MappingFleet.RegionFailure], regions: Bool, quiet: Bool,
        verdict: Verdict
    ) -> String {
        var counts: [Verdict: Int] = [:]
        for result in results { counts[result.diagnosis.report.verdict, default: 0] += 1 }
        var text =
            "\(verdict.rawValue) — \(results.count) mapping\(results.count == 1 ? "" : "s"): "
            + "\(counts[.fail] ?? 0) fail, \(counts[.warn] ?? 0) warn, \(counts[.pass] ?? 0) pass\n"
        var rows: [[String]] = [
            ["MAPPING"] + (regions ? ["REGION"] : []) + ["FUNCTION", "TOPIC", "VERDICT", "TOP FINDING"]
        ]
        for result in results {
            let report = result.diagnosis.report
            if quiet && report.verdict == .pass { continue }
            let top = report.findings.filter { $0.severity != .pass && $0.severity != .info }.min {
                $0.severity < $1.severity
            }
            let finding = top.map { "\($0.code) \($0.title)" } ?? "-"
            // Names and titles are data: escaped before the columns are measured.
            rows.append(
                ([result.diagnosis.uuid] + (regions ? [result.region] : [])
                    + [result.function, result.topic ?? "-", report.verdict.rawValue, String(finding.prefix(80))])
                    .map { $0.escapingControlCharacters() })
        }
        if rows.count > 1 {
            var widths = [Int](repeating: 0, count: rows[0].count)
            for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
            for row in rows {
                let cells = row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }
                text += cells.joined(separator: "  ") + "\n"
            }
        }
        for failure in failures {
            text += "could not list \(failure.region): \(failure.reason.escapingControlCharacters())\n"
        }
        if !results.isEmpty {
            text += "details: msk-esm doctor UUID (one mapping), or --output json\n"
        }
        return text
    }
}

/// A one-line progress bar on stderr (only on a terminal): `[#####-----] 12/40 mappings`.
final class ProgressBar: @unchecked Sendable {
    private let console: Console
    private let enabled: Bool
    private let lock = NSLock()
    private var total = 0
    private var done = 0
    private var shown = false

    init(console: Console, enabled: Bool) {
        self.console = console
        self.enabled = enabled
    }

    func add(_ count: Int) {
        lock.withLock { total += count }
        draw()
    }

    func tick() {
        lock.withLock { done += 1 }
        draw()
    }

    func clear() {
        guard enabled else { return }
        let wasShown = lock.withLock { () -> Bool in
            defer { shown = false }
            return shown
        }
        if wasShown { console.writeError("\r\u{1B}[K") }
    }

    private func draw() {
        guard enabled else { return }
        let (done, total) = lock.withLock { () -> (Int, Int) in
            shown = true
            return (self.done, self.total)
        }
        let width = 30
        let filled = total == 0 ? 0 : min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        console.writeError("\r[\(bar)] \(done)/\(total) mappings")
    }
}
