import Foundation

/// What the credential providers need from STS (implemented by `STSClient`).
public protocol SecurityTokenService: Sendable {
    func assumeRole(
        credentials: AWSCredentials, roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?
    ) async throws -> AWSCredentials
    func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String, durationSeconds: Int?)
        async throws -> AWSCredentials
}

/// STS AssumeRole with the source credentials of a profile (`role_arn`, `external_id`,
/// `role_session_name`, `duration_seconds`).
public struct AssumeRoleCredentialProvider: CredentialProvider {
    public var roleArn: String
    public var source: AWSCredentials
    public var externalId: String?
    public var sessionName: String?
    public var durationSeconds: Int?
    public var sts: any SecurityTokenService
    public var label: String
    public var name: String { "\(label) (assume role \(roleArn))" }

    public init(
        roleArn: String, source: AWSCredentials, externalId: String? = nil, sessionName: String? = nil,
        durationSeconds: Int? = nil, sts: any SecurityTokenService, label: String = "assume role"
    ) {
        self.roleArn = roleArn
        self.source = source
        self.externalId = externalId
        self.sessionName = sessionName
        self.durationSeconds = durationSeconds
        self.sts = sts
        self.label = label
    }

    public func credentials() async throws -> AWSCredentials? {
        var found = try await sts.assumeRole(
            credentials: source, roleArn: roleArn,
            sessionName: sessionName ?? "msk-esm-\(Int(Date().timeIntervalSince1970))", externalId: externalId,
            durationSeconds: durationSeconds)
        found.source = "\(label) (assumed \(roleArn))"
        return found
    }
}
