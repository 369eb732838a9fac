extension FindingCode {
    /// The SEC codes: secrets for mTLS, SASL/SCRAM, BASIC_AUTH and the self-managed root CA
    /// (docs/aws-facts.md#secret-formats).
    public static let secretCodes: [FindingCode] = [
        sec001, sec002, sec003, sec004, sec005, sec006, sec007, sec008, sec009, sec010, sec011, sec012,
        sec013, sec014, sec015, sec016, sec017, sec018, sec019, sec020, sec021, sec022, sec023, sec024,
        sec025, sec026,
    ]

    /// SEC001 (`fail`): the secret is not a JSON object, lacks a required key, repeats a key, or has a value of the
    /// wrong type.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec001 = FindingCode(
        "SEC001",
        "the secret is not a JSON object, lacks a required key, repeats a key, or has a value of the wrong type")
    /// SEC002 (`fail`): the secret is larger than Secrets Manager's 65,536 bytes.
    /// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
    public static let sec002 = FindingCode("SEC002", "the secret is larger than Secrets Manager's 65,536 bytes")
    /// SEC003 (`fail`): a PEM block is malformed or truncated.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec003 = FindingCode("SEC003", "a PEM block is malformed or truncated")
    /// SEC004 (`fail`): the certificate chain is out of order (leaf first, root last).
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec004 = FindingCode("SEC004", "the certificate chain is out of order (leaf first, root last)")
    /// SEC005 (`fail` or `warn`): the chain is broken: a certificate not signed by the next, an issuer missing, not a
    /// CA or beyond its path length.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec005 = FindingCode(
        "SEC005",
        "the chain is broken: a certificate not signed by the next, an issuer missing, not a CA or beyond its path length"
    )
    /// SEC006 (`fail` or `warn`): a certificate is expired or not yet valid (fail), or expires within 30 days (warn).
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec006 = FindingCode(
        "SEC006", "a certificate is expired or not yet valid (fail), or expires within 30 days (warn)")
    /// SEC007 (`fail`): the leaf certificate is not usable for TLS client authentication.
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-authentication.html
    public static let sec007 = FindingCode("SEC007", "the leaf certificate is not usable for TLS client authentication")
    /// SEC008 (`fail`): the private key is not PKCS#8 (PKCS#1 or SEC1).
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec008 = FindingCode("SEC008", "the private key is not PKCS#8 (PKCS#1 or SEC1)")
    /// SEC009 (`fail`): the private key is encrypted with PBES2, which Lambda rejects.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec009 = FindingCode("SEC009", "the private key is encrypted with PBES2, which Lambda rejects")
    /// SEC010 (`fail` or `warn`): a password is missing for an encrypted key, or given for an unencrypted one.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec010 = FindingCode(
        "SEC010", "a password is missing for an encrypted key, or given for an unencrypted one")
    /// SEC011 (`fail`): the password does not decrypt the private key.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec011 = FindingCode("SEC011", "the password does not decrypt the private key")
    /// SEC012 (`fail`): the private key does not match the leaf certificate.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec012 = FindingCode("SEC012", "the private key does not match the leaf certificate")
    /// SEC013 (`warn`): the key's PBE scheme may not be readable by Lambda's runtime.
    public static let sec013 = FindingCode("SEC013", "the key's PBE scheme may not be readable by Lambda's runtime")
    /// SEC014 (`fail`): the secret holds more than one private key.
    public static let sec014 = FindingCode("SEC014", "the secret holds more than one private key")
    /// SEC015 (`fail`): the SASL secret lacks a username or password.
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html
    public static let sec015 = FindingCode("SEC015", "the SASL secret lacks a username or password")
    /// SEC016 (`fail`): an MSK SCRAM secret's name does not start with AmazonMSK_.
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html
    public static let sec016 = FindingCode("SEC016", "an MSK SCRAM secret's name does not start with AmazonMSK_")
    /// SEC017 (`fail`): the SCRAM secret is encrypted with the default AWS-managed KMS key.
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html
    public static let sec017 = FindingCode(
        "SEC017", "the SCRAM secret is encrypted with the default AWS-managed KMS key")
    /// SEC018 (`warn`): the password contains a character known to break the mapping.
    public static let sec018 = FindingCode("SEC018", "the password contains a character known to break the mapping")
    /// SEC019 (`fail`): the secret is in another region than the function.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html
    public static let sec019 = FindingCode("SEC019", "the secret is in another region than the function")
    /// SEC020 (`fail` or `warn`): the root-CA secret is malformed or not a CA certificate.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html
    public static let sec020 = FindingCode("SEC020", "the root-CA secret is malformed or not a CA certificate")
    /// SEC021 (`fail`): the SCRAM secret is not associated with the MSK cluster.
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html
    public static let sec021 = FindingCode("SEC021", "the SCRAM secret is not associated with the MSK cluster")
    /// SEC022 (`warn`): the key type may not load in Lambda's runtime (e.g. Ed25519).
    public static let sec022 = FindingCode("SEC022", "the key type may not load in Lambda's runtime (e.g. Ed25519)")
    /// SEC023 (`fail`): the chain does not end at the given trust anchor.
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-authentication.html
    public static let sec023 = FindingCode("SEC023", "the chain does not end at the given trust anchor")
    /// SEC025 (`warn`): the OAuth secret lacks the client id, client secret or token endpoint URL.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret
    public static let sec025 = FindingCode(
        "SEC025", "the OAuth secret lacks the client id, client secret or token endpoint URL")
    /// SEC026 (`fail` or `warn`): the OAuth secret's token endpoint is not an https:// URL.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret
    public static let sec026 = FindingCode("SEC026", "the OAuth secret's token endpoint is not an https:// URL")
    /// SEC024 (`skipped`): the secret's content was not checked: the snapshot holds neither its value nor its analysis.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let sec024 = FindingCode(
        "SEC024", "the secret's content was not checked: the snapshot holds neither its value nor its analysis")
}
