import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// `msk-esm brokers explain`: the broker choice (docs/aws-facts.md#broker-selection-order), step by step.
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

            Live (reads AWS): --cluster ARN (aws kafka describe-cluster-v2 and get-bootstrap-brokers) with \
            --mapping UUID (the mapping's secrets decide) or --auth; or --mapping UUID alone (its cluster, or \
            its self-managed endpoints).

            Examples:
              msk-esm brokers explain --cluster-json cluster.json --auth none
              msk-esm brokers explain --cluster-json cluster.json --bootstrap-brokers-json brokers.json --mapping-json esm.json --output json
              msk-esm brokers explain --bootstrap-servers b1.kafka.internal:9096,b2.kafka.internal:9096 --auth scram-512
              msk-esm brokers explain --cluster arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b3c4d-5e6f-2 --auth iam
              msk-esm brokers explain --mapping 14e0db71-5d35-4eb5-b481-8945cf9d10c2
            """)

    /// `--auth` values: which secret the mapping would carry.
    enum Auth: String, ExpressibleByArgument, CaseIterable {
        case mtls
        case scram512 = "scram-512"
        case scram256 = "scram-256"
        case basic, iam, none
        /// Self-managed Kafka: OAUTHBEARER_AUTH, and IAM_OAUTHBEARER_AUTH with its required audience.
        case oauthbearer
        case iamOAuthbearer = "iam-oauthbearer"
    }

    @OptionGroup(title: "Global options") var global: GlobalOptions

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

    @Option(
        help: ArgumentHelp(
            "The secret the mapping would carry, instead of --mapping-json (none: no secret; with "
                + "--bootstrap-servers, iam is IAM_AUTH, and oauthbearer and iam-oauthbearer are the "
                + "SASL/OAUTHBEARER types)."))
    var auth: Auth?

    @Option(help: ArgumentHelp("Self-managed bootstrap servers, host:port,… (with --auth).", valueName: "host:port,…"))
    var bootstrapServers: String?

    @Option(help: ArgumentHelp("A snapshot document instead of the separate files.", valueName: "file"))
    var snapshot: String?

    @Option(help: ArgumentHelp("Read this MSK cluster from AWS (with --mapping or --auth).", valueName: "ARN"))
    var cluster: String?

    @Option(
        help: ArgumentHelp(
            "Read this event source mapping from AWS: its secrets decide (and, without --cluster, its cluster).",
            valueName: "UUID"))
    var mapping: String?

    var isLive: Bool { cluster != nil || mapping != nil }

    func validate() throws {
        try global.validate()
        if isLive {
            let files = [
                ("--cluster-json", clusterJson), ("--bootstrap-brokers-json", bootstrapBrokersJson),
                ("--mapping-json", mappingJson), ("--bootstrap-servers", bootstrapServers), ("--snapshot", snapshot),
            ].filter { $0.1 != nil }.map(\.0)
            if !files.isEmpty {
                throw ValidationError(
                    "--cluster and --mapping read AWS: leave out \(files.joined(separator: ", "))")
            }
            if mapping != nil && auth != nil { throw ValidationError("give either --mapping or --auth, not both") }
            if mapping == nil && auth == nil {
                throw ValidationError("--cluster needs --mapping UUID or --auth (none for no secret)")
            }
            if let cluster, !cluster.hasPrefix("arn:") || !cluster.contains(":kafka:") {
                throw ValidationError("--cluster '\(cluster)' is not an MSK cluster ARN")
            }
            return
        }
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
            _ = try MappingFlags.servers(bootstrapServers ?? "")
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
        if isLive {
            let choice = try await liveChoice()
            let report = CheckReport(findings: choice.findings, summary: choice.summary)
            try global.finish(report, summaryLines: BrokersExplainCommand.summaryLines(choice))
            return
        }
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
        if let bootstrapServers {
            input.bootstrapServers = BrokerSelector.splitBrokers(bootstrapServers)
            if let auth { apply(auth, to: &input) }
            return BrokerSelector.select(input)
        }
        if let auth { apply(auth, to: &input) }
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

    /// `--auth`: the secret the mapping would carry.
    static func apply(_ auth: Auth, to input: inout BrokerSelectionInput) {
        switch auth {
        case .mtls: input.sourceAccessTypes = ["CLIENT_CERTIFICATE_TLS_AUTH"]
        case .scram512: input.sourceAccessTypes = ["SASL_SCRAM_512_AUTH"]
        case .scram256: input.sourceAccessTypes = ["SASL_SCRAM_256_AUTH"]
        case .basic: input.sourceAccessTypes = ["BASIC_AUTH"]
        // With --bootstrap-servers (self-managed) iam means IAM_AUTH; with --cluster-json, MSK's IAM.
        case .iam:
            input.expectsIAM = true
            input.sourceAccessTypes = input.cluster == nil && !input.bootstrapServers.isEmpty ? ["IAM_AUTH"] : []
        case .oauthbearer: input.sourceAccessTypes = ["OAUTHBEARER_AUTH"]
        case .iamOAuthbearer: input.sourceAccessTypes = ["IAM_OAUTHBEARER_AUTH", "OAUTHBEARER_AUDIENCE"]
        case .none: break
        }
    }

    /// `--cluster` / `--mapping`: the mapping, its cluster (through its VPC connection for a cross-account
    /// mapping) and the bootstrap brokers, read from AWS, then the same choice as the doctor's.
    func liveChoice() async throws -> BrokerChoice {
        let client = try LiveDecoding.client(global)
        var parts: [String: JSONValue] = [:]
        var clusterArn = cluster
        if let mapping {
            let document = try await LiveDecoding.mapping(mapping, client: client)
            parts["EventSourceMapping"] = document
            if clusterArn == nil, let source = document["EventSourceArn"]?.stringValue, source.contains(":kafka:") {
                if BrokerSelectionInput.isVpcConnectionArn(source) {
                    let connection = try await LiveRead.run(
                        "MSK VPC connection", input: source, lookup: "aws kafka list-vpc-connections"
                    ) { try await KafkaClient(client: client).describeVpcConnection(arn: source) }
                    parts["VpcConnection"] = connection
                    clusterArn = connection["TargetClusterArn"]?.stringValue
                } else {
                    clusterArn = source
                }
            }
        }
        if let clusterArn {
            let live = try await LiveCluster.read(client: client, clusterArn: clusterArn)
            parts["Cluster"] = live.describe
            parts["BootstrapBrokers"] = live.bootstrapBrokers
        }
        if let auth, let clusterPart = parts["Cluster"] {
            let output = try LiveDecoding.decode(
                clusterPart, as: DescribeClusterV2Output.self, what: "DescribeClusterV2 output")
            var input = BrokerSelectionInput()
            input.cluster = output.clusterInfo
            input.bootstrapBrokers = try parts["BootstrapBrokers"].map {
                try LiveDecoding.decode($0, as: BootstrapBrokers.self, what: "GetBootstrapBrokers output")
            }
            Self.apply(auth, to: &input)
            return BrokerSelector.select(input)
        }
        let snapshot = try LiveDecoding.snapshot(parts, region: client.configuration.region)
        guard let choice = BrokerChoiceCheck.choice(for: snapshot) else {
            throw ToolError.usage(
                "the mapping has neither an MSK cluster nor self-managed endpoints",
                input: "--mapping \(mapping ?? "")",
                fix: "give --cluster ARN with --auth")
        }
        return choice
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
            if let ports = BrokerSelector.portsText(choice.ports) { line += ", \(ports)" }
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

extension BrokersExplainCommand: CommandWithGlobalOptions {}
