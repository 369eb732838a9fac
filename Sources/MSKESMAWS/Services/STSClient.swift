import Foundation
import MSKESMCore

/// STS (query protocol): GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity.
public struct STSClient: SecurityTokenService {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `aws sts get-caller-identity`: `{UserId, Account, Arn}`.
    public func getCallerIdentity() async throws -> JSONValue {
        try await client.sendShaped(.query(.sts, "GetCallerIdentity", []))
    }

    public func assumeRole(
        credentials: AWSCredentials, roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?
    ) async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalId { parameters.append(("ExternalId", externalId)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        var signing = client
        signing.configuration.credentials = CredentialResolver(provider: StaticCredentialProvider(credentials))
        let response = try await signing.send(.query(.sts, "AssumeRole", parameters))
        return try Self.credentials(from: response, operation: "sts.AssumeRole")
    }

    public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String, durationSeconds: Int?)
        async throws -> AWSCredentials
    {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", token)]
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        var call = AWSCall.query(.sts, "AssumeRoleWithWebIdentity", parameters)
        call.unsigned = true
        let response = try await client.send(call)
        return try Self.credentials(from: response, operation: "sts.AssumeRoleWithWebIdentity")
    }

    static func credentials(from response: HTTPResponse, operation: String) throws -> AWSCredentials {
        let xml = String(decoding: response.body, as: UTF8.self)
        guard let accessKey = AWSError.firstElement("AccessKeyId", in: xml),
            let secretKey = AWSError.firstElement("SecretAccessKey", in: xml)
        else {
            throw AWSError(
                code: "InvalidResponse", message: "no Credentials in the response", status: response.status,
                operation: operation)
        }
        return AWSCredentials(
            accessKeyId: accessKey, secretAccessKey: secretKey,
            sessionToken: AWSError.firstElement("SessionToken", in: xml),
            expiration: AWSError.firstElement("Expiration", in: xml).flatMap(ISO8601Instant.parse), source: operation)
    }
}
