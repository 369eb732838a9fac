/// What the tool knows about each password-based encryption scheme of PKCS#8 keys
/// (docs/aws-facts.md#pbe-scheme-identification): its family, the name `openssl pkcs8 -v1` uses, its KDF and cipher,
/// and whether OpenSSL 3 needs the legacy provider to read it.
package struct PBEScheme: Sendable, Equatable {
    /// The standard a scheme comes from.
    package enum Family: String, Sendable {
        /// RFC 8018 PBES2 (1.2.840.113549.1.5.13): Lambda documents it as unsupported.
        case pbes2
        /// RFC 8018 PKCS#5 v1.5 PBES1 (1.2.840.113549.1.5.x).
        case pbes1
        /// RFC 7292 PKCS#12 PBE (1.2.840.113549.1.12.1.x).
        case pkcs12PBE = "pkcs12-pbe"
        /// An OID this catalogue does not know.
        case unknown
    }

    /// The AlgorithmIdentifier's OID.
    package var oid: String
    package var family: Family
    /// The `openssl pkcs8 -topk8 -v1` name, nil for PBES2 and unknown schemes.
    package var openSSLName: String?
    /// The key-derivation function, e.g. `PBKDF1 (MD5)`, `PBKDF2 (hmacWithSHA256)`, `scrypt`.
    package var kdf: String
    /// The cipher, e.g. `DES-CBC`, `aes-256-cbc`.
    package var cipher: String
    /// OpenSSL 3 reads it only with `-provider legacy -provider default`.
    package var needsLegacyProvider: Bool
    /// OpenSSL 3 cannot read it at all (the MD2 schemes).
    package var unreadable: Bool

    /// The two schemes Lambda's Java-based poller most likely reads: pbeWithMD5AndDES-CBC and
    /// pbeWithSHAAnd3-KeyTripleDES-CBC (an inference from the JCA names SunJCE resolves:
    /// docs/aws-facts.md#pbe-scheme-identification).
    package static let lambdaSafeOIDs: Set<String> = ["1.2.840.113549.1.5.3", "1.2.840.113549.1.12.1.3"]

    /// The scheme is one of `lambdaSafeOIDs`.
    package var isLambdaSafe: Bool { Self.lambdaSafeOIDs.contains(oid) }

    /// The scheme of an encrypted key, from its parameters.
    package static func describe(_ parameters: PBEParameters) -> PBEScheme {
        if parameters.schemeOID == pbes2OID {
            let legacyCiphers: Set<String> = [
                "1.3.14.3.2.7",  // des-cbc
                "1.2.840.113549.3.2",  // rc2-cbc
                "1.3.6.1.4.1.3029.1.2",  // bf-cbc
                "1.2.840.113533.7.66.10",  // cast5-cbc
            ]
            var kdf = parameters.kdfName ?? "unknown KDF"
            if let prf = parameters.prfName { kdf += " (\(prf))" }
            return PBEScheme(
                oid: pbes2OID, family: .pbes2, openSSLName: nil, kdf: kdf,
                cipher: parameters.cipherName ?? "unknown cipher",
                needsLegacyProvider: legacyCiphers.contains(parameters.cipherOID ?? ""), unreadable: false)
        }
        if let known = table[parameters.schemeOID] { return known }
        return PBEScheme(
            oid: parameters.schemeOID, family: .unknown, openSSLName: nil, kdf: "unknown", cipher: "unknown",
            needsLegacyProvider: false, unreadable: false)
    }

    static let pbes2OID = "1.2.840.113549.1.5.13"

    private static let table: [String: PBEScheme] = {
        let rows: [(String, Family, String?, String, String, Bool, Bool)] = [
            ("1.2.840.113549.1.5.1", .pbes1, nil, "PBKDF1 (MD2)", "DES-CBC", true, true),
            ("1.2.840.113549.1.5.4", .pbes1, nil, "PBKDF1 (MD2)", "RC2-CBC (64-bit key)", true, true),
            ("1.2.840.113549.1.5.3", .pbes1, "PBE-MD5-DES", "PBKDF1 (MD5)", "DES-CBC", true, false),
            ("1.2.840.113549.1.5.6", .pbes1, "PBE-MD5-RC2-64", "PBKDF1 (MD5)", "RC2-CBC (64-bit key)", true, false),
            ("1.2.840.113549.1.5.10", .pbes1, "PBE-SHA1-DES", "PBKDF1 (SHA-1)", "DES-CBC", true, false),
            ("1.2.840.113549.1.5.11", .pbes1, "PBE-SHA1-RC2-64", "PBKDF1 (SHA-1)", "RC2-CBC (64-bit key)", true, false),
            (
                "1.2.840.113549.1.12.1.1", .pkcs12PBE, "PBE-SHA1-RC4-128", "PKCS#12 KDF (SHA-1)", "RC4 (128-bit key)",
                true, false
            ),
            (
                "1.2.840.113549.1.12.1.2", .pkcs12PBE, "PBE-SHA1-RC4-40", "PKCS#12 KDF (SHA-1)", "RC4 (40-bit key)",
                true, false
            ),
            (
                "1.2.840.113549.1.12.1.3", .pkcs12PBE, "PBE-SHA1-3DES", "PKCS#12 KDF (SHA-1)", "3-key Triple DES-CBC",
                false, false
            ),
            (
                "1.2.840.113549.1.12.1.4", .pkcs12PBE, "PBE-SHA1-2DES", "PKCS#12 KDF (SHA-1)", "2-key Triple DES-CBC",
                false, false
            ),
            (
                "1.2.840.113549.1.12.1.5", .pkcs12PBE, "PBE-SHA1-RC2-128", "PKCS#12 KDF (SHA-1)",
                "RC2-CBC (128-bit key)", true, false
            ),
            (
                "1.2.840.113549.1.12.1.6", .pkcs12PBE, "PBE-SHA1-RC2-40", "PKCS#12 KDF (SHA-1)", "RC2-CBC (40-bit key)",
                true, false
            ),
        ]
        var table: [String: PBEScheme] = [:]
        for (oid, family, name, kdf, cipher, legacy, unreadable) in rows {
            table[oid] = PBEScheme(
                oid: oid, family: family, openSSLName: name, kdf: kdf, cipher: cipher, needsLegacyProvider: legacy,
                unreadable: unreadable)
        }
        return table
    }()
}
