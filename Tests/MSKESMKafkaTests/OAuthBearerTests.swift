import Foundation
import MSKESMAWS
import MSKESMCore
import Testing

@testable import MSKESMKafka

/// The SASL/OAUTHBEARER client side: the RFC 6749 client-credentials request and the RFC 7628 framing.
struct OAuthBearerTests {
    static let secret =
        #"{"clientId": "lambda client", "clientSecret": "CANARY-oauth-secret/+&", "tokenEndpointUrl": "https://idp.example/token"}"#

    @Test func clientSecretBasicRequest() throws {
        let credentials = try #require(OAuthClientCredentials(json: Self.secret))
        let request = OAuthTokenRequest(
            credentials: credentials, settings: OAuthBearerSettings(scope: "kafka read", audience: "urn:kafka")
        )
        .httpRequest
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "grant_type=client_credentials&scope=kafka+read&audience=urn%3Akafka")
        let basic = try #require(request.header("Authorization")?.dropFirst("Basic ".count))
        let decoded = String(decoding: try #require(Data(base64Encoded: String(basic))), as: UTF8.self)
        #expect(decoded == "lambda+client:CANARY-oauth-secret%2F%2B%26")
        #expect(!"\(credentials)".contains("CANARY"))
    }

    @Test func clientSecretPostRequest() throws {
        let json =
            #"{"client_id": "c", "client_secret": "s", "token_endpoint": "https://idp/t", "token_endpoint_auth_method": "client_secret_post"}"#
        let request = OAuthTokenRequest(
            credentials: try #require(OAuthClientCredentials(json: json)), settings: OAuthBearerSettings()
        ).httpRequest
        #expect(request.header("Authorization") == nil)
        #expect(
            String(decoding: request.body, as: UTF8.self) == "grant_type=client_credentials&client_id=c&client_secret=s"
        )
    }

    @Test func initialResponseCarriesTheExtensions() {
        let settings = OAuthBearerSettings(logicalCluster: "lkc-1", identityPool: "pool-2")
        let bytes = OAuthBearerMessage.initialResponse(token: "tok", extensions: settings.extensions)
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "n,,\u{1}auth=Bearer tok\u{1}logicalCluster=lkc-1\u{1}identityPoolId=pool-2\u{1}\u{1}")
        #expect(OAuthBearerMessage.errorStatus(Array(#"{"status":"invalid_token"}"#.utf8))?.status == "invalid_token")
    }

    @Test(arguments: [
        (200, #"{"access_token":"t","token_type":"Bearer","expires_in":3600}"#, "ok"),
        (401, #"{"error":"invalid_client"}"#, "refused invalid_client"),
        (200, "<html>", "unusable"),
        (200, #"{"token_type":"bearer"}"#, "unusable"),
        (200, #"{"access_token":"t","token_type":"mac"}"#, "unusable"),
    ])
    func tokenAnswers(status: Int, body: String, expected: String) {
        let result = OAuthTokenRequest.token(from: HTTPResponse(status: status, body: Data(body.utf8)))
        switch result {
        case .success(let token): #expect(expected == "ok" && token.accessToken == "t")
        case .failure(.refused(_, let error, _)): #expect(expected == "refused \(error ?? "")")
        case .failure(.unusable): #expect(expected == "unusable")
        case .failure(.unreachable): Issue.record("unexpected")
        }
    }

    /// Without the OAuth secret's value (a snapshot taken without --include-secrets) no token is requested: PRB016
    /// is skipped, naming what is missing, never failed.
    @Test func aMissingSecretSkipsTheTokenRequest() async throws {
        var configuration = ProbeConfiguration(brokers: ["127.0.0.1:1"], method: .oauthbearer, timeout: 2)
        configuration.selfManaged = true
        let report = await Probe().run(configuration)
        let token = try #require(report.findings.first { $0.code == "PRB016" })
        #expect(token.severity == Severity.skipped)
        #expect(token.title.contains("secret is missing"))
    }

    @Test func unreachableTokenEndpointIsPRB016AndSkipsSASL() async throws {
        var configuration = ProbeConfiguration(
            brokers: ["127.0.0.1:1"], method: .oauthbearer,
            secretJSON: #"{"clientId":"c","clientSecret":"CANARY-x","tokenEndpointUrl":"https://127.0.0.1:1/token"}"#,
            timeout: 2)
        configuration.selfManaged = true
        let report = await Probe().run(configuration)
        let token = try #require(report.findings.first { $0.code == "PRB016" })
        #expect(token.severity == Severity.fail)
        #expect(!"\(report.findings)".contains("CANARY"))
    }
}
