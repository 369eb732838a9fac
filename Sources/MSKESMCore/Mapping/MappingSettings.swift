import Foundation

/// The settings of a Kafka mapping that the parameter rules read, from either an existing mapping
/// (`GetEventSourceMapping` output) or a request body (`CreateEventSourceMapping`), so the doctor and the
/// create/update preflight share one rule set.
package struct MappingSettings: Sendable, Equatable {
    /// The mapping's UUID when it exists (fixes then name it; the default consumer group is the UUID).
    package var uuid: String?
    package var eventSourceArn: String?
    package var topics: [String]?
    package var startingPosition: String?
    package var startingPositionTimestamp: Date?
    package var batchSize: Int?
    package var maximumBatchingWindowInSeconds: Int?
    package var maximumRecordAgeInSeconds: Int?
    package var maximumRetryAttempts: Int?
    /// `AmazonManagedKafkaEventSourceConfig` / `SelfManagedKafkaEventSourceConfig` `.ConsumerGroupId`.
    package var consumerGroupId: String?
    package var onFailureDestination: String?
    package var provisionedPollerConfig: ProvisionedPollerConfig?
    package var sourceAccessConfigurations: [SourceAccessConfiguration]
    package var bootstrapServers: [String]

    package init(
        uuid: String? = nil, eventSourceArn: String? = nil, topics: [String]? = nil, startingPosition: String? = nil,
        startingPositionTimestamp: Date? = nil, batchSize: Int? = nil, maximumBatchingWindowInSeconds: Int? = nil,
        maximumRecordAgeInSeconds: Int? = nil, maximumRetryAttempts: Int? = nil, consumerGroupId: String? = nil,
        onFailureDestination: String? = nil, provisionedPollerConfig: ProvisionedPollerConfig? = nil,
        sourceAccessConfigurations: [SourceAccessConfiguration] = [], bootstrapServers: [String] = []
    ) {
        self.uuid = uuid
        self.eventSourceArn = eventSourceArn
        self.topics = topics
        self.startingPosition = startingPosition
        self.startingPositionTimestamp = startingPositionTimestamp
        self.batchSize = batchSize
        self.maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds
        self.maximumRecordAgeInSeconds = maximumRecordAgeInSeconds
        self.maximumRetryAttempts = maximumRetryAttempts
        self.consumerGroupId = consumerGroupId
        self.onFailureDestination = onFailureDestination
        self.provisionedPollerConfig = provisionedPollerConfig
        self.sourceAccessConfigurations = sourceAccessConfigurations
        self.bootstrapServers = bootstrapServers
    }

    /// From `aws lambda get-event-source-mapping` output.
    package init(_ mapping: EventSourceMappingConfiguration) {
        self.init(
            uuid: mapping.uuid, eventSourceArn: mapping.eventSourceArn, topics: mapping.topics,
            startingPosition: mapping.startingPosition,
            startingPositionTimestamp: mapping.startingPositionTimestamp?.date, batchSize: mapping.batchSize,
            maximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
            maximumRecordAgeInSeconds: mapping.maximumRecordAgeInSeconds,
            maximumRetryAttempts: mapping.maximumRetryAttempts, consumerGroupId: mapping.consumerGroupId,
            onFailureDestination: mapping.destinationConfig?.onFailure?.destination,
            provisionedPollerConfig: mapping.provisionedPollerConfig,
            sourceAccessConfigurations: mapping.sourceAccessConfigurations ?? [],
            bootstrapServers: mapping.selfManagedEventSource?.bootstrapServers ?? [])
    }

    /// From a `CreateEventSourceMapping` request body.
    package init(_ request: CreateEventSourceMappingRequest) {
        self.init(
            eventSourceArn: request.eventSourceArn, topics: request.topics,
            startingPosition: request.startingPosition,
            startingPositionTimestamp: request.startingPositionTimestamp?.date, batchSize: request.batchSize,
            maximumBatchingWindowInSeconds: request.maximumBatchingWindowInSeconds,
            maximumRecordAgeInSeconds: request.maximumRecordAgeInSeconds,
            maximumRetryAttempts: request.maximumRetryAttempts,
            consumerGroupId: request.amazonManagedKafkaEventSourceConfig?.consumerGroupId
                ?? request.selfManagedKafkaEventSourceConfig?.consumerGroupId,
            onFailureDestination: request.destinationConfig?.onFailure?.destination,
            provisionedPollerConfig: request.provisionedPollerConfig,
            sourceAccessConfigurations: request.sourceAccessConfigurations ?? [],
            bootstrapServers: request.selfManagedEventSource?.bootstrapServers ?? [])
    }

    /// The single topic, when exactly one is given.
    package var topic: String? {
        guard let topics, topics.count == 1 else { return nil }
        return topics[0]
    }

    /// The group Lambda joins: the custom id, else the mapping's UUID (docs/aws-facts.md#consumer-group).
    package var effectiveConsumerGroupId: String? { consumerGroupId ?? uuid }

    /// How an `update-event-source-mapping` fix names the mapping.
    var uuidArgument: String { uuid ?? "<uuid>" }
}
