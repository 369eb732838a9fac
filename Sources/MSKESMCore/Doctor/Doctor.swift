import Foundation

/// Runs the doctor's checks over a snapshot: gather → **Snapshot → checks → findings** → render
/// (docs/architecture.md#data-flow). Usable without the CLI: `try Doctor().run(snapshot, at: Date())`.
public struct Doctor: Sendable {
    /// The checks to run, in report order; ``DoctorCatalogue/checks`` unless a caller chose others.
    public var checks: [any DoctorCheck]

    /// A doctor that runs `checks`, by default every check of ``DoctorCatalogue``.
    public init(checks: [any DoctorCheck] = DoctorCatalogue.checks) {
        self.checks = checks
    }

    /// The `create` / `update` preflight: the doctor over the mapping a request would make, with the same
    /// checks through the same code path, minus those that judge an existing, running mapping (state,
    /// LastProcessingResult, lag). Those are left out, not reported skipped, so `--strict` is not failed by them.
    public static var preflight: Doctor {
        Doctor(checks: DoctorCatalogue.checks.filter { !$0.judgesExistingMapping })
    }

    /// The report for one mapping: `{verdict, findings, summary}` with the summary fields `uuid`, `function`,
    /// `topic`, `cluster`, `method`, `port`, `checks` (the names of the checks that ran) and `skipped`.
    /// A raw part of the wrong type throws its `ToolError` (exit 2) before any check runs.
    public func run(_ snapshot: Snapshot, at now: Date) throws -> CheckReport<DoctorSummary> {
        let context = DoctorContext(snapshot: snapshot, now: now)
        try context.checkRawParts()
        var findings: [Finding] = []
        var ran: [String] = []
        for check in checks {
            let missing = check.requiredParts(in: snapshot).filter { !snapshot.isPresent($0) }
            if missing.isEmpty {
                findings.append(contentsOf: try check.run(context))
                ran.append(check.name)
            } else {
                findings.append(Doctor.skipped(check, missing: missing, snapshot: snapshot))
            }
        }
        return CheckReport(findings: Doctor.linkRelated(findings), summary: Doctor.summary(context, checks: ran))
    }

    /// The `skipped` finding of a check whose parts are missing, naming the part and why it is missing.
    static func skipped(_ check: any DoctorCheck, missing: [SnapshotPart], snapshot: Snapshot) -> Finding {
        let reasons = missing.map { part -> String in
            let errors = snapshot.errors(for: part)
            if errors.isEmpty { return "\(part.key) is not in the snapshot" }
            return "\(part.key) could not be read: "
                + errors.map { "\($0.call): \($0.message.prefix(120))" }.joined(separator: "; ")
        }
        let code = check.codes.first ?? .acc001
        return Finding(
            code: code, severity: .skipped, title: "\(check.name) needs \(missing.map(\.key).joined(separator: ", "))",
            detail: reasons.joined(separator: ". ") + ".",
            fix: "add the part to the snapshot: "
                + missing.map { "\($0.key) = `\($0.awsCommand) --output json`" }.joined(separator: "; "),
            evidence: [
                "check": .string(check.name), "missingParts": .array(missing.map { .string($0.key) }),
            ])
    }

    /// Adds to each MAP011 finding which of its related codes the other checks found, so the explanation of
    /// `LastProcessingResult` points at the cause found in this very report, and makes the fix the cause's:
    /// the generic fix of the result text may not be the one this mapping needs.
    static func linkRelated(_ findings: [Finding]) -> [Finding] {
        let problems = findings.filter { $0.severity == .fail || $0.severity == .warn }
        let found = Set(problems.map(\.code))
        return findings.map { finding in
            guard finding.code == FindingCode.map011.code,
                let related = finding.evidence["relatedCodes"]?.arrayValue?.compactMap(\.stringValue)
            else { return finding }
            let present = related.filter(found.contains)
            guard !present.isEmpty else { return finding }
            var linked = finding
            linked.detail += " Found in this report: " + present.joined(separator: ", ") + "."
            linked.evidence["foundCodes"] = .array(present.map(JSONValue.string))
            if let cause = present.lazy.compactMap({ code in problems.first { $0.code == code && !$0.fix.isEmpty } })
                .first
            {
                linked.fix = "fix \(cause.code) (\(cause.title)): \(cause.fix)"
            }
            return linked
        }
    }

    static func summary(_ context: DoctorContext, checks: [String]) -> DoctorSummary {
        let snapshot = context.snapshot
        let mapping = snapshot.eventSourceMapping
        var summary = DoctorSummary(checks: checks)
        summary.uuid = mapping.uuid
        summary.function = snapshot.function?.functionName ?? mapping.functionArn
        summary.topic = MappingSettings(mapping).topic
        if let cluster = snapshot.cluster?.clusterInfo?.clusterArn ?? mapping.eventSourceArn {
            summary.cluster = cluster
        } else if let servers = mapping.selfManagedEventSource?.bootstrapServers, !servers.isEmpty {
            summary.cluster = servers.joined(separator: ",")
        }
        if let choice = context.brokerChoice {
            summary.method = choice.method
            summary.port = choice.port
            summary.ports = choice.ports.isEmpty ? nil : choice.ports
        }
        summary.metrics = MappingMetricsView(snapshot).trends
        return summary
    }
}

/// The doctor's answer over several mappings (`--function`, `--all`): `{"verdict", "mappings": [...]}`, each
/// mapping's document being its ``CheckReport`` plus `uuid` (docs/findings.md#the-report-document).
public struct DoctorMultiReport: Encodable, Sendable {
    /// The worst verdict of the mappings' reports.
    public var verdict: Verdict
    /// One document per mapping, in the order the caller gave them.
    public var mappings: [MappingDiagnosis]

    /// The report over `mappings`, its verdict the worst of theirs.
    public init(mappings: [MappingDiagnosis]) {
        self.mappings = mappings
        self.verdict = Verdict.worst(mappings.map(\.report.verdict))
    }

    /// Whether any mapping's report counts as failed (``CheckReport/isFailing(strict:)``).
    public func isFailing(strict: Bool) -> Bool {
        mappings.contains { $0.report.isFailing(strict: strict) }
    }
}

/// One mapping's document in a ``DoctorMultiReport``: `{uuid, verdict, findings, summary}`.
public struct MappingDiagnosis: Encodable, Sendable {
    /// The mapping's UUID, so a script can tell the documents apart.
    public var uuid: String
    /// The doctor's report for this mapping.
    public var report: CheckReport<DoctorSummary>
    /// The account the mapping lives in, from its function ARN (docs/output.md#doctor---all); `nil` (and not
    /// written) when the mapping came from a snapshot.
    public var accountId: String?

    /// Pairs a mapping's UUID with its report.
    ///
    /// - Parameters:
    ///   - uuid: the mapping's UUID.
    ///   - report: the doctor's report.
    ///   - accountId: the mapping's account (from its function ARN), or `nil`.
    public init(uuid: String, report: CheckReport<DoctorSummary>, accountId: String? = nil) {
        self.uuid = uuid
        self.report = report
        self.accountId = accountId
    }

    enum CodingKeys: String, CodingKey { case uuid, accountId, verdict, findings, summary }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uuid, forKey: .uuid)
        try container.encodeIfPresent(accountId, forKey: .accountId)
        try container.encode(report.verdict, forKey: .verdict)
        try container.encode(report.findings, forKey: .findings)
        try container.encode(report.summaryDocument, forKey: .summary)
    }
}
