/// What every checking command returns: `{verdict, findings, summary}` (docs/findings.md#the-report-document).
public struct CheckReport: Codable, Sendable, Equatable {
    public var verdict: Verdict
    public var findings: [Finding]
    /// Command-specific facts about what was examined; always holds `skipped`.
    public var summary: [String: JSONValue]

    public init(findings: [Finding], summary: [String: JSONValue] = [:]) {
        self.findings = findings.enumerated()
            .sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }
            .map(\.element)
        self.verdict = Verdict(findings: findings)
        var summary = summary
        summary["skipped"] = .number(Double(findings.filter { $0.severity == .skipped }.count))
        self.summary = summary
    }

    /// The findings that could not run, for the text headline.
    public var skippedFindings: [Finding] { findings.filter { $0.severity == .skipped } }

    /// The process exit code this report maps to (docs/output.md#exit-codes): 1 for `fail`; with `strict`, also for
    /// `warn` and skipped checks; else 0.
    public func exitCode(strict: Bool) -> Int32 {
        if verdict == .fail { return 1 }
        if strict && (verdict == .warn || !skippedFindings.isEmpty) { return 1 }
        return 0
    }
}
