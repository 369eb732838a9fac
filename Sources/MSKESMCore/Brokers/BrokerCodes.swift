extension FindingCode {
    /// The BRK codes: authentication and bootstrap brokers (docs/aws-facts.md#broker-selection-and-ports).
    public static let brokerCodes: [FindingCode] = [brk001, brk002, brk003, brk004, brk005, brk006, brk007, brk008]

    public static let brk001 = FindingCode(
        "BRK001", "the auth method of the mapping's secret (or the one asked for) is not enabled on the cluster")
    public static let brk002 = FindingCode("BRK002", "no auth method the mapping could use is enabled on the cluster")
    public static let brk003 = FindingCode(
        "BRK003", "the auth type is not supported for MSK (SASL_SCRAM_256_AUTH, BASIC_AUTH)")
    public static let brk004 = FindingCode("BRK004", "MSK Serverless takes IAM authentication only, without a secret")
    public static let brk005 = FindingCode("BRK005", "the mapping has more than one authentication secret")
    public static let brk006 = FindingCode(
        "BRK006", "Lambda will not fall back to a weaker broker type (explains the choice)")
    public static let brk007 = FindingCode(
        "BRK007", "GetBootstrapBrokers has no broker string for the chosen method")
    public static let brk008 = FindingCode(
        "BRK008", "the mapping uses an access configuration type this msk-esm does not understand yet (not diagnosed)")
}
