import Foundation

/// What `SecretRepairer` may change.
public struct SecretRepairOptions: Sendable {
    /// Force the secret type instead of detecting it.
    public var type: SecretType?
    /// The scheme a key is re-encrypted with. Nil: PBE-SHA1-3DES, and only keys whose scheme Lambda may not
    /// read are re-encrypted; set: every encrypted key not already under this scheme is re-encrypted.
    public var scheme: PBEWriteScheme?

    /// Options that detect the secret's type and re-encrypt only keys Lambda may not read, unless given otherwise.
    public init(type: SecretType? = nil, scheme: PBEWriteScheme? = nil) {
        self.type = type
        self.scheme = scheme
    }
}

/// A repaired secret: the SecretString to store, and what was changed.
public struct SecretRepair: Sendable {
    /// The repaired secret's JSON (UTF-8, ending with a newline). Holds the key and password: write it
    /// only where the user asked for it.
    public var secretJSON: Data
    /// One line per change, for people; never holds secret values.
    public var changes: [String]
}

/// Writes a corrected secret (one of the two places secret material may be written: docs/output.md#secret-material):
/// the chain in order, the key as PKCS#8 under a scheme Lambda reads (same password), whitespace normalised. What it
/// cannot repair — a broken chain, a wrong password, an expired certificate — it leaves for the re-validation to
/// report; what it cannot repair *safely* it refuses with a `ToolError`.
public struct SecretRepairer: Sendable {
    /// What the repairer may change.
    public var options: SecretRepairOptions

    /// A repairer with `options`.
    public init(options: SecretRepairOptions = SecretRepairOptions()) {
        self.options = options
    }

