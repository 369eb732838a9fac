import Foundation
import MSKESMAWS
import MSKESMCore

/// Writes a `doctor --all` / `doctor --function` report while the mappings are diagnosed, in the listed order,
/// keeping only what the end of the report needs (the counts per verdict; for the text table, its rows), so that
/// the run's memory does not grow with the diagnoses (docs/output.md, "Fleet output is streamed").
///
/// `--output json` writes `{"errors"?, "mappings": [...], "accounts"?, "baseline"?, "verdict"}` with the mappings
/// first and the verdict last; with `--query` the document is built whole first, since the expression applies to
/// all of it. With `--accounts` the counts per (account, Region) are kept too: a few numbers each.
final class FleetReportWriter {
    private let console: Console
    private let output: OutputFormat
    private let failures: [MappingFleet.RegionFailure]
    private let regions: Bool
    private let quiet: Bool
    private let strict: Bool
    /// `--accounts`: the accounts whose role could not be assumed, and the counts per (account, Region).
    private let accountFailures: [FleetAccountSessions.Failure]
    private var accountCounts: [AccountRegion: [Verdict: Int]]?
    /// `--output markdown`: the report's heading (`doctor --all`, `doctor --function NAME`).
    private let markdownTitle: String
    private var counts: [Verdict: Int] = [:]
    private var written = 0
    private(set) var failing = false
    /// `--output json --query`: the whole document is needed before the expression can apply.
    private var buffered: [MappingDiagnosis]?
    private var rows: [FleetReportRow] = []
    /// `--baseline`: the run's problems compared with the previous report's as they are written.
    private(set) var comparison: BaselineComparison?

    init(
        console: Console, output: OutputFormat, failures: [MappingFleet.RegionFailure], regions: Bool,
        quiet: Bool, strict: Bool, baseline: ReportBaseline? = nil,
        accounts: (listed: [SnapshotGatherer], failures: [FleetAccountSessions.Failure])? = nil,
        markdownTitle: String = "doctor --all", expectedMappings: Int = 0
    ) {
        self.markdownTitle = markdownTitle
        // The rows of the text table and the Markdown summary, allocated once rather than grown by doubling.
        if Self.keepsRows(output) { rows.reserveCapacity(expectedMappings) }
        comparison = baseline.map(BaselineComparison.init(baseline:))
        accountFailures = accounts?.failures ?? []
        // Every (account, Region) that was listed is counted, also when it has no mapping.
        accountCounts = accounts.map { accounts in
            Dictionary(
                accounts.listed.map { (AccountRegion(accountId: $0.account ?? "-", region: $0.region), [:]) },
                uniquingKeysWith: { first, _ in first })
        }
        self.console = console
        self.output = output
        self.failures = failures
        self.regions = regions
        self.quiet = quiet
        self.strict = strict
        if (output == .json || output == .reportJSON) && CommandContext.queryOutput != nil { buffered = [] }
    }

    private var verdict: Verdict { Verdict.worst(Array(counts.keys)) }

    /// Whether `output` ends with a table of one row per mapping (the text table, the Markdown summary, the
    /// SARIF and GitHub findings), so that each mapping's row is kept until the end.
    private static func keepsRows(_ output: OutputFormat) -> Bool {
        switch output {
        case .text, .table, .sarif, .github, .markdown: true
        case .json, .reportJSON, .jsonl: false
        }
    }

