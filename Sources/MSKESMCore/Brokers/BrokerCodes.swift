extension FindingCode {
    /// The BRK codes: authentication and bootstrap brokers (docs/aws-facts.md#broker-selection-and-ports).
    public static let brokerCodes: [FindingCode] = [brk001, brk002, brk003, brk004, brk005, brk006, brk007, brk008]

    /// BRK001 (`fail`): the auth method of the mapping's secret (or the one asked for) is not enabled on the cluster.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let brk001 = FindingCode(
        "BRK001", "the auth method of the mapping's secret (or the one asked for) is not enabled on the cluster")
    /// BRK002 (`fail`): no auth method the mapping could use is enabled on the cluster.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let brk002 = FindingCode("BRK002", "no auth method the mapping could use is enabled on the cluster")
    /// BRK003 (`fail`): the auth type is not supported for MSK (SASL_SCRAM_256_AUTH, BASIC_AUTH).
    /// https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html
    public static let brk003 = FindingCode(
        "BRK003", "the auth type is not supported for MSK (SASL_SCRAM_256_AUTH, BASIC_AUTH)")
    /// BRK004 (`fail`): MSK Serverless takes IAM authentication only, without a secret.
    /// https://docs.aws.amazon.com/msk/latest/developerguide/serverless.html
    public static let brk004 = FindingCode("BRK004", "MSK Serverless takes IAM authentication only, without a secret")
    /// BRK005 (`fail`): the mapping has more than one authentication secret.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html
    public static let brk005 = FindingCode("BRK005", "the mapping has more than one authentication secret")
    /// BRK006 (`info`): Lambda will not fall back to a weaker broker type (explains the choice).
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let brk006 = FindingCode(
        "BRK006", "Lambda will not fall back to a weaker broker type (explains the choice)")
    /// BRK007 (`fail`): GetBootstrapBrokers has no broker string for the chosen method.
    /// https://docs.aws.amazon.com/msk/1.0/apireference/clusters-clusterarn-bootstrap-brokers.html
    public static let brk007 = FindingCode(
        "BRK007", "GetBootstrapBrokers has no broker string for the chosen method")
    /// BRK008 (`skipped`): the mapping uses an access configuration type this msk-esm does not understand yet (not
    /// diagnosed).
    /// https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html
    public static let brk008 = FindingCode(
        "BRK008", "the mapping uses an access configuration type this msk-esm does not understand yet (not diagnosed)")
}
