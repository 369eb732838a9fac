extension FindingCode {
    /// The NET codes: security groups and the VPC's path to AWS services (docs/aws-facts.md#security-group-rules,
    /// docs/aws-facts.md#reaching-aws-services).
    public static let networkCodes: [FindingCode] = [
        net001, net002, net003, net004, net005, net006, net007, net008, net009, net010, net011,
    ]

    /// NET001 (`fail`): no inbound rule admits the broker port from the mapping's security groups.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let net001 = FindingCode(
        "NET001", "no inbound rule admits the broker port from the mapping's security groups")
    /// NET002 (`fail` or `warn`): the mapping's security groups do not allow outbound TCP 443.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let net002 = FindingCode("NET002", "the mapping's security groups do not allow outbound TCP 443")
    /// NET003 (`fail`): the mapping's security groups do not allow the broker port outbound to the brokers.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let net003 = FindingCode(
        "NET003", "the mapping's security groups do not allow the broker port outbound to the brokers")
    /// NET004 (`fail` or `warn`): a mapping subnet has no NAT gateway route and no Lambda/STS VPC endpoint.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let net004 = FindingCode(
        "NET004", "a mapping subnet has no NAT gateway route and no Lambda/STS VPC endpoint")
    /// NET005 (`fail`): no path to Secrets Manager (NAT or endpoint) although the mapping uses a secret.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let net005 = FindingCode(
        "NET005", "no path to Secrets Manager (NAT or endpoint) although the mapping uses a secret")
    /// NET006 (`fail` or `warn`): a VPC endpoint the mapping relies on has private DNS off.
    /// https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html
    public static let net006 = FindingCode("NET006", "a VPC endpoint the mapping relies on has private DNS off")
    /// NET007 (`fail`): a VPC endpoint's security groups do not admit TCP 443 from the mapping's groups.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let net007 = FindingCode(
        "NET007", "a VPC endpoint's security groups do not admit TCP 443 from the mapping's groups")
    /// NET008 (`fail`): no VPC endpoint (or NAT) for the on-failure destination's service.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html
    public static let net008 = FindingCode(
        "NET008", "no VPC endpoint (or NAT) for the on-failure destination's service")
    /// NET009 (`warn`): a mapping subnet is nearly out of free IP addresses.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let net009 = FindingCode("NET009", "a mapping subnet is nearly out of free IP addresses")
    /// NET010 (`fail` or `warn`): a VPC endpoint policy blocks an action the mapping needs (sts:AssumeRole,
    /// lambda:InvokeFunction, secretsmanager:GetSecretValue).
    /// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
    public static let net010 = FindingCode(
        "NET010",
        "a VPC endpoint policy blocks an action the mapping needs (sts:AssumeRole, lambda:InvokeFunction, secretsmanager:GetSecretValue)"
    )
    /// NET011 (`warn`): a rule or route cannot be verified from the inputs (e.g. a prefix list).
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
    public static let net011 = FindingCode(
        "NET011", "a rule or route cannot be verified from the inputs (e.g. a prefix list)")
}
