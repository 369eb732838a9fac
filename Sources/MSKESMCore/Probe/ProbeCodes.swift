extension FindingCode {
    /// The PRB codes: what a live connection to the brokers shows, step by step, each naming the
    /// `LastProcessingResult` Lambda shows for that failure (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html,
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html).
    public static let probeCodes: [FindingCode] = [
        prb001, prb002, prb003, prb004, prb005, prb006, prb007, prb008, prb009, prb010, prb011, prb012, prb013,
        prb014, prb015, prb016,
    ]

    /// PRB001 (`fail`): a broker's host name does not resolve.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-troubleshoot.html
    public static let prb001 = FindingCode("PRB001", "a broker's host name does not resolve")
    /// PRB002 (`fail`): the TCP connection to a broker is refused, unreachable or times out.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html
    public static let prb002 = FindingCode(
        "PRB002", "the TCP connection to a broker is refused, unreachable or times out")
    /// PRB003 (`fail`): the broker's TLS certificate is not trusted or does not name the host (SAN).
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html
    public static let prb003 = FindingCode(
        "PRB003", "the broker's TLS certificate is not trusted or does not name the host (SAN)")
    /// PRB004 (`fail`): the TLS handshake fails for another reason (the port does not speak TLS, no common version).
    /// https://docs.aws.amazon.com/msk/latest/developerguide/port-info.html
    public static let prb004 = FindingCode(
        "PRB004", "the TLS handshake fails for another reason (the port does not speak TLS, no common version)")
    /// PRB005 (`fail`): the broker rejects the client certificate (mTLS).
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let prb005 = FindingCode("PRB005", "the broker rejects the client certificate (mTLS)")
    /// PRB006 (`fail`): the secret's client certificate or private key cannot be used as Lambda would use it.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let prb006 = FindingCode(
        "PRB006", "the secret's client certificate or private key cannot be used as Lambda would use it")
    /// PRB007 (`fail`): the broker does not answer the Kafka protocol (ApiVersions) in time, or closes the connection.
    /// https://docs.aws.amazon.com/msk/latest/developerguide/port-info.html
    public static let prb007 = FindingCode(
        "PRB007", "the broker does not answer the Kafka protocol (ApiVersions) in time, or closes the connection")
    /// PRB008 (`fail`): the SASL mechanism is not enabled on the broker.
    /// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html
    public static let prb008 = FindingCode("PRB008", "the SASL mechanism is not enabled on the broker")
    /// PRB009 (`fail`): SASL authentication fails (credentials or IAM permission).
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-troubleshoot.html
    public static let prb009 = FindingCode("PRB009", "SASL authentication fails (credentials or IAM permission)")
    /// PRB010 (`fail`): the topic does not exist.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-troubleshoot.html
    public static let prb010 = FindingCode("PRB010", "the topic does not exist")
    /// PRB011 (`fail`): the topic or cluster denies the principal (authorization).
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-troubleshoot.html
    public static let prb011 = FindingCode("PRB011", "the topic or cluster denies the principal (authorization)")
    /// PRB012 (`warn`): a partition of the topic has no leader.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-troubleshoot.html
    public static let prb012 = FindingCode("PRB012", "a partition of the topic has no leader")
    /// PRB013 (`fail` or `warn`): the consumer group cannot be described: no coordinator, or the group denies the
    /// principal.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-troubleshoot.html
    public static let prb013 = FindingCode(
        "PRB013", "the consumer group cannot be described: no coordinator, or the group denies the principal")
    /// PRB014 (`info`): the consumer group's state: other active members share the partitions, or committed offsets
    /// exist.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html
    public static let prb014 = FindingCode(
        "PRB014", "the consumer group's state: other active members share the partitions, or committed offsets exist")
    /// PRB015 (`skipped`): a probe step could not run: input missing (secret, credentials, region) or an earlier step
    /// failed.
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html
    public static let prb015 = FindingCode(
        "PRB015", "a probe step could not run: input missing (secret, credentials, region) or an earlier step failed")
    /// PRB016 (`fail`, `pass`, `skipped`): the OAuth 2.0 token endpoint of an OAUTHBEARER_AUTH secret cannot be
    /// reached, refuses the client credentials (RFC 6749 section 5.2 error) or answers without an access token.
    /// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html
    public static let prb016 = FindingCode(
        "PRB016",
        "the OAuth token endpoint cannot be reached, refuses the client credentials or answers without a token")
}

/// The `LastProcessingResult` texts the probe maps its failures to (the troubleshooting sections of
/// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html and
/// https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html). The `PROBLEM:` texts are written as the
/// console and the mappings show them; for the TLS ones the docs give only the sentence, so that is used.
public enum LambdaProcessingResult: String, Sendable, CaseIterable, Codable {
    case connectionError = "PROBLEM: Connection error. Please check your event source connection configuration."
    case saslAuthenticationFailed = "PROBLEM: SASL authentication failed."
    case clusterFailedToAuthorize = "PROBLEM: Cluster failed to authorize Lambda."
    case serverFailedToAuthenticateLambda = "Server failed to authenticate Lambda"
    case lambdaFailedToAuthenticateServer = "Lambda failed to authenticate server"
    case invalidCertificateOrKey = "Provided certificate or private key is invalid"
    case ok = "OK"
}
