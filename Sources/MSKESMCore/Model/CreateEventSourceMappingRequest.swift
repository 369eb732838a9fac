/// The body of `CreateEventSourceMapping` (botocore `CreateEventSourceMappingRequest`, PascalCase as in the
/// API and in `aws lambda create-event-source-mapping --cli-input-json`): the Kafka-relevant members.
public struct CreateEventSourceMappingRequest: Codable, Sendable, Equatable {
    /// `FunctionName`: the function's name or ARN, with an optional version or alias; the only required member.
    public var functionName: String?
    /// `EventSourceArn`: the MSK cluster ARN (or a VPC connection ARN across accounts); absent for self-managed Kafka.
    public var eventSourceArn: String?
    /// `Enabled`: whether the mapping starts polling once created; AWS's default is `true`.
    public var enabled: Bool?
    /// `Topics`: the Kafka topic to read, exactly one.
    public var topics: [String]?
    /// `StartingPosition`: `TRIM_HORIZON`, `LATEST` or `AT_TIMESTAMP`; ignored when the consumer group has offsets.
    public var startingPosition: String?
    /// `StartingPositionTimestamp`: where to start reading with `AT_TIMESTAMP`; not in the future.
    public var startingPositionTimestamp: AWSTimestamp?
    /// `BatchSize`: the most records per invocation, 1…10000 (Kafka default 100).
    public var batchSize: Int?
    /// `MaximumBatchingWindowInSeconds`: how long Lambda gathers records before invoking the function, 0…300.
    public var maximumBatchingWindowInSeconds: Int?
    /// `MaximumRecordAgeInSeconds`: records older than this are discarded; -1 for no limit, otherwise 60…604800.
    public var maximumRecordAgeInSeconds: Int?
    /// `MaximumRetryAttempts`: how often a failed batch is retried; -1 for no limit.
    public var maximumRetryAttempts: Int?
    /// `BisectBatchOnFunctionError`: whether a failed batch is split in two and retried.
    public var bisectBatchOnFunctionError: Bool?
    /// `FunctionResponseTypes`: e.g. `ReportBatchItemFailures`, for functions that report partial batch failures.
    public var functionResponseTypes: [String]?
    /// `DestinationConfig`: where records go once retries are exhausted; Kafka allows only `OnFailure`.
    public var destinationConfig: DestinationConfig?
    /// `FilterCriteria`: event filter patterns that decide which records reach the function.
    public var filterCriteria: FilterCriteria?
    /// `KMSKeyArn`: the customer managed key that encrypts the filter criteria.
    public var kmsKeyArn: String?
    /// `SourceAccessConfigurations`: authentication secrets and, for self-managed Kafka, the VPC subnets and
    /// security groups.
    public var sourceAccessConfigurations: [SourceAccessConfiguration]?
    /// `SelfManagedEventSource`: the bootstrap servers of a self-managed Kafka cluster.
    public var selfManagedEventSource: SelfManagedEventSource?
    /// `AmazonManagedKafkaEventSourceConfig`: the consumer group id and schema registry of an MSK mapping.
    public var amazonManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
    /// `SelfManagedKafkaEventSourceConfig`: the consumer group id and schema registry of a self-managed mapping.
    public var selfManagedKafkaEventSourceConfig: KafkaEventSourceConfig?
    /// `ProvisionedPollerConfig`: the pollers of provisioned mode; absent in on-demand mode.
    public var provisionedPollerConfig: ProvisionedPollerConfig?
    /// `MetricsConfig`: which extra CloudWatch metrics the mapping publishes.
    public var metricsConfig: MetricsConfig?
    /// `LoggingConfig`: the level of the mapping's own system logs.
    public var loggingConfig: LoggingConfig?
    /// `Tags`: tags for the new mapping, which cannot be set by an update.
    public var tags: [String: String]?

    /// Creates an empty request; set the members the mapping needs.
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
