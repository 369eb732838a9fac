/// `aws lambda get-event-source-mapping` output (botocore `EventSourceMappingConfiguration`,
/// docs/aws-facts.md#mapping-state-and-statetransitionreason).
/// Every member is optional, as in the model; unknown members are ignored.
public struct EventSourceMappingConfiguration: Codable, Sendable, Equatable {
    /// `UUID`: the mapping's id, and the consumer group id when none is configured.
    public var uuid: String?
    /// `StartingPosition`: `TRIM_HORIZON`, `LATEST` or `AT_TIMESTAMP`.
    public var startingPosition: String?
    /// `StartingPositionTimestamp`: where reading started with `AT_TIMESTAMP`.
    public var startingPositionTimestamp: AWSTimestamp?
    /// `BatchSize`: the most records per invocation (Kafka default 100).
    public var batchSize: Int?
    /// `MaximumBatchingWindowInSeconds`: how long Lambda gathers records before invoking the function.
    public var maximumBatchingWindowInSeconds: Int?
    /// `ParallelizationFactor`: Kinesis and DynamoDB streams only; does not apply to Kafka.
    public var parallelizationFactor: Int?
    /// `EventSourceArn`: the MSK cluster ARN (or a VPC connection ARN across accounts); absent for self-managed Kafka.
    public var eventSourceArn: String?
    /// `FilterCriteria`: event filter patterns that decide which records reach the function.
    public var filterCriteria: FilterCriteria?
    /// `FunctionArn`: the function the mapping invokes.
    public var functionArn: String?
    /// `LastModified`: when the mapping was last created or updated.
    public var lastModified: AWSTimestamp?
    /// `LastProcessingResult`: `No records processed`, `OK`, or a `PROBLEM: …` text that names what stops polling.
    public var lastProcessingResult: String?
    /// `State`: `Creating`, `Enabling`, `Enabled`, `Disabling`, `Disabled`, `Updating` or `Deleting`.
    public var state: String?
    /// `StateTransitionReason`: who made the last state change, or why Lambda stopped the consumer
    /// (e.g. `EVENT_SOURCE_AUTHN_ERROR`).
    public var stateTransitionReason: String?
    /// `DestinationConfig`: where records go once retries are exhausted; Kafka allows only `OnFailure`.
    public var destinationConfig: DestinationConfig?
    /// `Topics`: the Kafka topic the mapping reads, exactly one.
    public var topics: [String]?
    /// `Queues`: Amazon MQ only; does not apply to Kafka.
    public var queues: [String]?
    /// `SourceAccessConfigurations`: authentication secrets and, for self-managed Kafka, the VPC subnets and
    /// security groups.
    public var sourceAccessConfigurations: [SourceAccessConfiguration]?
    /// `SelfManagedEventSource`: the bootstrap servers of a self-managed Kafka cluster.
    public var selfManagedEventSource: SelfManagedEventSource?
    /// `MaximumRecordAgeInSeconds`: records older than this are discarded; -1 for no limit.
    public var maximumRecordAgeInSeconds: Int?
    /// `BisectBatchOnFunctionError`: whether a failed batch is split in two and retried.
    public var bisectBatchOnFunctionError: Bool?
    /// `MaximumRetryAttempts`: how often a failed batch is retried; -1 for no limit.
    public var maximumRetryAttempts: Int?
    /// `TumblingWindowInSeconds`: Kinesis and DynamoDB streams only; does not apply to Kafka.
    public var tumblingWindowInSeconds: Int?
    /// `FunctionResponseTypes`: e.g. `ReportBatchItemFailures`, for functions that report partial batch failures.
    public var functionResponseTypes: [String]?
    /// `AmazonManagedKafkaEventSourceConfig`: the consumer group id and schema registry of an MSK mapping.
    public var amazonManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
    /// `SelfManagedKafkaEventSourceConfig`: the consumer group id and schema registry of a self-managed mapping.
    public var selfManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
    /// `ScalingConfig`: SQS only; does not apply to Kafka.
    public var scalingConfig: ScalingConfig?
    /// `KMSKeyArn`: the customer managed key that encrypts the filter criteria.
    public var kmsKeyArn: String?
    /// `FilterCriteriaError`: why Lambda could not decrypt the filter criteria with `KMSKeyArn`.
    public var filterCriteriaError: FilterCriteriaError?
    /// `EventSourceMappingArn`: the mapping's own ARN, which tags and IAM policies name.
    public var eventSourceMappingArn: String?
    /// `MetricsConfig`: which extra CloudWatch metrics the mapping publishes.
    public var metricsConfig: MetricsConfig?
    /// `LoggingConfig`: the level of the mapping's own system logs.
    public var loggingConfig: LoggingConfig?
    /// `ProvisionedPollerConfig`: the pollers of provisioned mode; absent in on-demand mode.
    public var provisionedPollerConfig: ProvisionedPollerConfig?

