import Foundation

/// One private-key PEM block of a secret, loaded as far as the password allows.
struct PrivateKeyMaterial {
    enum Format: String {
        case pkcs8, pkcs1, sec1, dsa

        var labelName: String {
            switch self {
            case .pkcs8: "PKCS#8"
            case .pkcs1: "PKCS#1 (RSA PRIVATE KEY)"
            case .sec1: "SEC1 (EC PRIVATE KEY)"
            case .dsa: "traditional DSA (DSA PRIVATE KEY)"
            }
        }
    }

    let block: PEMBlock
    let format: Format
    /// PKCS#8 EncryptedPrivateKeyInfo, or a traditional key with `Proc-Type: 4,ENCRYPTED`.
    let isEncrypted: Bool
    /// The PKCS#8 encryption, read without the password.
    let encryption: PBEParameters?
    let scheme: PBEScheme?
    /// The loaded key: nil when the structure is broken or the password is missing or wrong.
    let key: PrivateKey?
    /// The DER does not parse as what the label announces.
    let isMalformed: Bool

    /// Loads `block` (a private-key block) with `password` (nil or empty: none given).
    init(_ block: PEMBlock, password: String?) {
        self.block = block
        let password = password.flatMap { $0.isEmpty ? nil : $0 }
        switch block.kind {
        case .encryptedPKCS8:
            format = .pkcs8
            isEncrypted = true
            if let info = EncryptedPrivateKeyInfo(der: block.der) {
                encryption = info.encryption
                scheme = PBEScheme.describe(info.encryption)
                key = password.flatMap { info.decrypt(password: $0) }
                isMalformed = false
            } else {
                encryption = nil
                scheme = nil
                key = nil
                isMalformed = true
            }
        case .pkcs8:
            format = .pkcs8
            isEncrypted = false
            encryption = nil
            scheme = nil
            key = PrivateKey.pkcs8(der: block.der)
            isMalformed = key == nil
        default:
            format = block.kind == .pkcs1 ? .pkcs1 : block.kind == .sec1 ? .sec1 : .dsa
            isEncrypted = block.isProcTypeEncrypted
            encryption = nil
            scheme = nil
            if isEncrypted {
                key = password.flatMap { PrivateKey.traditional(pem: block.pem, password: $0) }
                isMalformed = false
            } else {
                key = PrivateKey.traditional(pem: block.pem, password: nil)
                isMalformed = key == nil
            }
        }
    }

    /// The traditional PEM encryption cipher (`DEK-Info: AES-128-CBC,…`).
    var procTypeCipher: String? {
        block.headers["DEK-Info"].map { String($0.prefix(while: { $0 != "," })) }
    }

    /// Reading or re-encrypting this key with the openssl CLI needs `-provider legacy -provider default`.
    var needsLegacyProvider: Bool {
        if let scheme { return scheme.needsLegacyProvider }
        if let cipher = procTypeCipher?.uppercased() {
            return cipher.hasPrefix("DES-CBC") || cipher.hasPrefix("RC2") || cipher.hasPrefix("BF")
                || cipher.hasPrefix("DESX")
        }
        return false
    }

    /// The summary of the key: format, type, size, encryption. Never key bytes or the password.
    var summary: PrivateKeySummary {
        var summary = PrivateKeySummary(format: format.rawValue, encrypted: isEncrypted)
        if let description = key?.keyDescription {
            summary.type = description.type
            summary.bits = description.bits
            summary.curve = description.curve
        }
        if let encryption, let scheme {
            var details = PrivateKeySummary.Encryption(scheme: encryption.schemeName, cipher: scheme.cipher)
            details.schemeOID = encryption.schemeOID
            details.family = scheme.family.rawValue
            details.kdf = scheme.kdf
            details.openSSLName = scheme.openSSLName
            details.kdfOID = encryption.kdfOID
            details.prfOID = encryption.prfOID
            details.cipherOID = encryption.cipherOID
            details.iterations = encryption.iterations
            details.scryptCost = encryption.scryptCost
            summary.encryption = details
        } else if isEncrypted, let cipher = procTypeCipher {
            summary.encryption = PrivateKeySummary.Encryption(
                scheme: "Proc-Type: 4,ENCRYPTED (traditional PEM)", cipher: cipher)
        }
        return summary
    }

    /// The openssl command that rewrites this key as PKCS#8 Lambda reads: unencrypted stays unencrypted,
    /// encrypted becomes PBE-SHA1-3DES under the same password (read from $KEY_PASSWORD).
    var conversionCommand: String {
        let legacy = needsLegacyProvider ? " -provider legacy -provider default" : ""
        if isEncrypted {
            return "KEY_PASSWORD='<the key password>' openssl pkcs8 -topk8\(legacy) -v1 PBE-SHA1-3DES -in key.pem "
                + "-passin env:KEY_PASSWORD -passout env:KEY_PASSWORD -out key-pkcs8.pem"
        }
        return "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem"
    }
}
