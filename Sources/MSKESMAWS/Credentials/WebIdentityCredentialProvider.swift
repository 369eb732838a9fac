import Foundation
import MSKESMCore

/// STS AssumeRoleWithWebIdentity with a token file: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`
/// (+ `AWS_ROLE_SESSION_NAME`), as EKS service accounts set them, or a profile's
/// `web_identity_token_file` + `role_arn`.
public struct WebIdentityCredentialProvider: CredentialProvider {
    public var roleArn: String
    public var tokenFile: String
    public var sessionName: String?
    public var sts: any SecurityTokenService
    public var name: String { "web identity (\(tokenFile))" }

    public init(roleArn: String, tokenFile: String, sessionName: String? = nil, sts: any SecurityTokenService) {
        self.roleArn = roleArn
        self.tokenFile = tokenFile
        self.sessionName = sessionName
        self.sts = sts
    }

    /// From `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`; nil when either is unset.
    public static func fromEnvironment(_ environment: [String: String], sts: any SecurityTokenService)
        -> WebIdentityCredentialProvider?
    {
        guard let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty,
            let role = environment["AWS_ROLE_ARN"], !role.isEmpty
        else { return nil }
        return WebIdentityCredentialProvider(
            roleArn: role, tokenFile: file, sessionName: environment["AWS_ROLE_SESSION_NAME"], sts: sts)
    }

    public func credentials() async throws -> AWSCredentials? {
        guard let token = InputReader.optionalText(atPath: tokenFile) else {
            throw CredentialError(source: name, reason: "cannot read the web identity token file: check the path")
        }
        var found = try await sts.assumeRoleWithWebIdentity(
            roleArn: roleArn, sessionName: sessionName ?? "msk-esm-\(Int(Date().timeIntervalSince1970))",
            token: token.trimmingWhitespaceAndNewlines(), durationSeconds: nil)
        found.source = "web identity (assumed \(roleArn))"
        return found
    }
}