    /// Creates an empty configuration; set the members a test or a conversion needs.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case uuid = "UUID"
        case startingPosition = "StartingPosition"
        case startingPositionTimestamp = "StartingPositionTimestamp"
        case batchSize = "BatchSize"
        case maximumBatchingWindowInSeconds = "MaximumBatchingWindowInSeconds"
        case parallelizationFactor = "ParallelizationFactor"
        case eventSourceArn = "EventSourceArn"
        case filterCriteria = "FilterCriteria"
        case functionArn = "FunctionArn"
        case lastModified = "LastModified"
        case lastProcessingResult = "LastProcessingResult"
        case state = "State"
        case stateTransitionReason = "StateTransitionReason"
        case destinationConfig = "DestinationConfig"
        case topics = "Topics"
        case queues = "Queues"
        case sourceAccessConfigurations = "SourceAccessConfigurations"
        case selfManagedEventSource = "SelfManagedEventSource"
        case maximumRecordAgeInSeconds = "MaximumRecordAgeInSeconds"
        case bisectBatchOnFunctionError = "BisectBatchOnFunctionError"
        case maximumRetryAttempts = "MaximumRetryAttempts"
        case tumblingWindowInSeconds = "TumblingWindowInSeconds"
        case functionResponseTypes = "FunctionResponseTypes"
        case amazonManagedKafkaEventSourceConfig = "AmazonManagedKafkaEventSourceConfig"
        case selfManagedKafkaEventSourceConfig = "SelfManagedKafkaEventSourceConfig"
        case scalingConfig = "ScalingConfig"
        case kmsKeyArn = "KMSKeyArn"
        case filterCriteriaError = "FilterCriteriaError"
        case eventSourceMappingArn = "EventSourceMappingArn"
        case metricsConfig = "MetricsConfig"
        case loggingConfig = "LoggingConfig"
        case provisionedPollerConfig = "ProvisionedPollerConfig"
    }

    /// The consumer group id, whichever Kafka config holds it.
    public var consumerGroupId: String? {
        amazonManagedKafkaEventSourceConfig?.consumerGroupId ?? selfManagedKafkaEventSourceConfig?.consumerGroupId
    }
}

/// `FilterCriteria`: the event filters of a mapping; a record reaches the function only if it matches one of them
/// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
public struct FilterCriteria: Codable, Sendable, Equatable {
    /// `Filters`: up to 5 filters by default (raisable to 10).
    public var filters: [Filter]?
    /// Creates filter criteria from its filters.
    public init(filters: [Filter]? = nil) { self.filters = filters }
    enum CodingKeys: String, CodingKey { case filters = "Filters" }

    /// One filter (`Filter`).
    public struct Filter: Codable, Sendable, Equatable {
        /// `Pattern`: the filter's JSON pattern as a string, at most 4096 characters.
        public var pattern: String?
        /// Creates a filter from its pattern.
        public init(pattern: String? = nil) { self.pattern = pattern }
        enum CodingKeys: String, CodingKey { case pattern = "Pattern" }
    }
}

/// `FilterCriteriaError`: Lambda's report that it could not use the filter criteria, e.g. the KMS key is unusable.
public struct FilterCriteriaError: Codable, Sendable, Equatable {
    /// `ErrorCode`: the error's code, such as a KMS exception name.
    public var errorCode: String?
    /// `Message`: the error's explanation.
    public var message: String?
    enum CodingKeys: String, CodingKey {
        case errorCode = "ErrorCode"
        case message = "Message"
    }
}

/// `DestinationConfig`: for Kafka only `OnFailure` can be set (docs/aws-facts.md#on-failure-destinations).
public struct DestinationConfig: Codable, Sendable, Equatable {
    /// `OnSuccess`: a destination for successful invocations, which Kafka mappings do not support.
    public var onSuccess: Destination?
    /// `OnFailure`: where Lambda sends records whose batch failed every retry.
    public var onFailure: Destination?
    /// Creates a destination configuration from its optional destinations.
    public init(onSuccess: Destination? = nil, onFailure: Destination? = nil) {
        self.onSuccess = onSuccess
        self.onFailure = onFailure
    }
    enum CodingKeys: String, CodingKey {
        case onSuccess = "OnSuccess"
        case onFailure = "OnFailure"
    }

    /// One destination (`OnFailure` or `OnSuccess`).
    public struct Destination: Codable, Sendable, Equatable {
        /// `Destination`: an SQS queue, SNS topic or S3 bucket ARN, or `kafka://<topic>` in the source cluster.
        public var destination: String?
        /// Creates a destination from its ARN or `kafka://` URI.
        public init(destination: String? = nil) { self.destination = destination }
        enum CodingKeys: String, CodingKey { case destination = "Destination" }
    }
}

