import Foundation

/// The private key of an mTLS secret: one PKCS#8 key, encrypted with a PBES1-family scheme Lambda reads or
/// not at all, opened by the password, matching the leaf (docs/aws-facts.md#mtls-client-certificate-secret,
/// docs/aws-facts.md#pbe-scheme-identification).
extension SecretCheckRun {
    mutating func checkKey(_ text: String, password: String?, passwordPresent: Bool, leaf: Certificate?) {
        if let password { summary.passwordLength = password.count }
        let document = PEMDocument(text: text)
        for problem in document.problems {
            add(
                .sec003, .fail, "a PEM block in \"privateKey\" is malformed",
                detail: "\(problem.label.map { "The \($0) block: " } ?? "")\(problem.reason).", fix: Self.pemFix,
                evidence: ["field": "privateKey", "label": problem.label.map { .string($0) } ?? .null])
        }
        for block in document.blocks where !block.kind.isPrivateKey {
            if block.kind == .certificate {
                add(
                    .sec001, .fail, "\"privateKey\" holds a certificate",
                    detail: "A CERTIFICATE block is in \"privateKey\"; certificates belong in \"certificate\".",
                    fix: "move the certificate to \"certificate\" and put the PKCS#8 private key in \"privateKey\"",
                    evidence: ["field": "privateKey"])
            } else {
                add(
                    .sec003, .fail, "\"privateKey\" holds a \(block.label) block, not a private key",
                    fix:
                        "put the PKCS#8 private key (-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----) in \"privateKey\"",
                    evidence: ["field": "privateKey", "label": .string(block.label)])
            }
        }
        let blocks = document.blocks.filter { $0.kind.isPrivateKey }
        guard !blocks.isEmpty else {
            if document.problems.isEmpty {
                add(
                    .sec001, .fail, "\"privateKey\" holds no private key",
                    fix: "put the PKCS#8 private key in \"privateKey\": openssl pkcs8 -topk8 -nocrypt -in key.pem")
            }
            return
        }
        // SEC014: the Kafka client Lambda's poller resembles expects exactly one key
        // (docs/aws-facts.md#pbe-scheme-identification).
        if blocks.count > 1 {
            add(
                .sec014, .fail, "\"privateKey\" holds \(blocks.count) private keys",
                detail: "Lambda reads exactly one private key (Kafka's PEM loader: \"Expected one private key\").",
                fix: "keep only the key of the client certificate: msk-esm secret fix FILE --write fixed.json",
                evidence: ["count": .number(Double(blocks.count))])
        } else {
            add(.sec014, .pass, "\"privateKey\" holds one private key")
        }
        let materials = blocks.map { PrivateKeyMaterial($0, password: password) }
        let material =
            leaf.flatMap { leaf in materials.first { $0.key?.matches(leaf) == true } } ?? materials[0]
        summary.key = material.summary
        checkKeyFormat(material)
        checkKeyEncryption(material, password: password, passwordPresent: passwordPresent)
        guard let key = material.key else { return }
        checkKeyType(key)
        if let leaf {
            if key.matches(leaf) {
                add(.sec012, .pass, "the private key matches the leaf certificate")
            } else {
                add(
                    .sec012, .fail, "the private key does not match the leaf certificate",
                    detail: "The key's public half differs from the public key of \(leaf.subject): TLS client "
                        + "authentication fails.",
                    fix:
                        "use the key the certificate was issued for; compare: openssl x509 -in cert.pem -noout -pubkey "
                        + "| openssl sha256  and  openssl pkey -in key.pem -pubout | openssl sha256",
                    evidence: ["certificate": .string(leaf.subject)])
            }
        }
    }

    private mutating func checkKeyFormat(_ material: PrivateKeyMaterial) {
        if material.isMalformed {
            add(
                .sec003, .fail, "the \(material.block.label) block is not a valid \(material.format.labelName) key",
                detail: "Its base64 decodes, but not to the structure its label announces: truncated or corrupted.",
                fix: Self.pemFix, evidence: ["label": .string(material.block.label)])
        }
        // https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html: privateKey must be PKCS#8; PKCS#1 and
        // SEC1 are not listed as accepted.
        if material.format == .pkcs8 {
            add(.sec008, .pass, "the key is PKCS#8")
        } else {
            let encrypted = material.isEncrypted ? ", encrypted with Proc-Type: 4,ENCRYPTED" : ""
            add(
                .sec008, .fail, "the key is \(material.format.labelName)\(encrypted), not PKCS#8",
                detail:
                    "Lambda reads PKCS#8 keys (-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----); "
                    + "\"Provided certificate or private key is invalid\" otherwise (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).",
                fix: "\(material.conversionCommand)  (or: msk-esm secret fix FILE --write fixed.json)",
                evidence: ["format": .string(material.format.rawValue), "encrypted": .bool(material.isEncrypted)])
        }
    }

