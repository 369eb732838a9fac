import ArgumentParser
import Foundation
import MSKESMCore

/// The AWS CLI's names for the members of a mapping request (`aws lambda create-event-source-mapping` and
/// `update-event-source-mapping`), so that a command line written for the AWS CLI works here: scalars and lists
/// as the CLI takes them (`--topics` takes several values after one flag), structures and lists as JSON, in the
/// CLI's shorthand syntax (`Type=…,URI=…`, see ``ShorthandSyntax``), or as `file://PATH` holding either. Each
/// member may come from here or from msk-esm's own flag for it, not from both (a usage error).
struct AWSCLIRequestOptions: ParsableArguments, Sendable {
    init() {}

    @Option(name: .customLong("function-name"), help: ArgumentHelp("As --function (FunctionName).", valueName: "name"))
    var functionName: String?

    @Option(
        name: .customLong("event-source-arn"), help: ArgumentHelp("As --cluster (EventSourceArn).", valueName: "arn"))
    var eventSourceArn: String?

    @Option(
        name: .customLong("topics"), parsing: .upToNextOption,
        help: ArgumentHelp("As --topic; one or more values after the flag (Topics).", valueName: "topic"))
    var topics: [String] = []

    @Option(
        name: .customLong("maximum-batching-window-in-seconds"),
        help: ArgumentHelp("As --batching-window (MaximumBatchingWindowInSeconds).", valueName: "seconds"))
    var maximumBatchingWindowInSeconds: Int?

    @Option(name: .customLong("maximum-retry-attempts"), help: ArgumentHelp("As --max-retry-attempts.", valueName: "n"))
    var maximumRetryAttempts: Int?

    @Option(
        name: .customLong("maximum-record-age-in-seconds"),
        help: ArgumentHelp("As --max-record-age.", valueName: "seconds"))
    var maximumRecordAgeInSeconds: Int?

    @Flag(name: .customLong("bisect-batch-on-function-error"), inversion: .prefixedNo, help: "As --bisect-on-error.")
    var bisectBatchOnFunctionError: Bool?

    @Option(
        name: .customLong("function-response-types"), parsing: .upToNextOption,
        help: ArgumentHelp("As --report-batch-item-failures (FunctionResponseTypes).", valueName: "type"))
    var functionResponseTypes: [String] = []

    @Option(name: .customLong("kms-key-arn"), help: ArgumentHelp("As --filter-kms-key (KMSKeyArn).", valueName: "arn"))
    var kmsKeyArn: String?

    @Flag(name: .customLong("enabled"), inversion: .prefixedNo, help: "--no-enabled as --disabled (Enabled).")
    var enabled: Bool?

    @Option(
        name: .customLong("source-access-configurations"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "As --auth/--secret-id/--root-ca-secret-id/--subnet/--security-group: Type=…,URI=… (one value per entry), JSON or file://.",
            valueName: "shorthand|json"))
    var sourceAccessConfigurations: [String] = []

    @Option(
        name: .customLong("self-managed-event-source"),
        help: ArgumentHelp("As --bootstrap-servers: shorthand, JSON or file://.", valueName: "shorthand|json"))
    var selfManagedEventSource: String?

    @Option(
        name: .customLong("amazon-managed-kafka-event-source-config"),
        help: ArgumentHelp(
            "As --consumer-group-id and --schema-* for MSK: shorthand, JSON or file://.", valueName: "shorthand|json"))
    var amazonManagedKafkaEventSourceConfig: String?

    @Option(
        name: .customLong("self-managed-kafka-event-source-config"),
        help: ArgumentHelp(
            "As --consumer-group-id and --schema-* for self-managed Kafka: shorthand, JSON or file://.",
            valueName: "shorthand|json"))
    var selfManagedKafkaEventSourceConfig: String?

    @Option(
        name: .customLong("filter-criteria"),
        help: ArgumentHelp("As --filter: shorthand, JSON or file://.", valueName: "shorthand|json"))
    var filterCriteria: String?

    @Option(
        name: .customLong("destination-config"),
        help: ArgumentHelp("As --on-failure: shorthand, JSON or file://.", valueName: "shorthand|json"))
    var destinationConfig: String?

    @Option(
        name: .customLong("provisioned-poller-config"),
        help: ArgumentHelp("As --pollers and --poller-group: shorthand, JSON or file://.", valueName: "shorthand|json"))
    var provisionedPollerConfig: String?

    @Option(
        name: .customLong("metrics-config"),
        help: ArgumentHelp("As --metric: shorthand, JSON or file://.", valueName: "shorthand|json"))
    var metricsConfig: String?