/// One `{Type, URI}` entry (docs/aws-facts.md#sourceaccessconfigurations-types).
public struct SourceAccessConfiguration: Codable, Sendable, Equatable, Hashable {
    /// `Type`: e.g. `SASL_SCRAM_512_AUTH`, `CLIENT_CERTIFICATE_TLS_AUTH`, `VPC_SUBNET` or `VPC_SECURITY_GROUP`.
    public var type: String?
    /// `URI`: a Secrets Manager secret ARN, or `subnet:subnet-…` / `security_group:sg-…` for the VPC types.
    public var uri: String?
    /// Creates an access configuration from its type and URI.
    public init(type: String?, uri: String?) {
        self.type = type
        self.uri = uri
    }
    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case uri = "URI"
    }
}

/// `SelfManagedEventSource.Endpoints`: the only key is `KAFKA_BOOTSTRAP_SERVERS`.
public struct SelfManagedEventSource: Codable, Sendable, Equatable {
    /// `Endpoints`: the map from `KAFKA_BOOTSTRAP_SERVERS` to 1…10 `host:port` items without a scheme.
    public var endpoints: [String: [String]]?
    /// Creates a self-managed event source from its endpoints map.
    public init(endpoints: [String: [String]]? = nil) { self.endpoints = endpoints }
    enum CodingKeys: String, CodingKey { case endpoints = "Endpoints" }

    /// The `host:port` list of `KAFKA_BOOTSTRAP_SERVERS`.
    public var bootstrapServers: [String] { endpoints?["KAFKA_BOOTSTRAP_SERVERS"] ?? [] }
}

/// `AmazonManagedKafkaEventSourceConfig` and `SelfManagedKafkaEventSourceConfig` share this shape.
public struct KafkaEventSourceConfig: Codable, Sendable, Equatable {
    /// `ConsumerGroupId`: the Kafka consumer group; defaults to the mapping's UUID and cannot be changed later.
    public var consumerGroupId: String?
    /// `KafkaSchemaRegistryConfig`, passed through.
    public var schemaRegistryConfig: JSONValue?
    /// Creates a Kafka source configuration from its consumer group id and schema registry configuration.
    public init(consumerGroupId: String? = nil, schemaRegistryConfig: JSONValue? = nil) {
        self.consumerGroupId = consumerGroupId
        self.schemaRegistryConfig = schemaRegistryConfig
    }
    enum CodingKeys: String, CodingKey {
        case consumerGroupId = "ConsumerGroupId"
        case schemaRegistryConfig = "SchemaRegistryConfig"
    }
}

/// `ScalingConfig`: the most concurrent invocations of an SQS mapping; it does not apply to Kafka.
public struct ScalingConfig: Codable, Sendable, Equatable {
    /// `MaximumConcurrency`: the most concurrent function instances the mapping invokes.
    public var maximumConcurrency: Int?
    enum CodingKeys: String, CodingKey { case maximumConcurrency = "MaximumConcurrency" }
}

/// `MetricsConfig`: extra CloudWatch metrics the mapping publishes.
public struct MetricsConfig: Codable, Sendable, Equatable {
    /// `Metrics`: up to three of `EventCount`, `ErrorCount` and `KafkaMetrics`.
    public var metrics: [String]?
    enum CodingKeys: String, CodingKey { case metrics = "Metrics" }
}

/// `LoggingConfig`: the mapping's own system logs in CloudWatch Logs.
public struct LoggingConfig: Codable, Sendable, Equatable {
    /// `SystemLogLevel`: the least severe level logged, e.g. `INFO` or `WARN`.
    public var systemLogLevel: String?
    enum CodingKeys: String, CodingKey { case systemLogLevel = "SystemLogLevel" }
}

/// `ProvisionedPollerConfig`: a mapping in provisioned mode and its pollers
/// (https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html).
public struct ProvisionedPollerConfig: Codable, Sendable, Equatable {
    /// `MinimumPollers`: the pollers kept running, 1…200 for Kafka.
    public var minimumPollers: Int?
    /// `MaximumPollers`: the most pollers Lambda scales to, 1…2000 for Kafka.
    public var maximumPollers: Int?
    /// `PollerGroupName`: the group whose pollers several mappings share.
    public var pollerGroupName: String?
    /// Creates a provisioned poller configuration from its optional limits and group.
    public init(minimumPollers: Int? = nil, maximumPollers: Int? = nil, pollerGroupName: String? = nil) {
        self.minimumPollers = minimumPollers
        self.maximumPollers = maximumPollers
        self.pollerGroupName = pollerGroupName
    }
    enum CodingKeys: String, CodingKey {
        case minimumPollers = "MinimumPollers"
        case maximumPollers = "MaximumPollers"
        case pollerGroupName = "PollerGroupName"
    }
}
