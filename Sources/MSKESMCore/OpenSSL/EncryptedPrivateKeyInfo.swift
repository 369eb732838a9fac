import COpenSSL
import COpenSSLShims
import Foundation

/// A PKCS#8 EncryptedPrivateKeyInfo (the DER of an `ENCRYPTED PRIVATE KEY` block): which scheme protects
/// the key, read from the AlgorithmIdentifier without decrypting, and decryption with a password.
public final class EncryptedPrivateKeyInfo: @unchecked Sendable {
    let pointer: OpaquePointer
    /// How the key is encrypted: OIDs and OpenSSL's names for scheme, KDF and cipher.
    public let encryption: PBEParameters

    /// Nil when the bytes are not an EncryptedPrivateKeyInfo.
    public init?(der: Data) {
        guard let pointer = OpenSSLSupport.decode(der, { d2i_X509_SIG(nil, $0, $1) }) else { return nil }
        self.pointer = pointer
        var algorithm: UnsafePointer<X509_ALGOR>? = nil
        var digest: UnsafePointer<ASN1_OCTET_STRING>? = nil
        X509_SIG_get0(pointer, &algorithm, &digest)
        encryption = Self.parameters(algorithm)
    }

    deinit { X509_SIG_free(pointer) }

    /// Decrypts with `password`. When the default provider cannot, the legacy provider is loaded and the
    /// attempt repeated, because without it a good password for a DES or RC2 key looks wrong
    /// (docs/platform.md#openssl-3-and-legacy-pbe-schemes).
    public func decrypt(password: String) -> PrivateKey? {
        decrypt(password: password, attempt: attempt)
    }

    /// ``decrypt(password:)`` with the decryption attempt (the key derivation: the costly part) passed in, so
    /// that tests can count the attempts: a key whose parameters are refused must cost none.
    func decrypt(password: String, attempt: (String) -> PrivateKey?) -> PrivateKey? {
        // The key's own parameters set the cost of trying, and OpenSSL's KDFs cannot be interrupted.
        guard !encryption.isExcessivelyCostly else { return nil }
        if let key = attempt(password) { return key }
        guard OpenSSLSupport.legacyProviderLoaded else { return nil }
        return attempt(password)
    }

