/// What `secret validate` examined: the summary of its ``CheckReport`` (docs/output.md).
///
/// Never holds a private key, a password or a client secret: only their lengths and descriptions.
public struct SecretSummary: ReportSummary {
    /// The input's label: a file name, `-`, or the secret's ARN.
    public var input: String?
    /// The secret's size in bytes.
    public var sizeBytes: Int?
    /// Amazon MSK's rules or self-managed Kafka's.
    public var rules: SecretTarget?
    /// The secret's type, forced or detected; nil when it could not be told.
    public var secretType: SecretType?

    /// SASL/SCRAM and BASIC_AUTH: the user name.
    public var username: String?
    /// The password's (or the private key password's) length in characters.
    public var passwordLength: Int?
    /// mTLS and root-CA secrets: the certificates, in the order given (repaired order after `secret fix`).
    public var certificates: [CertificateSummary]?
    /// mTLS: the private key.
    public var key: PrivateKeySummary?
    /// OAuth: the client id.
    public var clientId: String?
    /// OAuth: the client secret's length in characters.
    public var clientSecretLength: Int?
    /// OAuth: the token endpoint, without user information or query (either may hold a credential).
    public var tokenEndpoint: String?

    /// `--secret-id`: the secret's ARN, its Region, its KMS key and that key's manager (`AWS` or `CUSTOMER`),
    /// and the cluster it was checked against (`--cluster`).
    public var secretId: String?
    /// The Region the secret was read in.
    public var region: String?
    /// The secret's KMS key (`KmsKeyId` of `DescribeSecret`), which Secrets Manager omits for the AWS managed key
    /// `aws/secretsmanager`.
    public var kmsKeyId: String?
    /// The key's `KeyManager` from `DescribeKey`: `AWS` or `CUSTOMER`; an MSK SCRAM secret needs `CUSTOMER` (SEC017).
    public var keyManager: String?
    /// The MSK cluster ARN the secret was checked against (`--cluster`).
    public var cluster: String?

    /// `secret fix`: where the corrected secret was written, and what was changed.
    public var written: String?
    /// The changes `secret fix` made, one line each, never holding secret values.
    public var changes: [String]?

    /// A summary with what is known before any check; the checks fill in the rest.
    public init(input: String? = nil, sizeBytes: Int? = nil, rules: SecretTarget? = nil) {
        self.input = input
        self.sizeBytes = sizeBytes
        self.rules = rules
    }
}

/// One certificate of a secret, as ``SecretSummary/certificates`` lists it.
public struct CertificateSummary: Codable, Sendable, Equatable {
    /// The certificate's subject distinguished name.
    public var subject: String
    /// The issuer's distinguished name.
    public var issuer: String
    /// The serial number in hexadecimal.
    public var serial: String
    /// Whether basicConstraints marks it a CA.
    public var isCA: Bool
    /// basicConstraints' path length constraint; `null` in JSON when there is none.
    public var pathLength: Int?
    /// The SHA-256 fingerprint of the DER encoding.
    public var sha256: String
    /// Validity, as ISO 8601 instants.
    public var notBefore: String?
    /// The end of the validity period, as an ISO 8601 instant.
    public var notAfter: String?
    /// The public key: `RSA`, `EC`, …, its size in bits and the EC curve.
    public var keyType: String?
    /// The public key's size in bits.
    public var keyBits: Int?
    /// The EC curve's name, for EC keys.
    public var keyCurve: String?

    /// The summary of `certificate`, without its DER bytes.
    public init(_ certificate: Certificate) {
        subject = certificate.subject
        issuer = certificate.issuer
        serial = certificate.serial
        isCA = certificate.isCA
        pathLength = certificate.pathLength
        sha256 = certificate.sha256Fingerprint
        notBefore = certificate.notBefore.map(ISO8601Instant.format)
        notAfter = certificate.notAfter.map(ISO8601Instant.format)
        keyType = certificate.keyDescription?.type
        keyBits = certificate.keyDescription?.bits
        keyCurve = certificate.keyDescription?.curve
    }