    /// Writes one mapping's part of the report.
    func write(_ result: MappingFleet.Result) throws {
        let report = result.diagnosis.report
        counts[report.verdict, default: 0] += 1
        if accountCounts != nil {
            let place = AccountRegion(accountId: result.accountId ?? "-", region: result.region)
            accountCounts?[place, default: [:]][report.verdict, default: 0] += 1
        }
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
            var text = written == 0 ? Self.jsonHead(errors) : ",\n"
            // Indented as a member of the `mappings` list.
            text += JSONOutput.encode(result.diagnosis).dropLast().indentingLines(by: 4)
            console.write(text)
        case .markdown:
            // The mapping's section now; only its summary row is kept, as for the text table.
            var text = written == 0 ? MarkdownReportRenderer.fleetHead(markdownTitle) : ""
            text += MarkdownReportRenderer(quiet: quiet).fleetSection(result, regions: regions)
            console.write(text)
        case .text, .table, .sarif, .github:
            break  // Written by finish(), from the rows.
        }
        if Self.keepsRows(output) { rows.append(FleetReportRow(result)) }
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
                var document = try JSONOutput.jsonValue(of: DoctorMultiReport(mappings: buffered)).objectValue ?? [:]
                if case .array(let list) = errors, !list.isEmpty { document["errors"] = errors }
                if let accountCounts { document["accounts"] = Self.accountsMember(accountCounts) }
                if let comparison { document["baseline"] = comparison.document }
                console.write(try JSONOutput.document(JSONValue.object(document)))
                return
            }
            var tail = written == 0 ? Self.jsonHead(errors) : "\n"
            tail += "  ],\n"
            if let accountCounts {
                tail += "  \"accounts\" : " + Self.member(Self.accountsMember(accountCounts)) + ",\n"
            }
            if let comparison { tail += "  \"baseline\" : " + Self.member(comparison.document) + ",\n" }
            tail += "  \"verdict\" : \(JSONWriter.write(.string(verdict.rawValue), pretty: false))\n}\n"
            console.write(tail)
        case .markdown:
            var text = written == 0 ? MarkdownReportRenderer.fleetHead(markdownTitle) : ""
            text += MarkdownReportRenderer.fleetSummary(rows, failures: failures, regions: regions, verdict: verdict)
            if let accountCounts { text += "\n```\n" + Self.accountLines(accountCounts) + "```\n" }
            if !accountFailures.isEmpty {
                text += "\n```\n" + accountFailures.map { FleetAccountGatherers.line($0) + "\n" }.joined() + "```\n"
            }
            if let comparison {
                text += "\n```\n" + Self.changes(comparison) + "```\n"
            }
            console.write(text)
        case .text, .table, .sarif, .github:
            DoctorFleetRun.writeTable(
                rows, failures: failures, regions: regions, quiet: quiet, verdict: verdict,
                accounts: accountCounts != nil, write: console.write)
            var text = ""
            if let accountCounts { text += Self.accountLines(accountCounts) }
            for failure in accountFailures { text += FleetAccountGatherers.line(failure) + "\n" }
            if let comparison { text += Self.changes(comparison) }
            if !text.isEmpty { console.write(text) }
        }
    }

    /// The document up to its first mapping: the errors, then the mappings array.
    private static func jsonHead(_ errors: JSONValue) -> String {
        var text = "{\n"
        if case .array(let list) = errors, !list.isEmpty { text += "  \"errors\" : " + member(errors) + ",\n" }
        return text + "  \"mappings\" : [\n"
    }

    /// The `errors` member: the Regions that could not be listed, then the accounts whose role could not be
    /// assumed.
    private var errors: JSONValue {
        .array(Self.errors(failures) + FleetAccountGatherers.errors(accountFailures))
    }

    /// The entries of the Regions that could not be listed: `{region, accountId?, reason, denied}`.
    static func errors(_ failures: [MappingFleet.RegionFailure]) -> [JSONValue] {
        failures.map {
            var entry: [String: JSONValue] = [
                "region": .string($0.region), "reason": .string($0.reason), "denied": .bool($0.denied),
            ]
            if let account = $0.account { entry["accountId"] = .string(account) }
            return .object(entry)
        }
    }

    /// The `accounts` member: `[{accountId, region, mappings, fail, warn, pass}]`, sorted by account and Region.
    private static func accountsMember(_ counts: [AccountRegion: [Verdict: Int]]) -> JSONValue {
        .array(
            counts.keys.sorted().map { place in
                let verdicts = counts[place] ?? [:]
                return [
                    "accountId": .string(place.accountId), "region": .string(place.region),
                    "mappings": .number(Double(verdicts.values.reduce(0, +))),
                    "fail": .number(Double(verdicts[.fail] ?? 0)), "warn": .number(Double(verdicts[.warn] ?? 0)),
                    "pass": .number(Double(verdicts[.pass] ?? 0)),
                ]
            })
    }

    /// The text report's counts per account and Region, one line each.
    private static func accountLines(_ counts: [AccountRegion: [Verdict: Int]]) -> String {
        counts.keys.sorted().map { place in
            let verdicts = counts[place] ?? [:]
            let total = verdicts.values.reduce(0, +)
            return "account \(place.accountId) \(place.region): \(total) mapping\(total == 1 ? "" : "s"): "
                + "\(verdicts[.fail] ?? 0) fail, \(verdicts[.warn] ?? 0) warn, \(verdicts[.pass] ?? 0) pass\n"
        }.joined()
    }

    /// `value` pretty-printed as a member of the top-level object: its lines after the first indented (the
    /// first follows the member's name).
    private static func member(_ value: JSONValue) -> String {
        String(JSONWriter.write(value, pretty: true).indentingLines(by: 2).dropFirst(2))
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

/// One (account, Region) of a `doctor --all --accounts` run, as the summary counts it.
struct AccountRegion: Hashable, Comparable {
    var accountId: String
    var region: String

    static func < (lhs: AccountRegion, rhs: AccountRegion) -> Bool {
        (lhs.accountId, lhs.region) < (rhs.accountId, rhs.region)
    }
}
