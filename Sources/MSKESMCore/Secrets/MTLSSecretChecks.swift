import Foundation

/// mTLS secrets (`CLIENT_CERTIFICATE_TLS_AUTH`) and root-CA secrets (`SERVER_ROOT_CA_CERTIFICATE`): the
/// certificate chain, the private key and its password (docs/aws-facts.md#mtls-client-certificate-secret,
/// docs/aws-facts.md#server-root-ca-secret, docs/aws-facts.md#pbe-scheme-identification).
extension SecretCheckRun {
    /// Secrets Manager's JSON escapes newlines as \n: a fix for a PEM problem says so.
    static let pemFix =
        "re-export the PEM (openssl x509 -in cert.pem -out clean.pem; openssl pkey -in key.pem -out clean-key.pem) "
        + "and paste each block whole, with its BEGIN and END lines; inside JSON each line break is written \\n"

    mutating func checkMTLS(_ members: [String: JSONValue]) {
        let certificateText = stringMember(members, "certificate")
        let keyText = stringMember(members, "privateKey")
        let password = stringMember(members, "privateKeyPassword")
        for key in ["certificate", "privateKey"] {
            if members[key] == nil {
                add(
                    .sec001, .fail, "the mTLS secret lacks \"\(key)\"",
                    detail: "An mTLS secret holds \"certificate\" (the chain) and \"privateKey\" (PKCS#8), plus "
                        + "\"privateKeyPassword\" when the key is encrypted (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).",
                    fix: Self.shapeFix(.mtls), evidence: ["key": .string(key)])
            } else if members[key]?.stringValue?.trimmingWhitespaceAndNewlines().isEmpty == true {
                add(.sec001, .fail, "\"\(key)\" is empty", fix: Self.shapeFix(.mtls), evidence: ["key": .string(key)])
            }
        }
        let pemFindingsBefore = findings.filter { $0.code == "SEC003" }.count
        var chain: CertificateChain?
        if let certificateText, !certificateText.trimmingWhitespaceAndNewlines().isEmpty {
            let certificates = readCertificates(certificateText, field: "certificate")
            if !certificates.isEmpty {
                let built = CertificateChain(certificates)
                chain = built
                checkChain(built)
            }
        }
        if let keyText, !keyText.trimmingWhitespaceAndNewlines().isEmpty {
            checkKey(
                keyText, password: password, passwordPresent: members["privateKeyPassword"] != nil, leaf: chain?.leaf)
        } else if password != nil {
            summary.passwordLength = password?.count ?? 0
        }
        if findings.filter({ $0.code == "SEC003" }).count == pemFindingsBefore {
            add(.sec003, .pass, "the PEM blocks are well-formed")
        }
    }

    mutating func checkRootCA(_ members: [String: JSONValue]) {
        guard let text = stringMember(members, "certificate"),
            !text.trimmingWhitespaceAndNewlines().isEmpty
        else {
            add(
                .sec020, .fail, "the root-CA secret has no certificate",
                detail:
                    "A SERVER_ROOT_CA_CERTIFICATE secret is {\"certificate\": \"<PEM>\"} (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html).",
                fix: Self.shapeFix(.rootCA))
            return
        }
        if options.target == .msk {
            add(
                .sec020, .info, "root-CA secrets are for self-managed Kafka",
                detail: "MSK brokers use Amazon Trust Services certificates, which Lambda trusts; "
                    + "SERVER_ROOT_CA_CERTIFICATE applies to self-managed Kafka only (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html). "
                    + "For an mTLS secret, add \"privateKey\" or pass --type mtls.")
        }
        let before = findings.count
        let certificates = readCertificates(text, field: "certificate")
        summary.certificates = certificates.map(CertificateSummary.init)
        for certificate in certificates {
            checkValidity(certificate)
        }
        guard !certificates.isEmpty else {
            if findings.count == before {
                add(.sec020, .fail, "the root-CA secret holds no certificate", fix: Self.shapeFix(.rootCA))
            }
            return
        }
        let nonCA = certificates.filter { !$0.isCA }
        if nonCA.isEmpty, findings[before...].allSatisfy({ $0.code != "SEC003" }) {
            let roots = certificates.filter { $0.isSelfIssued && $0.isSigned(by: $0) }
            if roots.isEmpty {
                add(
                    .sec020, .warn, "the root-CA secret holds no self-signed root",
                    detail:
                        "It holds \(certificates.count) CA certificate(s), none self-signed: \(certificates.map(\.subject).joined(separator: "; ")). "
                        + "The documentation asks for the brokers' root CA (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html).",
                    fix:
                        "store the root CA at the top of the brokers' chain; list it with: openssl s_client -connect BROKER:PORT -showcerts </dev/null"
                )
            } else {
                add(.sec020, .pass, "the root-CA secret holds a CA certificate")
            }
        } else if !nonCA.isEmpty {
            add(
                .sec020, .fail, "the root-CA secret holds a certificate that is not a CA",
                detail: "Not a CA (basicConstraints CA:TRUE missing): \(nonCA.map(\.subject).joined(separator: "; ")). "
                    + "If this is an mTLS client certificate, the secret also needs \"privateKey\" (or use --type mtls).",
                fix:
                    "store the brokers' root CA certificate instead: openssl s_client -connect BROKER:PORT -showcerts </dev/null"
            )
        }
    }