    private mutating func checkKeyEncryption(_ material: PrivateKeyMaterial, password: String?, passwordPresent: Bool) {
        let hasPassword = !(password ?? "").isEmpty
        if let scheme = material.scheme, let encryption = material.encryption {
            let evidence: [String: JSONValue] = [
                "scheme": .string(encryption.schemeName), "schemeOID": .string(encryption.schemeOID),
                "kdf": .string(scheme.kdf), "cipher": .string(scheme.cipher),
            ]
            let reencrypt =
                "\(material.conversionCommand.replacingOccurrences(of: "key-pkcs8.pem", with: "key-pbe.pem"))  "
                + "(or: msk-esm secret fix FILE --write fixed.json)"
            if scheme.family == .pbes2 {
                // "Lambda supports the PBES1 (but not PBES2) private key encryption algorithms"
                // (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).
                add(
                    .sec009, .fail, "the key is encrypted with PBES2, which Lambda rejects",
                    detail: "Scheme \(encryption.schemeName) (\(encryption.schemeOID)), KDF \(scheme.kdf)"
                        + "\(encryption.kdfOID.map { " (\($0))" } ?? ""), cipher \(scheme.cipher)"
                        + "\(encryption.cipherOID.map { " (\($0))" } ?? ""). PBES2 is OpenSSL 3's default for "
                        + "openssl pkcs8 -topk8; Lambda supports PBES1 only (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).",
                    fix: reencrypt, evidence: evidence)
            } else {
                add(.sec009, .pass, "the key is not encrypted with PBES2")
                if scheme.isLambdaSafe {
                    add(.sec013, .pass, "the key's scheme \(encryption.schemeName) is one Lambda's runtime reads")
                } else {
                    add(
                        .sec013, .warn,
                        "the key's scheme \(encryption.schemeName) may not be readable by Lambda's runtime",
                        detail:
                            "Scheme \(encryption.schemeName) (\(encryption.schemeOID), \(scheme.family.rawValue)), KDF "
                            + "\(scheme.kdf), cipher \(scheme.cipher). Inference: Lambda's Java-based poller "
                            + "resolves the scheme by its JCA name, and SunJCE reads pbeWithMD5AndDES-CBC "
                            + "(1.2.840.113549.1.5.3) and pbeWithSHAAnd3-KeyTripleDES-CBC (1.2.840.113549.1.12.1.3) "
                            + "for certain; others may fail.",
                        fix: reencrypt, evidence: evidence)
                }
            }
        } else if material.isEncrypted {
            add(.sec009, .pass, "the key is not encrypted with PBES2")
        }

        // SEC010: a password exactly when the key is encrypted.
        if material.isEncrypted && !hasPassword {
            add(
                .sec010, .fail, "the key is encrypted but the secret has no privateKeyPassword",
                detail: passwordPresent ? "\"privateKeyPassword\" is empty." : "\"privateKeyPassword\" is missing.",
                fix: "add \"privateKeyPassword\": \"<the key's password>\" to the secret")
        } else if !material.isEncrypted && passwordPresent {
            add(
                .sec010, .warn, "privateKeyPassword is given, but the key is not encrypted",
                detail: "Inference: a Kafka-style loader given a password parses the key as encrypted, "
                    + "which fails for an unencrypted key.",
                fix: "remove \"privateKeyPassword\" from the secret, or encrypt the key: openssl pkcs8 -topk8 "
                    + "-v1 PBE-SHA1-3DES -in key.pem -passout env:KEY_PASSWORD -out key-pbe.pem")
        } else {
            add(
                .sec010, .pass,
                material.isEncrypted
                    ? "a password is given for the encrypted key" : "the key is not encrypted and no password is given")
        }

        // SEC011: the password opens the key.
        guard material.isEncrypted, hasPassword, !material.isMalformed else { return }
        if material.key != nil {
            add(.sec011, .pass, "the password decrypts the key")
        } else if material.scheme?.unreadable == true {
            add(
                .sec011, .skipped,
                "the password could not be tried: OpenSSL 3 cannot read \(material.encryption?.schemeName ?? "this scheme")",
                detail: "The MD2-based PBES1 schemes are not implemented in OpenSSL 3.",
                fix: "re-encrypt the key with PBE-SHA1-3DES using a tool that still reads MD2 schemes")
        } else {
            let legacy = material.needsLegacyProvider ? " -provider legacy -provider default" : ""
            add(
                .sec011, .fail, "the password does not decrypt the key",
                detail:
                    "OpenSSL could not decrypt the key with \"privateKeyPassword\"\(material.needsLegacyProvider ? " (the legacy provider was loaded)" : ""). "
                    + "The password is not shown.",
                fix:
                    "put the key's password in \"privateKeyPassword\"; check it with: openssl pkey\(legacy) -in key.pem "
                    + "-passin env:KEY_PASSWORD -noout")
        }
    }

    private mutating func checkKeyType(_ key: PrivateKey) {
        let description = key.keyDescription
        // Inference (docs/aws-facts.md#pbe-scheme-identification): Kafka's PEM loader tries the RSA, DSA and EC key
        // factories only; the JDK's EC support is for the NIST curves.
        let javaCurves: Set<String> = ["prime256v1", "secp384r1", "secp521r1", "P-256", "P-384", "P-521"]
        var problem: String?
        switch description.type {
        case "RSA", "DSA": problem = nil
        case "EC":
            problem =
                javaCurves.contains(description.curve ?? "")
                ? nil : "an EC key on curve \(description.curve ?? "unknown")"
        default: problem = "an \(description.type) key"
        }
        if let problem {
            add(
                .sec022, .warn, "the key is \(problem), which Lambda's runtime may not load",
                detail: "Inference: Lambda's Java-based poller probably loads keys like the Kafka client, "
                    + "which tries RSA, DSA and EC (NIST curves) only.",
                fix: "use an RSA or EC P-256 key: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 "
                    + "-out client.key, then a new CSR and certificate",
                evidence: ["type": .string(description.type), "curve": description.curve.map { .string($0) } ?? .null])
        } else {
            add(.sec022, .pass, "the key type (\(description.type)) loads in Java")
        }
    }
}
