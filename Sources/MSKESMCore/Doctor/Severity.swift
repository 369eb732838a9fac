/// How much a finding matters. A documented AWS requirement that is broken is `fail`; a rule that rests on
/// an inference or on user reports is `warn` (docs/findings.md#severities).
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case fail, warn, info, pass, skipped

    /// Lower ranks sort first in reports: failures, then warnings, …
    var rank: Int {
        switch self {
        case .fail: 0
        case .warn: 1
        case .skipped: 2
        case .info: 3
        case .pass: 4
        }
    }

    /// Every severity, worst first.
    static let worstFirst = allCases.sorted()

    /// Orders severities worst first (`fail`, `warn`, `skipped`, `info`, `pass`), the order of a report's findings.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The overall answer of a command that checks something.
public enum Verdict: String, Codable, Sendable {
    case pass, warn, fail

    /// `fail` if any finding fails, else `warn` if any warns, else `pass`.
    public init(findings: [Finding]) {
        if findings.contains(where: { $0.severity == .fail }) {
            self = .fail
        } else if findings.contains(where: { $0.severity == .warn }) {
            self = .warn
        } else {
            self = .pass
        }
    }

    /// The worst of several verdicts (for reports over several mappings).
    public static func worst(_ verdicts: [Verdict]) -> Verdict {
        if verdicts.contains(.fail) { return .fail }
        if verdicts.contains(.warn) { return .warn }
        return .pass
    }
}
