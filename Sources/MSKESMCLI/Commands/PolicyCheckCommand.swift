import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm policy check`: the offline counterpart of `aws iam simulate-custom-policy`.
struct PolicyCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Decide, offline, whether identity policies allow actions on resources, or a mapping's role all it needs.",
        discussion: """
            Simulate mode (--policy, --action): \
            For each action × resource the answer is allowed, explicitDeny, implicitDeny, or conditional (it \
            depends on a context key that was not given), naming the deciding statements. Evaluation follows \
            AWS: an explicit Deny wins; Action/NotAction, Resource/NotResource, * and ? wildcards, action names \
            case-insensitive, resources case-sensitive; every condition operator family, …IfExists, \
            ForAllValues:/ForAnyValue:; with --boundary an action must be allowed by the policies and the \
            boundary. Policies may be plain documents or the output of aws iam get-policy-version / \
            get-role-policy, as JSON or URL-encoded. Exit 1 when any decision is not allowed.

            Mapping mode (--snapshot): every permission the snapshot's mapping needs (cluster, network \
            interfaces, logs, the IAM-auth data plane and consumer group, secrets and their customer-managed \
            KMS keys, the on-failure destination), evaluated against the role's policies and permissions \
            boundary, and the trust policy: IAM001-IAM008. --suggest prints the least-privilege policy to add. \
            Exit 1 when a permission is missing; 2 when the snapshot cannot be read.

            Live mapping mode (--mapping UUID): the same check, reading from AWS the mapping, its function, \
            cluster, secrets and their KMS keys, and the role (--role NAME, default the function's execution \
            role) with its inline and managed policies and permissions boundary. A mapping, function or role \
            that does not exist is exit 2; an AWS failure exit 3.

            Examples:
              msk-esm policy check --snapshot Examples/snapshots/broken-role-without-kafka-cluster.json --suggest
              msk-esm policy check --mapping 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --role msk-esm-exec --suggest

              msk-esm policy check --policy aws:AWSLambdaMSKExecutionRole \\
                --policy role-policy.json --action kafka-cluster:Connect \\
                --resource arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b --suggest
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "A snapshot (- for standard input): check its mapping's execution role. Not with --policy or --action.",
            valueName: "file"))
    var snapshot: String?

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "An identity policy file (- for standard input), or aws:AWSLambdaMSKExecutionRole. Repeatable.",
            valueName: "file"))
    var policies: [String] = []

    @Option(help: ArgumentHelp("A permissions boundary policy file: it must allow the action too.", valueName: "file"))
    var boundary: String?

    @Option(
        name: .customLong("action"),
        help: ArgumentHelp(
            "An action to evaluate, e.g. kafka-cluster:Connect. Repeatable.", valueName: "service:action"))
    var actions: [String] = []

    @Option(
        name: .customLong("resource"),
        help: ArgumentHelp("A resource ARN to evaluate the actions on (default *). Repeatable.", valueName: "arn"))
    var resources: [String] = []

    @Option(
        name: .customLong("context"),
        help: ArgumentHelp(
            "A request context value, e.g. aws:SourceIp=10.0.0.1. The same key twice makes a multi-valued key.",
            valueName: "key=value"))
    var contextEntries: [String] = []

    @Option(
        name: .customLong("absent"),
        help: ArgumentHelp(
            "A context key known to be missing from the request (AWS's rules for missing keys apply).",
            valueName: "key"))
    var absentKeys: [String] = []

    @Flag(
        help: "Print the least-privilege statements that add exactly what is denied, and the Deny statements to remove."
    )
    var suggest = false

    @Option(
        help: ArgumentHelp(
            "Read this event source mapping from AWS and check its execution role (or --role). Not with --snapshot.",
            valueName: "UUID"))
    var mapping: String?

    @Option(
        help: ArgumentHelp(
            "With --mapping: the IAM role to check instead of the function's execution role.", valueName: "NAME"))
    var role: String?

    func validate() throws {
        try global.validate()
        if role != nil && mapping == nil {
            throw ValidationError("--role needs --mapping UUID (the role is checked against that mapping's needs)")
        }
        if mapping != nil && snapshot != nil {
            throw ValidationError("give either --mapping (read from AWS) or --snapshot (a file), not both")
        }
        if snapshot != nil || mapping != nil {
            let simulateOptions = [
                ("--policy", !policies.isEmpty), ("--action", !actions.isEmpty), ("--resource", !resources.isEmpty),
                ("--boundary", boundary != nil), ("--context", !contextEntries.isEmpty),
                ("--absent", !absentKeys.isEmpty),
            ].filter(\.1).map(\.0)
            if !simulateOptions.isEmpty {
                throw ValidationError(
                    "\(mapping != nil ? "--mapping" : "--snapshot") cannot be combined with \(simulateOptions.joined(separator: ", ")): give either a mapping or policies and actions"
                )
            }
            return
        }
        if policies.isEmpty { throw ValidationError("give at least one --policy FILE") }
        if actions.isEmpty { throw ValidationError("give at least one --action SERVICE:ACTION") }
        for action in actions where !Self.isActionName(action) {
            throw ValidationError(
                "--action '\(action)' is not an action name: write it as service:Action, e.g. kafka:DescribeClusterV2")
        }
        for resource in resources where !ARNSyntax.isWellFormed(resource) {
            throw ValidationError(
                "--resource '\(resource)' is not an ARN: write arn:partition:service:region:account:resource, or *")
        }
        for entry in contextEntries {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw ValidationError(
                    "--context '\(entry)' has no KEY=: write it as KEY=VALUE, e.g. aws:SourceIp=10.0.0.1")
            }
        }
    }

    /// `service:Action` as `[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+`, scanned by hand: a regex literal's compiled
    /// program is never freed on Linux (LeakSanitizer).
    static func isActionName(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return parts[0].allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            && parts[1].allSatisfy { isAlphanumeric($0) || "*?_-".utf8.contains($0) }
    }

    func run() async throws {
        if let mapping {
            let document = try await liveSnapshot(mapping)
            let report = try ExecutionRoleCheck.policyReport(for: document, at: global.now, suggest: suggest)
            try global.finish(report, summaryLines: Self.mappingSummaryLines(report.summary))
            return
        }
        if let snapshot {
            let document = try Snapshot.load(path: snapshot)
            let report = try ExecutionRoleCheck.policyReport(for: document, at: global.now, suggest: suggest)
            try global.finish(report, summaryLines: Self.mappingSummaryLines(report.summary))
            return
        }
        let documents = try policies.map { try Self.readPolicy($0) }
        let boundaryDocument = try boundary.map { try Self.readPolicy($0, flag: "--boundary") }
        var context = RequestContext()
        for entry in contextEntries {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            context.add(String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
        }
        for key in absentKeys { context.markAbsent(key) }
        let simulation = PolicySimulation(
            evaluator: PolicyEvaluator(policies: documents, boundary: boundaryDocument), actions: actions,
            resources: resources.isEmpty ? ["*"] : resources, context: context)
        let report = simulation.report(suggest: suggest)
        try global.finish(report, summaryLines: Self.summaryLines(report.summary))
    }

    /// `--mapping`: what the IAM check needs, gathered as a snapshot (the gatherer's reads), with `--role`'s
    /// policies in place of the function's role. A read the check depends on that failed is an error here,
    /// not a skipped finding: the command was asked about exactly this role.
    func liveSnapshot(_ uuid: String) async throws -> Snapshot {
        let client = try LiveDecoding.client(global)
        let gathered = try await SnapshotGatherer(client: client, now: { [global] in global.now }).gather(
            mappingUUID: uuid)
        guard case .object(var parts) = gathered else {
            return try LiveDecoding.snapshot([:], region: client.configuration.region)
        }
        var errors = parts["Errors"]?.objectValue ?? [:]
        let input = "--mapping \(uuid)"
        if let reason = errors["lambda.GetFunctionConfiguration"]?.stringValue {
            let function = parts["EventSourceMapping"]?["FunctionArn"]?.stringValue ?? "function"
            throw reason.contains("NotFound")
                ? ToolError.usage(
                    "the mapping's function \(function) does not exist", input: input, fix: "aws lambda list-functions")
                : ToolError.remote("cannot read the mapping's function \(function)", input: input, fix: reason)
        }
        let roleCalls = SnapshotPart.rolePolicies.calls + ["iam.GetRole"]
        if let role {
            let read = try await LiveRoleReader(client: client).read(roleName: role)
            parts["PermissionsBoundary"] = nil
            for (key, value) in read { parts[key] = value }
            for call in roleCalls { errors[call] = nil }
            parts["Errors"] = errors.isEmpty ? nil : .object(errors)
        } else if let call = roleCalls.first(where: { errors[$0] != nil }), let reason = errors[call]?.stringValue {
            let name = parts["Function"]?["Role"]?.stringValue ?? "the execution role"
            throw reason.hasPrefix("NoSuchEntity")
                ? ToolError.usage(
                    "the execution role \(name) does not exist", input: input,
                    fix: "aws iam list-roles; give --role NAME")
                : ToolError.remote("cannot read the execution role \(name) (\(call))", input: input, fix: reason)
        }
        return try Snapshot.decode(JSONValue.object(parts), source: "AWS (mapping \(uuid))")
    }

    /// Reads `--policy` / `--boundary` input: a file, `-`, or `aws:<bundled managed policy>`.
    static func readPolicy(_ argument: String, flag: String = "--policy") throws -> PolicyDocument {
        if argument.hasPrefix("aws:") {
            let name = String(argument.dropFirst(4))
            guard let document = BundledPolicies.document(named: name) else {
                throw ToolError.usage(
                    "no bundled managed policy of that name", input: argument,
                    fix: "use \(BundledPolicies.names.map { "aws:" + $0 }.joined(separator: ", ")), or save the policy "
                        + "with aws iam get-policy-version and give the file")
            }
            return document
        }
        let text = try InputReader.text(from: argument, label: flag)
        return try PolicyDocumentReader.read(text: text, source: argument)
    }

    /// Mapping mode: the role and consumer group, the count of permissions allowed, then (with --suggest) the
    /// policy to add.
    static func mappingSummaryLines(_ summary: PolicyCheckSummary) -> [String] {
        let results = summary.results
        var lines: [String] = []
        if let role = summary.role { lines.append("execution role \(role)") }
        if let group = summary.consumerGroup { lines.append("consumer group \(group)") }
        if !results.isEmpty {
            let allowed = results.filter { $0.decision == .allowed }.count
            lines.append("\(allowed) of \(results.count) required permissions allowed")
        }
        guard let suggestions = summary.suggestions else { return lines }
        if let policy = suggestions.policy {
            lines.append("add to the role's policies: " + PolicySuggestion.json(policy))
        } else if !results.isEmpty {
            lines.append("nothing to add to the role's policies")
        }
        if let boundary = suggestions.boundaryStatements {
            lines.append("add to the permissions boundary: " + PolicySuggestion.json(.array(boundary)))
        }
        return lines
    }

    /// One line per result, then (with --suggest) what to add and what to remove.
    static func summaryLines(_ summary: PolicyCheckSummary) -> [String] {
        var lines: [String] = []
        for result in summary.results {
            var line = "\(result.decision.rawValue): \(result.action) on \(result.resource)"
            if !result.dependsOn.isEmpty { line += " (depends on \(result.dependsOn.joined(separator: ", ")))" }
            lines.append(line)
        }
        guard let suggestions = summary.suggestions else { return lines }
        if let policy = suggestions.policy {
            lines.append("add to the role's policies: " + PolicySuggestion.json(policy))
        }
        if let boundary = suggestions.boundaryStatements {
            lines.append("add to the permissions boundary: " + PolicySuggestion.json(.array(boundary)))
        }
        for deny in suggestions.denyStatementsToRemove {
            let sid = deny.sid.map { "\"\($0)\"" } ?? "#\(deny.index)"
            lines.append("remove or narrow the Deny statement \(sid) of \(deny.policy): no Allow can override it")
        }
        return lines
    }
}

extension PolicyCheckCommand: CommandWithGlobalOptions {}