    /// The certificates of a PEM field; PEM and parse problems become SEC003 / SEC001 findings.
    mutating func readCertificates(_ text: String, field: String) -> [Certificate] {
        let document = PEMDocument(text: text)
        for problem in document.problems {
            add(
                .sec003, .fail, "a PEM block in \"\(field)\" is malformed",
                detail: "\(problem.label.map { "The \($0) block: " } ?? "")\(problem.reason).", fix: Self.pemFix,
                evidence: ["field": .string(field), "label": problem.label.map { .string($0) } ?? .null])
        }
        var certificates: [Certificate] = []
        for (number, block) in document.blocks.enumerated() {
            switch block.kind {
            case .certificate:
                if let certificate = Certificate(der: block.der) {
                    certificates.append(certificate)
                } else {
                    add(
                        .sec003, .fail,
                        "CERTIFICATE block \(number + 1) of \"\(field)\" is not a valid X.509 certificate",
                        detail: "Its base64 decodes, but not to a certificate: it is truncated or corrupted.",
                        fix: Self.pemFix, evidence: ["field": .string(field), "block": .number(Double(number + 1))])
                }
            case let kind where kind.isPrivateKey:
                add(
                    .sec001, .fail, "\"\(field)\" holds a private key",
                    detail: "A \(block.label) block is in \"\(field)\"; private keys belong in \"privateKey\" only. "
                        + "Its content is not shown.",
                    fix: "move the key block to \"privateKey\"", evidence: ["field": .string(field)])
            default:
                add(
                    .sec003, .fail, "\"\(field)\" holds a \(block.label) block, not a CERTIFICATE",
                    detail: block.label == "CERTIFICATE REQUEST"
                        ? "A certificate signing request is not a certificate: have your CA issue it first."
                        : "Lambda reads only CERTIFICATE blocks here.",
                    fix: Self.pemFix, evidence: ["field": .string(field), "label": .string(block.label)])
            }
        }
        if document.blocks.isEmpty && document.problems.isEmpty {
            add(
                .sec003, .fail, "\"\(field)\" holds no PEM block",
                detail: "Expected -----BEGIN CERTIFICATE----- … -----END CERTIFICATE----- blocks.", fix: Self.pemFix,
                evidence: ["field": .string(field)])
        }
        return certificates
    }

    // MARK: - The chain

