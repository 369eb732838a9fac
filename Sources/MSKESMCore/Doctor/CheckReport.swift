import Foundation

/// What a check reports: the verdict, the findings (worst first) and a typed summary of what was examined.
///
/// Every command that checks something answers with one: the doctor with a ``DoctorSummary``, `secret validate`
/// with a ``SecretSummary``, `policy check` with a ``PolicyCheckSummary``, `network check` with a
/// ``NetworkSummary``, `brokers explain` with a ``BrokerSummary``. As JSON (docs/findings.md#the-report-document) it is
/// `{"verdict", "findings", "summary"}`, where `summary` is the summary's members plus `skipped`, the number of
/// checks that could not run.
public struct CheckReport<Summary: ReportSummary>: Codable, Sendable, Equatable {
    /// `fail`, `warn` or `pass`, made from the findings (``Verdict/init(findings:)``).
    public var verdict: Verdict
    /// The findings, worst first (``Severity``), in the order the checks produced them within a severity.
    public var findings: [Finding]
    /// Command-specific facts about what was examined.
    public var summary: Summary

    /// A report over `findings`, sorted worst first (stable within a severity), with the verdict they make.
    public init(findings: [Finding], summary: Summary) {
        // Worst first, in check order within a severity: a stable sort, by buckets (the ranks are distinct),
        // which copies each finding once rather than through enumerated pairs, the sort and the map.
        self.findings = Severity.worstFirst.flatMap { severity in findings.filter { $0.severity == severity } }
        self.verdict = Verdict(findings: findings)
        self.summary = summary
    }

    /// The findings that could not run, for the text headline.
    public var skippedFindings: [Finding] { findings.filter { $0.severity == .skipped } }

    /// Whether the report counts as failed: a `fail` verdict; with `strict`, also a `warn` verdict or a check
    /// that could not run. The CLI turns this into exit code 1 (docs/output.md).
    public func isFailing(strict: Bool) -> Bool {
        verdict == .fail || (strict && (verdict == .warn || !skippedFindings.isEmpty))
    }

    /// The `summary` member of the JSON document: the summary's members and `skipped`.
    public var summaryDocument: JSONValue {
        var members = (try? JSONValue(encoding: summary))?.objectValue ?? [:]
        members["skipped"] = .number(Double(skippedFindings.count))
        return .object(members)
    }

    enum CodingKeys: String, CodingKey { case verdict, findings, summary }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        verdict = try container.decode(Verdict.self, forKey: .verdict)
        findings = try container.decode([Finding].self, forKey: .findings)
        var members = try container.decodeIfPresent([String: JSONValue].self, forKey: .summary) ?? [:]
        members["skipped"] = nil
        summary = try JSONValueDecoder().decode(Summary.self, from: .object(members))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(findings, forKey: .findings)
        try container.encode(summaryDocument, forKey: .summary)
    }
}

extension CheckReport where Summary == NoSummary {
    /// A report of findings alone, e.g. the `create` preflight's problems printed before the request.
    public init(findings: [Finding]) {
        self.init(findings: findings, summary: NoSummary())
    }
}

/// A report's typed summary: what the check examined, encoded as the members of the report's `summary` object.
public protocol ReportSummary: Codable, Sendable, Equatable {}

/// The summary of a report that has nothing to say beyond its findings: `{"skipped": N}` in JSON.
public struct NoSummary: ReportSummary {
    /// The empty summary.
    public init() {}
}
