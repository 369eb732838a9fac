extension FindingCode {
    /// The MAP codes: mapping and function settings (docs/findings.md#map-mapping-and-function-settings,
    /// docs/aws-facts.md#event-source-mapping-api).
    public static let mappingCodes: [FindingCode] = [
        map001, map002, map003, map004, map005, map006, map007, map008, map009, map010, map011, map012, map013,
        map014, map015, map016, map017, map018, map019,
    ]

    /// MAP001 (`fail`): the function timeout exceeds 840 s, the limit for Kafka mappings.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html
    public static let map001 = FindingCode("MAP001", "the function timeout exceeds 840 s, the limit for Kafka mappings")
    /// MAP002 (`fail`): BatchSize (1..10000) or MaximumBatchingWindowInSeconds (0..300) out of range.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    public static let map002 = FindingCode(
        "MAP002", "BatchSize (1..10000) or MaximumBatchingWindowInSeconds (0..300) out of range")
    /// MAP003 (`fail`): Topics must hold exactly one name of 1..249 characters matching `[^.]([a-zA-Z0-9\-_.]+)`.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    public static let map003 = FindingCode(
        "MAP003", "Topics must hold exactly one name of 1..249 characters matching [^.]([a-zA-Z0-9\\-_.]+)")
    /// MAP004 (`fail`): StartingPosition missing or invalid, AT_TIMESTAMP without a timestamp, or a timestamp in the
    /// future.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    public static let map004 = FindingCode(
        "MAP004", "StartingPosition missing or invalid, AT_TIMESTAMP without a timestamp, or a timestamp in the future")
    /// MAP005 (`warn`): StartingPosition LATEST can miss records while the mapping starts.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    public static let map005 = FindingCode(
        "MAP005", "StartingPosition LATEST can miss records while the mapping starts")
    /// MAP006 (`fail`): the consumer group id is not 1..200 characters of `[a-zA-Z0-9-/*:_+=.@-]`.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_AmazonManagedKafkaEventSourceConfig.html
    public static let map006 = FindingCode(
        "MAP006", "the consumer group id is not 1..200 characters of [a-zA-Z0-9-/*:_+=.@-]")
    /// MAP007 (`info`): a consumer group that already exists makes Lambda ignore StartingPosition.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html
    public static let map007 = FindingCode(
        "MAP007", "a consumer group that already exists makes Lambda ignore StartingPosition")
    /// MAP008 (`fail`): an update changes a create-only field (Topics, StartingPosition, EventSourceArn, consumer group
    /// id, …).
    /// https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html
    public static let map008 = FindingCode(
        "MAP008",
        "an update changes a create-only field (Topics, StartingPosition, EventSourceArn, consumer group id, …)")
    /// MAP009 (`fail`): a mapping for the same function, event source and topic already exists.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    public static let map009 = FindingCode(
        "MAP009", "a mapping for the same function, event source and topic already exists")
    /// MAP010 (`fail` or `warn`): the mapping is not Enabled, or Lambda stopped it (StateTransitionReason).
    /// https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html
    public static let map010 = FindingCode(
        "MAP010", "the mapping is not Enabled, or Lambda stopped it (StateTransitionReason)")
    /// MAP011 (`fail` or `warn` or `info`): LastProcessingResult reports a PROBLEM (explained, with the findings that
    /// cause it).
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-troubleshoot.html
    public static let map011 = FindingCode(
        "MAP011", "LastProcessingResult reports a PROBLEM (explained, with the findings that cause it)")
    /// MAP012 (`fail`): MaximumRecordAgeInSeconds 0..59: the API accepts only -1 or 60..604800.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    public static let map012 = FindingCode(
        "MAP012", "MaximumRecordAgeInSeconds 0..59: the API accepts only -1 or 60..604800")
    /// MAP013 (`fail`): the on-failure destination is not an SQS, SNS or S3 ARN, or a kafka:// topic other than the
    /// source.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
    public static let map013 = FindingCode(
        "MAP013", "the on-failure destination is not an SQS, SNS or S3 ARN, or a kafka:// topic other than the source")
    /// MAP014 (`fail`): the function is missing, not Active, or its last update failed.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html
    public static let map014 = FindingCode(
        "MAP014", "the function is missing, not Active, or its last update failed")
    /// MAP015 (`warn` or `info`): OffsetLag rose over the metric window: the consumer falls behind.
    /// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
    public static let map015 = FindingCode("MAP015", "OffsetLag rose over the metric window: the consumer falls behind")
    /// MAP016 (`fail`): provisioned pollers out of range (minimum 1..200, maximum 1..2000) or minimum above maximum.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html
    public static let map016 = FindingCode(
        "MAP016", "provisioned pollers out of range (minimum 1..200, maximum 1..2000) or minimum above maximum")
    /// MAP017 (`fail`): MaximumRetryAttempts (-1..10000) or MaximumRecordAgeInSeconds (-1..604800) out of range.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
    public static let map017 = FindingCode(
        "MAP017", "MaximumRetryAttempts (-1..10000) or MaximumRecordAgeInSeconds (-1..604800) out of range")
    /// MAP018 (`fail`): the `OAUTHBEARER_*` / `IAM_*` access types combine against the Lambda model (a type without the
    /// one it requires, a URI where none is taken, more than one authentication method).
    /// https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html
    public static let map018 = FindingCode(
        "MAP018",
        "the OAUTHBEARER_* / IAM_* access types combine against the Lambda model (a type without the one it "
            + "requires, a URI where none is taken, more than one authentication method)")
    /// MAP019 (`fail`): an `OAUTHBEARER_*` or `IAM_*` access type (self-managed Kafka only) on an Amazon MSK mapping.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html
    public static let map019 = FindingCode(
        "MAP019", "an OAUTHBEARER_* or IAM_* access type (self-managed Kafka only) on an Amazon MSK mapping")
}