    mutating func checkChain(_ chain: CertificateChain) {
        summary.certificates = chain.repairedOrder.map(CertificateSummary.init)
        let given = chain.given

        // SEC004: leaf first, then intermediates, root last
        // (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).
        if chain.isInOrder {
            add(.sec004, .pass, "the chain is in order (leaf first, root last)")
        } else {
            let written = given.enumerated().map { "\($0.offset + 1). \($0.element.subject)" }.joined(separator: "; ")
            let expected = chain.repairedOrder.enumerated().map { "\($0.offset + 1). \($0.element.subject)" }
                .joined(separator: "; ")
            add(
                .sec004, .fail, "the certificate chain is out of order",
                detail:
                    "Lambda expects the client certificate first, then each issuer, ending with the root (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html). "
                    + "Written: \(written). Expected: \(expected).",
                fix: "msk-esm secret fix FILE --write fixed.json (or paste the blocks in the expected order)",
                evidence: ["expectedOrder": .array(chain.repairedOrder.map { .string($0.subject) })])
        }

        // SEC005: each certificate signed by the next; issuers are CAs within their path length.
        let before = findings.count
        let path = chain.ordered
        for position in path.indices.dropLast() {
            let child = path[position]
            let issuer = path[position + 1]
            if !child.isSigned(by: issuer) {
                add(
                    .sec005, .fail, "\(child.subject) is not signed by \(issuer.subject)",
                    detail: "Its issuer name matches, but its signature does not verify with that certificate's key: "
                        + "the issuer certificate is a different one (re-issued CA?).",
                    fix: "use the CA certificate that actually issued \(child.subject) "
                        + "(check: openssl verify -partial_chain -CAfile issuer.pem cert.pem)",
                    evidence: ["certificate": .string(child.subject), "issuer": .string(issuer.subject)])
            }
            if !issuer.isCA {
                add(
                    .sec005, .fail, "the issuer \(issuer.subject) is not a CA",
                    detail: "It lacks basicConstraints CA:TRUE, so no TLS peer accepts certificates it signed.",
                    fix: "reissue the intermediate with basicConstraints = critical,CA:TRUE (and keyUsage keyCertSign)",
                    evidence: ["certificate": .string(issuer.subject)])
            } else if !issuer.allowsCertificateSigning {
                add(
                    .sec005, .fail, "the issuer \(issuer.subject) may not sign certificates",
                    detail: "Its keyUsage lacks keyCertSign.",
                    fix: "reissue it with keyUsage = critical,keyCertSign,cRLSign",
                    evidence: ["certificate": .string(issuer.subject)])
            }
            // RFC 5280 §4.2.1.9: pathLenConstraint limits the non-leaf certificates below the issuer.
            let intermediatesBelow = position
            if let limit = issuer.pathLength, intermediatesBelow > limit {
                add(
                    .sec005, .fail, "the chain exceeds the path length of \(issuer.subject)",
                    detail: "It allows \(limit) intermediate CA(s) below it (pathlen:\(limit)); the chain has "
                        + "\(intermediatesBelow).",
                    fix: "issue the client certificate from a CA within the allowed depth",
                    evidence: ["certificate": .string(issuer.subject), "pathLength": .number(Double(limit))])
            }
        }
        if let top = path.last {
            if top.isSelfIssued {
                if !top.isSigned(by: top) {
                    add(
                        .sec005, .fail, "the root \(top.subject) has a self-signature that does not verify",
                        fix: "replace the root with the CA's published certificate",
                        evidence: ["certificate": .string(top.subject)])
                }
            } else if !options.trustAnchors.contains(where: { top.namesIssuer($0) && top.isSigned(by: $0) }) {
                if chain.unrelated.isEmpty {
                    add(
                        .sec005, .warn, "the chain does not end at a root: the issuer of \(top.subject) is missing",
                        detail: "The documentation asks for the client certificate, the intermediates and the root "
                            + "(https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html). Missing: \(top.issuer). Brokers that trust that CA may still accept it.",
                        fix: "append the certificate of \(top.issuer) (from your CA, e.g. aws acm-pca "
                            + "get-certificate-authority-certificate --certificate-authority-arn ARN)",
                        evidence: ["missingIssuer": .string(top.issuer)])
                } else {
                    add(
                        .sec005, .fail, "the chain is broken: the issuer of \(top.subject) is missing",
                        detail: "No certificate in the secret issued \(top.subject) (issuer \(top.issuer)); "
                            + "\(chain.unrelated.map { given[$0].subject }.joined(separator: "; ")) "
                            + "cannot be reached from the leaf.",
                        fix: "add the certificate of \(top.issuer) after \(top.subject)",
                        evidence: ["missingIssuer": .string(top.issuer)])
                }
            }
            if top.isSelfIssued || chain.unrelated.isEmpty {
                for index in chain.unrelated {
                    add(
                        .sec005, .warn, "\(given[index].subject) is not part of the leaf's chain",
                        detail: "It neither issued nor was issued by any certificate on the path from the leaf.",
                        fix: "remove it from \"certificate\"", evidence: ["certificate": .string(given[index].subject)])
                }
            }
        }
        if findings.count == before {
            add(.sec005, .pass, "each certificate is signed by the next; the issuers are CAs")
        }

        // SEC006: validity windows at --at.
        for certificate in given { checkValidity(certificate) }

        // SEC007: TLS client authentication needs clientAuth (when extendedKeyUsage is present) and
        // digitalSignature (when keyUsage is present) — RFC 5280 §4.2.1.3, §4.2.1.12.
        if let leaf = chain.leaf {
            var problems: [String] = []
            if !leaf.allowsClientAuthentication { problems.append("its extendedKeyUsage lacks clientAuth") }
            if !leaf.allowsDigitalSignature { problems.append("its keyUsage lacks digitalSignature") }
            if problems.isEmpty {
                add(.sec007, .pass, "the leaf may be used for TLS client authentication")
            } else {
                add(
                    .sec007, .fail, "the leaf \(leaf.subject) is not usable for TLS client authentication",
                    detail: "The brokers reject it: \(problems.joined(separator: "; ")).",
                    fix: "reissue the client certificate with extendedKeyUsage = clientAuth and keyUsage = "
                        + "critical,digitalSignature (openssl x509 -req … -extfile ext.cnf; ACM PCA: the EndEntityClientAuthCertificate template)",
                    evidence: ["certificate": .string(leaf.subject)])
            }
        }

        // SEC023: the chain ends at the CA the brokers trust.
        if !options.trustAnchors.isEmpty {
            let anchors = options.trustAnchors
            let reaches =
                path.contains { certificate in anchors.contains { $0.der == certificate.der } }
                || path.last.map { top in anchors.contains { top.namesIssuer($0) && top.isSigned(by: $0) } } ?? false
            if reaches {
                add(.sec023, .pass, "the chain ends at the trust anchor")
            } else {
                add(
                    .sec023, .fail, "the chain does not end at the given trust anchor",
                    detail: "The chain ends at \(path.last?.subject ?? "nothing"); the trust anchor is "
                        + "\(anchors.map(\.subject).joined(separator: "; ")). The brokers will not accept the client "
                        + "certificate (\"Server failed to authenticate Lambda\", https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html).",
                    fix: "issue the client certificate from the trusted CA: aws acm-pca issue-certificate "
                        + "--certificate-authority-arn ARN --csr fileb://client.csr --signing-algorithm SHA256WITHRSA "
                        + "--validity Value=365,Type=DAYS",
                    evidence: ["trustAnchors": .array(anchors.map { .string($0.subject) })])
            }
        }
    }

