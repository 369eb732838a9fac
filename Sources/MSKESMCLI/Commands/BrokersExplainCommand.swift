import ArgumentParser
import Foundation
import MSKESMCore

/// `msk-esm brokers explain`: the broker choice of SPEC §4.1, step by step.
struct BrokersExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the authentication method, bootstrap string, port and brokers Lambda will use, and why.",
        discussion: """
            Walks Lambda's order (mTLS secret, SASL/SCRAM secret, IAM, unauthenticated TLS, plaintext) for an MSK \
            cluster, or the secret types of a self-managed mapping, and says for each rule whether it decides. \
            Lambda never falls back to a weaker broker type, so the first rule that applies is the only one tried.

            Inputs: --cluster-json (aws kafka describe-cluster-v2) with --mapping-json or --auth, optionally \
            --bootstrap-brokers-json (aws kafka get-bootstrap-brokers) for the real broker list and ports; or a \
            self-managed --mapping-json; or --bootstrap-servers with --auth; or a whole --snapshot.

            Examples:
              msk-esm brokers explain --cluster-json cluster.json --auth none
              msk-esm brokers explain --cluster-json cluster.json --bootstrap-brokers-json brokers.json --mapping-json esm.json --output json
              msk-esm brokers explain --bootstrap-servers b1.kafka.internal:9096,b2.kafka.internal:9096 --auth scram-512
            """)

    /// `--auth` values: which secret the mapping would carry.
    enum Auth: String, ExpressibleByArgument, CaseIterable {
        case mtls
        case scram512 = "scram-512"
        case scram256 = "scram-256"
        case basic, iam, none
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Output of aws kafka describe-cluster-v2 (MSK).", valueName: "file"))
    var clusterJson: String?

    @Option(
        help: ArgumentHelp(
            "Output of aws kafka get-bootstrap-brokers: gives the broker list and ports.", valueName: "file"))
    var bootstrapBrokersJson: String?

    @Option(
        help: ArgumentHelp(
            "Output of aws lambda get-event-source-mapping: its secrets decide (self-managed: also its endpoints).",
            valueName: "file"))
    var mappingJson: String?

    @Option(help: "The secret the mapping would carry, instead of --mapping-json (none: no secret).")
    var auth: Auth?

    @Option(help: ArgumentHelp("Self-managed bootstrap servers, host:port,… (with --auth).", valueName: "host:port,…"))
    var bootstrapServers: String?

    @Option(help: ArgumentHelp("A snapshot document instead of the separate files.", valueName: "file"))
    var snapshot: String?

    func validate() throws {
        try global.validate()
        if snapshot != nil {
            if clusterJson != nil || mappingJson != nil || auth != nil || bootstrapServers != nil
                || bootstrapBrokersJson != nil
            {
                throw ValidationError("--snapshot stands alone: leave out the other inputs")
            }
            return
        }
        if mappingJson != nil && auth != nil {
            throw ValidationError("give either --mapping-json or --auth, not both")
        }
        if bootstrapServers != nil {
            if clusterJson != nil || mappingJson != nil {
                throw ValidationError(
                    "--bootstrap-servers is for self-managed Kafka: leave out --cluster-json and --mapping-json")
            }
            if auth == nil { throw ValidationError("--bootstrap-servers needs --auth (none for no secret)") }
            return
        }
        if clusterJson != nil {
            if mappingJson == nil && auth == nil {
                throw ValidationError("--cluster-json needs --mapping-json or --auth (none for no secret)")
            }
            return
        }
        if mappingJson == nil {
            throw ValidationError(
                "give --cluster-json with --auth or --mapping-json, a self-managed --mapping-json, --bootstrap-servers with --auth, or --snapshot"
            )
        }
    }

    func run() async throws {
        let choice = try BrokersExplainCommand.choice(
            snapshot: snapshot, clusterJson: clusterJson, bootstrapBrokersJson: bootstrapBrokersJson,
            mappingJson: mappingJson, auth: auth, bootstrapServers: bootstrapServers)
        let report = CheckReport(findings: choice.findings, summary: choice.summary)
        try global.finish(report, summaryLines: BrokersExplainCommand.summaryLines(choice))
    }

    static func choice(
        snapshot: String?, clusterJson: String?, bootstrapBrokersJson: String?, mappingJson: String?, auth: Auth?,
        bootstrapServers: String?
    ) throws -> BrokerChoice {
        if let snapshot {
            let document = try Snapshot.load(path: snapshot)
            guard let choice = BrokerChoiceCheck.choice(for: document) else {
                throw ToolError.usage(
                    "the snapshot has no Cluster part for an MSK mapping", input: snapshot,
                    fix: "add Cluster = `aws kafka describe-cluster-v2 --output json`")
            }
            return choice
        }
        var input = BrokerSelectionInput()
        if let auth {
            switch auth {
            case .mtls: input.sourceAccessTypes = ["CLIENT_CERTIFICATE_TLS_AUTH"]
            case .scram512: input.sourceAccessTypes = ["SASL_SCRAM_512_AUTH"]
            case .scram256: input.sourceAccessTypes = ["SASL_SCRAM_256_AUTH"]
            case .basic: input.sourceAccessTypes = ["BASIC_AUTH"]
            case .iam: input.expectsIAM = true
            case .none: break
            }
        }
        if let bootstrapServers {
            input.bootstrapServers = BrokerSelector.splitBrokers(bootstrapServers)
            return BrokerSelector.select(input)
        }
        var mapping: EventSourceMappingConfiguration?
        if let mappingJson {
            let loaded = try read(
                EventSourceMappingConfiguration.self, mappingJson, flag: "--mapping-json",
                expected: "aws lambda get-event-source-mapping output")
            input = BrokerSelectionInput(mapping: loaded, cluster: nil, bootstrapBrokers: nil)
            mapping = loaded
        }
        if let clusterJson {
            let output = try read(
                DescribeClusterV2Output.self, clusterJson, flag: "--cluster-json",
                expected: "aws kafka describe-cluster-v2 output")
            guard let cluster = output.clusterInfo else {
                throw ToolError.usage(
                    "no ClusterInfo", input: "--cluster-json \(clusterJson)",
                    fix: "give the whole output of aws kafka describe-cluster-v2 --output json")
            }
            input.cluster = cluster
        } else if let mapping, !(mapping.selfManagedEventSource?.bootstrapServers ?? []).isEmpty {
            return BrokerSelector.select(input)
        } else {
            throw ToolError.usage(
                "the mapping has no self-managed endpoints", input: "--mapping-json \(mappingJson ?? "")",
                fix: "for an MSK mapping add --cluster-json (aws kafka describe-cluster-v2 output)")
        }
        if let bootstrapBrokersJson {
            input.bootstrapBrokers = try read(
                BootstrapBrokers.self, bootstrapBrokersJson, flag: "--bootstrap-brokers-json",
                expected: "aws kafka get-bootstrap-brokers output")
        }
        return BrokerSelector.select(input)
    }

    static func read<T: Decodable>(_ type: T.Type, _ path: String, flag: String, expected: String) throws -> T {
        let data = try InputReader.data(from: path, label: flag)
        return try JSONPath.decode(
            type, from: data, source: "\(flag) \(path == "-" ? "standard input" : path)", expected: expected)
    }

    static func summaryLines(_ choice: BrokerChoice) -> [String] {
        var lines: [String] = []
        if let method = choice.method {
            var line = "method: \(method.rawValue) (\(method.displayName))"
            if let field = choice.bootstrapField { line += " via \(field.rawValue)" }
            if let port = choice.port { line += ", port \(port)" }
            lines.append(line)
        } else {
            lines.append("method: none works" + (choice.attemptedMethod.map { " (Lambda tries \($0.rawValue))" } ?? ""))
        }
        if !choice.brokers.isEmpty { lines.append("brokers: " + choice.brokers.joined(separator: ",")) }
        for step in choice.steps {
            lines.append("\(step.rule). [\(step.verdict.rawValue)] \(step.text): \(step.reason)")
        }
        return lines
    }
}
