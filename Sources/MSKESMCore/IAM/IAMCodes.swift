extension FindingCode {
    /// The IAM codes: the permissions of the execution role (docs/aws-facts.md#iam) and `policy check`
    /// (docs/findings.md#the-report-document).
    public static let iamCodes: [FindingCode] = [
        iam001, iam002, iam003, iam004, iam005, iam006, iam007, iam008, iam009,
    ]

    /// IAM001: a required action is not allowed by the role's identity policies (implicit deny).
    public static let iam001 = FindingCode("IAM001", "a required action is not allowed by the role's policies")
    /// IAM002: an explicit Deny statement blocks a required action; no added Allow can override it.
    public static let iam002 = FindingCode("IAM002", "an explicit Deny statement blocks a required action")
    /// IAM003: the identity policies allow a required action but the permissions boundary does not.
    public static let iam003 = FindingCode("IAM003", "the permissions boundary blocks a required action")
    /// IAM004: the trust policy does not let `lambda.amazonaws.com` assume the execution role.
    public static let iam004 = FindingCode(
        "IAM004", "the trust policy does not let lambda.amazonaws.com assume the execution role")
    /// IAM005: the group resources of the `kafka-cluster` group actions do not cover the mapping's consumer group.
    public static let iam005 = FindingCode(
        "IAM005", "the group resources do not cover the mapping's consumer group (UUID or custom id)")
    /// IAM006: `kms:Decrypt` is missing for the customer-managed key of a secret the mapping reads.
    public static let iam006 = FindingCode("IAM006", "kms:Decrypt is missing for the key of a secret")
    /// IAM007: the permission to send to the on-failure destination is missing.
    public static let iam007 = FindingCode("IAM007", "the permission for the on-failure destination is missing")
    /// IAM008: a decision depends on a request context key whose value was not given (`conditional`).
    public static let iam008 = FindingCode(
        "IAM008", "the decision depends on a request context key whose value was not given")
    /// IAM009: `sts:GetWebIdentityToken` is not allowed for an `IAM_OAUTHBEARER_AUTH` mapping; an inference, so a
    /// warning.
    public static let iam009 = FindingCode(
        "IAM009", "sts:GetWebIdentityToken is not allowed for an IAM_OAUTHBEARER_AUTH mapping (inference: a warning)")
}