    mutating func checkValidity(_ certificate: Certificate) {
        let now = options.now
        let subject = certificate.subject
        let at = ISO8601Instant.format(now)
        guard let notBefore = certificate.notBefore, let notAfter = certificate.notAfter else { return }
        let window: [String: JSONValue] = [
            "certificate": .string(subject), "notBefore": .string(ISO8601Instant.format(notBefore)),
            "notAfter": .string(ISO8601Instant.format(notAfter)), "at": .string(at),
        ]
        let renew = "renew it from its CA (aws acm-pca issue-certificate … for ACM Private CA) and update the secret"
        if notBefore > now {
            add(
                .sec006, .fail, "\(subject) is not valid yet",
                detail: "Valid from \(ISO8601Instant.format(notBefore)); checked at \(at).",
                fix: "wait until then, or reissue it with a start date in the past; check the issuing host's clock",
                evidence: window)
        } else if notAfter < now {
            add(
                .sec006, .fail, "\(subject) expired",
                detail: "Valid until \(ISO8601Instant.format(notAfter)); checked at \(at).",
                fix: renew, evidence: window)
        } else if notAfter.timeIntervalSince(now) < 30 * 86_400 {
            let days = Int(notAfter.timeIntervalSince(now) / 86_400)
            add(
                .sec006, .warn, "\(subject) expires in \(days) day(s)",
                detail: "Valid until \(ISO8601Instant.format(notAfter)); checked at \(at).", fix: renew,
                evidence: window)
        } else {
            add(.sec006, .pass, "\(subject) is valid until \(ISO8601Instant.format(notAfter))")
        }
    }
}
