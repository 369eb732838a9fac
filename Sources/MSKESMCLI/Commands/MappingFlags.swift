import ArgumentParser
import Foundation
import MSKESMCore

/// `--auth`: how Lambda authenticates to the brokers, i.e. which `SourceAccessConfigurations` type the
/// `--secret-id` is sent as (docs/aws-facts.md#sourceaccessconfigurations-types). `iam`, `iam-oauthbearer` and
/// `none` take no secret.
enum MappingAuth: String, ExpressibleByArgument, CaseIterable, Sendable {
    case mtls
    case scram512 = "scram-512"
    case scram256 = "scram-256"
    case basic, oauthbearer, iam
    case iamOAuthbearer = "iam-oauthbearer"
    case none

    /// The type sent with `--secret-id` as its URI.
    var sourceAccessType: String? {
        switch self {
        case .mtls: "CLIENT_CERTIFICATE_TLS_AUTH"
        case .scram512: "SASL_SCRAM_512_AUTH"
        case .scram256: "SASL_SCRAM_256_AUTH"
        case .basic: "BASIC_AUTH"
        case .oauthbearer: "OAUTHBEARER_AUTH"
        case .iam, .iamOAuthbearer, .none: nil
        }
    }

    /// Every authentication type an `--auth` replaces: those with a secret, and the self-managed types without a
    /// URI (IAM_AUTH, IAM_OAUTHBEARER_AUTH), whose entries have no URI
    /// (https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html).
    static let authenticationTypes =
        allCases.compactMap(\.sourceAccessType) + ["IAM_AUTH", "IAM_OAUTHBEARER_AUTH"]
}

/// The OAUTHBEARER_* values of `create` and `update` (each an entry whose URI holds the value, not an ARN,
/// https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html), given through
/// `OAuthValueOptions` by `create`, `update` and `probe`.
enum OAuthValueFlag: CaseIterable {
    case scope, audience, logicalCluster, identityPool

    var flag: String {
        switch self {
        case .scope: "--oauth-scope"
        case .audience: "--oauth-audience"
        case .logicalCluster: "--oauth-logical-cluster"
        case .identityPool: "--oauth-identity-pool"
        }
    }

    var sourceAccessType: String {
        switch self {
        case .scope: "OAUTHBEARER_SCOPE"
        case .audience: "OAUTHBEARER_AUDIENCE"
        case .logicalCluster: "OAUTHBEARER_LOGICAL_CLUSTER"
        case .identityPool: "OAUTHBEARER_IDENTITY_POOL"
        }
    }
}

enum StartingPositionValue: String, ExpressibleByArgument, CaseIterable, Sendable {
    case trimHorizon = "TRIM_HORIZON"
    case latest = "LATEST"
    case atTimestamp = "AT_TIMESTAMP"
}

enum MappingMetric: String, ExpressibleByArgument, CaseIterable, Sendable {
    case eventCount = "EventCount"
    case errorCount = "ErrorCount"
    case kafkaMetrics = "KafkaMetrics"
}

enum SystemLogLevel: String, ExpressibleByArgument, CaseIterable, Sendable {
    case debug = "DEBUG"
    case info = "INFO"
    case warn = "WARN"
}

enum SchemaRecordFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case json = "JSON"
    case source = "SOURCE"
}

enum SchemaValidationAttribute: String, ExpressibleByArgument, CaseIterable, Sendable {
    case key = "KEY"
    case value = "VALUE"
}

/// The settings of a Kafka mapping as flags, shared by `create` and `update`; each maps to one member of
/// the CreateEventSourceMapping / UpdateEventSourceMapping request (botocore's Lambda model), so anything
/// `aws lambda create-event-source-mapping` can set for Kafka can be set here.
struct MappingFlags: ParsableArguments, Sendable {
    @Option(
        name: .customLong("function"),
        help: ArgumentHelp("The function: a name, an ARN or a qualified ARN (FunctionName).", valueName: "name"))
    var function: String?

    @Option(
        help: ArgumentHelp(
            "Amazon MSK (provisioned or serverless) cluster ARN, or a cross-account MSK VPC connection ARN (EventSourceArn).",
            valueName: "arn"))
    var cluster: String?

