import Foundation
import MSKESMAWS
import MSKESMCore

/// `--output markdown`: a report for a pull-request comment or a ticket (docs/output.md#markdown), of `lint`
/// (per file a table of the problems, per mapping its path diagram and its problems grouped by area) and of
/// `doctor` (per mapping the counts, the path diagram, the findings grouped by area with their fixes, the
/// metrics' trends).
///
/// Every cell and line comes from data (templates, AWS names): `|` is escaped and line breaks become `<br>` so
/// that no value can end a cell, a row or a list item, fixes sit in code spans or fenced blocks longer than the
/// backticks they contain, and the diagram's labels are escaped by `MermaidText`.
struct MarkdownReportRenderer {
    /// `--quiet`: the passed checks are left out.
    var quiet = false

    // MARK: lint

    func document(_ report: LintReport) -> String {
        var lines = ["## msk-esm lint: \(report.verdict.rawValue)", ""]
        for file in report.files {
            let findings = file.mappings.flatMap(\.findings) + file.findings
            let passed = findings.filter { $0.finding.severity == .pass }.count
            let skipped = findings.filter { $0.finding.severity == .skipped }
            lines.append("### \(Self.codeSpan(file.file)) (\(file.format)): \(file.verdict.rawValue)")
            lines.append("")
            lines.append(
                "\(file.mappings.count) mapping(s); \(passed) check(s) passed, \(skipped.count) skipped"
                    + (skipped.isEmpty ? "" : " (" + skipped.map(\.finding.code).joined(separator: ", ") + ")")
                    + ".")
            lines.append("")
            lines += Self.lintTable(file.findings)
            for mapping in file.mappings {
                lines.append("#### Mapping \(Self.codeSpan(mapping.mapping)): \(mapping.verdict.rawValue)")
                lines.append("")
                if let diagram = mapping.diagram { lines += Self.mermaidBlock(diagram) }
                for (area, findings) in Self.byArea(mapping.findings, code: \.finding.code) {
                    lines.append("##### \(area)")
                    lines.append("")
                    lines += Self.lintTable(findings)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table of `findings` that are problems or information: code, severity, resource and property, line,
    /// title, fix; nothing when there is none.
    static func lintTable(_ findings: [LintFinding]) -> [String] {
        let shown = findings.filter { [.fail, .warn, .info].contains($0.finding.severity) }
        guard !shown.isEmpty else { return [] }
        var lines = ["| Code | Severity | Resource | Line | Finding | Fix |", "| --- | --- | --- | --- | --- | --- |"]
        for located in shown {
            let finding = located.finding
            let resource = located.location.map { Self.codeSpan("\($0.logicalName).\($0.path)") } ?? ""
            let line = located.location?.line.map(String.init) ?? ""
            let fix = finding.fix.isEmpty ? "" : Self.codeSpan(finding.fix)
            let cells = [finding.code, finding.severity.rawValue, resource, line, Self.cell(finding.title), fix]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines + [""]
    }

    // MARK: doctor

    /// `doctor --output markdown` for one mapping: a heading with the verdict, then ``mappingSection``.
    func document(_ findings: [Finding], summary: DoctorSummary, diagram: MappingPathDiagram?) -> String {
        let verdict = Verdict(findings: findings)
        let title = "## msk-esm doctor: \(verdict.rawValue) — mapping \(Self.codeSpan(summary.uuid ?? "(no UUID)"))"
        return ([title, ""] + mappingSection(findings, summary: summary, diagram: diagram, level: 3))
            .joined(separator: "\n") + "\n"
    }

    /// One mapping's part of the report, its headings at `level`: the counts by severity, what was examined,
    /// the path diagram, the findings grouped by area (problems with their fixes first, then information and
    /// skipped checks; passed checks in a closed `<details>`), and the metrics' trends when there are some.
    func mappingSection(_ findings: [Finding], summary: DoctorSummary, diagram: MappingPathDiagram?, level: Int)
        -> [String]
    {
        let heading = String(repeating: "#", count: level)
        var counts: [Severity: Int] = [:]
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        let verdict = Verdict(findings: findings)
        var lines = [
            "| Verdict | fail | warn | info | skipped | pass |", "| --- | --- | --- | --- | --- | --- |",
            "| **\(verdict.rawValue)** | "
                + [Severity.fail, .warn, .info, .skipped, .pass].map { String(counts[$0] ?? 0) }.joined(
                    separator: " | ") + " |",
            "",
        ]
        let facts: [(String, String?)] = [
            ("function", summary.function), ("topic", summary.topic), ("cluster", summary.cluster),
            ("connects with", summary.method.map { $0.rawValue + (summary.port.map { " on port \($0)" } ?? "") }),
        ]
        for (name, value) in facts { if let value { lines.append("- \(name): \(Self.codeSpan(value))") } }
        lines.append("")
        if let diagram {
            lines += ["\(heading) Path", ""] + Self.mermaidBlock(diagram)
        }
        lines += ["\(heading) Findings", ""]
        let shown = findings.filter { $0.severity != .pass }
        if shown.isEmpty { lines += ["No problem found.", ""] }
        for (area, group) in Self.byArea(shown, code: \.code) {
            lines += ["**\(area)**", ""]
            for finding in group.sorted(by: { $0.severity < $1.severity }) { lines += Self.item(finding) }
            lines.append("")
        }
        let passed = findings.filter { $0.severity == .pass }
        if !quiet && !passed.isEmpty {
            lines.append("<details><summary>\(passed.count) check(s) passed</summary>")
            lines.append("")
            for finding in passed { lines.append("- \(finding.code) \(Self.cell(finding.title))") }
            lines += ["", "</details>", ""]
        }
        if let metrics = summary.metrics, !metrics.trends.isEmpty {
            lines += ["\(heading) Metrics", ""] + Self.metricsTable(metrics)
        }
        return lines
    }

    /// One finding as a list item: symbol, code and title, then its detail, and its fix as a code span (one
    /// line) or a fenced block (several commands) under it.
    static func item(_ finding: Finding) -> [String] {
        let symbol =
            switch finding.severity {
            case .fail: "✗"
            case .warn: "!"
            case .info: "i"
            case .skipped: "–"
            case .pass: "✓"
            }
        var line = "- \(symbol) **\(finding.code)** \(finding.severity.rawValue): \(cell(finding.title))"
        if !finding.detail.isEmpty { line += " — " + cell(finding.detail) }
        var lines = [line]
        let fix = finding.fix.escapingControlCharacters(keepingNewlines: true)
        guard !fix.isEmpty else { return lines }
        if fix.contains("\n") {
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(fix) + 1))
            lines += ["", "  fix:", "", "  " + fence]
            lines += fix.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            lines += ["  " + fence]
        } else {
            lines.append("  fix: " + codeSpan(fix))
        }
        return lines
    }

    /// The ```` ```mermaid ```` block of `diagram`, fenced longer than any backtick run it could hold.
    static func mermaidBlock(_ diagram: MappingPathDiagram) -> [String] {
        let text = diagram.mermaid
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
        // Split on the bytes when there is no CR (which would make "\r\n" one Character, not a split): the
        // Character split took 2 % of `lint --output markdown` on a 500-resource template.
        let lines =
            text.utf8.contains(UInt8(ascii: "\r"))
            ? text.split(separator: "\n").map(String.init)
            : text.utf8.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        return [fence + "mermaid"] + lines + [fence, ""]
    }

    /// The metrics' trends as a table: the trend, its metric and dimensions, min, max, last and a sparkline.
    static func metricsTable(_ metrics: MetricTrends) -> [String] {
        var lines: [String] = []
        if let start = metrics.start?.date, let end = metrics.end?.date {
            lines += ["From \(ISO8601Instant.format(start)) to \(ISO8601Instant.format(end)).", ""]
        }
        lines += ["| Metric | Source | Min | Max | Last | Trend |", "| --- | --- | --- | --- | --- | --- |"]
        for trend in metrics.trends {
            let values = trend.points.map(\.value)
            let dimensions = trend.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
            let source = codeSpan(trend.metrics.joined(separator: " + ") + (dimensions.isEmpty ? "" : " " + dimensions))
            let numbers =
                values.isEmpty
                ? ["", "", "no data"]
                : [values.min(), values.max(), values.last].map { $0.map(Sparkline.format) ?? "" }
            lines.append(
                "| " + ([cell(trend.name), source] + numbers + [Sparkline.draw(values)]).joined(separator: " | ") + " |"
            )
        }
        return lines + [""]
    }

    // MARK: doctor --all

    /// The head of a streamed fleet report, written before its first mapping.
    static func fleetHead(_ title: String) -> String { "## msk-esm \(cell(title))\n\n" }

    /// One mapping's part of a fleet report, written as soon as it is diagnosed.
    func fleetSection(_ result: MappingFleet.Result, regions: Bool) -> String {
        let report = result.diagnosis.report
        var title = "### \(Self.codeSpan(result.diagnosis.uuid)): \(report.verdict.rawValue) — function "
        title += Self.codeSpan(result.function)
        if regions { title += " in \(Self.codeSpan(result.region))" }
        let lines =
            [title, ""]
            + mappingSection(report.findings, summary: report.summary, diagram: result.diagram, level: 4)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The end of a fleet report: the verdict and counts, a table with a row per mapping, the Regions that
    /// could not be listed.
    static func fleetSummary(
        _ rows: [FleetReportRow], failures: [MappingFleet.RegionFailure], regions: Bool, verdict: Verdict
    ) -> String {
        var counts: [Verdict: Int] = [:]
        for row in rows { counts[row.verdict, default: 0] += 1 }
        var lines = [
            "### Summary: \(verdict.rawValue)", "",
            "\(rows.count) mapping(s): \(counts[.fail] ?? 0) fail, \(counts[.warn] ?? 0) warn, \(counts[.pass] ?? 0) pass.",
            "",
        ]
        if !rows.isEmpty {
            lines.append("| Mapping |" + (regions ? " Region |" : "") + " Function | Topic | Verdict | Top finding |")
            lines.append("| --- |" + (regions ? " --- |" : "") + " --- | --- | --- | --- |")
            for row in rows {
                let top = row.topFinding.map { "\($0.code) \(cell($0.title))" } ?? "–"
                var cells = [codeSpan(row.uuid)] + (regions ? [codeSpan(row.region)] : [])
                cells += [codeSpan(row.function), row.topic.map(codeSpan) ?? "–", row.verdict.rawValue, top]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        for failure in failures {
            lines.append("- could not list \(codeSpan(failure.region)): \(cell(failure.reason))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Shared

    /// `findings` grouped by their code's area, in the catalogue's order of areas (`Network (NET)`); a code of no
    /// declared area goes last under its prefix.
    static func byArea<Item>(_ findings: [Item], code: (Item) -> String) -> [(String, [Item])] {
        var members: [String: [Item]] = [:]
        var prefixes = FindingCatalogue.areas.map(\.prefix)
        for finding in findings {
            let prefix = String(code(finding).prefix { $0.isASCII && $0.isLetter })
            if members[prefix] == nil && !prefixes.contains(prefix) { prefixes.append(prefix) }
            members[prefix, default: []].append(finding)
        }
        return prefixes.compactMap { prefix in
            guard let group = members[prefix] else { return nil }
            let title = FindingCatalogue.areas.first { $0.prefix == prefix }?.title ?? prefix
            return ("\(title) (\(prefix))", group)
        }
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        // ASCII text byte by byte (a byte is a Character there); otherwise by Character, where a backtick with
        // a combining mark is no backtick.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                run = byte == UInt8(ascii: "`") ? run + 1 : 0
                longest = max(longest, run)
            }
            return longest
        }
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// Text for a table cell: `|`, `<` and the Markdown punctuation that could start a link or emphasis escaped,
    /// line breaks as `<br>`.
    static func cell(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">": escaped += "\\\(character)"
            case "\n", "\r\n": escaped += "<br>"
            case "\r": escaped += "<br>"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `text` as a code span in a table cell: fenced with one backtick more than its longest run of backticks
    /// (CommonMark code spans), `|` escaped (GFM tables split on it even in code spans) and lines joined by spaces.
    static func codeSpan(_ text: String) -> String {
        // Most texts hold none of the bytes to replace: the four NSString searches took 5 % of `lint --output
        // markdown` on a 500-resource template (Benchmarks/cases/lint-500.sh).
        let flat =
            !text.utf8.contains(where: {
                $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "|")
            })
            ? text
            : text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "|", with: "\\|")
        let fence = String(repeating: "`", count: longestBacktickRun(flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