    @Option(
        name: .customLong("logging-config"),
        help: ArgumentHelp("As --log-level: shorthand, JSON or file://.", valueName: "shorthand|json"))
    var loggingConfig: String?

    @Option(
        name: .customLong("tags"),
        help: ArgumentHelp("As --tag: KEY=VALUE,…, a JSON object or file://.", valueName: "shorthand|json"))
    var tags: String?

    /// A structure, map or list member given as text, and the flag that gave it.
    struct StructuredMember {
        var flag: String
        var member: String
        var values: [String]
        var isList = false
    }

    var structuredMembers: [StructuredMember] {
        func one(_ flag: String, _ member: String, _ value: String?) -> StructuredMember {
            StructuredMember(flag: flag, member: member, values: value.map { [$0] } ?? [])
        }
        return [
            one("--self-managed-event-source", "SelfManagedEventSource", selfManagedEventSource),
            one(
                "--amazon-managed-kafka-event-source-config", "AmazonManagedKafkaEventSourceConfig",
                amazonManagedKafkaEventSourceConfig),
            one(
                "--self-managed-kafka-event-source-config", "SelfManagedKafkaEventSourceConfig",
                selfManagedKafkaEventSourceConfig),
            one("--filter-criteria", "FilterCriteria", filterCriteria),
            one("--destination-config", "DestinationConfig", destinationConfig),
            one("--provisioned-poller-config", "ProvisionedPollerConfig", provisionedPollerConfig),
            one("--metrics-config", "MetricsConfig", metricsConfig),
            one("--logging-config", "LoggingConfig", loggingConfig),
            one("--tags", "Tags", tags),
            StructuredMember(
                flag: "--source-access-configurations", member: "SourceAccessConfigurations",
                values: sourceAccessConfigurations,
                isList: true),
        ]
    }

