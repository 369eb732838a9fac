import Foundation

/// OAUTHBEARER_AUTH secrets: the OAuth 2.0 client credentials Lambda uses to get an access token for
/// SASL/OAUTHBEARER ("Configuring the OAuth secret",
/// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret, linked from
/// botocore 1.44's Lambda model). This build could not read that section's exact key names, so it recognises
/// the three fields by their meaning, whatever the spelling (`clientId`, `client_id`, `ClientId` …), and a
/// field it cannot find is a warning, not a failure. The client secret is never shown: only its length.
extension SecretCheckRun {
    /// The fields and their spellings: the ones the probe reads (`OAuthClientCredentials`).
    static let oauthFields = OAuthClientCredentials.fields

    /// The key of `members` that names `field`, if any.
    static func oauthKey(_ members: [String: JSONValue], _ names: Set<String>) -> String? {
        members.keys.sorted().first { names.contains(OAuthClientCredentials.normalizedKey($0)) }
    }

    /// Whether the keys look like an OAuth secret (for type detection).
    static func looksLikeOAuth(_ members: [String: JSONValue]) -> Bool {
        oauthFields.contains { oauthKey(members, $0.names) != nil }
    }

    /// The keys an OAuth secret uses (the ones recognised).
    static func oauthKeys(_ members: [String: JSONValue]) -> Set<String> {
        Set(oauthFields.compactMap { oauthKey(members, $0.names) })
    }

    mutating func checkOAuth(_ members: [String: JSONValue]) {
        var missing: [String] = []
        var values: [String: String] = [:]
        for (field, names) in Self.oauthFields {
            guard let key = Self.oauthKey(members, names), let value = stringMember(members, key), !value.isEmpty
            else {
                missing.append(field)
                continue
            }
            values[field] = value
        }
        summary.clientId = values["client id"]
        summary.clientSecretLength = values["client secret"]?.count
        if missing.isEmpty {
            add(.sec025, .pass, "client id, client secret and token endpoint URL are present")
        } else {
            add(
                .sec025, .warn, "the OAuth secret lacks the \(missing.joined(separator: ", "))",
                detail: "Lambda gets its token with the OAuth 2.0 client-credentials grant, which needs a client id, "
                    + "a client secret and the token endpoint. This build recognises them under any spelling of "
                    + "clientId / clientSecret / tokenEndpointUrl; the exact key names are in "
                    + "https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret, "
                    + "which it could not verify, so this is a warning.",
                fix: Self.shapeFix(.oauth), evidence: ["missing": .array(missing.map { .string($0) })])
        }
        guard let endpoint = values["token endpoint URL"] else { return }
        let url = URLComponents(string: endpoint)
        let scheme = url?.scheme?.lowercased()
        let host = url?.host ?? ""
        // Never echo user information or a query: either may hold a credential.
        let shown = scheme.map { "\($0)://\(host)" + (url?.port.map { ":\($0)" } ?? "") + (url?.path ?? "") } ?? "?"
        summary.tokenEndpoint = shown
        if scheme == "https" && !host.isEmpty {
            add(.sec026, .pass, "the token endpoint \(shown) uses HTTPS")
        } else if scheme == "http" {
            add(
                .sec026, .fail, "the token endpoint \(shown) is plain HTTP",
                detail: "The client secret travels to the token endpoint; OAuth 2.0 requires TLS for requests to it "
                    + "(RFC 6749, section 3.2, https://www.rfc-editor.org/rfc/rfc6749#section-3.2).",
                fix: "use the identity provider's https:// token endpoint in the secret",
                evidence: ["tokenEndpoint": .string(shown)])
        } else {
            add(
                .sec026, .warn, "the token endpoint URL is not an https:// URL",
                detail: "The value does not read as an absolute https:// URL (the value is not shown).",
                fix: "write the token endpoint as https://<host>/<path>, e.g. the identity provider's "
                    + "token_endpoint from its /.well-known/openid-configuration")
        }
    }
}