    enum CodingKeys: String, CodingKey {
        case subject, issuer, serial, isCA, pathLength, sha256, notBefore, notAfter, keyType, keyBits, keyCurve
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subject = try container.decode(String.self, forKey: .subject)
        issuer = try container.decode(String.self, forKey: .issuer)
        serial = try container.decode(String.self, forKey: .serial)
        isCA = try container.decode(Bool.self, forKey: .isCA)
        pathLength = try container.decodeIfPresent(Int.self, forKey: .pathLength)
        sha256 = try container.decode(String.self, forKey: .sha256)
        notBefore = try container.decodeIfPresent(String.self, forKey: .notBefore)
        notAfter = try container.decodeIfPresent(String.self, forKey: .notAfter)
        keyType = try container.decodeIfPresent(String.self, forKey: .keyType)
        keyBits = try container.decodeIfPresent(Int.self, forKey: .keyBits)
        keyCurve = try container.decodeIfPresent(String.self, forKey: .keyCurve)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(serial, forKey: .serial)
        try container.encode(isCA, forKey: .isCA)
        try container.encode(pathLength, forKey: .pathLength)  // an explicit null: "no constraint"
        try container.encode(sha256, forKey: .sha256)
        try container.encodeIfPresent(notBefore, forKey: .notBefore)
        try container.encodeIfPresent(notAfter, forKey: .notAfter)
        try container.encodeIfPresent(keyType, forKey: .keyType)
        try container.encodeIfPresent(keyBits, forKey: .keyBits)
        try container.encodeIfPresent(keyCurve, forKey: .keyCurve)
    }
}

/// The private key of an mTLS secret, as ``SecretSummary/key`` describes it: never its bytes or password.
public struct PrivateKeySummary: Codable, Sendable, Equatable {
    /// How the key is written: PKCS#8, encrypted PKCS#8, or a traditional (PKCS#1 / SEC1) block.
    public var format: String
    /// Whether the key is encrypted (an encrypted PKCS#8 block or a `Proc-Type: 4,ENCRYPTED` header).
    public var encrypted: Bool
    /// The key's type (`RSA`, `EC`, …), size and curve, when it could be read.
    public var type: String?
    /// The key's size in bits.
    public var bits: Int?
    /// The EC curve's name, for EC keys.
    public var curve: String?
    /// How it is encrypted, when it is.
    public var encryption: Encryption?

    /// The encryption of a private key: the PBES scheme of an encrypted PKCS#8 key, or the cipher of a
    /// traditional `Proc-Type: 4,ENCRYPTED` block (which has only `scheme` and `cipher`).
    public struct Encryption: Codable, Sendable, Equatable {
        /// The scheme's name as OpenSSL gives it, e.g. `PBES2` or `pbeWithSHA1And3-KeyTripleDES-CBC`; for a
        /// traditional block, `Proc-Type: 4,ENCRYPTED (traditional PEM)`.
        public var scheme: String
        /// The scheme's object identifier (encrypted PKCS#8 only).
        public var schemeOID: String?
        /// `pbes1`, `pkcs12-pbe`, `pbes2` or `unknown`.
        public var family: String?
        /// The key derivation function, e.g. `PKCS#12 KDF (SHA-1)`, or PBKDF2 or scrypt under PBES2.
        public var kdf: String?
        /// The cipher that encrypts the key, e.g. `3-key Triple DES-CBC`; for a traditional block, its `DEK-Info`
        /// cipher.
        public var cipher: String
        /// The name `openssl pkcs8 -v1` takes for the scheme.
        public var openSSLName: String?
        /// The key derivation function's object identifier (PBES2 only).
        public var kdfOID: String?
        /// The object identifier of PBKDF2's pseudo-random function, e.g. HMAC-SHA256 (PBES2 with PBKDF2 only).
        public var prfOID: String?
        /// The cipher's object identifier (PBES2 only).
        public var cipherOID: String?
        /// The key derivation's iteration count.
        public var iterations: Int?
        /// scrypt's cost parameter N.
        public var scryptCost: Int?

        /// An encryption known only by `scheme` and `cipher`, as a traditional block's `DEK-Info` gives them.
        public init(scheme: String, cipher: String) {
            self.scheme = scheme
            self.cipher = cipher
        }
    }

    /// A summary of a key written as `format`; the type and encryption are filled in when they can be read.
    public init(format: String, encrypted: Bool) {
        self.format = format
        self.encrypted = encrypted
    }
}
