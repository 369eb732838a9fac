import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMKafka

/// `msk-esm doctor --snapshot FILE | UUID | --function NAME | --all`: every check over one mapping's snapshot,
/// read from a file or gathered live, or over many mappings at once (DoctorFleetRun).
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Diagnose event source mappings (live, or from a snapshot): every check, each problem with its fix.",
        discussion: """
            Runs every check (mapping state and parameters, LastProcessingResult, function state and timeout, \
            broker choice, secret analyses, the execution role's permissions and trust policy, security groups \
            and the VPC's path to Lambda, STS, Secrets Manager and the on-failure destination, offset lag, the \
            mapping's own metrics, the topic and its provisioned pollers, and what the snapshot could not read) \
            and prints \
            failures first, each with the exact fix, then the checks that passed. A part missing from the \
            snapshot makes the checks that need it 'skipped' (named in the headline; --strict makes that exit 1).

            Live: 'doctor UUID' reads the mapping and everything around it from AWS (as 'snapshot' does, in \
            memory) and diagnoses it; 'doctor --function NAME' diagnoses every Kafka mapping of a function; \
            'doctor --all' every Kafka mapping of the account in the Region, in each --region given (repeat it), \
            or in every enabled Region (--all-regions), filtered by --function-prefix, --cluster and --state. \
            Reads shared by several mappings (a cluster, a role, a VPC, a secret) are made once; at most \
            --concurrency calls run at once, fewer for a while in an account and Region where AWS throttles. \
            Several accounts: --accounts FILE or --organization (Organizations ListAccounts) with \
            --assume-role-name NAME assume that role once in each account (the caller's own account is read \
            with the current credentials); every mapping carries its accountId, the summary counts per account \
            and Region, and an account whose role cannot be assumed is reported and makes the run exit 1. \
            With several mappings, \
            --output json prints {"verdict", "mappings": [each mapping's document plus "uuid"]} and --output \
            jsonl one mapping per line as soon as it is done; text prints a table (and a progress bar on a \
            terminal's stderr). A Region that cannot be listed, or a part of a mapping that cannot be read \
            (ACC findings, skipped checks), is reported and the run goes on.

            Metrics (live, over --since, 1h by default): with MetricsConfig, the mapping's own metrics \
            (AWS/Lambda, dimension EventSourceMappingUUID): events dropped, all events filtered out, polling and \
            other errors, deliveries to the on-failure destination (MET findings), and its own MaxOffsetLag for \
            the lag's trend (MAP015); without KafkaMetrics the lag is the function's OffsetLag, said to mix all \
            its mappings, and MET005 says how to turn the metrics on. The reads of all mappings go in GetMetricData \
            calls of up to 500 queries. Text output draws a sparkline per trend (lag, dropped, errors); JSON has \
            the data points under summary.metrics.

            Topics (live, MSK Provisioned clusters on Kafka 3.6.0 or later): the topic is read through the MSK \
            API (DescribeTopic, no broker connection; the caller needs kafka-cluster:Connect and \
            kafka-cluster:DescribeTopic): a topic that does not exist (TOP001), MinimumPollers above its \
            partitions (TOP002: idle pollers), MaximumPollers above them (TOP003: Lambda caps it), and, with the \
            mapping's PolledEventCount, sizing guidance at about 5 MB/s per poller (TOP004). Serverless, \
            self-managed and older clusters, or a read that fails, say why the topic was not described (TOP005, \
            never a failure). With --all or --function, the poller groups the run sees (PollerGroupName, per \
            Region): at most 100 mappings (TOP006) and 2,000 MaximumPollers in all (TOP007).

            --output markdown prints a report to paste into a ticket or a pull request: the verdict and counts, \
            the findings grouped by area with their fixes, the metrics' trends as a table, and a Mermaid diagram \
            of the path (function, mapping, subnets and security groups, brokers and port; role and the \
            permissions it grants and lacks; secrets and their KMS keys) with each problem marked on it. With \
            --all or --function each mapping's section is written as soon as it is diagnosed, the summary table \
            last.

            With --probe (one mapping: a snapshot or a UUID), the doctor also connects to the brokers the \
            snapshot names, as Lambda would (the checks of msk-esm probe: DNS, TCP, TLS, SASL, topic, consumer \
            group), and adds the PRB findings. For an OAUTHBEARER_AUTH mapping whose identity provider has a \
            certificate from a private CA, --token-endpoint-ca-file FILE names the CA the token endpoint must \
            lead to (as for msk-esm probe).

            Exit codes: 0 healthy; 1 a check failed (or warned / was skipped, with --strict), or a Region could \
            not be listed; 2 the snapshot cannot be read (not UTF-8, not JSON, a key repeated, larger than 1 MiB, wrong version, a member of \
            the wrong type), or the mapping or function does not exist; 3 the first AWS read failed (the mapping, \
            or the listing of every Region).

            Examples:
              msk-esm doctor --snapshot Examples/snapshots/healthy-iam.json --output json
              msk-esm doctor --snapshot snapshot.json --probe --timeout 3
              msk-esm doctor --snapshot snapshot.json --output markdown > report.md
              msk-esm doctor 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --region us-east-1
              msk-esm doctor 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --since 6h
              msk-esm doctor --function orders-consumer --output jsonl
              msk-esm doctor --all --region us-east-1 --region eu-west-1 --state Enabled --concurrency 16
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: ArgumentHelp("The UUID of an event source mapping to read from AWS and diagnose.", valueName: "uuid"))
    var uuid: String?

    @Option(
        help: ArgumentHelp(
            "A snapshot document (SnapshotVersion 1: AWS CLI outputs of the mapping, function, cluster, …), or - for standard input.",
            valueName: "file"))
    var snapshot: String?

    @Option(
        help: ArgumentHelp(
            "Diagnose every Kafka event source mapping of this function (a name or an ARN).", valueName: "name"))
    var function: String?

    @Flag(help: "Diagnose every Kafka event source mapping of the account in the Region (or each --region given).")
    var all = false

    @Flag(
        name: .customLong("all-regions"),
        help: "With --all: every Region enabled for the account (EC2 DescribeRegions).")
    var allRegions = false

    @Option(
        name: .customLong("function-prefix"),
        help: ArgumentHelp("With --all: only mappings of functions whose name starts with this.", valueName: "prefix"))
    var functionPrefix: String?

    @Option(
        help: ArgumentHelp("With --all: only mappings on this MSK cluster (or VPC connection) ARN.", valueName: "arn"))
    var cluster: String?

    @Option(
        help: ArgumentHelp(
            "With --all: only mappings in this state (Enabled, Disabled, Creating, Updating, …); repeat for several.",
            valueName: "state"))
    var state: [String] = []

    @Option(
        help: ArgumentHelp(
            "At most this many AWS calls at once (fewer for a while when AWS throttles).", valueName: "n"))
    var concurrency: Int = 8

    @Option(
        help: ArgumentHelp(
            "With --all or --function: a previous report (--output json or jsonl); print what is new, fixed and unchanged.",
            valueName: "file"))
    var baseline: String?

    @Flag(name: .customLong("new-only"), help: "With --baseline: exit 1 only for problems the baseline does not have.")
    var newOnly = false

    @Flag(help: "Also connect to the snapshot's brokers as Lambda would (msk-esm probe) and add the PRB findings.")
    var probe = false

    @OptionGroup var metricWindow: MetricWindowOption

    @OptionGroup var fleetAccounts: FleetAccountOptions

    @Option(help: ArgumentHelp("With --probe: seconds each probe step may take.", valueName: "seconds"))
    var timeout: Double = 5

    @Option(help: ArgumentHelp("With --probe: CA certificates (PEM) to trust besides the system's.", valueName: "file"))
    var caFile: String?

    @OptionGroup var tokenEndpointCA: TokenEndpointCAOption

    func validate() throws {
        try global.validate(allowsJSONLines: function != nil || all, allowsManyRegions: all, printsMarkdown: true)
        let sources = [uuid != nil, snapshot != nil, function != nil, all].filter { $0 }.count
        if sources != 1 {
            throw ValidationError("give exactly one of: a mapping UUID, --snapshot FILE, --function NAME, --all")
        }
        if !all && (allRegions || functionPrefix != nil || cluster != nil || !state.isEmpty) {
            throw ValidationError("--all-regions, --function-prefix, --cluster and --state go with --all")
        }
        if baseline != nil && !(all || function != nil) {
            throw ValidationError("--baseline goes with --all or --function")
        }
        if newOnly && baseline == nil { throw ValidationError("--new-only goes with --baseline FILE") }
        if allRegions && !global.aws.regions.isEmpty {
            throw ValidationError("give either --all-regions or --region, not both")
        }
        if concurrency < 1 || concurrency > 256 {
            throw ValidationError("--concurrency must be between 1 and 256")
        }
        try fleetAccounts.check(all: all)
        if let uuid { try MappingCommandSupport.validateUUID(uuid) }
        if let cluster, !(cluster.hasPrefix("arn:") && cluster.contains(":kafka:")) {
            throw ValidationError("--cluster takes an MSK cluster ARN (arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/ID)")
        }
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
        if !probe && caFile != nil { throw ValidationError("--ca-file is for --probe") }
        if !probe && tokenEndpointCA.tokenEndpointCaFile != nil {
            throw ValidationError("--token-endpoint-ca-file is for --probe")
        }
        if probe && (function != nil || all) {
            throw ValidationError("--probe diagnoses one mapping: a UUID or --snapshot FILE")
        }
    }

    func run() async throws {
        // An unreadable --ca-file is a usage error (exit 2) before any work, not a skipped probe later.
        let trustedPEM = try ProbeCommand.readCAFile(caFile)
        let tokenEndpointCAFile = try tokenEndpointCA.checkedPath()
        let accounts = try fleetAccounts.load()
        if let snapshot {
            // Doctor.run checks the raw parts before any check, and decodes them once for all of them.
            let document = try Snapshot.load(path: snapshot, checkingRawParts: false)
            try await finish(document, trustedPEM: trustedPEM, tokenEndpointCAFile: tokenEndpointCAFile)
            return
        }
        // The process's client for these options: in the REPL a second doctor reuses credentials and connections.
        // The secrets' values are read and kept in memory only (the report never carries them): the doctor
        // analyses them itself, and with --probe the probe authenticates with them.
        var gatherer = SnapshotGatherer(
            client: try global.aws.client(debug: global.debug), includeSecrets: true, maxConcurrency: concurrency,
            now: { [global] in global.now })
        gatherer.metricWindow = metricWindow.seconds
        if let uuid {
            let gathered = try await gatherer.gather(mappingUUID: uuid)
            try await finish(
                try Snapshot.decode(gathered, source: uuid), trustedPEM: trustedPEM,
                tokenEndpointCAFile: tokenEndpointCAFile)
            return
        }
        // The baseline is read (and a bad one reported) before any AWS call.
        let baselineReport = try baseline.map { try ReportBaseline(path: $0) }
        try await DoctorFleetRun(
            global: global, gatherer: gatherer,
            selection: MappingSelection(
                functionName: function, functionPrefix: functionPrefix, clusterArn: cluster, states: state),
            allRegions: allRegions, baseline: baselineReport, newOnly: newOnly, accounts: accounts,
            organization: fleetAccounts.organization,
            assumeRoleName: fleetAccounts.assumeRoleName, externalId: fleetAccounts.externalId
        ).run()
    }

    /// One mapping's report (with the probe's findings under --probe), printed.
    func finish(_ document: Snapshot, trustedPEM: String?, tokenEndpointCAFile: String?) async throws {
        let report = try Doctor().run(document, at: global.now)
        guard probe else {
            if global.output == .markdown {
                return try finishMarkdown(report.findings, summary: report.summary, snapshot: document)
            }
            try global.finish(report, summaryLines: DoctorCommand.summaryLines(report.summary))
            return
        }
        let probed = await DoctorCommand.addingProbe(
            to: report, snapshot: document, timeout: timeout, trustedPEM: trustedPEM,
            tokenEndpointCAFile: tokenEndpointCAFile, global: global)
        if global.output == .markdown {
            return try finishMarkdown(probed.findings, summary: probed.summary.doctor, snapshot: document)
        }
        try global.finish(probed, summaryLines: DoctorCommand.summaryLines(probed.summary))
    }

    /// `--output markdown`: the report with the path diagram of `snapshot`; exits as the report says.
    func finishMarkdown(_ findings: [Finding], summary: DoctorSummary, snapshot: Snapshot) throws {
        let diagram = MappingPathDiagram(snapshot: snapshot, findings: findings)
        CommandContext.console.write(
            MarkdownReportRenderer(quiet: global.quiet).document(findings, summary: summary, diagram: diagram))
        if CheckReport(findings: findings, summary: summary).isFailing(strict: global.strict) { throw ExitCode(1) }
    }

    /// The doctor's report with the probe's findings added and its summary under `summary.probe`.
    static func addingProbe(
        to report: CheckReport<DoctorSummary>, snapshot: Snapshot, timeout: Double, trustedPEM: String?,
        tokenEndpointCAFile: String? = nil, global: GlobalOptions
    ) async -> CheckReport<ProbedDoctorSummary> {
        var findings = report.findings
        var summary = ProbedDoctorSummary(doctor: report.summary)
        do {
            var configuration = try ProbePlan.configuration(snapshot: snapshot, timeout: timeout)
            configuration.trust(trustedPEM)
            configuration.tokenEndpointCAFile = tokenEndpointCAFile
            try await ProbeCommand.addIAMCredentials(to: &configuration, global: global)
            let probed = await Probe().run(configuration)
            findings += probed.findings
            summary.probe = probed.summary
        } catch {
            findings.append(
                Finding(
                    code: .prb015, severity: .skipped, title: "the brokers were not probed",
                    detail: "\(error)", fix: "msk-esm brokers explain --snapshot FILE shows what is missing"))
        }
        summary.doctor.checks.append("probe")
        return CheckReport(findings: findings, summary: summary)
    }

    /// What was examined, for people: the mapping, the broker choice, the checks that ran.
    static func summaryLines(_ summary: DoctorSummary) -> [String] {
        var lines: [String] = []
        var mapping = "mapping " + (summary.uuid ?? "(no UUID)")
        if let function = summary.function { mapping += " → function \(function)" }
        if let topic = summary.topic { mapping += ", topic \(topic)" }
        lines.append(mapping)
        if let cluster = summary.cluster { lines.append("cluster \(cluster)") }
        if let method = summary.method {
            lines.append("Lambda connects with \(method.rawValue)" + (summary.port.map { " on port \($0)" } ?? ""))
        }
        lines.append("checks run: " + summary.checks.joined(separator: ", "))
        lines += Sparkline.lines(summary.metrics)
        return lines
    }

    /// ``summaryLines(_:)`` and the probe's lines.
    static func summaryLines(_ summary: ProbedDoctorSummary) -> [String] {
        var lines = summaryLines(summary.doctor)
        if let probe = summary.probe {
            lines += ProbeCommand.summaryLines(probe).map { "probe: " + $0 }
        }
        return lines
    }
}

/// The doctor's summary with the probe's (`doctor --probe`): the doctor's members plus `probe`.
struct ProbedDoctorSummary: ReportSummary {
    var doctor: DoctorSummary
    /// Nil when the brokers could not be probed (a PRB015 finding says why).
    var probe: ProbeSummary?

    init(doctor: DoctorSummary, probe: ProbeSummary? = nil) {
        self.doctor = doctor
        self.probe = probe
    }

    enum CodingKeys: String, CodingKey { case probe }

    init(from decoder: Decoder) throws {
        doctor = try DoctorSummary(from: decoder)
        probe = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(ProbeSummary.self, forKey: .probe)
    }

    func encode(to encoder: Encoder) throws {
        try doctor.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(probe, forKey: .probe)
    }
}

extension DoctorCommand: CommandWithGlobalOptions {}

extension DoctorCommand: AcceptsOutputFormats {
    /// jsonl with --function or --all: one mapping per line as each finishes.
    static var outputFormats: [OutputFormat] { [.text, .json, .jsonl] }
}
