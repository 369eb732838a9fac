import COpenSSL
import Foundation

/// The hash functions SASL/SCRAM and Signature V4 use, from libcrypto.
enum HashFunction: Sendable {
    case sha256, sha512

    var evp: OpaquePointer? { self == .sha256 ? EVP_sha256() : EVP_sha512() }

    func digest(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_Digest(data, data.count, &output, &length, evp, nil)
        return Array(output.prefix(Int(length)))
    }

    func hmac(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = HMAC(evp, key, Int32(key.count), data, data.count, &output, &length)
        return Array(output.prefix(Int(length)))
    }

    var outputSize: Int { self == .sha256 ? 32 : 64 }

    /// PBKDF2 with HMAC over this hash (RFC 8018 §5.2): SCRAM's Hi().
    func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: outputSize)
        _ = password.withUnsafeBufferPointer { pass in
            pass.withMemoryRebound(to: CChar.self) { chars in
                PKCS5_PBKDF2_HMAC(
                    chars.baseAddress, Int32(password.count), salt, Int32(salt.count), Int32(iterations), evp,
                    Int32(outputSize), &output)
            }
        }
        return output
    }
}

enum RandomBytes {
    static func make(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        if RAND_bytes(&bytes, Int32(count)) != 1 {
            var generator = SystemRandomNumberGenerator()
            bytes = bytes.map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        return bytes
    }
}

extension Array where Element == UInt8 {
    var lowerHex: String { map { String(format: "%02x", $0) }.joined() }
}
