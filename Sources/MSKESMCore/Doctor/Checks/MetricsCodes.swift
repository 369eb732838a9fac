extension FindingCode {
    /// The MET codes: what the mapping's own metrics say over the window
    /// (docs/findings.md#met-the-mappings-own-metrics).
    public static let metricsCodes: [FindingCode] = [met001, met002, met003, met004, met005, met006]

    /// MET001 (`warn`): the mapping dropped events (DroppedEventCount above 0).
    /// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
    public static let met001 = FindingCode(
        "MET001", "the mapping dropped events (DroppedEventCount): retries or record age exhausted")
    /// MET002 (`warn`): every polled event was filtered out (FilteredOutEventCount equals PolledEventCount).
    /// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
    public static let met002 = FindingCode(
        "MET002",
        "every event polled was filtered out (FilteredOutEventCount = PolledEventCount): the filters match nothing")
    /// MET003 (`warn`): polling, invoke, commit, schema registry or on-failure delivery errors (ErrorCount group).
    /// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
    public static let met003 = FindingCode(
        "MET003",
        "the mapping reported errors: polling, invoking, committing, the schema registry or on-failure delivery")
    /// MET004 (`warn`): events went to the on-failure destination (OnFailureDestinationDeliveredEventCount above 0).
    /// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
    public static let met004 = FindingCode(
        "MET004", "events were sent to the on-failure destination (OnFailureDestinationDeliveredEventCount)")
    /// MET005 (`info`): a metric group is off in MetricsConfig; says how to turn it on.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingMetricsConfig.html
    public static let met005 = FindingCode(
        "MET005", "MetricsConfig leaves a metric group off (EventCount, ErrorCount, KafkaMetrics); how to turn it on")
    /// MET006 (`info`): the metrics are on but CloudWatch has no point in the window (disabled, idle, or new).
    /// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
    public static let met006 = FindingCode(
        "MET006", "the mapping's metrics are on but have no data in the window (disabled, idle, or just turned on)")
}
