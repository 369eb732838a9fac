extension FindingCode {
    /// The MAP codes: mapping and function settings (docs/findings.md#map-mapping-and-function-settings,
    /// docs/aws-facts.md#event-source-mapping-api).
    public static let mappingCodes: [FindingCode] = [
        map001, map002, map003, map004, map005, map006, map007, map008, map009, map010, map011, map012, map013,
        map014, map015, map016, map017, map018, map019,
    ]

    public static let map001 = FindingCode("MAP001", "the function timeout exceeds 840 s, the limit for Kafka mappings")
    public static let map002 = FindingCode(
        "MAP002", "BatchSize (1..10000) or MaximumBatchingWindowInSeconds (0..300) out of range")
    public static let map003 = FindingCode(
        "MAP003", "Topics must hold exactly one name of 1..249 characters matching [^.]([a-zA-Z0-9\\-_.]+)")
    public static let map004 = FindingCode(
        "MAP004", "StartingPosition missing or invalid, AT_TIMESTAMP without a timestamp, or a timestamp in the future")
    public static let map005 = FindingCode(
        "MAP005", "StartingPosition LATEST can miss records while the mapping starts")
    public static let map006 = FindingCode(
        "MAP006", "the consumer group id is not 1..200 characters of [a-zA-Z0-9-/*:_+=.@-]")
    public static let map007 = FindingCode(
        "MAP007", "a consumer group that already exists makes Lambda ignore StartingPosition")
    public static let map008 = FindingCode(
        "MAP008",
        "an update changes a create-only field (Topics, StartingPosition, EventSourceArn, consumer group id, …)")
    public static let map009 = FindingCode(
        "MAP009", "a mapping for the same function, event source and topic already exists")
    public static let map010 = FindingCode(
        "MAP010", "the mapping is not Enabled, or Lambda stopped it (StateTransitionReason)")
    public static let map011 = FindingCode(
        "MAP011", "LastProcessingResult reports a PROBLEM (explained, with the findings that cause it)")
    public static let map012 = FindingCode(
        "MAP012", "MaximumRecordAgeInSeconds 0..59: the API accepts only -1 or 60..604800")
    public static let map013 = FindingCode(
        "MAP013", "the on-failure destination is not an SQS, SNS or S3 ARN, or a kafka:// topic other than the source")
    public static let map014 = FindingCode(
        "MAP014", "the function is missing, not Active, or its last update failed")
    public static let map015 = FindingCode("MAP015", "OffsetLag rose over the metric window: the consumer falls behind")
    public static let map016 = FindingCode(
        "MAP016", "provisioned pollers out of range (minimum 1..200, maximum 1..2000) or minimum above maximum")
    public static let map017 = FindingCode(
        "MAP017", "MaximumRetryAttempts (-1..10000) or MaximumRecordAgeInSeconds (-1..604800) out of range")
    public static let map018 = FindingCode(
        "MAP018",
        "the OAUTHBEARER_* / IAM_* access types combine against the Lambda model (a type without the one it "
            + "requires, a URI where none is taken, more than one authentication method)")
    public static let map019 = FindingCode(
        "MAP019", "an OAUTHBEARER_* or IAM_* access type (self-managed Kafka only) on an Amazon MSK mapping")
}
