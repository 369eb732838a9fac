import Foundation
import MSKESMCore

/// The two IAM Identity Center calls an SSO profile needs: the portal's GetRoleCredentials (a role's
/// credentials for the access token `aws sso login` left) and the OIDC service's CreateToken (a new access
/// token for a refresh token). Both are sent unsigned: the bearer token and the client secret authenticate.
public protocol SingleSignOnService: Sendable {
    func roleCredentials(roleName: String, accountId: String, accessToken: String) async throws -> AWSCredentials
    func refreshedToken(clientId: String, clientSecret: String, refreshToken: String) async throws -> SSORefreshedToken
}

/// CreateToken's answer for the `refresh_token` grant.
public struct SSORefreshedToken: Sendable, Equatable {
    public var accessToken: String
    public var expiresIn: Int
    /// A rotated refresh token, when the service sent one.
    public var refreshToken: String?
}

/// ``SingleSignOnService`` over the AWS client, in one `sso_region`.
/// https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html
/// https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_CreateToken.html
public struct SSOClient: SingleSignOnService {
    public var client: AWSClient

    /// `client`'s configuration must name the `sso_region` as its region.
    public init(client: AWSClient) { self.client = client }

    public func roleCredentials(roleName: String, accountId: String, accessToken: String) async throws -> AWSCredentials
    {
        // The model's member order (roleName, accountId) is the query's, as botocore sends it.
        let call = AWSCall(
            service: .sso, operation: "GetRoleCredentials", method: "GET", path: "/federation/credentials",
            query: [("role_name", roleName), ("account_id", accountId)],
            headers: [("x-amz-sso_bearer_token", accessToken)], unsigned: true)
        let answer = try await client.sendJSON(call)
        guard let role = answer["roleCredentials"], let accessKey = role["accessKeyId"]?.stringValue,
            let secretKey = role["secretAccessKey"]?.stringValue
        else {
            throw AWSError(
                code: "InvalidResponse", message: "no roleCredentials in the response", status: 200,
                operation: call.label)
        }
        // `expiration` is milliseconds since 1970.
        var expiration: Date?
        if case .number(let milliseconds) = role["expiration"] {
            expiration = Date(timeIntervalSince1970: milliseconds / 1000)
        }
        return AWSCredentials(
            accessKeyId: accessKey, secretAccessKey: secretKey, sessionToken: role["sessionToken"]?.stringValue,
            expiration: expiration, source: call.label)
    }

    public func refreshedToken(clientId: String, clientSecret: String, refreshToken: String) async throws
        -> SSORefreshedToken
    {
        let body: JSONValue = .object([
            "grantType": "refresh_token", "clientId": .string(clientId), "clientSecret": .string(clientSecret),
            "refreshToken": .string(refreshToken),
        ])
        let call = AWSCall(
            service: .ssoOIDC, operation: "CreateToken", method: "POST", path: "/token",
            headers: [("Content-Type", "application/json")], body: Data(JSONWriter.write(body, pretty: false).utf8),
            unsigned: true)
        let answer = try await client.sendJSON(call)
        guard let accessToken = answer["accessToken"]?.stringValue, let expiresIn = answer["expiresIn"]?.intValue
        else {
            throw AWSError(
                code: "InvalidResponse", message: "no accessToken in the response", status: 200, operation: call.label)
        }
        return SSORefreshedToken(
            accessToken: accessToken, expiresIn: expiresIn, refreshToken: answer["refreshToken"]?.stringValue)
    }
}
