/// `policy check` in simulate mode: every action × resource against identity policies (and a permissions
/// boundary), the offline counterpart of `aws iam simulate-custom-policy`. The report's
/// `summary.results[]` holds `{action, resource, decision, statements[], dependsOn}`
/// (docs/findings.md#the-report-document); any decision
/// other than `allowed` is a failing finding, so the verdict is `fail` and the exit code 1.
public struct PolicySimulation: Sendable {
    /// The identity policies and boundary to evaluate.
    public var evaluator: PolicyEvaluator
    /// The actions to evaluate, e.g. `kafka-cluster:ReadData`.
    public var actions: [String]
    /// The resource ARNs each action is evaluated on.
    public var resources: [String]
    /// The request context keys the requests carry; a condition on a key not given makes a decision `conditional`.
    public var context: RequestContext

    /// A simulation of every action in `actions` on every resource in `resources`.
    public init(evaluator: PolicyEvaluator, actions: [String], resources: [String], context: RequestContext = .init()) {
        self.evaluator = evaluator
        self.actions = actions
        self.resources = resources
        self.context = context
    }

    /// The evaluations, action by action, resource by resource.
    public func evaluations() -> [PolicyEvaluation] {
        actions.flatMap { action in
            resources.map { evaluator.evaluate(action: action, resource: $0, context: context) }
        }
    }

    /// The report; with `suggest`, `summary.suggestion` holds the least-privilege policy adding the implicitly
    /// denied pairs, `summary.boundarySuggestion` the statements the boundary lacks, and
    /// `summary.denyStatementsToRemove` the explicit Deny statements (which no added Allow can override).
    public func report(suggest: Bool = false) -> CheckReport<PolicyCheckSummary> {
        let evaluations = evaluations()
        let missing = evaluations.filter { $0.identity.decision == .implicitDeny }.map {
            PolicySuggestion.Grant(action: $0.action, resource: $0.resource)
        }
        let boundaryMissing = evaluations.filter { $0.blockedByBoundary && $0.decision == .implicitDeny }.map {
            PolicySuggestion.Grant(action: $0.action, resource: $0.resource)
        }
        var findings: [Finding] = []
        for evaluation in evaluations {
            findings.append(finding(evaluation))
        }
        var summary = PolicyCheckSummary(results: evaluations.map { PolicyCheckSummary.Result($0) })
        if suggest {
            let denies = Set(evaluations.filter { $0.decision == .explicitDeny }.flatMap(\.statements))
                .sorted { ($0.policy, $0.index) < ($1.policy, $1.index) }
            summary.suggestions = PolicyCheckSummary.Suggestions(
                policy: missing.isEmpty
                    ? JSONValue?.none : PolicySuggestion.document(PolicySuggestion.statements(for: missing)),
                boundaryStatements: boundaryMissing.isEmpty
                    ? nil : PolicySuggestion.statements(for: boundaryMissing, sidPrefix: "MskEsmBoundary"),
                denyStatementsToRemove: denies)
        }
        return CheckReport(findings: findings, summary: summary)
    }

    func finding(_ evaluation: PolicyEvaluation) -> Finding {
        let pair = "\(evaluation.action) on \(evaluation.resource)"
        let names = evaluation.statements.map(\.label).joined(separator: ", ")
        var evidence: [String: JSONValue] = [
            "action": .string(evaluation.action), "resource": .string(evaluation.resource),
            "decision": .string(evaluation.decision.rawValue),
        ]
        if !evaluation.dependsOn.isEmpty { evidence["dependsOn"] = .array(evaluation.dependsOn.map { .string($0) }) }
        var statement: String {
            PolicySuggestion.statements(for: [.init(action: evaluation.action, resource: evaluation.resource)])
                .first.map(PolicySuggestion.json) ?? ""
        }
        switch evaluation.decision {
        case .allowed:
            return Finding(
                code: .iam001, severity: .pass, title: "\(pair): allowed", detail: "allowed by \(names)",
                evidence: evidence)
        case .explicitDeny:
            let boundary = evaluation.blockedByBoundary
            return Finding(
                code: boundary ? .iam003 : .iam002, severity: .fail, title: "\(pair): explicitDeny",
                detail: "denied by \(names)\(boundary ? " (the permissions boundary)" : ""); an explicit Deny wins "
                    + "over every Allow",
                fix: "remove the Deny statement \(names), or narrow it so it no longer covers \(pair)",
                evidence: evidence)
        case .implicitDeny:
            if evaluation.blockedByBoundary {
                return Finding(
                    code: .iam003, severity: .fail, title: "\(pair): implicitDeny by the permissions boundary",
                    detail:
                        "the policies allow it (\(evaluation.identity.statements.map(\.label).joined(separator: ", "))), "
                        + "but the permissions boundary does not; an action needs both",
                    fix: "add to the permissions boundary: \(statement)", evidence: evidence)
            }
            return Finding(
                code: .iam001, severity: .fail, title: "\(pair): implicitDeny",
                detail: "no Allow statement covers it", fix: "add the statement \(statement)", evidence: evidence)
        case .conditional:
            let keys = evaluation.dependsOn.joined(separator: ", ")
            return Finding(
                code: .iam008, severity: .fail, title: "\(pair): conditional, depends on \(keys)",
                detail: "the answer depends on context keys that were not given (\(names))",
                fix: evaluation.dependsOn.map { "--context \($0)=VALUE" }.joined(separator: " ")
                    + " (or --absent KEY) to decide it",
                evidence: evidence)
        }
    }
}
