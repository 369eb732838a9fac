import Foundation
import MSKESMCore

/// Renders a `CheckReport` as text for people or as the JSON document of docs/findings.md#the-report-document.
public struct ReportRenderer {
    public var color: Bool
    public var quiet: Bool

    public init(color: Bool, quiet: Bool) {
        self.color = color
        self.quiet = quiet
    }

    /// Text: a headline with the verdict (naming skipped checks), then failures and warnings with their
    /// detail and fix, then passed checks one line each, dimmed. `summaryLines` are the command's own
    /// lines about what it examined, printed under the headline.
    ///
    /// Titles, details, fixes and summary lines carry values from data (names, `LastProcessingResult`,
    /// AWS messages, certificate subjects): their control characters are shown escaped, never written raw,
    /// so that data can neither act on the terminal nor break the layout. Only a fix keeps its line breaks
    /// (one command per line), each continued line indented under it.
    public func text<Summary>(_ report: CheckReport<Summary>, summaryLines: [String] = []) -> String {
        var lines: [String] = []
        lines.append(headline(report))
        if !quiet {
            lines.append(contentsOf: summaryLines.map { "  " + $0.escapingControlCharacters() })
        }
        for finding in report.findings {
            let title = finding.title.escapingControlCharacters()
            let detail = finding.detail.escapingControlCharacters()
            let fix = finding.fix.escapingControlCharacters(keepingNewlines: true)
            switch finding.severity {
            case .fail, .warn:
                lines.append(style(symbol(finding.severity) + " \(finding.code) \(title)", finding.severity))
                if !detail.isEmpty { lines.append(detail.indentingLines(by: 4)) }
                if !fix.isEmpty { lines.append(("fix: " + fix).indentingLines(by: 4)) }
            case .skipped:
                lines.append(style("- \(finding.code) skipped: \(title)", .skipped))
                if !quiet, !detail.isEmpty { lines.append(detail.indentingLines(by: 4)) }
            case .info:
                guard !quiet else { continue }
                lines.append(style("i \(finding.code) \(title)", .info))
                if !detail.isEmpty { lines.append(detail.indentingLines(by: 4)) }
                if !fix.isEmpty { lines.append(("fix: " + fix).indentingLines(by: 4)) }
            case .pass:
                guard !quiet else { continue }
                lines.append(style("✓ \(finding.code) \(title)", .pass))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func headline<Summary>(_ report: CheckReport<Summary>) -> String {
        let failures = report.findings.filter { $0.severity == .fail }.count
        let warnings = report.findings.filter { $0.severity == .warn }.count
        var parts: [String] = []
        if failures > 0 { parts.append(failures == 1 ? "1 problem" : "\(failures) problems") }
        if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        let skipped = report.skippedFindings
        if !skipped.isEmpty {
            let names = skipped.map(\.code).joined(separator: ", ")
            parts.append(skipped.count == 1 ? "1 check skipped: \(names)" : "\(skipped.count) checks skipped: \(names)")
        }
        let verdict = report.verdict.rawValue
        let text = parts.isEmpty ? verdict : "\(verdict) — " + parts.joined(separator: ", ")
        let severity: Severity =
            switch report.verdict {
            case .fail: .fail
            case .warn: .warn
            case .pass: .pass
            }
        return color ? bold(style(text, severity)) : text
    }

    private func symbol(_ severity: Severity) -> String {
        severity == .fail ? "✗" : "!"
    }

    private func style(_ text: String, _ severity: Severity) -> String {
        guard color else { return text }
        let code =
            switch severity {
            case .fail: "31"
            case .warn: "33"
            case .info: "36"
            case .pass, .skipped: "2"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func bold(_ text: String) -> String { "\u{1B}[1m\(text)\u{1B}[0m" }
}

/// The one JSON encoder of our output: sorted keys so that output is stable for diffs and tests.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) -> String {
        // The same text as `JSONEncoder` below, at a fraction of the CPU time (`JSONValueEncoder`).
        if let json = try? JSONValueEncoder().encode(value) {
            return JSONWriter.write(json, pretty: true, trailingNewline: true)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Our own values always encode; a failure here is a programming error worth seeing in tests.
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return "{}\n"
        }
        return text + "\n"
    }

    /// A command's JSON document as it goes to stdout: what `--query` selects from it, when one was given.
    public static func document<T: Encodable>(_ value: T) throws -> String {
        guard let queryOutput = CommandContext.queryOutput else { return encode(value) }
        return try queryOutput.render(jsonValue(of: value))
    }

    /// ``document(_:)`` for one of the documents `--output jsonl` streams, one per line.
    public static func documentLine<T: Encodable>(_ value: T) throws -> String {
        guard var queryOutput = CommandContext.queryOutput else { return encodeLine(value) }
        if queryOutput.format == .json { queryOutput.format = .jsonLines }
        return try queryOutput.render(jsonValue(of: value))
    }

    /// `value` as the JSON document it prints as.
    static func jsonValue<T: Encodable>(of value: T) throws -> JSONValue {
        if let json = try? JSONValueEncoder().encode(value) { return json }
        return try JSONParser.parse(Data(encodeLine(value).utf8))
    }

    /// One document on one line, for `--output jsonl`.
    public static func encodeLine<T: Encodable>(_ value: T) -> String {
        if let json = try? JSONValueEncoder().encode(value) {
            return JSONWriter.write(json, pretty: false, trailingNewline: true)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return "{}\n"
        }
        return text + "\n"
    }
}
