/// The rules over a mapping's `FilterCriteria` (FLT001–FLT006), without records: what `doctor`, the
/// `create`/`update` preflight and `filter test` report, and what a linter of templates can call with the
/// patterns it finds. Each rule cites the page it rests on in its code's declaration (``FindingCode/filterCodes``).
public enum FilterCriteriaRules {
    /// Lambda's default quota of filters per event source mapping, and the most an increase allows
    /// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
    public static let defaultFilterQuota = 5
    /// The most filters a quota increase allows.
    public static let maximumFilterQuota = 10
    /// The `Pattern` member's length limit (https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html).
    public static let maximumPatternLength = 4096

    /// What the rules read: the patterns as the mapping holds them, and its filter encryption.
    public struct Input: Sendable {
        /// Each filter's `Pattern` text, in order (nil for a filter without one).
        public var patterns: [String?]
        /// `KMSKeyArn`: the customer managed key that encrypts the filter criteria.
        public var kmsKeyArn: String?
        /// `FilterCriteriaError`: Lambda's report that it could not use the filter criteria.
        public var filterCriteriaError: FilterCriteriaError?
        /// `KmsKeys[KMSKeyArn]` of the snapshot: the key's state.
        public var key: DescribeKeyOutput.KeyMetadata?
        /// Whether the mapping has a key but its `FilterCriteria` could not be read (Lambda shows encrypted
        /// filters only to a caller allowed kms:Decrypt on the key).
        public var filtersHidden = false
        /// The mapping's UUID, for the fixes' commands.
        public var uuid: String?
        /// The account's quota of filters per mapping.
        public var quota = FilterCriteriaRules.defaultFilterQuota

        /// The input of `patterns` alone (e.g. `filter test --pattern`).
        public init(patterns: [String?]) { self.patterns = patterns }

        /// The input of a mapping as `GetEventSourceMapping` returns it, with the key the snapshot describes.
        public init(mapping: EventSourceMappingConfiguration, key: DescribeKeyOutput.KeyMetadata? = nil) {
            patterns = (mapping.filterCriteria?.filters ?? []).map(\.pattern)
            kmsKeyArn = mapping.kmsKeyArn
            filterCriteriaError = mapping.filterCriteriaError
            self.key = key
            filtersHidden = mapping.kmsKeyArn != nil && mapping.filterCriteria == nil
            uuid = mapping.uuid
        }
    }

