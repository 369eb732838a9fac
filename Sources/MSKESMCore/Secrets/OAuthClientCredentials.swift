import Foundation

/// The OAuth 2.0 client credentials of an OAUTHBEARER_AUTH secret, as the probe sends them to the token
/// endpoint ("Configuring the OAuth secret",
/// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret). The keys are
/// recognised by meaning, whatever their spelling (`clientId`, `client_id` …), as `secret validate --type oauth`
/// reads them. The client secret is held only to be sent; nothing that prints this type shows it.
public struct OAuthClientCredentials: Sendable, CustomStringConvertible {
    /// How the client authenticates to the token endpoint (RFC 6749, section 2.3.1,
    /// https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1): HTTP Basic, which every server must support, or
    /// the client id and secret in the form body.
    public enum ClientAuthentication: String, Sendable {
        case clientSecretBasic = "client_secret_basic"
        case clientSecretPost = "client_secret_post"
    }

    /// The fields, each with the spellings (lower case, without `_`, `-`, `.`) that name it.
    static let fields: [(field: String, names: Set<String>)] = [
        ("client id", ["clientid"]),
        ("client secret", ["clientsecret"]),
        ("token endpoint URL", ["tokenendpointurl", "tokenendpointuri", "tokenendpoint", "tokenurl", "tokenuri"]),
    ]
    /// The optional key that chooses the client authentication (the OpenID Connect client metadata name).
    static let authenticationNames: Set<String> = ["tokenendpointauthmethod", "clientauthenticationmethod"]

    /// The OAuth client id.
    public var clientId: String
    /// The OAuth client secret; sent to the token endpoint and never printed.
    public var clientSecret: String
    /// The token endpoint's URL, as the secret gives it.
    public var tokenEndpoint: String
    /// How the client authenticates to the token endpoint.
    public var clientAuthentication: ClientAuthentication

    /// Reads the fields from the secret's JSON object; nil when one of the three is missing or empty.
    /// - Parameter json: the secret's value as Secrets Manager stores it.
    public init?(json: String) {
        guard let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        func value(_ names: Set<String>) -> String? {
            let key = object.keys.sorted().first { names.contains(Self.normalizedKey($0)) }
            return key.flatMap { object[$0] as? String }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let id = value(Self.fields[0].names), let secret = value(Self.fields[1].names),
            let endpoint = value(Self.fields[2].names)
        else { return nil }
        clientId = id
        clientSecret = secret
        tokenEndpoint = endpoint
        clientAuthentication =
            value(Self.authenticationNames).flatMap(ClientAuthentication.init(rawValue:)) ?? .clientSecretBasic
    }

    /// `client_id` → `clientid`.
    static func normalizedKey(_ key: String) -> String {
        String(key.lowercased().filter { $0 != "_" && $0 != "-" && $0 != "." })
    }

    /// The token endpoint without user information or query (either may hold a credential), for messages.
    public var shownEndpoint: String {
        guard let url = URLComponents(string: tokenEndpoint), let scheme = url.scheme else { return "?" }
        return "\(scheme)://\(url.host ?? "")" + (url.port.map { ":\($0)" } ?? "") + url.path
    }

    public var description: String { "client \(clientId) at \(shownEndpoint)" }
}
