import Foundation
import MSKESMAWS
import MSKESMCore

/// Writes a `doctor --all` / `doctor --function` report while the mappings are diagnosed, in the listed order,
/// keeping only what the end of the report needs (the counts per verdict; for the text table, its rows), so that
/// the run's memory does not grow with the diagnoses (docs/output.md, "Fleet output is streamed").
///
/// `--output json` writes `{"errors"?, "mappings": [...], "verdict"}` with the mappings first and the verdict
/// last; with `--query` the document is built whole first, since the expression applies to all of it.
final class FleetReportWriter {
    private let console: Console
    private let output: OutputFormat
    private let failures: [MappingFleet.RegionFailure]
    private let regions: Bool
    private let quiet: Bool
    private let strict: Bool
    /// `--output markdown`: the report's heading (`doctor --all`, `doctor --function NAME`).
    private let markdownTitle: String
    private var counts: [Verdict: Int] = [:]
    private var written = 0
    private(set) var failing = false
    /// `--output json --query`: the whole document is needed before the expression can apply.
    private var buffered: [MappingDiagnosis]?
    private var rows: [MappingFleet.Result] = []
    /// `--baseline`: the run's problems compared with the previous report's as they are written.
    private(set) var comparison: BaselineComparison?

    init(
        console: Console, output: OutputFormat, failures: [MappingFleet.RegionFailure], regions: Bool,
        quiet: Bool, strict: Bool, baseline: ReportBaseline? = nil, markdownTitle: String = "doctor --all"
    ) {
        self.markdownTitle = markdownTitle
        comparison = baseline.map(BaselineComparison.init(baseline:))
        self.console = console
        self.output = output
        self.failures = failures
        self.regions = regions
        self.quiet = quiet
        self.strict = strict
        if (output == .json || output == .reportJSON) && CommandContext.queryOutput != nil { buffered = [] }
    }

    private var verdict: Verdict { Verdict.worst(Array(counts.keys)) }

    /// Writes one mapping's part of the report.
    func write(_ result: MappingFleet.Result) throws {
        let report = result.diagnosis.report
        counts[report.verdict, default: 0] += 1
        if report.isFailing(strict: strict) { failing = true }
        defer { written += 1 }
        if comparison != nil { comparison?.add(try JSONOutput.jsonValue(of: result.diagnosis)) }
        switch output {
        case .jsonl:
            console.write(try JSONOutput.documentLine(result.diagnosis))
        case .json, .reportJSON:
            if buffered != nil {
                buffered?.append(result.diagnosis)
                return
            }
            var text = written == 0 ? Self.jsonHead(failures) : ",\n"
            text += JSONOutput.encode(result.diagnosis).dropLast().split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .map { "    " + $0 }.joined(separator: "\n")
            console.write(text)
        case .markdown:
            // The mapping's section now; only its summary row is kept, as for the text table.
            var text = written == 0 ? MarkdownReportRenderer.fleetHead(markdownTitle) : ""
            text += MarkdownReportRenderer(quiet: quiet).fleetSection(result, regions: regions)
            console.write(text)
            rows.append(Self.row(result))
        case .text, .table, .sarif, .github:
            rows.append(Self.row(result))
        }
    }

    /// What the end of the report keeps of a mapping: a few short strings and its most severe finding, not its
    /// diagnosis.
    static func row(_ result: MappingFleet.Result) -> MappingFleet.Result {
        let report = result.diagnosis.report
        var row = result
        row.diagram = nil
        row.diagnosis.report = CheckReport(
            findings: top(report).map { [$0] } ?? [], summary: DoctorSummary(uuid: result.diagnosis.uuid))
        row.diagnosis.report.verdict = report.verdict
        return row
    }

    /// Ends the report: the JSON document's verdict, or the text table with its summary.
    func finish() throws {
        switch output {
        case .jsonl:
            // One last line, documented in docs/output.md: the changes since the baseline.
            if let comparison {
                console.write(try JSONOutput.documentLine(JSONValue.object(["baseline": comparison.document])))
            }
        case .json, .reportJSON:
            if let buffered {
                guard let comparison else {
                    console.write(try DoctorFleetRun.json(DoctorMultiReport(mappings: buffered), failures: failures))
                    return
                }
                var document = try JSONOutput.jsonValue(of: DoctorMultiReport(mappings: buffered)).objectValue ?? [:]
                if !failures.isEmpty { document["errors"] = Self.errors(failures) }
                document["baseline"] = comparison.document
                console.write(try JSONOutput.document(JSONValue.object(document)))
                return
            }
            var tail = written == 0 ? Self.jsonHead(failures) : "\n"
            tail += "  ],\n"
            if let comparison { tail += "  \"baseline\" : " + Self.member(comparison.document) + ",\n" }
            tail += "  \"verdict\" : \(JSONWriter.write(.string(verdict.rawValue), pretty: false))\n}\n"
            console.write(tail)
        case .markdown:
            var text = written == 0 ? MarkdownReportRenderer.fleetHead(markdownTitle) : ""
            text += MarkdownReportRenderer.fleetSummary(rows, failures: failures, regions: regions, verdict: verdict)
            if let comparison {
                text += "\n```\n" + Self.changes(comparison) + "```\n"
            }
            console.write(text)
        case .text, .table, .sarif, .github:
            var text = DoctorFleetRun.table(rows, failures: failures, regions: regions, quiet: quiet, verdict: verdict)
            if let comparison { text += Self.changes(comparison) }
            console.write(text)
        }
    }

    /// The document up to its first mapping: the Regions that could not be listed, then the mappings array.
    private static func jsonHead(_ failures: [MappingFleet.RegionFailure]) -> String {
        var text = "{\n"
        if !failures.isEmpty { text += "  \"errors\" : " + member(errors(failures)) + ",\n" }
        return text + "  \"mappings\" : [\n"
    }

    /// The `errors` member: the Regions that could not be listed.
    static func errors(_ failures: [MappingFleet.RegionFailure]) -> JSONValue {
        .array(
            failures.map { ["region": .string($0.region), "reason": .string($0.reason), "denied": .bool($0.denied)] })
    }

    /// `value` pretty-printed as a member of the top-level object (its lines after the first indented).
    private static func member(_ value: JSONValue) -> String {
        JSONWriter.write(value, pretty: true).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { $0.offset == 0 ? String($0.element) : "  " + $0.element }.joined(separator: "\n")
    }

    /// The text report's last section: what changed since the baseline, one line per new or fixed problem.
    static func changes(_ comparison: BaselineComparison) -> String {
        let fixed = comparison.fixed
        var text =
            "since the baseline: \(comparison.new.count) new, \(fixed.count) fixed, \(comparison.unchangedCount) unchanged\n"
        for (label, keys) in [("new", comparison.new), ("fixed", fixed)] {
            for key in keys {
                let place = [key.accountId, key.region].filter { !$0.isEmpty }.joined(separator: " ")
                let line = "\(label)  \(key.uuid)  \(key.code)\(place.isEmpty ? "" : "  \(place)")"
                text += line.escapingControlCharacters() + "\n"
            }
        }
        return text
    }

    /// The most severe finding that is neither a pass nor information: the table's last column.
    static func top(_ report: CheckReport<DoctorSummary>) -> Finding? {
        report.findings.filter { $0.severity != .pass && $0.severity != .info }.min { $0.severity < $1.severity }
    }
}