    @Option(
        name: .customLong("bootstrap-servers"),
        help: ArgumentHelp(
            "Self-managed Kafka brokers, host:port,… (SelfManagedEventSource).", valueName: "host:port,…"))
    var bootstrapServers: String?

    @Option(help: ArgumentHelp("The topic to read (Topics).", valueName: "name"))
    var topic: String?

    @Option(
        name: .customLong("starting-position"),
        help: ArgumentHelp("Where a new consumer group starts (StartingPosition).", valueName: "position"))
    var startingPosition: StartingPositionValue?

    @Option(
        name: .customLong("starting-position-timestamp"),
        help: ArgumentHelp(
            "With AT_TIMESTAMP: the instant to start at, ISO 8601 (StartingPositionTimestamp).", valueName: "time"),
        transform: MappingFlags.parseTime)
    var startingPositionTimestamp: Date?

    @Option(
        name: .customLong("batch-size"),
        help: ArgumentHelp("Records per invocation, 1–10000 (BatchSize).", valueName: "n"))
    var batchSize: Int?

    @Option(
        name: .customLong("batching-window"),
        help: ArgumentHelp("Seconds to gather records, 0–300 (MaximumBatchingWindowInSeconds).", valueName: "seconds"))
    var batchingWindow: Int?

    @Option(
        name: .customLong("consumer-group-id"),
        help: ArgumentHelp(
            "The Kafka consumer group (…KafkaEventSourceConfig.ConsumerGroupId; default: the mapping's UUID).",
            valueName: "id"))
    var consumerGroupId: String?

    @Option(
        help: ArgumentHelp(
            "How Lambda authenticates: mtls, scram-512, scram-256, basic, oauthbearer (with --secret-id), iam (MSK's IAM, or IAM_AUTH with --bootstrap-servers), iam-oauthbearer (with --oauth-audience), none.",
            valueName: "method"))
    var auth: MappingAuth?

    @OptionGroup var oauth: OAuthValueOptions

    @Option(
        name: .customLong("secret-id"),
        help: ArgumentHelp("The Secrets Manager ARN of the credentials for --auth.", valueName: "arn"))
    var secretId: String?

    @Option(
        name: .customLong("root-ca-secret-id"),
        help: ArgumentHelp(
            "The Secrets Manager ARN of the brokers' root CA (SERVER_ROOT_CA_CERTIFICATE).", valueName: "arn"))
    var rootCASecretId: String?

    @Option(
        name: .customLong("subnet"),
        help: ArgumentHelp(
            "Self-managed Kafka in a VPC: a subnet Lambda uses (VPC_SUBNET subnet:ID); repeat.", valueName: "subnet-id")
    )
    var subnets: [String] = []

    @Option(
        name: .customLong("security-group"),
        help: ArgumentHelp(
            "Self-managed Kafka in a VPC: a security group (VPC_SECURITY_GROUP security_group:ID); repeat.",
            valueName: "sg-id"))
    var securityGroups: [String] = []

