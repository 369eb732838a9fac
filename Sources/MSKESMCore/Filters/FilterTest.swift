/// `filter test`: the filter rules (``FilterCriteriaRules``) over the patterns, then each record kept or dropped
/// as Lambda would (``KafkaRecordFilter``), plus FLT003 when the records show that a filter can never match them
/// (JSON fields, or a numeric rule, where every value is a plain string).
public enum FilterTest {
    /// The report over `records` with the filters of `input`.
    public static func run(_ input: FilterCriteriaRules.Input, records: [FilterTestRecord])
        -> CheckReport<FilterTestSummary>
    {
        let (ruleFindings, filter) = FilterCriteriaRules.evaluate(input)
        var findings = ruleFindings
        let entries = records.map { FilterTestSummary.Entry($0, filter.decide($0.value)) }
        findings += plainStringMismatches(filter, records: records)
        if findings.contains(where: { $0.code == FindingCode.flt003.code && $0.severity != .pass }) {
            findings.removeAll { $0.code == FindingCode.flt003.code && $0.severity == .pass }
        }
        return CheckReport(
            findings: findings,
            summary: FilterTestSummary(filters: shownPatterns(input.patterns, valid: filter), records: entries))
    }

    /// The patterns as the summary shows them: a valid pattern as given, an invalid one by its length only. A file
    /// given to --pattern-file by mistake (a secret, say) is not a pattern, and its text is not echoed
    /// (docs/output.md#secret-material); FLT001 says where it went wrong by path, not by value.
    static func shownPatterns(_ patterns: [String?], valid filter: KafkaRecordFilter) -> [String] {
        let valid = Set(filter.filters.map(\.0))
        return patterns.enumerated().map { index, pattern in
            guard let pattern else { return "" }
            return valid.contains(index) ? pattern : "(not a valid pattern, \(pattern.count) characters: not shown)"
        }
    }

    /// FLT003 `warn` for each filter that needs a JSON value (fields under `value`, or a numeric rule on it)
    /// when no record's value is JSON: Lambda matches plain strings only against rules on `value` itself.
    static func plainStringMismatches(_ filter: KafkaRecordFilter, records: [FilterTestRecord]) -> [Finding] {
        let withValues = records.filter { $0.value != .absent }
        guard !withValues.isEmpty, !withValues.contains(where: { $0.value.isJSON }) else { return [] }
        var findings: [Finding] = []
        for (index, pattern) in filter.filters where needsJSON(pattern.root) {
            findings.append(
                Finding(
                    code: .flt003, severity: .warn,
                    title: "filter \(index) matches JSON values, but every record's value is a plain string",
                    detail: "Lambda matches a value that is not JSON as a plain string: only rules on value itself "
                        + "(e.g. {\"value\": [{\"prefix\": \"…\"}]}) can match it; fields inside it and numeric "
                        + "rules never do (https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html).",
                    fix: "filter the plain string itself: {\"value\": [\"<exact text>\"]} or "
                        + "{\"value\": [{\"prefix\": \"<start>\"}]}; or produce JSON values",
                    evidence: ["filter": .number(Double(index)), "records": .number(Double(withValues.count))]))
        }
        return findings
    }

    /// Whether any way of matching the pattern needs `value` to be JSON.
    static func needsJSON(_ object: FilterPattern.Object) -> Bool {
        for (name, node) in object.fields where name == "value" {
            switch node {
            case .object: return true
            case .rules(let rules):
                if !rules.isEmpty, rules.allSatisfy({ if case .numeric = $0 { true } else { false } }) { return true }
            }
        }
        return !object.alternatives.isEmpty && object.alternatives.allSatisfy(needsJSON)
    }
}
