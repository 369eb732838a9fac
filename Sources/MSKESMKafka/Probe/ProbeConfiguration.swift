import Foundation
import MSKESMAWS
import MSKESMCore

/// What to probe and how: the brokers, the authentication method (the names of `brokers explain`), the
/// secret's values, trust anchors, the topic and group Lambda would read, and the timeout of each step.
public struct ProbeConfiguration: Sendable {
    /// `host:port` of each broker to probe, in order.
    public var brokers: [String]
    public var method: AuthMethod
    /// The secret's value (a JSON document as Secrets Manager stores it), for mtls, scram-*, basic.
    public var secretJSON: String?
    /// Names the secret in findings (a path or an ARN), never its content.
    public var secretLabel: String?
    /// Extra CA certificates (PEM file) to trust besides the system's.
    public var caFile: String?
    /// Extra CA certificates as PEM text (a SERVER_ROOT_CA_CERTIFICATE secret's `certificate`).
    public var extraCAPEM: String?
    public var topic: String?
    public var group: String?
    /// Seconds each step may take (DNS excepted: the resolver has its own timeouts).
    public var timeout: Double
    /// For `iam`: the credentials and the region of the signature.
    public var iamCredentials: AWSCredentials?
    public var region: String?
    /// Self-managed Kafka (for the wording of the TLS findings).
    public var selfManaged: Bool
    /// For `oauthbearer`: scope, audience and the Confluent Cloud extensions (the mapping's OAUTHBEARER_* values).
    public var oauth = OAuthBearerSettings()
    /// For `oauthbearer`: a PEM bundle the token endpoint's certificate must lead to, instead of the system's
    /// roots (a private identity provider, or the tests' local one).
    public var tokenEndpointCAFile: String?
    /// `--debug`: one line per Kafka request and answer (API, version, sizes, time) and per TLS handshake.
    /// Never the SASL bytes, so no password, proof or signature.
    public var trace: (@Sendable (String) -> Void)?
    /// Brokers whose addresses do not come from the user (metadata leaders) are never contacted: only the
    /// listed ones and, for the group, the coordinator the brokers name.
    public init(
        brokers: [String], method: AuthMethod, secretJSON: String? = nil, secretLabel: String? = nil,
        caFile: String? = nil, extraCAPEM: String? = nil, topic: String? = nil, group: String? = nil,
        timeout: Double = 5, iamCredentials: AWSCredentials? = nil, region: String? = nil, selfManaged: Bool = true
    ) {
        self.brokers = brokers
        self.method = method
        self.secretJSON = secretJSON
        self.secretLabel = secretLabel
        self.caFile = caFile
        self.extraCAPEM = extraCAPEM
        self.topic = topic
        self.group = group
        self.timeout = timeout
        self.iamCredentials = iamCredentials
        self.region = region
        self.selfManaged = selfManaged
    }

    /// Adds PEM certificates (e.g. the text of `--ca-file`) to the extra trust anchors.
    public mutating func trust(_ pem: String?) {
        guard let pem else { return }
        extraCAPEM = [extraCAPEM, pem].compactMap { $0 }.joined(separator: "\n")
    }

    /// TLS under the method: everything but plaintext (SASL/SCRAM and PLAIN need TLS with Lambda,
    /// https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html;
    /// MSK's IAM listener is TLS).
    public var usesTLS: Bool { method != .plaintext }

    /// The SASL mechanism name Kafka uses for the method, if any.
    public var saslMechanism: String? {
        switch method {
        case .scram512: "SCRAM-SHA-512"
        case .scram256: "SCRAM-SHA-256"
        case .basic: "PLAIN"
        case .iam: "AWS_MSK_IAM"
        case .oauthbearer, .iamOAuthbearer: "OAUTHBEARER"
        case .mtls, .tls, .plaintext: nil
        }
    }

    /// The region from an MSK broker host name (`b-1.name.abc123.c2.kafka.us-east-1.amazonaws.com`).
    public static func region(fromBrokerHost host: String) -> String? {
        let labels = host.lowercased().split(separator: ".")
        guard let kafka = labels.firstIndex(of: "kafka"), kafka + 1 < labels.count else { return nil }
        return String(labels[kafka + 1])
    }

    /// `host` and `port` of `host:port` (also `[v6]:port`), port 1–65535.
    static func split(_ broker: String) -> (host: String, port: Int)? {
        BrokerAddress(broker).map { ($0.host, $0.port) }
    }
}

/// The secret's values the probe needs, read from its JSON.
struct ProbeSecret {
    var username: String?
    var password: String?
    var certificate: String?
    var privateKey: String?
    var privateKeyPassword: String?

    init?(json: String) {
        guard let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        username = object["username"] as? String
        password = object["password"] as? String
        certificate = object["certificate"] as? String
        privateKey = object["privateKey"] as? String
        privateKeyPassword = object["privateKeyPassword"] as? String
    }
}

/// The mTLS identity as Lambda would load it: the `certificate` chain (the first block is the client's
/// certificate) and the `privateKey`, which must be PKCS#8, plain or PBES1/PKCS#12-PBE encrypted
/// (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).
struct ClientIdentity {
    var chain: [Certificate] = []
    var key: PrivateKey?
    /// Why Lambda would reject the secret ("Provided certificate or private key is invalid").
    var problems: [String] = []
    /// The key cannot be used at all (not loaded, or not the first certificate's key).
    var unusable = false

    init(secret: ProbeSecret) {
        let certificates = PEMDocument(text: secret.certificate ?? "").blocks.filter { $0.kind == .certificate }
        chain = certificates.compactMap { Certificate(der: $0.der) }
        if chain.isEmpty {
            problems.append("the secret's certificate holds no readable CERTIFICATE block")
            unusable = true
        }
        let keyBlocks = PEMDocument(text: secret.privateKey ?? "").blocks.filter { $0.kind.isPrivateKey }
        guard let block = keyBlocks.first else {
            problems.append("the secret's privateKey holds no readable private-key block")
            unusable = true
            return
        }
        if keyBlocks.count > 1 { problems.append("the secret holds \(keyBlocks.count) private keys") }
        let password = secret.privateKeyPassword.flatMap { $0.isEmpty ? nil : $0 }
        switch block.kind {
        case .pkcs8:
            key = PrivateKey.pkcs8(der: block.der)
        case .encryptedPKCS8:
            if let info = EncryptedPrivateKeyInfo(der: block.der) {
                if info.encryption.schemeOID == "1.2.840.113549.1.5.13" {
                    problems.append("the key is encrypted with PBES2; Lambda reads PBES1 keys only")
                }
                if let password {
                    key = info.decrypt(password: password)
                    if key == nil { problems.append("privateKeyPassword does not decrypt the key") }
                } else {
                    problems.append("the key is encrypted but the secret has no privateKeyPassword")
                }
            }
        default:
            problems.append("the key is \(block.label), not PKCS#8 (BEGIN PRIVATE KEY)")
            key = PrivateKey.traditional(pem: block.pem, password: password)
        }
        guard let key else {
            if problems.isEmpty { problems.append("the private key does not load") }
            unusable = true
            return
        }
        if let leaf = chain.first, !key.matches(leaf) {
            let matching = chain.firstIndex { key.matches($0) }
            problems.append(
                matching.map {
                    "the key belongs to certificate \($0 + 1) of the chain, not the first: the client's certificate must come first"
                } ?? "the private key does not match the first certificate of the chain")
            unusable = true
        }
    }
}
