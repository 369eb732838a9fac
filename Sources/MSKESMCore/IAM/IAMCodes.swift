extension FindingCode {
    /// The IAM codes: the permissions of the execution role (docs/aws-facts.md#iam) and `policy check`
    /// (docs/findings.md#the-report-document).
    public static let iamCodes: [FindingCode] = [iam001, iam002, iam003, iam004, iam005, iam006, iam007, iam008, iam009]

    public static let iam001 = FindingCode("IAM001", "a required action is not allowed by the role's policies")
    public static let iam002 = FindingCode("IAM002", "an explicit Deny statement blocks a required action")
    public static let iam003 = FindingCode("IAM003", "the permissions boundary blocks a required action")
    public static let iam004 = FindingCode(
        "IAM004", "the trust policy does not let lambda.amazonaws.com assume the execution role")
    public static let iam005 = FindingCode(
        "IAM005", "the group resources do not cover the mapping's consumer group (UUID or custom id)")
    public static let iam006 = FindingCode("IAM006", "kms:Decrypt is missing for the key of a secret")
    public static let iam007 = FindingCode("IAM007", "the permission for the on-failure destination is missing")
    public static let iam008 = FindingCode(
        "IAM008", "the decision depends on a request context key whose value was not given")
    public static let iam009 = FindingCode(
        "IAM009", "sts:GetWebIdentityToken is not allowed for an IAM_OAUTHBEARER_AUTH mapping (inference: a warning)")
}