    @Option(
        name: .customLong("on-failure"),
        help: ArgumentHelp(
            "Where failed batches go: an SQS, SNS or S3 ARN, or kafka://topic (DestinationConfig.OnFailure).",
            valueName: "destination"))
    var onFailure: String?

    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp("An event filter pattern (JSON); repeat for several (FilterCriteria).", valueName: "pattern")
    )
    var filters: [String] = []

    @Option(
        name: .customLong("filter-kms-key"),
        help: ArgumentHelp("KMS key ARN that encrypts the filter criteria (KMSKeyArn).", valueName: "arn"))
    var filterKMSKey: String?

    @Option(
        help: ArgumentHelp(
            "Provisioned mode: minimum and maximum event pollers (ProvisionedPollerConfig).", valueName: "min:max"))
    var pollers: String?

    @Option(
        name: .customLong("poller-group"),
        help: ArgumentHelp("Provisioned mode: the poller group name (PollerGroupName).", valueName: "name"))
    var pollerGroup: String?

    @Option(
        name: .customLong("max-retry-attempts"),
        help: ArgumentHelp("Retries of a failed batch, -1 (forever) to 10000 (MaximumRetryAttempts).", valueName: "n"))
    var maxRetryAttempts: Int?

    @Option(
        name: .customLong("max-record-age"),
        help: ArgumentHelp(
            "Discard records older than this, -1 or 60–604800 seconds (MaximumRecordAgeInSeconds).",
            valueName: "seconds"))
    var maxRecordAge: Int?

    @Flag(
        inversion: .prefixedNo, help: "Split a failing batch in two and retry each half (BisectBatchOnFunctionError).")
    var bisectOnError: Bool?

    @Flag(
        inversion: .prefixedNo,
        help: "The function reports failed records (FunctionResponseTypes ReportBatchItemFailures).")
    var reportBatchItemFailures: Bool?

    @Option(
        name: .customLong("metric"),
        help: ArgumentHelp(
            "Enable a metric group: EventCount, ErrorCount, KafkaMetrics; repeat (MetricsConfig).", valueName: "name"))
    var metrics: [MappingMetric] = []

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("System log level of the mapping: DEBUG, INFO, WARN (LoggingConfig).", valueName: "level"))
    var logLevel: SystemLogLevel?

    @Option(
        name: .customLong("schema-registry"),
        help: ArgumentHelp(
            "Schema registry URI: a Glue registry ARN or a Confluent URL (SchemaRegistryConfig).", valueName: "uri"))
    var schemaRegistry: String?

    @Option(
        name: .customLong("schema-record-format"),
        help: ArgumentHelp("How validated records reach the function: JSON or SOURCE.", valueName: "format"))
    var schemaRecordFormat: SchemaRecordFormat?

    @Option(
        name: .customLong("schema-registry-auth"),
        help: ArgumentHelp(
            "Registry access: TYPE=SECRET-ARN, TYPE one of BASIC_AUTH, CLIENT_CERTIFICATE_TLS_AUTH, SERVER_ROOT_CA_CERTIFICATE; repeat.",
            valueName: "type=arn"))
    var schemaRegistryAuth: [String] = []

    @Option(
        name: .customLong("schema-validate"),
        help: ArgumentHelp(
            "Validate this part of each record against the registry: KEY or VALUE; repeat.", valueName: "attribute"))
    var schemaValidate: [SchemaValidationAttribute] = []

    @Option(
        name: .customLong("tag"),
        help: ArgumentHelp("A tag for the new mapping, KEY=VALUE; repeat (Tags).", valueName: "key=value"))
    var tags: [String] = []

    @Flag(help: "Create the mapping disabled (Enabled false).")
    var disabled = false

    @Option(
        name: .customLong("cli-input-json"),
        help: ArgumentHelp(
            "A request in the AWS CLI's JSON (PascalCase members, as for aws lambda … --cli-input-json); flags override it. - reads stdin.",
            valueName: "file"))
    var cliInputJSON: String?

    @Option(
        name: .customLong("cli-input-yaml"),
        help: ArgumentHelp(
            "The same request in YAML, as AWS CLI v2's --cli-input-yaml takes it (--generate-cli-skeleton yaml-input writes one); - reads stdin.",
            valueName: "file"))
    var cliInputYAML: String?

    /// The request file given, JSON or YAML.
    var inputFilePath: String? { cliInputJSON ?? cliInputYAML }

    @OptionGroup(title: "AWS CLI names") var cli: AWSCLIRequestOptions

    init() {}

    static func parseTime(_ text: String) throws -> Date {
        if let date = ISO8601Instant.parse(text) { return date }
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        throw ValidationError("'\(text)' is not a time: write it as ISO 8601 (2026-11-26T12:00:00Z) or epoch seconds")
    }

    // MARK: checks that need no I/O

    static let clusterPattern = #"^arn:aws[a-zA-Z-]*:kafka:[a-z0-9-]+:[0-9]{12}:(cluster|vpc-connection)/.+"#
    static let secretPattern = #"^arn:aws[a-zA-Z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+"#
    static let kmsPattern = #"^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+"#
    static let destinationPattern =
        #"^(arn:aws[a-zA-Z-]*:(sqs|sns|s3):[a-z0-9-]*:[0-9]{0,12}:.+|kafka://[^.][a-zA-Z0-9\-_.]{0,248})$"#
    static let functionPattern =
        #"^(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:)?[a-zA-Z0-9-_]{1,140}(:(\$LATEST|[a-zA-Z0-9-_]+))?$"#

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// Every flag on its own; `now` judges the starting timestamp.
    func validate(now: Date) throws {
        if cliInputJSON != nil && cliInputYAML != nil {
            throw ValidationError("--cli-input-json and --cli-input-yaml both give the request: give one")
        }
        if let (theirs, ours) = cli.conflicts(with: self).first {
            throw ValidationError("\(theirs) (the AWS CLI's name) and \(ours) set the same member: give one of them")
        }
        // The AWS CLI's names are checked as the flags they stand for.
        let function = self.function ?? cli.functionName
        let cluster = self.cluster ?? cli.eventSourceArn
        let batchingWindow = self.batchingWindow ?? cli.maximumBatchingWindowInSeconds
        let maxRetryAttempts = self.maxRetryAttempts ?? cli.maximumRetryAttempts
        let maxRecordAge = self.maxRecordAge ?? cli.maximumRecordAgeInSeconds
        let filterKMSKey = self.filterKMSKey ?? cli.kmsKeyArn
        if cli.eventSourceArn != nil && (bootstrapServers != nil || cli.selfManagedEventSource != nil) {
            throw ValidationError("give either --event-source-arn (Amazon MSK) or self-managed brokers, not both")
        }
        for topic in cli.topics where !MappingParameterRules.isValidTopicName(topic) {
            throw ValidationError(
                "--topics '\(topic)' is not a Kafka topic name (2–249 characters: any first character but '.', then only a-z A-Z 0-9 . _ -)"
            )
        }
        if cluster != nil && bootstrapServers != nil {
            throw ValidationError(
                "give either --cluster (Amazon MSK) or --bootstrap-servers (self-managed Kafka), not both")
        }
        if let function, !Self.matches(function, Self.functionPattern) {
            throw ValidationError(
                "--function '\(function)' is not a function name or ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)")
        }
        if let cluster, !Self.matches(cluster, Self.clusterPattern) {
            throw ValidationError(
                "--cluster '\(cluster)' is not an MSK cluster or VPC connection ARN (arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID)"
            )
        }
        if let bootstrapServers { _ = try Self.servers(bootstrapServers) }
        if let topic, !MappingParameterRules.isValidTopicName(topic) {
            throw ValidationError(
                "--topic '\(topic)' is not a Kafka topic name (2–249 characters: any first character but '.', then only a-z A-Z 0-9 . _ -)"
            )
        }
        if let timestamp = startingPositionTimestamp {
            if startingPosition != nil && startingPosition != .atTimestamp {
                throw ValidationError("--starting-position-timestamp goes with --starting-position AT_TIMESTAMP")
            }
            if timestamp > now {
                throw ValidationError(
                    "--starting-position-timestamp \(ISO8601Instant.format(timestamp)) is in the future: Lambda refuses it"
                )
            }
        }
        if startingPosition == .atTimestamp && startingPositionTimestamp == nil && inputFilePath == nil {
            throw ValidationError("--starting-position AT_TIMESTAMP needs --starting-position-timestamp TIME")
        }
        if let batchSize, !(1...10000).contains(batchSize) { throw ValidationError("--batch-size must be 1–10000") }
        if let batchingWindow, !(0...300).contains(batchingWindow) {
            throw ValidationError("--batching-window must be 0–300 seconds")
        }
        if let consumerGroupId, !MappingParameterRules.isValidConsumerGroupId(consumerGroupId) {
            throw ValidationError(
                "--consumer-group-id must be 1–200 characters, each a letter, a digit, a space or one of - / * : _ + = . @"
            )
        }
        if let auth {
            if auth.sourceAccessType != nil && secretId == nil {
                throw ValidationError("--auth \(auth.rawValue) needs --secret-id ARN (the secret with the credentials)")
            }
            if auth.sourceAccessType == nil && secretId != nil {
                throw ValidationError("--auth \(auth.rawValue) takes no --secret-id")
            }
        } else if secretId != nil {
            throw ValidationError("--secret-id needs --auth mtls|scram-512|scram-256|basic|oauthbearer")
        }
        if auth == .iamOAuthbearer && oauth.audience == nil {
            // https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html
            throw ValidationError(
                "--auth iam-oauthbearer needs --oauth-audience (IAM_OAUTHBEARER_AUTH requires OAUTHBEARER_AUDIENCE)")
        }
        if auth == .iamOAuthbearer, let other = oauth.values.first(where: { $0.flag != .audience }) {
            throw ValidationError(
                "\(other.flag.flag) goes with --auth oauthbearer: IAM_OAUTHBEARER_AUTH allows only OAUTHBEARER_AUDIENCE"
            )
        }
        if let cluster, (auth == .oauthbearer || auth == .iamOAuthbearer || !oauth.values.isEmpty) {
            throw ValidationError(
                "--auth oauthbearer|iam-oauthbearer and the --oauth-* flags are for self-managed Kafka, not --cluster \(cluster)"
            )
        }
        for (flag, value) in [("--secret-id", secretId), ("--root-ca-secret-id", rootCASecretId)] {
            if let value, !Self.matches(value, Self.secretPattern) {
                throw ValidationError(
                    "\(flag) '\(value)' is not a Secrets Manager ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)"
                )
            }
        }
        if !subnets.isEmpty || !securityGroups.isEmpty {
            if cluster != nil {
                throw ValidationError(
                    "--subnet and --security-group are for self-managed Kafka; an MSK mapping uses the cluster's")
            }
            for subnet in subnets where !Self.matches(subnet, "^subnet-[0-9a-f]{8,17}$") {
                throw ValidationError("--subnet '\(subnet)' is not a subnet id (subnet-0123456789abcdef0)")
            }
            for group in securityGroups where !Self.matches(group, "^sg-[0-9a-f]{8,17}$") {
                throw ValidationError("--security-group '\(group)' is not a security group id (sg-0123456789abcdef0)")
            }
        }
        if let onFailure, !Self.matches(onFailure, Self.destinationPattern) {
            throw ValidationError("--on-failure '\(onFailure)' is not an SQS, SNS or S3 ARN or kafka://topic")
        }
        for filter in filters {
            guard let data = filter.data(using: .utf8), (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
            else {
                throw ValidationError("--filter '\(filter.prefix(60))' is not a JSON object (a filter pattern)")
            }
        }
        if let filterKMSKey, !Self.matches(filterKMSKey, Self.kmsPattern) {
            throw ValidationError("--filter-kms-key '\(filterKMSKey)' is not a KMS key ARN")
        }
        if let pollers { _ = try Self.pollerRange(pollers) }
        if let pollerGroup, !Self.matches(pollerGroup, "^[a-zA-Z0-9-_]{0,128}$") {
            throw ValidationError("--poller-group must be up to 128 characters of a-z A-Z 0-9 - _")
        }
        if let maxRetryAttempts, !(-1...10000).contains(maxRetryAttempts) {
            throw ValidationError("--max-retry-attempts must be -1 (no limit) to 10000")
        }
        if let maxRecordAge, !(maxRecordAge == -1 || (60...604800).contains(maxRecordAge)) {
            throw ValidationError("--max-record-age must be -1 (no limit) or 60–604800 seconds")
        }
        for entry in schemaRegistryAuth { _ = try Self.registryAccess(entry) }
        for entry in tags where !entry.contains("=") { throw ValidationError("--tag '\(entry)' must be KEY=VALUE") }
    }

    /// A `--bootstrap-servers` list (create, update, probe, brokers explain), checked by the one `host:port`
    /// reader, ``BrokerAddress``.
    static func servers(_ text: String) throws -> [String] {
        do {
            return try BrokerAddress.list(text)
        } catch {
            throw ValidationError("--bootstrap-servers \(error)")
        }
    }

    static func pollerRange(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let minimum = Int(parts[0]), let maximum = Int(parts[1]) else {
            throw ValidationError("--pollers '\(text)' must be MIN:MAX, e.g. 1:10")
        }
        guard (1...200).contains(minimum), (1...2000).contains(maximum), minimum <= maximum else {
            throw ValidationError("--pollers: minimum 1–200, maximum 1–2000, minimum ≤ maximum")
        }
        return (minimum, maximum)
    }

    static let registryAuthTypes = ["BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH", "SERVER_ROOT_CA_CERTIFICATE"]

    static func registryAccess(_ text: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ValidationError("--schema-registry-auth '\(text)' must be TYPE=SECRET-ARN")
        }
        let type = String(text[..<equals])
        let arn = String(text[text.index(after: equals)...])
        guard registryAuthTypes.contains(type) else {
            throw ValidationError(
                "--schema-registry-auth type '\(type)' must be one of \(registryAuthTypes.joined(separator: ", "))")
        }
        guard matches(arn, secretPattern) else {
            throw ValidationError("--schema-registry-auth '\(type)=\(arn)': the value must be a Secrets Manager ARN")
        }
        return (type, arn)
    }

    // MARK: the request

    /// The members an `aws lambda create-event-source-mapping --cli-input-json` file may hold for Kafka.
    static let requestMembers: Set<String> = [
        "FunctionName", "EventSourceArn", "Enabled", "Topics", "StartingPosition", "StartingPositionTimestamp",
        "BatchSize", "MaximumBatchingWindowInSeconds", "MaximumRecordAgeInSeconds", "MaximumRetryAttempts",
        "BisectBatchOnFunctionError", "FunctionResponseTypes", "DestinationConfig", "FilterCriteria", "KMSKeyArn",
        "SourceAccessConfigurations", "SelfManagedEventSource", "AmazonManagedKafkaEventSourceConfig",
        "SelfManagedKafkaEventSourceConfig", "ProvisionedPollerConfig", "MetricsConfig", "LoggingConfig", "Tags",
        "UUID",
    ]

    /// Members of a mapping that the API reports but no request takes.
    static let readOnlyMembers = [
        "UUID", "State", "StateTransitionReason", "LastProcessingResult", "LastModified", "EventSourceMappingArn",
        "FilterCriteriaError",
    ]

    static let inputFix = "give the request as aws lambda create-event-source-mapping --generate-cli-skeleton writes it"

    /// What the flags' values are laid over: `--cli-input-json`'s members, overridden by those given with the AWS
    /// CLI's names (which never set a member an msk-esm flag also sets: see `validate`).
    func requestBase() throws -> [String: JSONValue] {
        try inputFile().merging(try cli.members()) { _, given in given }
    }

    /// Reads `--cli-input-json` or `--cli-input-yaml` (exit 2 when unreadable, not an object, or holding unknown
    /// members).
    func inputFile() throws -> [String: JSONValue] {
        let object: JSONValue
        let path: String
        if let json = cliInputJSON {
            path = json
            let data = try InputReader.data(from: path, label: "--cli-input-json")
            object = try JSONParser.parseDocument(data, source: path, fix: Self.inputFix)
        } else if let yaml = cliInputYAML {
            path = yaml
            let data = try InputReader.data(from: path, label: "--cli-input-yaml")
            object = try YAMLInput.parse(
                data, source: path, fix: Self.inputFix + " (--generate-cli-skeleton yaml-input)")
        } else {
            return [:]
        }
        let fix = Self.inputFix
        guard let given = object.objectValue else {
            throw ToolError.usage(
                cliInputJSON != nil ? "not a JSON object" : "not a YAML mapping", input: path, fix: fix)
        }
        var members = given
        // `msk-esm get --output json` / `aws lambda get-event-source-mapping` output works too: its
        // read-only members are dropped and FunctionArn names the function.
        for key in Self.readOnlyMembers { members.removeValue(forKey: key) }
        if let arn = members.removeValue(forKey: "FunctionArn"), members["FunctionName"] == nil {
            members["FunctionName"] = arn
        }
        if let unknown = members.keys.sorted().first(where: { !Self.requestMembers.contains($0) }) {
            throw ToolError.usage(
                "unknown member \(unknown) for a Kafka mapping", input: path,
                fix: "use the members of CreateEventSourceMapping (PascalCase), e.g. FunctionName, Topics, BatchSize")
        }
        // The self-managed brokers are host:port as on the command line (BrokerAddress).
        let servers = members["SelfManagedEventSource"]?["Endpoints"]?["KAFKA_BOOTSTRAP_SERVERS"]?.arrayValue ?? []
        for (index, server) in servers.enumerated() where server.stringValue.flatMap(BrokerAddress.init) == nil {
            throw ToolError.usage(
                "\(server.stringValue.map { "'\($0)'" } ?? "a value that is not a string") is not host:port with a port from 1 to 65535",
                input: "\(path) at $.SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS[\(index)]",
                fix: "write each broker as host:port, e.g. kafka1.example.com:9096")
        }
        return members
    }

    /// The request body: the file's members, overridden by the flags given.
    /// - Parameter selfManagedHint: the mapping is self-managed though the request does not say so (an update).
    func requestBody(base: [String: JSONValue], selfManagedHint: Bool = false) -> [String: JSONValue] {
        var body = base
        if let function { body["FunctionName"] = .string(function) }
        let selfManaged: Bool
        if let cluster {
            body["EventSourceArn"] = .string(cluster)
            body.removeValue(forKey: "SelfManagedEventSource")
            selfManaged = false
        } else if let bootstrapServers, let servers = try? Self.servers(bootstrapServers) {
            body["SelfManagedEventSource"] = [
                "Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": .array(servers.map(JSONValue.string))]
            ]
            body.removeValue(forKey: "EventSourceArn")
            selfManaged = true
        } else {
            selfManaged = body["SelfManagedEventSource"] != nil
        }
        if let topic { body["Topics"] = [.string(topic)] }
        if let startingPosition { body["StartingPosition"] = .string(startingPosition.rawValue) }
        if let startingPositionTimestamp {
            // The AWS CLI sends timestamps as epoch seconds in rest-json bodies.
            body["StartingPositionTimestamp"] = .number(startingPositionTimestamp.timeIntervalSince1970)
        }
        if let batchSize { body["BatchSize"] = .number(Double(batchSize)) }
        if let batchingWindow { body["MaximumBatchingWindowInSeconds"] = .number(Double(batchingWindow)) }
        if let maxRetryAttempts { body["MaximumRetryAttempts"] = .number(Double(maxRetryAttempts)) }
        if let maxRecordAge { body["MaximumRecordAgeInSeconds"] = .number(Double(maxRecordAge)) }
        if let bisectOnError { body["BisectBatchOnFunctionError"] = .bool(bisectOnError) }
        if let reportBatchItemFailures {
            body["FunctionResponseTypes"] = reportBatchItemFailures ? ["ReportBatchItemFailures"] : []
        }
        if let onFailure { body["DestinationConfig"] = ["OnFailure": ["Destination": .string(onFailure)]] }
        if !filters.isEmpty {
            body["FilterCriteria"] = ["Filters": .array(filters.map { ["Pattern": .string($0)] })]
        }
        if let filterKMSKey { body["KMSKeyArn"] = .string(filterKMSKey) }
        if pollers != nil || pollerGroup != nil {
            var config = body["ProvisionedPollerConfig"]?.objectValue ?? [:]
            if let pollers, let (minimum, maximum) = try? Self.pollerRange(pollers) {
                config["MinimumPollers"] = .number(Double(minimum))
                config["MaximumPollers"] = .number(Double(maximum))
            }
            if let pollerGroup { config["PollerGroupName"] = .string(pollerGroup) }
            body["ProvisionedPollerConfig"] = .object(config)
        }
        if !metrics.isEmpty { body["MetricsConfig"] = ["Metrics": .array(metrics.map { .string($0.rawValue) })] }
        if let logLevel { body["LoggingConfig"] = ["SystemLogLevel": .string(logLevel.rawValue)] }
        if !tags.isEmpty {
            var table = body["Tags"]?.objectValue ?? [:]
            for entry in tags {
                let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                table[String(parts[0])] = .string(parts.count > 1 ? String(parts[1]) : "")
            }
            body["Tags"] = .object(table)
        }
        if disabled { body["Enabled"] = false }
        body = applyAccess(to: body, selfManaged: selfManaged || selfManagedHint)
        let configKey = selfManaged ? "SelfManagedKafkaEventSourceConfig" : "AmazonManagedKafkaEventSourceConfig"
        if consumerGroupId != nil || schemaRegistry != nil || schemaRecordFormat != nil || !schemaRegistryAuth.isEmpty
            || !schemaValidate.isEmpty
        {
            var config = body[configKey]?.objectValue ?? [:]
            if let consumerGroupId { config["ConsumerGroupId"] = .string(consumerGroupId) }
            if schemaRegistry != nil || schemaRecordFormat != nil || !schemaRegistryAuth.isEmpty
                || !schemaValidate.isEmpty
            {
                var registry = config["SchemaRegistryConfig"]?.objectValue ?? [:]
                if let schemaRegistry { registry["SchemaRegistryURI"] = .string(schemaRegistry) }
                if let schemaRecordFormat { registry["EventRecordFormat"] = .string(schemaRecordFormat.rawValue) }
                if !schemaRegistryAuth.isEmpty {
                    registry["AccessConfigs"] = .array(
                        schemaRegistryAuth.compactMap { try? Self.registryAccess($0) }.map {
                            ["Type": .string($0.0), "URI": .string($0.1)]
                        })
                }
                if !schemaValidate.isEmpty {
                    registry["SchemaValidationConfigs"] = .array(
                        schemaValidate.map { ["Attribute": .string($0.rawValue)] })
                }
                config["SchemaRegistryConfig"] = .object(registry)
            }
            body[configKey] = .object(config)
        }
        return body
    }

    /// `SourceAccessConfigurations`: entries of the types the flags set replace the file's of those types.
    /// - Parameter selfManaged: whether the mapping is self-managed Kafka, where `--auth iam` is IAM_AUTH.
    func applyAccess(to body: [String: JSONValue], selfManaged: Bool) -> [String: JSONValue] {
        var replaced: Set<String> = []
        var added: [JSONValue] = []
        func add(_ type: String, _ uri: String?) {
            replaced.insert(type)
            var entry: [String: JSONValue] = ["Type": .string(type)]
            if let uri { entry["URI"] = .string(uri) }
            added.append(.object(entry))
        }
        if let auth {
            // Any --auth replaces the file's authentication entry (none, and iam on MSK, remove it), and its
            // OAUTHBEARER_* values unless flags give new ones.
            replaced.formUnion(MappingAuth.authenticationTypes)
            replaced.formUnion(OAuthValueFlag.allCases.map(\.sourceAccessType))
            if let type = auth.sourceAccessType, let secretId { add(type, secretId) }
            if auth == .iam && selfManaged { add("IAM_AUTH", nil) }
            if auth == .iamOAuthbearer { add("IAM_OAUTHBEARER_AUTH", nil) }
        }
        for (flag, value) in oauth.values { add(flag.sourceAccessType, value) }
        if let rootCASecretId { add("SERVER_ROOT_CA_CERTIFICATE", rootCASecretId) }
        for subnet in subnets { add("VPC_SUBNET", "subnet:" + subnet) }
        for group in securityGroups { add("VPC_SECURITY_GROUP", "security_group:" + group) }
        guard !replaced.isEmpty else { return body }
        var body = body
        let kept = (body["SourceAccessConfigurations"]?.arrayValue ?? []).filter {
            !replaced.contains($0["Type"]?.stringValue ?? "")
        }
        let entries = kept + added
        if entries.isEmpty {
            body.removeValue(forKey: "SourceAccessConfigurations")
        } else {
            body["SourceAccessConfigurations"] = .array(entries)
        }
        return body
    }
}