    private func attempt(_ password: String) -> PrivateKey? {
        let info: OpaquePointer? = password.withCString { PKCS8_decrypt(pointer, $0, Int32(strlen($0))) }
        guard let info else {
            OpenSSLSupport.clearErrors()
            return nil
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        return PrivateKey.fromPrivateKeyInfo(info)
    }

    private static func parameters(_ algorithm: UnsafePointer<X509_ALGOR>?) -> PBEParameters {
        let (scheme, parameters) = OpenSSLSupport.algorithm(algorithm)
        var result = PBEParameters(schemeOID: OpenSSLSupport.dottedOID(scheme), schemeName: name(scheme))
        guard let parameters else { return result }
        if OBJ_obj2nid(scheme) == NID_pbes2 {
            guard let pbes2 = OpenSSLSupport.decode(parameters, { d2i_PBE2PARAM(nil, $0, $1) }) else { return result }
            defer { PBE2PARAM_free(pbes2) }
            let (kdf, kdfParameters) = OpenSSLSupport.algorithm(UnsafePointer(pbes2.pointee.keyfunc))
            result.kdfOID = OpenSSLSupport.dottedOID(kdf)
            result.kdfName = name(kdf)
            let (cipher, _) = OpenSSLSupport.algorithm(UnsafePointer(pbes2.pointee.encryption))
            result.cipherOID = OpenSSLSupport.dottedOID(cipher)
            result.cipherName = name(cipher)
            if OBJ_obj2nid(kdf) == NID_id_pbkdf2, let kdfParameters,
                let pbkdf2 = OpenSSLSupport.decode(kdfParameters, { d2i_PBKDF2PARAM(nil, $0, $1) })
            {
                defer { PBKDF2PARAM_free(pbkdf2) }
                result.iterations = pbkdf2.pointee.iter.map { Int(ASN1_INTEGER_get($0)) }
                let (prf, _) = OpenSSLSupport.algorithm(UnsafePointer(pbkdf2.pointee.prf))
                if let prf {
                    result.prfOID = OpenSSLSupport.dottedOID(prf)
                    result.prfName = name(prf)
                } else {
                    // RFC 8018 §A.2: the PRF defaults to hmacWithSHA1 when absent.
                    result.prfOID = "1.2.840.113549.2.7"
                    result.prfName = "hmacWithSHA1"
                }
            } else if OBJ_obj2nid(kdf) == NID_id_scrypt, let kdfParameters,
                let scrypt = OpenSSLSupport.decode(kdfParameters, { d2i_SCRYPT_PARAMS(nil, $0, $1) })
            {
                defer { SCRYPT_PARAMS_free(scrypt) }
                result.scryptCost = scrypt.pointee.costParameter.map { Int(ASN1_INTEGER_get($0)) }
                result.scryptBlockSize = scrypt.pointee.blockSize.map { Int(ASN1_INTEGER_get($0)) }
                result.scryptParallelization = scrypt.pointee.parallelizationParameter.map { Int(ASN1_INTEGER_get($0)) }
            }
        } else if let pbe = OpenSSLSupport.decode(parameters, { d2i_PBEPARAM(nil, $0, $1) }) {
            defer { PBEPARAM_free(pbe) }
            result.iterations = pbe.pointee.iter.map { Int(ASN1_INTEGER_get($0)) }
        }
        return result
    }

    /// OpenSSL's long name of an object, e.g. `pbeWithMD5AndDES-CBC`, `PBKDF2`, `aes-256-cbc`.
    private static func name(_ object: OpaquePointer?) -> String {
        guard let object else { return "" }
        let nid = OBJ_obj2nid(object)
        guard nid != NID_undef, let name = OBJ_nid2ln(nid) else { return OpenSSLSupport.dottedOID(object) }
        return String(decoding: UnsafeRawBufferPointer(start: name, count: strlen(name)), as: UTF8.self)
    }
}

/// How an encrypted PKCS#8 key is protected, as read from its AlgorithmIdentifier. Never holds the salt
/// or anything derived from the password.
public struct PBEParameters: Sendable, Equatable {
    /// The encryption scheme's OID: 1.2.840.113549.1.5.13 for PBES2, 1.2.840.113549.1.5.x for PBES1,
    /// 1.2.840.113549.1.12.1.x for PKCS#12 PBE.
    public var schemeOID: String
    /// OpenSSL's short name for the scheme, e.g. `PBES2` or `pbeWithSHA1And3-KeyTripleDES-CBC`.
    public var schemeName: String
    /// PBES2 only: the key-derivation function (PBKDF2 1.2.840.113549.1.5.12 or scrypt 1.3.6.1.4.1.11591.4.11).
    public var kdfOID: String?
    /// OpenSSL's name for the key-derivation function.
    public var kdfName: String?
    /// PBES2 with PBKDF2 only: the pseudo-random function.
    public var prfOID: String?
    /// OpenSSL's name for the pseudo-random function, e.g. `hmacWithSHA256`.
    public var prfName: String?
    /// PBES2 only: the cipher.
    public var cipherOID: String?
    /// OpenSSL's name for the cipher, e.g. `AES-256-CBC`.
    public var cipherName: String?
    /// The iteration count (PBES1, PKCS#12 PBE, PBKDF2).
    public var iterations: Int?
    /// scrypt's cost parameter N.
    public var scryptCost: Int?
    /// scrypt's block size r.
    public var scryptBlockSize: Int?
    /// scrypt's parallelization p.
    public var scryptParallelization: Int?

    /// The most PBKDF2/PKCS#12 iterations tried (OpenSSL 3 writes 2048, other tools up to a few hundred thousand).
    public static let maximumIterations = 10_000_000
    /// The most scrypt work N·r·p tried (OpenSSL's default N=16384, r=8, p=1 is 131072).
    public static let maximumScryptWork = 1 << 22

    /// Whether trying a password would take unreasonably long: the iteration count or scrypt's N·r·p is
    /// absurd (or does not fit). A hostile or broken key must not hang `secret validate` for hours; such a
    /// key is treated as one the password does not open.
    public var isExcessivelyCostly: Bool {
        if let iterations, iterations < 0 || iterations > Self.maximumIterations { return true }
        if scryptCost != nil || scryptBlockSize != nil || scryptParallelization != nil {
            let factors = [scryptCost ?? 1, scryptBlockSize ?? 1, scryptParallelization ?? 1]
            guard factors.allSatisfy({ $0 > 0 && $0 <= Self.maximumScryptWork }) else { return true }
            let work = factors.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            return work > Self.maximumScryptWork
        }
        return false
    }

    /// Parameters naming only the scheme; the others are filled in as the AlgorithmIdentifier is read.
    public init(schemeOID: String, schemeName: String) {
        self.schemeOID = schemeOID
        self.schemeName = schemeName
    }
}
