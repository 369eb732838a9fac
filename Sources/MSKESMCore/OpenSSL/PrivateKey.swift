import COpenSSL
import COpenSSLShims
import Foundation

/// A private key that OpenSSL has loaded. It never prints itself: the only ways out of it are the PKCS#8
/// writers, which `secret fix` uses for the file the user asked for.
public final class PrivateKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// Algorithm and size.
    public var keyDescription: KeyDescription { KeyDescription(key: pointer) }

    /// Loads an unencrypted PKCS#8 PrivateKeyInfo (the DER of a `PRIVATE KEY` block).
    public static func pkcs8(der: Data) -> PrivateKey? {
        guard let info = OpenSSLSupport.decode(der, { d2i_PKCS8_PRIV_KEY_INFO(nil, $0, $1) }) else { return nil }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        return fromPrivateKeyInfo(info)
    }

    static func fromPrivateKeyInfo(_ info: OpaquePointer) -> PrivateKey? {
        guard let key = EVP_PKCS82PKEY(info) else {
            OpenSSLSupport.clearErrors()
            return nil
        }
        return PrivateKey(taking: key)
    }

    /// Loads a traditional PEM key (PKCS#1 `RSA PRIVATE KEY`, SEC1 `EC PRIVATE KEY`, `DSA PRIVATE KEY`),
    /// plain or with `Proc-Type: 4,ENCRYPTED`. `pem` is the whole block. Nil when it does not load, e.g.
    /// because the password is wrong or missing. Never prompts on a terminal.
    public static func traditional(pem: String, password: String?) -> PrivateKey? {
        if let key = loadTraditional(pem: pem, password: password) { return key }
        // DES-encrypted traditional keys need the legacy provider; only then is a failure conclusive.
        guard password != nil, OpenSSLSupport.legacyProviderLoaded else { return nil }
        return loadTraditional(pem: pem, password: password)
    }

    private static func loadTraditional(pem: String, password: String?) -> PrivateKey? {
        let bytes = Array(pem.utf8)
        let key: OpaquePointer? = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            if let password {
                // With no callback, OpenSSL reads the user-data pointer as the NUL-terminated passphrase.
                return password.withCString {
                    PEM_read_bio_PrivateKey(bio, nil, nil, UnsafeMutableRawPointer(mutating: $0))
                }
            }
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil)
        }
        guard let key else {
            OpenSSLSupport.clearErrors()
            return nil
        }
        return PrivateKey(taking: key)
    }

    /// The key's public half equals the certificate's public key.
    public func matches(_ certificate: Certificate) -> Bool {
        guard let publicKey = certificate.publicKey else { return false }
        let result = EVP_PKEY_eq(pointer, publicKey)
        OpenSSLSupport.clearErrors()
        return result == 1
    }

    /// Unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public func pkcs8PEM() -> String? {
        let data = OpenSSLSupport.writingToMemory { bio in
            PEM_write_bio_PKCS8PrivateKey(bio, pointer, nil, nil, 0, nil, nil) == 1
        }
        return data.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Encrypted PKCS#8 PEM (`-----BEGIN ENCRYPTED PRIVATE KEY-----`) under a PKCS#5 v1.5 or PKCS#12 PBE
    /// scheme, with OpenSSL's default salt and iteration count (as `openssl pkcs8 -topk8 -v1 …` writes).
    public func encryptedPKCS8PEM(scheme: PBEWriteScheme, password: String) -> String? {
        if scheme.needsLegacyProvider && !OpenSSLSupport.legacyProviderLoaded { return nil }
        let data = OpenSSLSupport.writingToMemory { bio in
            password.withCString { pass in
                PEM_write_bio_PKCS8PrivateKey_nid(
                    bio, pointer, scheme.nid, pass, Int32(strlen(pass)), nil, nil) == 1
            }
        }
        return data.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The PBE schemes `secret fix` writes: the two that Lambda's Java-based poller most likely reads
/// (docs/aws-facts.md#pbe-scheme-identification).
public enum PBEWriteScheme: String, Sendable, CaseIterable {
    /// PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC, OID 1.2.840.113549.1.12.1.3 (`-v1 PBE-SHA1-3DES`).
    case pbeSHA1TripleDES = "PBE-SHA1-3DES"
    /// PKCS#5 PBES1 pbeWithMD5AndDES-CBC, OID 1.2.840.113549.1.5.3 (`-v1 PBE-MD5-DES`); needs the legacy provider.
    case pbeMD5DES = "PBE-MD5-DES"

    var nid: Int32 {
        switch self {
        case .pbeSHA1TripleDES: NID_pbe_WithSHA1And3_Key_TripleDES_CBC
        case .pbeMD5DES: NID_pbeWithMD5AndDES_CBC
        }
    }

    var needsLegacyProvider: Bool { self == .pbeMD5DES }

    /// The scheme's object identifier.
    public var oid: String {
        switch self {
        case .pbeSHA1TripleDES: "1.2.840.113549.1.12.1.3"
        case .pbeMD5DES: "1.2.840.113549.1.5.3"
        }
    }
}
