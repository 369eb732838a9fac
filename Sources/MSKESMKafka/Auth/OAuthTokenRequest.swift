import Foundation
import MSKESMAWS
import MSKESMCore

/// What the probe sends with an OAuth 2.0 token request besides the secret: the mapping's OAUTHBEARER_SCOPE
/// and OAUTHBEARER_AUDIENCE values, and the Confluent Cloud SASL extensions of OAUTHBEARER_LOGICAL_CLUSTER
/// and OAUTHBEARER_IDENTITY_POOL (https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html).
public struct OAuthBearerSettings: Sendable, Equatable {
    public var scope: String?
    public var audience: String?
    public var logicalCluster: String?
    public var identityPool: String?

    /// - Parameters:
    ///   - scope: the `scope` form parameter of the token request.
    ///   - audience: the `audience` form parameter of the token request.
    ///   - logicalCluster: the `logicalCluster` SASL extension.
    ///   - identityPool: the `identityPoolId` SASL extension.
    public init(
        scope: String? = nil, audience: String? = nil, logicalCluster: String? = nil, identityPool: String? = nil
    ) {
        self.scope = scope
        self.audience = audience
        self.logicalCluster = logicalCluster
        self.identityPool = identityPool
    }

    /// The values of a mapping's OAUTHBEARER_* entries (their URI holds the value, not an ARN).
    /// - Parameter accesses: `(Type, URI)` of the mapping's SourceAccessConfigurations.
    public init(accesses: [(type: String?, uri: String?)]) {
        func value(_ type: String) -> String? { accesses.first { $0.type == type }?.uri }
        self.init(
            scope: value("OAUTHBEARER_SCOPE"), audience: value("OAUTHBEARER_AUDIENCE"),
            logicalCluster: value("OAUTHBEARER_LOGICAL_CLUSTER"), identityPool: value("OAUTHBEARER_IDENTITY_POOL"))
    }

    /// The SASL extensions in the order they are sent: Confluent Cloud's names
    /// (`sasl.oauthbearer.extensions=logicalCluster=…,identityPoolId=…`,
    /// https://docs.confluent.io/cloud/current/security/authenticate/workload-identities/identity-providers/oauth/clients/configuration-reference.html).
    public var extensions: [(key: String, value: String)] {
        var list: [(String, String)] = []
        if let logicalCluster { list.append(("logicalCluster", logicalCluster)) }
        if let identityPool { list.append(("identityPoolId", identityPool)) }
        return list
    }
}

/// The OAuth 2.0 client-credentials grant (RFC 6749, section 4.4,
/// https://www.rfc-editor.org/rfc/rfc6749#section-4.4): the request Lambda's Kafka client sends to the secret's
/// token endpoint, and the reading of the answer (section 5.1 success, section 5.2 error).
public struct OAuthTokenRequest: Sendable {
    public var credentials: OAuthClientCredentials
    public var settings: OAuthBearerSettings

    /// - Parameters:
    ///   - credentials: the secret's client id, client secret and token endpoint.
    ///   - settings: scope and audience.
    public init(credentials: OAuthClientCredentials, settings: OAuthBearerSettings) {
        self.credentials = credentials
        self.settings = settings
    }

    /// Why no token came back. None of the cases holds the client secret or a token.
    public enum Failure: Error, Sendable, Equatable {
        /// No HTTP answer: no connection, TLS failure, timeout.
        case unreachable(String)
        /// An HTTP error status, with the RFC 6749 section 5.2 `error` and `error_description` when the body has them.
        case refused(status: Int, error: String?, description: String?)
        /// A 200 answer without a usable `access_token` (not JSON, no token, a token type other than Bearer).
        case unusable(String)
    }

    /// The token and how long it lives.
    public struct Token: Sendable {
        public var accessToken: String
        public var expiresIn: Double?
    }

    /// `grant_type=client_credentials`, with `client_secret_post` the client's id and secret (section 2.3.1), then
    /// `scope` and `audience` when set: the order oauthlib's client writes them in (the tests compare the request
    /// with requests-oauthlib's), though the server reads them by name.
    var formParameters: [(String, String)] {
        var parameters = [("grant_type", "client_credentials")]
        if credentials.clientAuthentication == .clientSecretPost {
            parameters += [("client_id", credentials.clientId), ("client_secret", credentials.clientSecret)]
        }
        if let scope = settings.scope { parameters.append(("scope", scope)) }
        if let audience = settings.audience { parameters.append(("audience", audience)) }
        return parameters
    }

    /// The HTTP request: POST, `application/x-www-form-urlencoded`, and for `client_secret_basic` the
    /// `Authorization: Basic` header of the form-encoded id and secret (section 2.3.1).
    public var httpRequest: HTTPRequest {
        var headers = [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
        ]
        if credentials.clientAuthentication == .clientSecretBasic {
            let pair = Self.formEncode(credentials.clientId) + ":" + Self.formEncode(credentials.clientSecret)
            headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        }
        let body = formParameters.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&")
        return HTTPRequest(method: "POST", url: credentials.tokenEndpoint, headers: headers, body: Data(body.utf8))
    }

    /// The application/x-www-form-urlencoded encoding (https://url.spec.whatwg.org/#urlencoded-serializing):
    /// ASCII letters, digits and `*-._` stay, space becomes `+`, every other byte is `%XX`.
    static func formEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "):
                out.append("+")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Reads the token endpoint's answer.
    /// - Parameter response: the HTTP response.
    public static func token(from response: HTTPResponse) -> Result<Token, Failure> {
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard response.status == 200 else {
            return .failure(
                .refused(
                    status: response.status, error: object?["error"] as? String,
                    description: (object?["error_description"] as? String).map { String($0.prefix(200)) }))
        }
        guard let object else { return .failure(.unusable("the answer is not a JSON object")) }
        guard let token = object["access_token"] as? String, !token.isEmpty else {
            return .failure(.unusable("the answer has no access_token"))
        }
        // Section 5.1: token_type is required; SASL/OAUTHBEARER carries bearer tokens only (RFC 7628).
        if let type = object["token_type"] as? String, type.lowercased() != "bearer" {
            return .failure(.unusable("the token_type is \(type.prefix(40)), not Bearer"))
        }
        return .success(Token(accessToken: token, expiresIn: (object["expires_in"] as? NSNumber)?.doubleValue))
    }

    /// Sends the request and reads the answer.
    /// - Parameter client: the HTTP client (libcurl in the product; it must not trace bodies: they hold the
    ///   secret and the token).
    public func fetch(with client: HTTPClient) async -> Result<Token, Failure> {
        do {
            return Self.token(from: try await client.send(httpRequest))
        } catch let error as MSKESMAWS.TransportError {
            return .failure(.unreachable(error.message))
        } catch {
            return .failure(.unreachable("\(error)"))
        }
    }
}
