extension FindingCode {
    /// The TOP codes: the mapping's topic as the MSK API describes it, and the provisioned pollers that share its
    /// partitions (docs/findings.md#top-topics-and-provisioned-pollers).
    public static let topicCodes: [FindingCode] = [top001, top002, top003, top004, top005, top006, top007]

    /// TOP001 (`fail`): the topic does not exist on the cluster (DescribeTopic answered NotFoundException).
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-view-topic-information.html
    public static let top001 = FindingCode(
        "TOP001", "the mapping's topic does not exist on the MSK cluster (DescribeTopic: NotFoundException)")
    /// TOP002 (`warn`): ProvisionedPollerConfig.MinimumPollers is above the topic's partition count.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html
    public static let top002 = FindingCode(
        "TOP002", "MinimumPollers is above the topic's partition count: the extra pollers stay idle and are billed")
    /// TOP003 (`info`): ProvisionedPollerConfig.MaximumPollers is above the partition count; Lambda caps it there.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html
    public static let top003 = FindingCode(
        "TOP003", "MaximumPollers is above the topic's partition count: Lambda caps the pollers at the partitions")
    /// TOP004 (`info`): sizing guidance for provisioned pollers from the mapping's polled events (about 5 MB/s
    /// per event poller). https://docs.aws.amazon.com/lambda/latest/dg/kafka-scaling-modes.html
    public static let top004 = FindingCode(
        "TOP004", "guidance: the polled events per second against the pollers' throughput (about 5 MB/s each)")
    /// TOP005 (`info` or `skipped`): the topic was not described: the cluster does not answer the MSK topic APIs
    /// (serverless, self-managed, another account, Kafka before 3.6.0, not ACTIVE; `info`), or the read failed
    /// (denied or another error; `skipped`). https://docs.aws.amazon.com/msk/latest/developerguide/msk-view-topic-information.html
    public static let top005 = FindingCode(
        "TOP005", "the topic was not described (cluster type or version, or the read failed); says why")
    /// TOP006 (`warn`): a poller group has more than 100 mappings (`doctor --all`, per Region).
    /// https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html
    public static let top006 = FindingCode(
        "TOP006", "a poller group (PollerGroupName) has more than 100 mappings in one Region")
    /// TOP007 (`warn`): a poller group's MaximumPollers add up to more than 2,000 (`doctor --all`, per Region).
    /// https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html
    public static let top007 = FindingCode(
        "TOP007", "a poller group's MaximumPollers add up to more than 2,000 in one Region")
}