    /// The corrected secret and its list of changes; throws a `ToolError` for a secret that cannot be repaired safely
    /// (not a JSON object, a duplicated key, …).
    public func repair(_ input: SecretInput) throws -> SecretRepair {
        guard var members = input.document.objectValue else {
            throw ToolError.usage(
                .secretUnusable, "the secret is not a JSON object", input: input.label,
                fix: "see 'msk-esm secret validate' for the expected shape")
        }
        if let duplicate = input.duplicateKeys.first {
            throw ToolError.usage(
                .secretUnusable, "the key \(duplicate) appears more than once, and which value is right cannot be told",
                input: input.label,
                fix: "keep one of them by hand, then run secret fix again")
        }
        guard let type = SecretValidator.detectType(input.document, forced: options.type) else {
            throw ToolError.usage(
                .secretUnusable, "cannot tell the secret type", input: input.label,
                fix: "pass --type mtls|scram|basic|root-ca|oauth")
        }
        var changes: [String] = []
        switch type {
        case .mtls:
            try repairMTLS(&members, label: input.label, changes: &changes)
        case .rootCA:
            if let text = members["certificate"]?.stringValue {
                let document = try readable(text, field: "certificate", label: input.label)
                let normalized = document.normalized
                if normalized != text { changes.append("normalised the whitespace of \"certificate\"") }
                members["certificate"] = .string(normalized)
            }
        case .oauth:
            repairOAuth(&members, changes: &changes)
        case .scram, .basic:
            // Usernames and passwords are kept byte for byte: trimming them would change the credentials.
            break
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(JSONValue.object(members))
        data.append(0x0A)
        return SecretRepair(secretJSON: data, changes: changes)
    }

    /// The one mechanical repair of an OAuth secret: whitespace around the token endpoint URL (a pasted line end,
    /// a leading space) is removed, since a URL holds none there (RFC 3986, appendix C,
    /// https://www.rfc-editor.org/rfc/rfc3986#appendix-C) and the token request would fail on it. The rest stays as
    /// it is, because no other change is mechanical:
    /// - the client id and client secret are credentials, kept byte for byte;
    /// - the key names: this build recognises any spelling of clientId / clientSecret / tokenEndpointUrl, but could
    ///   not verify which names Lambda reads
    ///   (https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret), so renaming
    ///   a key might break a secret that works;
    /// - an `http://` endpoint (SEC026): whether the identity provider serves the same token endpoint over HTTPS,
    ///   on which port and path, only the provider's metadata says, and the client secret has already travelled in
    ///   the clear, so the fix is the provider's https:// token endpoint and, likely, a rotated client secret.
    private func repairOAuth(_ members: inout [String: JSONValue], changes: inout [String]) {
        guard let names = OAuthClientCredentials.fields.first(where: { $0.field == "token endpoint URL" })?.names,
            let key = SecretCheckRun.oauthKey(members, names), let value = members[key]?.stringValue
        else { return }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed != value else { return }
        members[key] = .string(trimmed)
        // The change names the key, never the value: the URL may hold user information or a query with a credential.
        changes.append("removed the whitespace around \"\(key)\"")
    }

    private func readable(_ text: String, field: String, label: String) throws -> PEMDocument {
        let document = PEMDocument(text: text)
        if let problem = document.problems.first {
            throw ToolError.usage(
                .secretUnusable,
                "\"\(field)\" has a malformed PEM block (\(problem.reason)), which cannot be repaired safely",
                input: label,
                fix: "paste the block again from its source, then run secret fix again")
        }
        return document
    }

    private func repairMTLS(_ members: inout [String: JSONValue], label: String, changes: inout [String]) throws {
        guard let certificateText = members["certificate"]?.stringValue,
            let keyText = members["privateKey"]?.stringValue
        else {
            throw ToolError.usage(
                .secretUnusable, "the mTLS secret needs string values for \"certificate\" and \"privateKey\"",
                input: label,
                fix: "add them; see 'msk-esm secret validate' for the shape")
        }
        let password = members["privateKeyPassword"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }

        // The chain: leaf first, then each issuer.
        let certificateDocument = try readable(certificateText, field: "certificate", label: label)
        let certificateBlocks = certificateDocument.blocks.filter { $0.kind == .certificate }
        guard certificateBlocks.count == certificateDocument.blocks.count else {
            throw ToolError.usage(
                .secretUnusable, "\"certificate\" holds blocks that are not certificates", input: label,
                fix: "move private keys to \"privateKey\" and remove other blocks, then run secret fix again")
        }
        var certificates: [Certificate] = []
        for block in certificateBlocks {
            guard let certificate = Certificate(der: block.der) else {
                throw ToolError.usage(
                    .secretUnusable, "a CERTIFICATE block of \"certificate\" is corrupted", input: label,
                    fix: "paste the certificate again from its source")
            }
            certificates.append(certificate)
        }
        let chain = CertificateChain(certificates)
        if !chain.isInOrder { changes.append("put the chain in order: leaf first, then each issuer") }
        let chainPEM = chain.repairedOrder.map { PEMBlock(label: "CERTIFICATE", der: $0.der).pem }.joined()
        if chain.isInOrder && chainPEM != certificateText {
            changes.append("normalised the whitespace of \"certificate\"")
        }
        members["certificate"] = .string(chainPEM)

        // The key: exactly one, PKCS#8, under a scheme Lambda reads.
        let keyDocument = try readable(keyText, field: "privateKey", label: label)
        guard keyDocument.blocks.allSatisfy({ $0.kind.isPrivateKey }), !keyDocument.blocks.isEmpty else {
            throw ToolError.usage(
                .secretUnusable, "\"privateKey\" must hold private-key blocks only", input: label,
                fix: "move certificates to \"certificate\", then run secret fix again")
        }
        let materials = keyDocument.blocks.map { PrivateKeyMaterial($0, password: password) }
        var material = materials[0]
        if materials.count > 1 {
            guard let leaf = chain.leaf, let matching = materials.first(where: { $0.key?.matches(leaf) == true }) else {
                throw ToolError.usage(
                    .secretUnusable,
                    "\"privateKey\" holds \(materials.count) keys and none could be matched to the leaf certificate",
                    input: label, fix: "keep the key of the client certificate by hand (check its password)")
            }
            material = matching
            changes.append("kept the one private key that matches the leaf, of \(materials.count)")
        }
        if material.isMalformed {
            throw ToolError.usage(
                .secretUnusable, "the private key is corrupted", input: label,
                fix: "export the key again from its source")
        }
        let target = options.scheme ?? .pbeSHA1TripleDES
        let needsReencryption: Bool
        if material.format != .pkcs8 {
            needsReencryption = material.isEncrypted
        } else if let scheme = material.scheme {
            needsReencryption = options.scheme == nil ? !scheme.isLambdaSafe : scheme.oid != target.oid
        } else {
            needsReencryption = false
        }
        var keyPEM: String
        if needsReencryption {
            guard let password else {
                throw ToolError.usage(
                    .secretUnusable, "the key is encrypted and re-encrypting it needs its password", input: label,
                    fix:
                        "add \"privateKeyPassword\" to the secret (or --password-file for PEM input), then run secret fix again"
                )
            }
            guard let key = material.key else {
                throw ToolError.usage(
                    .secretUnusable, "the password does not decrypt the key", input: label,
                    fix: "put the key's password in \"privateKeyPassword\", then run secret fix again")
            }
            guard let pem = key.encryptedPKCS8PEM(scheme: target, password: password) else {
                throw ToolError.usage(
                    .secretUnusable, "OpenSSL could not encrypt the key with \(target.rawValue)", input: label,
                    fix: "try --scheme PBE-SHA1-3DES")
            }
            keyPEM = pem
            let from =
                material.format == .pkcs8
                ? (material.encryption?.schemeName ?? "its scheme")
                : "\(material.format.labelName) with Proc-Type encryption"
            changes.append(
                "re-encrypted the key from \(from) to \(target.rawValue) (\(target.oid)) under the same password")
        } else if material.format != .pkcs8 {
            guard let key = material.key, let pem = key.pkcs8PEM() else {
                throw ToolError.usage(
                    .secretUnusable, "the private key could not be read", input: label,
                    fix: "export the key again from its source")
            }
            keyPEM = pem
            changes.append("converted the key from \(material.format.labelName) to PKCS#8")
        } else {
            keyPEM = material.block.pem
            if materials.count == 1 && keyPEM != keyText {
                changes.append("normalised the whitespace of \"privateKey\"")
            }
        }
        members["privateKey"] = .string(keyPEM)
        let encrypted = needsReencryption || (material.format == .pkcs8 && material.isEncrypted)
        if !encrypted && members["privateKeyPassword"] != nil {
            members["privateKeyPassword"] = nil
            changes.append("removed \"privateKeyPassword\": the key is not encrypted")
        }
    }
}
