import Foundation
import MSKESMCore

/// `--output markdown`: a lint report for a pull-request comment or a ticket (docs/output.md#markdown): the
/// verdict as a heading, then per file a table of the problems (code, severity, resource and property, line,
/// message, fix) and the counts of passed and skipped checks.
///
/// Every cell comes from data (templates, AWS names): `|` is escaped and line breaks become `<br>` so that no
/// value can end a cell or a row, and fixes sit in code spans fenced with more backticks than they contain.
struct MarkdownReportRenderer {
    func document(_ report: LintReport) -> String {
        var lines = ["## msk-esm lint: \(report.verdict.rawValue)", ""]
        for file in report.files {
            let findings = file.mappings.flatMap(\.findings) + file.findings
            let shown = findings.filter { [.fail, .warn, .info].contains($0.finding.severity) }
            let passed = findings.filter { $0.finding.severity == .pass }.count
            let skipped = findings.filter { $0.finding.severity == .skipped }
            lines.append("### \(Self.codeSpan(file.file)) (\(file.format)): \(file.verdict.rawValue)")
            lines.append("")
            lines.append(
                "\(file.mappings.count) mapping(s); \(passed) check(s) passed, \(skipped.count) skipped"
                    + (skipped.isEmpty ? "" : " (" + skipped.map(\.finding.code).joined(separator: ", ") + ")")
                    + ".")
            lines.append("")
            guard !shown.isEmpty else { continue }
            lines.append("| Code | Severity | Resource | Line | Finding | Fix |")
            lines.append("| --- | --- | --- | --- | --- | --- |")
            for located in shown {
                let finding = located.finding
                let resource = located.location.map { Self.codeSpan("\($0.logicalName).\($0.path)") } ?? ""
                let line = located.location?.line.map(String.init) ?? ""
                let fix = finding.fix.isEmpty ? "" : Self.codeSpan(finding.fix)
                let cells = [finding.code, finding.severity.rawValue, resource, line, Self.cell(finding.title), fix]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
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
        let flat = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "|", with: "\\|")
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
