/// The body of `CreateEventSourceMapping` (botocore `CreateEventSourceMappingRequest`, PascalCase as in the
/// API and in `aws lambda create-event-source-mapping --cli-input-json`): the Kafka-relevant members.
public struct CreateEventSourceMappingRequest: Codable, Sendable, Equatable {
    public var functionName: String?
    public var eventSourceArn: String?
    public var enabled: Bool?
    public var topics: [String]?
    public var startingPosition: String?
    public var startingPositionTimestamp: AWSTimestamp?
    public var batchSize: Int?
    public var maximumBatchingWindowInSeconds: Int?
    public var maximumRecordAgeInSeconds: Int?
    public var maximumRetryAttempts: Int?
    public var bisectBatchOnFunctionError: Bool?
    public var functionResponseTypes: [String]?
    public var destinationConfig: DestinationConfig?
    public var filterCriteria: FilterCriteria?
    public var kmsKeyArn: String?
    public var sourceAccessConfigurations: [SourceAccessConfiguration]?
    public var selfManagedEventSource: SelfManagedEventSource?
    public var amazonManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
    public var selfManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
    public var provisionedPollerConfig: ProvisionedPollerConfig?
    public var metricsConfig: MetricsConfig?
    public var loggingConfig: LoggingConfig?
    public var tags: [String: String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case functionName = "FunctionName"
        case eventSourceArn = "EventSourceArn"
        case enabled = "Enabled"
        case topics = "Topics"
        case startingPosition = "StartingPosition"
        case startingPositionTimestamp = "StartingPositionTimestamp"
        case batchSize = "BatchSize"
        case maximumBatchingWindowInSeconds = "MaximumBatchingWindowInSeconds"
        case maximumRecordAgeInSeconds = "MaximumRecordAgeInSeconds"
        case maximumRetryAttempts = "MaximumRetryAttempts"
        case bisectBatchOnFunctionError = "BisectBatchOnFunctionError"
        case functionResponseTypes = "FunctionResponseTypes"
        case destinationConfig = "DestinationConfig"
        case filterCriteria = "FilterCriteria"
        case kmsKeyArn = "KMSKeyArn"
        case sourceAccessConfigurations = "SourceAccessConfigurations"
        case selfManagedEventSource = "SelfManagedEventSource"
        case amazonManagedKafkaEventSourceConfig = "AmazonManagedKafkaEventSourceConfig"
        case selfManagedKafkaEventSourceConfig = "SelfManagedKafkaEventSourceConfig"
        case provisionedPollerConfig = "ProvisionedPollerConfig"
        case metricsConfig = "MetricsConfig"
        case loggingConfig = "LoggingConfig"
        case tags = "Tags"
    }
}