    /// The findings, with one `pass` per rule that found nothing; the parsed patterns for evaluation.
    public static func evaluate(_ input: Input) -> (findings: [Finding], filter: KafkaRecordFilter) {
        var findings: [Finding] = []
        var parsed: [(index: Int, pattern: FilterPattern)] = []
        var invalid: [Int] = []
        let uuid = input.uuid ?? "<mapping-uuid>"

        findings += encryption(input, uuid: uuid)
        if input.patterns.count > input.quota {
            let beyondMaximum = input.patterns.count > maximumFilterQuota
            findings.append(
                Finding(
                    code: .flt004, severity: beyondMaximum ? .fail : .warn,
                    title: "\(input.patterns.count) filters, more than the quota of \(input.quota)",
                    detail: beyondMaximum
                        ? "Lambda allows at most \(maximumFilterQuota) filters per event source mapping, even "
                            + "after a quota increase; it refuses the mapping."
                        : "Lambda refuses more filters than the account's quota (\(defaultFilterQuota) by "
                            + "default); an increase allows up to \(maximumFilterQuota).",
                    fix: beyondMaximum
                        ? "merge filters: one pattern can hold several alternatives with \"$or\""
                        : "merge filters with \"$or\", or request a quota increase of \"Filters per event source "
                            + "mapping\" for Lambda in the Service Quotas console (at most \(maximumFilterQuota))",
                    evidence: ["filters": .number(Double(input.patterns.count)), "quota": .number(Double(input.quota))])
            )
        }

        for (index, text) in input.patterns.enumerated() {
            let text = text ?? ""
            let length = text.unicodeScalars.count
            if length > maximumPatternLength {
                findings.append(
                    Finding(
                        code: .flt005, severity: .fail,
                        title: "filter \(index) is \(length) characters long, more than \(maximumPatternLength)",
                        detail: "The Filter's Pattern member holds at most \(maximumPatternLength) characters; "
                            + "Lambda refuses a longer one.",
                        fix: "split the pattern into several filters (filters are ORed), or shorten its lists",
                        evidence: ["filter": .number(Double(index)), "length": .number(Double(length))]))
            }
            let pattern: FilterPattern
            do {
                pattern = try FilterPatternParser.parse(text)
            } catch {
                findings.append(
                    Finding(
                        code: .flt001, severity: .fail,
                        title: "filter \(index) is not a valid pattern: \(error.reason)",
                        detail: "At \(error.path) of the pattern. "
                            + (error.isUnlistedOperator
                                ? "Lambda's filter rule syntax lists null, empty, equals, equals-ignore-case, "
                                    + "and, or, $or, anything-but, numeric, exists, prefix and suffix; msk-esm does "
                                    + "not guess how Lambda treats other operators."
                                : "Lambda refuses criteria whose pattern is not a JSON object of fields whose "
                                    + "values are lists of rules or nested objects."),
                        fix: "rewrite filter \(index) with the operators of "
                            + "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html and "
                            + "try it: msk-esm filter test --pattern '<pattern>' --value '<a record value>'",
                        evidence: [
                            "filter": .number(Double(index)), "path": .string(error.path),
                            "reason": .string(error.reason),
                        ]))
                invalid.append(index)
                continue
            }
            parsed.append((index, pattern))
            findings += fieldFindings(pattern, index: index)
            findings += neverMatching(pattern, index: index)
        }

        let problems = Set(findings.filter { $0.severity != .pass }.map(\.code))
        for code in [FindingCode.flt001, .flt002, .flt003, .flt004, .flt005] where !problems.contains(code.code) {
            if input.patterns.isEmpty {
                if code == .flt001 {
                    findings.append(
                        Finding(
                            code: .flt001, severity: .pass,
                            title: input.filtersHidden
                                ? "the filters are encrypted and could not be read"
                                : "no FilterCriteria: every record reaches the function",
                            evidence: ["filters": 0]))
                }
                continue
            }
            findings.append(Finding(code: code, severity: .pass, title: passTitle(code, count: input.patterns.count)))
        }
        return (findings, KafkaRecordFilter(filters: parsed, invalidFilters: invalid))
    }

    static func passTitle(_ code: FindingCode, count: Int) -> String {
        switch code {
        case .flt001: "\(count) filter pattern(s), each valid in Lambda's filter rule syntax"
        case .flt002: "every pattern filters on value, the only field Lambda filters on Kafka records"
        case .flt003: "no pattern is impossible to match"
        case .flt004: "\(count) filter(s), within the default quota of \(defaultFilterQuota)"
        default: "every pattern is at most 4,096 characters"
        }
    }

    /// FLT002: top-level fields other than `value` (`$or` alternatives included).
    static func fieldFindings(_ pattern: FilterPattern, index: Int) -> [Finding] {
        let others = Array(Set(pattern.root.topLevelNames.filter { $0 != "value" })).sorted()
        guard !others.isEmpty else { return [] }
        let headerOrKey = others.filter { $0 == "key" || $0 == "headers" }
        return [
            Finding(
                code: .flt002, severity: .fail,
                title: "filter \(index) filters on \(others.joined(separator: ", ")), which Kafka records cannot "
                    + "be filtered on",
                detail: "Amazon MSK and self-managed Kafka mappings filter on the record's value only; "
                    + (headerOrKey.isEmpty
                        ? "a clause on another field never matches, so the filter drops every record it decides."
                        : "keys and headers are never matched, so the filter drops every record it decides."),
                fix: "filter on the value instead: {\"value\": {\"<field>\": [ … ]}} for JSON values or "
                    + "{\"value\": [{\"prefix\": \"…\"}]} for plain strings; check keys or headers in the function",
                evidence: ["filter": .number(Double(index)), "fields": .array(others.map(JSONValue.string))])
        ]
    }

    /// FLT003: clauses no record can satisfy.
    static func neverMatching(_ pattern: FilterPattern, index: Int) -> [Finding] {
        let reasons = impossibleClauses(pattern.root, prefix: "")
        guard !reasons.isEmpty else { return [] }
        return [
            Finding(
                code: .flt003, severity: .fail,
                title: "filter \(index) can never match: " + reasons.joined(separator: "; "),
                detail: "The clauses of one pattern must all match (and one of a $or list); a clause no value "
                    + "satisfies makes the whole filter drop every record.",
                fix: "correct or remove the clause in filter \(index), then check it against records: "
                    + "msk-esm filter test --pattern '<pattern>' EVENT_FILE",
                evidence: ["filter": .number(Double(index)), "reasons": .array(reasons.map(JSONValue.string))])
        ]
    }

