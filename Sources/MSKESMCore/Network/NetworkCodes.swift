extension FindingCode {
    /// The NET codes: security groups and the VPC's path to AWS services (docs/aws-facts.md#security-group-rules,
    /// docs/aws-facts.md#reaching-aws-services).
    public static let networkCodes: [FindingCode] = [
        net001, net002, net003, net004, net005, net006, net007, net008, net009, net010, net011,
    ]

    public static let net001 = FindingCode(
        "NET001", "no inbound rule admits the broker port from the mapping's security groups")
    public static let net002 = FindingCode("NET002", "the mapping's security groups do not allow outbound TCP 443")
    public static let net003 = FindingCode(
        "NET003", "the mapping's security groups do not allow the broker port outbound to the brokers")
    public static let net004 = FindingCode(
        "NET004", "a mapping subnet has no NAT gateway route and no Lambda/STS VPC endpoint")
    public static let net005 = FindingCode(
        "NET005", "no path to Secrets Manager (NAT or endpoint) although the mapping uses a secret")
    public static let net006 = FindingCode("NET006", "a VPC endpoint the mapping relies on has private DNS off")
    public static let net007 = FindingCode(
        "NET007", "a VPC endpoint's security groups do not admit TCP 443 from the mapping's groups")
    public static let net008 = FindingCode(
        "NET008", "no VPC endpoint (or NAT) for the on-failure destination's service")
    public static let net009 = FindingCode("NET009", "a mapping subnet is nearly out of free IP addresses")
    public static let net010 = FindingCode(
        "NET010", "a VPC endpoint policy blocks an action the mapping needs (sts:AssumeRole, lambda:InvokeFunction, secretsmanager:GetSecretValue)")
    public static let net011 = FindingCode(
        "NET011", "a rule or route cannot be verified from the inputs (e.g. a prefix list)")
}
