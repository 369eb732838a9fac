import COpenSSL
import Foundation

/// SHA-256 and HMAC-SHA256 over libcrypto's EVP API (what the Signature V4 signer needs), and SHA-1 for the
/// names AWS tools give cache files (the SSO token cache).
package enum Digest {
    /// The SHA-256 digest of `data` (32 bytes).
    package static func sha256<Bytes: DataProtocol>(_ data: Bytes) -> [UInt8] {
        digest(data, EVP_sha256(), name: "SHA-256")
    }

    /// The SHA-1 digest of the UTF-8 bytes of `text` (20 bytes). Only for naming, never for security.
    package static func sha1(_ text: String) -> [UInt8] {
        digest(Array(text.utf8), EVP_sha1(), name: "SHA-1")
    }

    private static func digest<Bytes: DataProtocol>(_ data: Bytes, _ type: OpaquePointer?, name: String) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let contiguous = Array(data)
        let ok = contiguous.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                EVP_Digest(
                    input.baseAddress, input.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length,
                    type, nil)
            }
        }
        // EVP_Digest fails only on allocation failure; there is no useful recovery.
        precondition(ok == 1, "EVP_Digest(\(name)) failed")
        return Array(output.prefix(Int(length)))
    }

    /// The SHA-256 digest of the UTF-8 bytes of `text`.
    package static func sha256(_ text: String) -> [UInt8] {
        sha256(Array(text.utf8))
    }

    /// HMAC-SHA256 of `data` under `key` (32 bytes).
    package static func hmacSHA256<Key: DataProtocol, Bytes: DataProtocol>(key: Key, _ data: Bytes) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let keyBytes = Array(key)
        let dataBytes = Array(data)
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            dataBytes.withUnsafeBytes { dataBuffer in
                output.withUnsafeMutableBytes { out in
                    HMAC(
                        EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count),
                        dataBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), dataBuffer.count,
                        out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
                }
            }
        }
        precondition(result != nil, "HMAC(SHA-256) failed")
        return Array(output.prefix(Int(length)))
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `text`.
    package static func hmacSHA256<Key: DataProtocol>(key: Key, _ text: String) -> [UInt8] {
        hmacSHA256(key: key, Array(text.utf8))
    }

    /// Lower-case hexadecimal, as Signature V4 writes digests.
    package static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
