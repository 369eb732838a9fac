import COpenSSL
import COpenSSLShims
import Foundation

/// Small helpers shared by the OpenSSL wrappers of this folder: memory BIOs, the error queue, object
/// identifiers and the one-time loading of the legacy provider.
enum OpenSSLSupport {
    /// Loads OpenSSL's *legacy* provider (PKCS#5 PBES1 with DES or RC2, PKCS#12-PBE with RC2 or RC4, PBES2 with
    /// DES or Blowfish) together with the *default* provider: loading any provider explicitly turns off the
    /// implicit default one (docs/platform.md#openssl-3-and-legacy-pbe-schemes). Runs once, thread-safely, and only
    /// when a key needs it.
    static var legacyProviderLoaded: Bool { loadedProviders.count == 2 }

    /// The addresses of the providers loaded for the process's lifetime. Kept (rather than dropped) so that
    /// they stay referenced: LeakSanitizer otherwise reports everything they hold as leaked.
    private static let loadedProviders: [UInt] = {
        let providers = [OSSL_PROVIDER_load(nil, "legacy"), OSSL_PROVIDER_load(nil, "default")]
        ERR_clear_error()
        return providers.compactMap { $0.map { UInt(bitPattern: Int(bitPattern: UnsafeRawPointer($0))) } }
    }()

    /// Drops whatever OpenSSL queued, so one failed parse never colours the next call.
    static func clearErrors() { ERR_clear_error() }

    /// The bytes written to a memory BIO.
    static func contents(of bio: OpaquePointer) -> Data {
        var pointer: UnsafeMutablePointer<CChar>? = nil
        let length = mskesm_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { return Data() }
        return Data(bytes: pointer, count: Int(length))
    }

    /// Runs `body` with a fresh memory BIO and returns what it wrote, or nil when `body` reports failure.
    static func writingToMemory(_ body: (OpaquePointer) -> Bool) -> Data? {
        guard let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard body(bio) else {
            clearErrors()
            return nil
        }
        return contents(of: bio)
    }

    /// Decodes one DER object with a `d2i_…` function.
    static func decode<T>(_ der: Data, _ d2i: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> T?) -> T? {
        der.withUnsafeBytes { raw -> T? in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            let value = d2i(&cursor, raw.count)
            if value == nil { clearErrors() }
            return value
        }
    }

    /// The dotted form of an object identifier, e.g. `1.2.840.113549.1.5.13`.
    static func dottedOID(_ object: OpaquePointer?) -> String {
        guard let object else { return "" }
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard length > 0 else { return "" }
        return string(buffer)
    }

    /// A NUL-terminated C buffer as a String.
    static func string(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of an ASN1_STRING (also ASN1_INTEGER, ASN1_OCTET_STRING).
    static func bytes(of string: UnsafePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    /// Lower-case hex (without `String(format:)`, which goes through CoreFoundation's formatter per byte).
    static func hex(_ bytes: [UInt8], separator: String = "") -> String {
        let digits = Array("0123456789abcdef".utf8)
        return bytes.map { String(decoding: [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]], as: UTF8.self) }
            .joined(separator: separator)
    }

    /// An AlgorithmIdentifier's OID and, when its parameters are a SEQUENCE, their DER (read with
    /// X509_ALGOR_get0, so nothing depends on the struct's layout).
    static func algorithm(_ algorithm: UnsafePointer<X509_ALGOR>?) -> (object: OpaquePointer?, parameters: Data?) {
        guard let algorithm else { return (nil, nil) }
        var object: OpaquePointer? = nil
        var type: Int32 = 0
        var value: UnsafeRawPointer? = nil
        X509_ALGOR_get0(&object, &type, &value, algorithm)
        guard type == V_ASN1_SEQUENCE, let value else { return (object, nil) }
        let sequence = value.assumingMemoryBound(to: ASN1_STRING.self)
        return (object, Data(bytes(of: sequence)))
    }
}
