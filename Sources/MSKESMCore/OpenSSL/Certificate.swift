import COpenSSL
import COpenSSLShims
import Foundation

/// One X.509 certificate, parsed by OpenSSL. Immutable once made; the OpenSSL object is freed with it.
public final class Certificate: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The DER encoding, as it appeared in the PEM block.
    public let der: Data

    /// Parses DER; nil when the bytes are not one X.509 certificate.
    public init?(der: Data) {
        guard let pointer = OpenSSLSupport.decode(der, { d2i_X509(nil, $0, $1) }) else { return nil }
        // d2i reads one certificate and ignores what follows; bytes after it mean a damaged block.
        guard i2d_X509(pointer, nil) == Int32(der.count) else {
            X509_free(pointer)
            return nil
        }
        self.pointer = pointer
        self.der = der
    }

    deinit { X509_free(pointer) }

    /// The subject in RFC 2253 form, most specific first (`CN=client,O=Example`).
    public var subject: String { Self.name(X509_get_subject_name(pointer)) }
    /// The issuer in RFC 2253 form.
    public var issuer: String { Self.name(X509_get_issuer_name(pointer)) }

    /// The serial number in lower-case hex.
    public var serial: String {
        let bytes = OpenSSLSupport.bytes(of: X509_get0_serialNumber(pointer))
        let hex = OpenSSLSupport.hex(bytes)
        let trimmed = hex.drop(while: { $0 == "0" })
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// The start of the validity period; nil when OpenSSL cannot read the time.
    public var notBefore: Date? { Self.date(X509_get0_notBefore(pointer)) }
    /// The end of the validity period; nil when OpenSSL cannot read the time.
    public var notAfter: Date? { Self.date(X509_get0_notAfter(pointer)) }

    /// The certificate's public key (kept alive by the certificate).
    var publicKey: OpaquePointer? { X509_get0_pubkey(pointer) }

    /// basicConstraints CA:TRUE.
    public var isCA: Bool { X509_get_extension_flags(pointer) & UInt32(EXFLAG_CA) != 0 }

    /// basicConstraints pathLenConstraint, when the certificate sets one.
    public var pathLength: Int? {
        let value = X509_get_pathlen(pointer)
        return value >= 0 ? Int(value) : nil
    }

    /// keyUsage bits (KU_*), or nil when the extension is absent (then every usage is allowed).
    public var keyUsage: UInt32? {
        guard X509_get_extension_flags(pointer) & UInt32(EXFLAG_KUSAGE) != 0 else { return nil }
        return X509_get_key_usage(pointer)
    }

    /// extendedKeyUsage bits (XKU_*), or nil when the extension is absent.
    public var extendedKeyUsage: UInt32? {
        guard X509_get_extension_flags(pointer) & UInt32(EXFLAG_XKUSAGE) != 0 else { return nil }
        return X509_get_extended_key_usage(pointer)
    }

    /// keyUsage allows digitalSignature (or the extension is absent).
    public var allowsDigitalSignature: Bool { keyUsage.map { $0 & UInt32(KU_DIGITAL_SIGNATURE) != 0 } ?? true }
    /// keyUsage allows keyCertSign (or the extension is absent).
    public var allowsCertificateSigning: Bool { keyUsage.map { $0 & UInt32(KU_KEY_CERT_SIGN) != 0 } ?? true }
    /// extendedKeyUsage lists clientAuth or anyExtendedKeyUsage (or the extension is absent).
    public var allowsClientAuthentication: Bool {
        extendedKeyUsage.map { $0 & UInt32(XKU_SSL_CLIENT | XKU_ANYEKU) != 0 } ?? true
    }

    /// Subject and issuer are the same name.
    public var isSelfIssued: Bool {
        X509_NAME_cmp(X509_get_subject_name(pointer), X509_get_issuer_name(pointer)) == 0
    }

    /// This certificate's issuer name is `other`'s subject name.
    public func namesIssuer(_ other: Certificate) -> Bool {
        X509_NAME_cmp(X509_get_issuer_name(pointer), X509_get_subject_name(other.pointer)) == 0
    }

    /// The signature on this certificate verifies with `other`'s public key.
    public func isSigned(by other: Certificate) -> Bool {
        guard let key = other.publicKey else { return false }
        let result = X509_verify(pointer, key)
        OpenSSLSupport.clearErrors()
        return result == 1
    }

    /// The public key's algorithm and size.
    public var keyDescription: KeyDescription? { publicKey.map(KeyDescription.init(key:)) }

    /// SHA-256 over the DER, as `openssl x509 -fingerprint -sha256` prints it (upper-case, colon-separated).
    public var sha256Fingerprint: String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(pointer, EVP_sha256(), &digest, &length) == 1 else { return "" }
        return OpenSSLSupport.hex(Array(digest.prefix(Int(length))), separator: ":").uppercased()
    }

    private static func name(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let data = OpenSSLSupport.writingToMemory { bio in
            X509_NAME_print_ex(bio, name, 0, mskesm_XN_FLAG_RFC2253()) >= 0
        }
        return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}

/// A public or private key's algorithm and size, without any key material.
public struct KeyDescription: Sendable, Equatable {
    /// `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA`, or OpenSSL's name for another type.
    public var type: String
    /// The key size in bits, e.g. 2048 for RSA or 256 for P-256.
    public var bits: Int
    /// The named curve of an EC key (`prime256v1`), nil for other types.
    public var curve: String?

    init(key: OpaquePointer) {
        let id = EVP_PKEY_get_base_id(key)
        switch id {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: type = "RSA"
        case EVP_PKEY_EC: type = "EC"
        case EVP_PKEY_ED25519: type = "Ed25519"
        case EVP_PKEY_ED448: type = "Ed448"
        case EVP_PKEY_DSA: type = "DSA"
        default:
            if let name = EVP_PKEY_get0_type_name(key) {
                type = String(cString: name)
            } else {
                type = "unknown"
            }
        }
        bits = Int(EVP_PKEY_get_bits(key))
        if id == EVP_PKEY_EC {
            var buffer = [CChar](repeating: 0, count: 64)
            var length = 0
            if EVP_PKEY_get_utf8_string_param(key, "group", &buffer, buffer.count, &length) == 1 {
                curve = OpenSSLSupport.string(buffer)
            } else {
                curve = nil
            }
        } else {
            curve = nil
        }
        OpenSSLSupport.clearErrors()
    }
}
