import ArgumentParser
import Foundation
import MSKESMCore

/// The AWS CLI's names for the members of a mapping request (`aws lambda create-event-source-mapping` and
/// `update-event-source-mapping`), so that a command line written for the AWS CLI works here: scalars and lists
/// as the CLI takes them (`--topics` takes several values after one flag), structures as JSON or `file://PATH`.
/// The CLI's shorthand syntax (`Type=…,URI=…`) is not read yet: it is refused with a line that says to give JSON.
/// Each member may come from here or from msk-esm's own flag for it, not from both (a usage error).
struct AWSCLIRequestOptions: ParsableArguments, Sendable {
    init() {}

    @Option(name: .customLong("function-name"), help: ArgumentHelp("As --function (FunctionName).", valueName: "name"))
    var functionName: String?

    @Option(name: .customLong("event-source-arn"), help: ArgumentHelp("As --cluster (EventSourceArn).", valueName: "arn"))
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

    @Option(name: .customLong("maximum-record-age-in-seconds"), help: ArgumentHelp("As --max-record-age.", valueName: "seconds"))
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
        help: ArgumentHelp("As --auth/--secret-id/--root-ca-secret-id/--subnet/--security-group: JSON or file://.", valueName: "json"))
    var sourceAccessConfigurations: [String] = []

    @Option(name: .customLong("self-managed-event-source"), help: ArgumentHelp("As --bootstrap-servers: JSON or file://.", valueName: "json"))
    var selfManagedEventSource: String?

    @Option(
        name: .customLong("amazon-managed-kafka-event-source-config"),
        help: ArgumentHelp("As --consumer-group-id and --schema-* for MSK: JSON or file://.", valueName: "json"))
    var amazonManagedKafkaEventSourceConfig: String?

    @Option(
        name: .customLong("self-managed-kafka-event-source-config"),
        help: ArgumentHelp("As --consumer-group-id and --schema-* for self-managed Kafka: JSON or file://.", valueName: "json"))
    var selfManagedKafkaEventSourceConfig: String?

    @Option(name: .customLong("filter-criteria"), help: ArgumentHelp("As --filter: JSON or file://.", valueName: "json"))
    var filterCriteria: String?

    @Option(name: .customLong("destination-config"), help: ArgumentHelp("As --on-failure: JSON or file://.", valueName: "json"))
    var destinationConfig: String?

    @Option(
        name: .customLong("provisioned-poller-config"),
        help: ArgumentHelp("As --pollers and --poller-group: JSON or file://.", valueName: "json"))
    var provisionedPollerConfig: String?

    @Option(name: .customLong("metrics-config"), help: ArgumentHelp("As --metric: JSON or file://.", valueName: "json"))
    var metricsConfig: String?

    @Option(name: .customLong("logging-config"), help: ArgumentHelp("As --log-level: JSON or file://.", valueName: "json"))
    var loggingConfig: String?

    @Option(name: .customLong("tags"), help: ArgumentHelp("As --tag: a JSON object or file://.", valueName: "json"))
    var tags: String?

    /// A structure member given as text: its JSON type, and the msk-esm flags that set the same member.
    struct StructuredMember {
        var flag: String
        var member: String
        var text: String?
        var isList = false
    }

    var structuredMembers: [StructuredMember] {
        [
            StructuredMember(flag: "--self-managed-event-source", member: "SelfManagedEventSource", text: selfManagedEventSource),
            StructuredMember(
                flag: "--amazon-managed-kafka-event-source-config", member: "AmazonManagedKafkaEventSourceConfig",
                text: amazonManagedKafkaEventSourceConfig),
            StructuredMember(
                flag: "--self-managed-kafka-event-source-config", member: "SelfManagedKafkaEventSourceConfig",
                text: selfManagedKafkaEventSourceConfig),
            StructuredMember(flag: "--filter-criteria", member: "FilterCriteria", text: filterCriteria),
            StructuredMember(flag: "--destination-config", member: "DestinationConfig", text: destinationConfig),
            StructuredMember(flag: "--provisioned-poller-config", member: "ProvisionedPollerConfig", text: provisionedPollerConfig),
            StructuredMember(flag: "--metrics-config", member: "MetricsConfig", text: metricsConfig),
            StructuredMember(flag: "--logging-config", member: "LoggingConfig", text: loggingConfig),
            StructuredMember(flag: "--tags", member: "Tags", text: tags),
            StructuredMember(
                flag: "--source-access-configurations", member: "SourceAccessConfigurations",
                text: sourceAccessConfigurations.isEmpty ? nil : sourceAccessConfigurations.joined(separator: " "),
                isList: true),
        ]
    }

    /// The request members these options set, as the AWS CLI would send them.
    func members() throws -> [String: JSONValue] {
        var body: [String: JSONValue] = [:]
        if let functionName { body["FunctionName"] = .string(functionName) }
        if let eventSourceArn { body["EventSourceArn"] = .string(eventSourceArn) }
        if !topics.isEmpty { body["Topics"] = .array(topics.map(JSONValue.string)) }
        if let value = maximumBatchingWindowInSeconds { body["MaximumBatchingWindowInSeconds"] = .number(Double(value)) }
        if let value = maximumRetryAttempts { body["MaximumRetryAttempts"] = .number(Double(value)) }
        if let value = maximumRecordAgeInSeconds { body["MaximumRecordAgeInSeconds"] = .number(Double(value)) }
        if let bisectBatchOnFunctionError { body["BisectBatchOnFunctionError"] = .bool(bisectBatchOnFunctionError) }
        if !functionResponseTypes.isEmpty { body["FunctionResponseTypes"] = .array(functionResponseTypes.map(JSONValue.string)) }
        if let kmsKeyArn { body["KMSKeyArn"] = .string(kmsKeyArn) }
        if let enabled { body["Enabled"] = .bool(enabled) }
        for structured in structuredMembers {
            guard let text = structured.text else { continue }
            body[structured.member] = try Self.structure(text, flag: structured.flag, isList: structured.isList)
        }
        return body
    }

    /// A structure or list given as JSON, or as `file://PATH` holding JSON (the AWS CLI's two forms besides its
    /// shorthand). The top-level type must be the member's: an object, or an array for a list.
    static func structure(_ text: String, flag: String, isList: Bool) throws -> JSONValue {
        var json = text
        var source = flag
        if text.hasPrefix("file://") {
            let path = String(text.dropFirst("file://".count))
            json = try InputReader.text(from: path, label: flag)
            source = "\(flag) \(path)"
        } else if text.hasPrefix("fileb://") {
            throw ToolError.usage("fileb:// is for binary values", input: flag, fix: "give the JSON with file://PATH")
        }
        let expected = isList ? "[" : "{"
        guard json.trimmingWhitespaceAndNewlines().hasPrefix(expected) else {
            throw ToolError.usage(
                "the AWS CLI's shorthand syntax is not read here yet", input: flag,
                fix: "give the value as JSON (\(isList ? "[{\"Type\": …, \"URI\": …}]" : "{\"Member\": …}")) or file://PATH")
        }
        return try JSONParser.parseDocument(Data(json.utf8), source: source, fix: "give \(flag) a JSON \(isList ? "array" : "object")")
    }

    /// The pairs of names that set the same member: the AWS CLI's, and msk-esm's flags for it (given or not).
    func conflicts(with flags: MappingFlags) -> [(String, String)] {
        var pairs: [(String, String, Bool, Bool)] = [
            ("--function-name", "--function", functionName != nil, flags.function != nil),
            ("--event-source-arn", "--cluster", eventSourceArn != nil, flags.cluster != nil),
            ("--topics", "--topic", !topics.isEmpty, flags.topic != nil),
            ("--maximum-batching-window-in-seconds", "--batching-window", maximumBatchingWindowInSeconds != nil, flags.batchingWindow != nil),
            ("--maximum-retry-attempts", "--max-retry-attempts", maximumRetryAttempts != nil, flags.maxRetryAttempts != nil),
            ("--maximum-record-age-in-seconds", "--max-record-age", maximumRecordAgeInSeconds != nil, flags.maxRecordAge != nil),
            ("--bisect-batch-on-function-error", "--bisect-on-error", bisectBatchOnFunctionError != nil, flags.bisectOnError != nil),
            ("--function-response-types", "--report-batch-item-failures", !functionResponseTypes.isEmpty, flags.reportBatchItemFailures != nil),
            ("--kms-key-arn", "--filter-kms-key", kmsKeyArn != nil, flags.filterKMSKey != nil),
            ("--enabled", "--disabled", enabled != nil, flags.disabled),
            ("--self-managed-event-source", "--bootstrap-servers", selfManagedEventSource != nil, flags.bootstrapServers != nil),
            ("--filter-criteria", "--filter", filterCriteria != nil, !flags.filters.isEmpty),
            ("--destination-config", "--on-failure", destinationConfig != nil, flags.onFailure != nil),
            ("--provisioned-poller-config", "--pollers/--poller-group", provisionedPollerConfig != nil, flags.pollers != nil || flags.pollerGroup != nil),
            ("--metrics-config", "--metric", metricsConfig != nil, !flags.metrics.isEmpty),
            ("--logging-config", "--log-level", loggingConfig != nil, flags.logLevel != nil),
            ("--tags", "--tag", tags != nil, !flags.tags.isEmpty),
        ]
        let access = flags.auth != nil || flags.rootCASecretId != nil || !flags.subnets.isEmpty || !flags.securityGroups.isEmpty
        pairs.append(("--source-access-configurations", "--auth/--root-ca-secret-id/--subnet/--security-group", !sourceAccessConfigurations.isEmpty, access))
        let kafkaConfig = flags.consumerGroupId != nil || flags.schemaRegistry != nil || flags.schemaRecordFormat != nil
            || !flags.schemaRegistryAuth.isEmpty || !flags.schemaValidate.isEmpty
        pairs.append(("--amazon-managed-kafka-event-source-config", "--consumer-group-id/--schema-*", amazonManagedKafkaEventSourceConfig != nil, kafkaConfig))
        pairs.append(("--self-managed-kafka-event-source-config", "--consumer-group-id/--schema-*", selfManagedKafkaEventSourceConfig != nil, kafkaConfig))
        return pairs.filter { $0.2 && $0.3 }.map { ($0.0, $0.1) }
    }
}
