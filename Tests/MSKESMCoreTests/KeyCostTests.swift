import Foundation
import Testing

@testable import MSKESMCore

/// An encrypted key's own parameters set how long trying a password takes; absurd ones are refused at once
/// instead of hanging `secret validate` (found by the der fuzz target: an scrypt key ran past its 20 s limit).
@Suite("encrypted key cost")
struct KeyCostTests {
    /// Writes EncryptedPrivateKeyInfo DER with the given KDF parameters (X.690 DER encoded by hand in Python,
    /// the OIDs of RFC 8018 and RFC 7914); the encrypted bytes are random, as no password opens them anyway.
    static func key(kdf: String, _ values: [Int]) throws -> Data {
        let program = """
            import json, os, sys
            kdf, values = json.load(sys.stdin)
            def length(n):
                if n < 128: return bytes([n])
                b = n.to_bytes((n.bit_length() + 7) // 8, "big"); return bytes([0x80 | len(b)]) + b
            def tlv(tag, body): return bytes([tag]) + length(len(body)) + body
            def seq(*parts): return tlv(0x30, b"".join(parts))
            def integer(v): return tlv(0x02, v.to_bytes((v.bit_length() + 8) // 8, "big"))
            def octets(b): return tlv(0x04, b)
            def oid(dotted):
                parts = [int(p) for p in dotted.split(".")]
                body = bytes([40 * parts[0] + parts[1]])
                for p in parts[2:]:
                    chunk = [p & 0x7F]; p >>= 7
                    while p: chunk.insert(0, 0x80 | (p & 0x7F)); p >>= 7
                    body += bytes(chunk)
                return tlv(0x06, body)
            if kdf == "pbkdf2":
                kdf_id = seq(oid("1.2.840.113549.1.5.12"), seq(octets(os.urandom(8)), integer(values[0])))
            else:
                kdf_id = seq(oid("1.3.6.1.4.1.11591.4.11"), seq(octets(os.urandom(8)), *[integer(v) for v in values]))
            pbes2 = seq(oid("1.2.840.113549.1.5.13"), seq(kdf_id, seq(oid("2.16.840.1.101.3.4.1.42"), octets(os.urandom(16)))))
            der = seq(pbes2, octets(os.urandom(48)))
            print(json.dumps(list(der)))
            """
        let bytes = try IAMPythonOracle.run(
            program, input: [AnyCodableValue.string(kdf), .ints(values)], as: [UInt8].self)
        return Data(bytes)
    }

    enum AnyCodableValue: Encodable {
        case string(String)
        case ints([Int])
        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .ints(let values): try container.encode(values)
            }
        }
    }

    @Test(
        "absurd PBKDF2 iterations and scrypt N·r·p: read, described, and refused at once",
        .enabled(if: IAMPythonOracle.isAvailable, "python3 is not installed: it writes the DER"),
        arguments: [
            ("pbkdf2", [2_147_483_647]), ("pbkdf2", [10_000_001]), ("scrypt", [1 << 18, 1, 1 << 18]),
            ("scrypt", [1 << 20, 8, 1]), ("scrypt", [1 << 14, 8, 1 << 30]),
        ])
    func refused(_ kdf: String, _ values: [Int]) throws {
        let der = try Self.key(kdf: kdf, values)
        let info = try #require(EncryptedPrivateKeyInfo(der: der))
        #expect(info.encryption.isExcessivelyCostly)
        if kdf == "pbkdf2" { #expect(info.encryption.iterations == values[0]) }
        if kdf == "scrypt" { #expect(info.encryption.scryptCost == values[0]) }
        // Refused before any work: not one decryption attempt (key derivation) is made.
        var attempts = 0
        #expect(
            info.decrypt(
                password: "any",
                attempt: { _ in
                    attempts += 1; return nil
                }) == nil)
        #expect(attempts == 0)
        #expect(info.decrypt(password: "any") == nil)
    }

    @Test(
        "ordinary parameters are not refused",
        .enabled(if: IAMPythonOracle.isAvailable, "python3 is not installed: it writes the DER"),
        arguments: [
            ("pbkdf2", [2048]), ("pbkdf2", [600_000]), ("scrypt", [16384, 8, 1]), ("scrypt", [1 << 20, 1, 1]),
        ])
    func accepted(_ kdf: String, _ values: [Int]) throws {
        let info = try #require(EncryptedPrivateKeyInfo(der: try Self.key(kdf: kdf, values)))
        #expect(!info.encryption.isExcessivelyCostly)
        // The counting seam of `refused` really counts: here the password is tried.
        var attempts = 0
        _ = info.decrypt(
            password: "any",
            attempt: { _ in
                attempts += 1; return nil
            })
        #expect(attempts >= 1)
    }
}
