/// The Kafka error codes the probe can meet, with their names and meanings
/// (https://kafka.apache.org/protocol#protocol_error_codes).
public struct KafkaErrorCode: Sendable, Equatable, Hashable {
    public let code: Int16

    public init(_ code: Int16) { self.code = code }

    static let table: [Int16: (String, String)] = [
        -1: ("UNKNOWN_SERVER_ERROR", "The server experienced an unexpected error when processing the request."),
        0: ("NONE", "No error."),
        3: ("UNKNOWN_TOPIC_OR_PARTITION", "This server does not host this topic-partition."),
        5: (
            "LEADER_NOT_AVAILABLE",
            "There is no leader for this topic-partition as we are in the middle of a leadership election."
        ),
        7: ("REQUEST_TIMED_OUT", "The request timed out."),
        14: ("COORDINATOR_LOAD_IN_PROGRESS", "The coordinator is loading and hence can't process requests."),
        15: ("COORDINATOR_NOT_AVAILABLE", "The coordinator is not available."),
        16: ("NOT_COORDINATOR", "This is not the correct coordinator."),
        17: ("INVALID_TOPIC_EXCEPTION", "The request attempted to perform an operation on an invalid topic."),
        24: ("INVALID_GROUP_ID", "The configured groupId is invalid."),
        29: ("TOPIC_AUTHORIZATION_FAILED", "Topic authorization failed."),
        30: ("GROUP_AUTHORIZATION_FAILED", "Group authorization failed."),
        31: ("CLUSTER_AUTHORIZATION_FAILED", "Cluster authorization failed."),
        33: ("UNSUPPORTED_SASL_MECHANISM", "The broker does not support the requested SASL mechanism."),
        34: ("ILLEGAL_SASL_STATE", "Request is not valid given the current SASL state."),
        35: ("UNSUPPORTED_VERSION", "The version of API is not supported."),
        58: ("SASL_AUTHENTICATION_FAILED", "SASL Authentication failed."),
        69: ("GROUP_ID_NOT_FOUND", "The group id does not exist."),
    ]

    /// The protocol's name, e.g. `SASL_AUTHENTICATION_FAILED`.
    public var name: String { Self.table[code]?.0 ?? "ERROR_\(code)" }
    /// The protocol's one-line meaning.
    public var meaning: String { Self.table[code]?.1 ?? "Kafka error code \(code)." }

    public static let none = KafkaErrorCode(0)
    public static let unknownTopicOrPartition = KafkaErrorCode(3)
    public static let leaderNotAvailable = KafkaErrorCode(5)
    public static let coordinatorLoadInProgress = KafkaErrorCode(14)
    public static let coordinatorNotAvailable = KafkaErrorCode(15)
    public static let topicAuthorizationFailed = KafkaErrorCode(29)
    public static let groupAuthorizationFailed = KafkaErrorCode(30)
    public static let clusterAuthorizationFailed = KafkaErrorCode(31)
    public static let unsupportedSaslMechanism = KafkaErrorCode(33)
    public static let unsupportedVersion = KafkaErrorCode(35)
    public static let saslAuthenticationFailed = KafkaErrorCode(58)
}
