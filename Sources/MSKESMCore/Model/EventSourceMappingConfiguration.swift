/// `aws lambda get-event-source-mapping` output (botocore `EventSourceMappingConfiguration`,
/// docs/aws-facts.md#mapping-state-and-statetransitionreason).
/// Every member is optional, as in the model; unknown members are ignored.
public struct EventSourceMappingConfiguration: Codable, Sendable, Equatable {
    public var uuid: String?
    public var startingPosition: String?
    public var startingPositionTimestamp: AWSTimestamp?
    public var batchSize: Int?
    public var maximumBatchingWindowInSeconds: Int?
    public var parallelizationFactor: Int?
    public var eventSourceArn: String?
    public var filterCriteria: FilterCriteria?
    public var functionArn: String?
    public var lastModified: AWSTimestamp?
    public var lastProcessingResult: String?
    public var state: String?
    public var stateTransitionReason: String?
    public var destinationConfig: DestinationConfig?
    public var topics: [String]?
    public var queues: [String]?
    public var sourceAccessConfigurations: [SourceAccessConfiguration]?
    public var selfManagedEventSource: SelfManagedEventSource?
    public var maximumRecordAgeInSeconds: Int?
    public var bisectBatchOnFunctionError: Bool?
    public var maximumRetryAttempts: Int?
    public var tumblingWindowInSeconds: Int?
    public var functionResponseTypes: [String]?
    public var amazonManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
    public var selfManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
    public var scalingConfig: ScalingConfig?
    public var kmsKeyArn: String?
    public var filterCriteriaError: FilterCriteriaError?
    public var eventSourceMappingArn: String?
    public var metricsConfig: MetricsConfig?
    public var loggingConfig: LoggingConfig?
    public var provisionedPollerConfig: ProvisionedPollerConfig?

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

public struct FilterCriteria: Codable, Sendable, Equatable {
    public var filters: [Filter]?
    public init(filters: [Filter]? = nil) { self.filters = filters }
    enum CodingKeys: String, CodingKey { case filters = "Filters" }

    public struct Filter: Codable, Sendable, Equatable {
        public var pattern: String?
        public init(pattern: String? = nil) { self.pattern = pattern }
        enum CodingKeys: String, CodingKey { case pattern = "Pattern" }
    }
}

public struct FilterCriteriaError: Codable, Sendable, Equatable {
    public var errorCode: String?
    public var message: String?
    enum CodingKeys: String, CodingKey {
        case errorCode = "ErrorCode"
        case message = "Message"
    }
}

/// `DestinationConfig`: for Kafka only `OnFailure` can be set (docs/aws-facts.md#on-failure-destinations).
public struct DestinationConfig: Codable, Sendable, Equatable {
    public var onSuccess: Destination?
    public var onFailure: Destination?
    public init(onSuccess: Destination? = nil, onFailure: Destination? = nil) {
        self.onSuccess = onSuccess
        self.onFailure = onFailure
    }
    enum CodingKeys: String, CodingKey {
        case onSuccess = "OnSuccess"
        case onFailure = "OnFailure"
    }

    public struct Destination: Codable, Sendable, Equatable {
        public var destination: String?
        public init(destination: String? = nil) { self.destination = destination }
        enum CodingKeys: String, CodingKey { case destination = "Destination" }
    }
}

/// One `{Type, URI}` entry (docs/aws-facts.md#sourceaccessconfigurations-types).
public struct SourceAccessConfiguration: Codable, Sendable, Equatable, Hashable {
    public var type: String?
    public var uri: String?
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
    public var endpoints: [String: [String]]?
    public init(endpoints: [String: [String]]? = nil) { self.endpoints = endpoints }
    enum CodingKeys: String, CodingKey { case endpoints = "Endpoints" }

    /// The `host:port` list of `KAFKA_BOOTSTRAP_SERVERS`.
    public var bootstrapServers: [String] { endpoints?["KAFKA_BOOTSTRAP_SERVERS"] ?? [] }
}

/// `AmazonManagedKafkaEventSourceConfig` and `SelfManagedKafkaEventSourceConfig` share this shape.
public struct KafkaEventSourceConfig: Codable, Sendable, Equatable {
    public var consumerGroupId: String?
    /// `KafkaSchemaRegistryConfig`, passed through.
    public var schemaRegistryConfig: JSONValue?
    public init(consumerGroupId: String? = nil, schemaRegistryConfig: JSONValue? = nil) {
        self.consumerGroupId = consumerGroupId
        self.schemaRegistryConfig = schemaRegistryConfig
    }
    enum CodingKeys: String, CodingKey {
        case consumerGroupId = "ConsumerGroupId"
        case schemaRegistryConfig = "SchemaRegistryConfig"
    }
}

public struct ScalingConfig: Codable, Sendable, Equatable {
    public var maximumConcurrency: Int?
    enum CodingKeys: String, CodingKey { case maximumConcurrency = "MaximumConcurrency" }
}

public struct MetricsConfig: Codable, Sendable, Equatable {
    public var metrics: [String]?
    enum CodingKeys: String, CodingKey { case metrics = "Metrics" }
}

public struct LoggingConfig: Codable, Sendable, Equatable {
    public var systemLogLevel: String?
    enum CodingKeys: String, CodingKey { case systemLogLevel = "SystemLogLevel" }
}

public struct ProvisionedPollerConfig: Codable, Sendable, Equatable {
    public var minimumPollers: Int?
    public var maximumPollers: Int?
    public var pollerGroupName: String?
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
