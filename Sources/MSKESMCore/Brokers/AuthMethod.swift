/// How Lambda authenticates to the brokers; the `method` of `brokers explain` (DESIGN §4).
public enum AuthMethod: String, Codable, Sendable, CaseIterable {
    case mtls
    case scram512 = "scram-512"
    case scram256 = "scram-256"
    case basic
    case iam
    /// Unauthenticated TLS.
    case tls
    case plaintext

    /// The `SourceAccessConfigurations` type whose secret selects this method, if any (SPEC §1.4).
    public var sourceAccessType: String? {
        switch self {
        case .mtls: "CLIENT_CERTIFICATE_TLS_AUTH"
        case .scram512: "SASL_SCRAM_512_AUTH"
        case .scram256: "SASL_SCRAM_256_AUTH"
        case .basic: "BASIC_AUTH"
        case .iam, .tls, .plaintext: nil
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
        case .tls: "unauthenticated TLS"
        case .plaintext: "plaintext"
        }
    }
}
