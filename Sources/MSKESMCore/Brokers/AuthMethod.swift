/// How Lambda authenticates to the brokers; the `method` of `brokers explain` (docs/findings.md#the-report-document).
public enum AuthMethod: String, Codable, Sendable, CaseIterable {
    case mtls
    case scram512 = "scram-512"
    case scram256 = "scram-256"
    case basic
    /// SASL/IAM: MSK's IAM access control, or `IAM_AUTH` on self-managed Kafka ("your function's execution
    /// role signs each connection", botocore 1.44's Lambda model, `SourceAccessConfiguration.Type`).
    case iam
    /// SASL/OAUTHBEARER with an OAuth 2.0 token Lambda gets with the credentials of an `OAUTHBEARER_AUTH`
    /// secret (self-managed Kafka; https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret).
    case oauthbearer
    /// SASL/OAUTHBEARER with an AWS web identity token Lambda requests for the execution role
    /// (`IAM_OAUTHBEARER_AUTH`, self-managed Kafka; no secret).
    case iamOAuthbearer = "iam-oauthbearer"
    /// Unauthenticated TLS.
    case tls
    case plaintext

    /// The `SourceAccessConfigurations` type whose secret selects this method, if any
    /// (docs/aws-facts.md#sourceaccessconfigurations-types).
    public var sourceAccessType: String? {
        switch self {
        case .mtls: "CLIENT_CERTIFICATE_TLS_AUTH"
        case .scram512: "SASL_SCRAM_512_AUTH"
        case .scram256: "SASL_SCRAM_256_AUTH"
        case .basic: "BASIC_AUTH"
        case .oauthbearer: "OAUTHBEARER_AUTH"
        case .iam, .iamOAuthbearer, .tls, .plaintext: nil
        }
    }

    /// The method an authentication `SourceAccessConfigurations` type selects.
    public init?(sourceAccessType: String) {
        guard let method = AuthMethod.allCases.first(where: { $0.sourceAccessType == sourceAccessType }) else {
            return nil
        }
        self = method
    }

    /// A name for people.
    public var displayName: String {
        switch self {
        case .mtls: "mTLS"
        case .scram512: "SASL/SCRAM-SHA-512"
        case .scram256: "SASL/SCRAM-SHA-256"
        case .basic: "SASL/PLAIN (BASIC_AUTH)"
        case .iam: "SASL/IAM"
        case .oauthbearer: "SASL/OAUTHBEARER (OAuth 2.0)"
        case .iamOAuthbearer: "SASL/OAUTHBEARER (AWS web identity token)"
        case .tls: "unauthenticated TLS"
        case .plaintext: "plaintext"
        }
    }

    /// The method a self-managed mapping's access type selects without a secret: `IAM_AUTH` and
    /// `IAM_OAUTHBEARER_AUTH` take no URI (botocore 1.44's Lambda model: "Omit the URI field for this type").
    public init?(secretlessSourceAccessType type: String) {
        switch type {
        case "IAM_AUTH": self = .iam
        case "IAM_OAUTHBEARER_AUTH": self = .iamOAuthbearer
        default: return nil
        }
    }
}