    /// The request members these options set, as the AWS CLI would send them.
    func members() throws -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        if let functionName { body["FunctionName"] = .string(functionName) }
        if let eventSourceArn { body["EventSourceArn"] = .string(eventSourceArn) }
        if !topics.isEmpty { body["Topics"] = .array(topics.map(JSONValue.string)) }
        if let value = maximumBatchingWindowInSeconds {
            body["MaximumBatchingWindowInSeconds"] = .number(Double(value))
        }
        if let value = maximumRetryAttempts { body["MaximumRetryAttempts"] = .number(Double(value)) }
        if let value = maximumRecordAgeInSeconds { body["MaximumRecordAgeInSeconds"] = .number(Double(value)) }
        if let bisectBatchOnFunctionError { body["BisectBatchOnFunctionError"] = .bool(bisectBatchOnFunctionError) }
        if !functionResponseTypes.isEmpty {
            body["FunctionResponseTypes"] = .array(functionResponseTypes.map(JSONValue.string))
        }
        if let kmsKeyArn { body["KMSKeyArn"] = .string(kmsKeyArn) }
        if let enabled { body["Enabled"] = .bool(enabled) }
        for structured in structuredMembers where !structured.values.isEmpty {
            body[structured.member] = try Self.value(of: structured)
        }
        return body
    }

    /// A structure, map or list as the AWS CLI reads it: each `file://PATH` replaced by the file's text; text
    /// that starts with `{` (or `[` for a list) is JSON, anything else shorthand, whose scalars then take the
    /// model's types; a list takes one value per element (or one JSON array). The result must fit the model.
    static func value(of structured: StructuredMember) throws -> JSONValue {
        let flag = structured.flag
        let texts = try structured.values.map { text -> String in
            if text.hasPrefix("file://") {
                return try InputReader.text(from: String(text.dropFirst("file://".count)), label: flag)
            }
            if text.hasPrefix("fileb://") {
                throw ToolError.usage(
                    "fileb:// is for binary values", input: flag, fix: "give the value with file://PATH")
            }
            return text
        }
        let shape = AWSCLIParameterShapes.requestMemberShape(structured.member)
        let looksLikeJSON =
            texts.first.map {
                $0.trimmingWhitespaceAndNewlines().hasPrefix(structured.isList && texts.count == 1 ? "[" : "{")
            } ?? false
        let value: JSONValue
        do {
            if structured.isList && texts.count == 1 && texts[0].trimmingWhitespaceAndNewlines().hasPrefix("[") {
                value = try json(texts[0], flag: flag)
            } else if structured.isList && texts.first?.trimmingWhitespaceAndNewlines().hasPrefix("{") == true {
                value = .array(try texts.map { try json($0, flag: flag) })
            } else if looksLikeJSON {
                value = try json(texts[0], flag: flag)
            } else {
                let parsed = try texts.map {
                    try ShorthandSyntax.parse($0, readFile: { try InputReader.text(from: $0, label: flag) })
                }
                value = try AWSCLIParameterShapes.converted(
                    structured.isList ? .array(parsed) : parsed[0], shape: shape)
            }
            try AWSCLIParameterShapes.validate(value, shape: shape)
        } catch let error as ShorthandSyntax.ParseError {
            throw ToolError.usage(
                "not the AWS CLI's shorthand syntax: \(error.message) at character \(error.index + 1)", input: flag,
                fix: "write it as Key=Value,Key2=[a,b],Key3={Sub=c}, or as JSON")
        } catch let mismatch as AWSCLIParameterShapes.Mismatch {
            throw ToolError.usage(
                "\(mismatch.path) should be \(mismatch.expected)", input: flag,
                fix: "see aws lambda create-event-source-mapping help for \(structured.member)")
        }
        return value
    }

    private static func json(_ text: String, flag: String) throws -> JSONValue {
        try JSONParser.parseDocument(
            Data(text.utf8), source: flag, fix: "give \(flag) valid JSON, or the shorthand syntax")
    }

    /// The pairs of names that set the same member: the AWS CLI's, and msk-esm's flags for it (given or not).
    func conflicts(with flags: MappingFlags) -> [(String, String)] {
        var pairs: [(String, String, Bool, Bool)] = [
            ("--function-name", "--function", functionName != nil, flags.function != nil),
            ("--event-source-arn", "--cluster", eventSourceArn != nil, flags.cluster != nil),
            ("--topics", "--topic", !topics.isEmpty, flags.topic != nil),
            (
                "--maximum-batching-window-in-seconds", "--batching-window", maximumBatchingWindowInSeconds != nil,
                flags.batchingWindow != nil
            ),
            (
                "--maximum-retry-attempts", "--max-retry-attempts", maximumRetryAttempts != nil,
                flags.maxRetryAttempts != nil
            ),
            (
                "--maximum-record-age-in-seconds", "--max-record-age", maximumRecordAgeInSeconds != nil,
                flags.maxRecordAge != nil
            ),
            (
                "--bisect-batch-on-function-error", "--bisect-on-error", bisectBatchOnFunctionError != nil,
                flags.bisectOnError != nil
            ),
            (
                "--function-response-types", "--report-batch-item-failures", !functionResponseTypes.isEmpty,
                flags.reportBatchItemFailures != nil
            ),
            ("--kms-key-arn", "--filter-kms-key", kmsKeyArn != nil, flags.filterKMSKey != nil),
            ("--enabled", "--disabled", enabled != nil, flags.disabled),
            (
                "--self-managed-event-source", "--bootstrap-servers", selfManagedEventSource != nil,
                flags.bootstrapServers != nil
            ),
            ("--filter-criteria", "--filter", filterCriteria != nil, !flags.filters.isEmpty),
            ("--destination-config", "--on-failure", destinationConfig != nil, flags.onFailure != nil),
            (
                "--provisioned-poller-config", "--pollers/--poller-group", provisionedPollerConfig != nil,
                flags.pollers != nil || flags.pollerGroup != nil
            ),
            ("--metrics-config", "--metric", metricsConfig != nil, !flags.metrics.isEmpty),
            ("--logging-config", "--log-level", loggingConfig != nil, flags.logLevel != nil),
            ("--tags", "--tag", tags != nil, !flags.tags.isEmpty),
        ]
        let access =
            flags.auth != nil || flags.rootCASecretId != nil || !flags.subnets.isEmpty || !flags.securityGroups.isEmpty
            || !flags.oauth.values.isEmpty
        pairs.append(
            (
                "--source-access-configurations", "--auth/--root-ca-secret-id/--subnet/--security-group/--oauth-*",
                !sourceAccessConfigurations.isEmpty, access
            ))
        let kafkaConfig =
            flags.consumerGroupId != nil || flags.schemaRegistry != nil || flags.schemaRecordFormat != nil
            || !flags.schemaRegistryAuth.isEmpty || !flags.schemaValidate.isEmpty
        pairs.append(
            (
                "--amazon-managed-kafka-event-source-config", "--consumer-group-id/--schema-*",
                amazonManagedKafkaEventSourceConfig != nil, kafkaConfig
            ))
        pairs.append(
            (
                "--self-managed-kafka-event-source-config", "--consumer-group-id/--schema-*",
                selfManagedKafkaEventSourceConfig != nil, kafkaConfig
            ))
        return pairs.filter { $0.2 && $0.3 }.map { ($0.0, $0.1) }
    }
}