    /// The reasons an object pattern cannot match: an empty numeric range, a `$or` of alternatives none of which
    /// can match.
    static func impossibleClauses(_ object: FilterPattern.Object, prefix: String) -> [String] {
        var reasons: [String] = []
        for (name, node) in object.fields {
            let path = prefix.isEmpty ? name : prefix + "." + name
            switch node {
            case .rules(let rules):
                let possible = rules.contains { rule in
                    if case .numeric(let bounds) = rule { return !isEmptyRange(bounds) }
                    return true
                }
                if !rules.isEmpty, !possible {
                    reasons.append("\(path) has an empty numeric range")
                }
            case .object(let nested):
                reasons += impossibleClauses(nested, prefix: path)
            }
        }
        if !object.alternatives.isEmpty {
            let each = object.alternatives.map { impossibleClauses($0, prefix: prefix) }
            if each.allSatisfy({ !$0.isEmpty }) {
                reasons.append("no alternative of \(prefix.isEmpty ? "" : prefix + ".")$or can match")
            }
        }
        return reasons
    }

    /// Whether a lower and an upper bound leave no number between them.
    static func isEmptyRange(_ bounds: [FilterRule.NumericBound]) -> Bool {
        guard bounds.count == 2 else { return false }
        let lower = bounds[0]
        let upper = bounds[1]
        if lower.value > upper.value { return true }
        return lower.value == upper.value && (lower.comparison == ">" || upper.comparison == "<")
    }

    /// FLT006: the filter criteria's KMS key.
    static func encryption(_ input: Input, uuid: String) -> [Finding] {
        guard let keyArn = input.kmsKeyArn, !keyArn.isEmpty else { return [] }
        var findings: [Finding] = []
        if let error = input.filterCriteriaError {
            findings.append(
                Finding(
                    code: .flt006, severity: .fail,
                    title:
                        "Lambda cannot use the filter criteria's KMS key: \(error.errorCode ?? "FilterCriteriaError")",
                    detail: "The mapping's FilterCriteriaError says: \(error.message ?? "(no message)"). Lambda "
                        + "encrypts the filters with \(keyArn) and must be able to use that key to apply them.",
                    fix: "let Lambda use the key (its key policy must allow the caller that created the mapping "
                        + "kms:Decrypt, kms:GenerateDataKey and kms:DescribeKey), or re-encrypt with a key that "
                        + "works: aws lambda update-event-source-mapping --uuid \(uuid) --kms-key-arn <key ARN>",
                    evidence: [
                        "kmsKeyArn": .string(keyArn), "errorCode": error.errorCode.map(JSONValue.string) ?? .null,
                    ]))
        }
        if let key = input.key, let state = key.keyState, state != "Enabled" {
            findings.append(
                Finding(
                    code: .flt006, severity: .fail,
                    title: "the filter criteria's KMS key is \(state)",
                    detail: "Only an enabled key can decrypt: Lambda cannot read the filters encrypted with "
                        + "\(keyArn) while it is \(state).",
                    fix: state == "PendingDeletion"
                        ? "aws kms cancel-key-deletion --key-id \(keyArn) && aws kms enable-key --key-id \(keyArn)"
                        : "aws kms enable-key --key-id \(keyArn)",
                    evidence: ["kmsKeyArn": .string(keyArn), "keyState": .string(state)]))
        }
        if input.filtersHidden, input.filterCriteriaError == nil {
            findings.append(
                Finding(
                    code: .flt006, severity: .warn,
                    title: "the filters are encrypted with \(keyArn) and were not readable, so not checked",
                    detail: "GetEventSourceMapping shows encrypted filter criteria in plaintext only to a caller "
                        + "allowed kms:Decrypt on the key; ListEventSourceMappings never does.",
                    fix: "read the mapping with kms:Decrypt on \(keyArn) (aws lambda get-event-source-mapping "
                        + "--uuid \(uuid)) and run msk-esm again",
                    evidence: ["kmsKeyArn": .string(keyArn)]))
        }
        if findings.isEmpty {
            findings.append(
                Finding(
                    code: .flt006, severity: .pass,
                    title: "the filter criteria are encrypted with \(keyArn) and Lambda reports no error",
                    evidence: ["kmsKeyArn": .string(keyArn)]))
        }
        return findings
    }
}
