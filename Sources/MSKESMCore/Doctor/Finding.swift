/// One result of one check: the stable contract that scripts read (docs/findings.md#finding-fields).
public struct Finding: Codable, Sendable, Equatable {
    /// The public code, e.g. `SEC009`. Codes are never reused for another meaning.
    public var code: String
    /// How much the finding matters: `fail` and `warn` are problems; `skipped` a check that could not run.
    public var severity: Severity
    /// One line: what is wrong (or what passed).
    public var title: String
    /// Why, with the evidence: the rule, the port, the ARN, the action.
    public var detail: String
    /// The exact command, policy statement or setting to change; empty for passes.
    public var fix: String
    /// Structured evidence for scripts.
    public var evidence: [String: JSONValue]

    /// A finding of `code` (its `code` string is stored), with the title, the detail, the fix and the evidence.
    public init(
        code: FindingCode, severity: Severity, title: String, detail: String = "", fix: String = "",
        evidence: [String: JSONValue] = [:]
    ) {
        self.code = code.code
        self.severity = severity
        self.title = title
        self.detail = detail
        self.fix = fix
        self.evidence = evidence
    }
}

extension Finding: JSONValueRepresentable {
    /// The members the synthesised `encode(to:)` writes.
    package var jsonValue: JSONValue { .object(jsonMembers(reserving: 0)) }

    /// `jsonValue`'s members, in a dictionary with room for `extra` more (a lint finding's `location`), so
    /// that adding them does not grow it.
    func jsonMembers(reserving extra: Int) -> [String: JSONValue] {
        var members = [String: JSONValue](minimumCapacity: 6 + extra)
        members["code"] = .string(code)
        members["severity"] = .string(severity.rawValue)
        members["title"] = .string(title)
        members["detail"] = .string(detail)
        members["fix"] = .string(fix)
        members["evidence"] = .object(evidence)
        return members
    }
}
