import Foundation

/// A named profile of the shared files, in botocore's order: `role_arn` (with `source_profile` or
/// `credential_source`, through STS AssumeRole), `web_identity_token_file` + `role_arn`, IAM Identity Center
/// (`sso_account_id` + `sso_role_name`, see ``SSOCredentialProvider``), static keys (`aws_access_key_id`),
/// then `credential_process`. A `source_profile` may be any of these, an SSO profile included.
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html
public struct ProfileCredentialProvider: CredentialProvider {
    public var profileName: String
    public var files: SharedConfigFiles
    public var environment: [String: String]
    /// Makes STS calls with given credentials (nil: unsigned) for role profiles.
    public var sts: any SecurityTokenService
    /// Whether the profile was named explicitly (`--profile`, `AWS_PROFILE`): then a missing profile is an error.
    public var explicit: Bool
    /// The IAM Identity Center services in a region (`sso_region`), for SSO profiles.
    public var sso: @Sendable (String) -> any SingleSignOnService

    public var name: String {
        "profile \(profileName) (\(files.credentialsPath), \(files.configPath))"
    }

    public init(
        profileName: String, files: SharedConfigFiles, environment: [String: String], sts: any SecurityTokenService,
        explicit: Bool, sso: @escaping @Sendable (String) -> any SingleSignOnService
    ) {
        self.profileName = profileName
        self.files = files
        self.environment = environment
        self.sts = sts
        self.explicit = explicit
        self.sso = sso
    }

    public func credentials() async throws -> AWSCredentials? {
        try await resolve(profileName, visited: [])
    }

    private func resolve(_ profile: String, visited: [String]) async throws -> AWSCredentials? {
        guard let settings = files.profile(profile) else {
            if explicit || !visited.isEmpty {
                throw CredentialError(
                    source: "profile \(profile)",
                    reason: "the profile is not in \(files.credentialsPath) or \(files.configPath): check its name")
            }
            return nil
        }
        if visited.contains(profile) {
            throw CredentialError(
                source: "profile \(profile)",
                reason: "source_profile loops (\((visited + [profile]).joined(separator: " → "))): fix the chain")
        }
        if let roleArn = settings["role_arn"], !roleArn.isEmpty {
            if let tokenFile = settings["web_identity_token_file"], settings["source_profile"] == nil,
                settings["credential_source"] == nil
            {
                return try await WebIdentityCredentialProvider(
                    roleArn: roleArn, tokenFile: tokenFile, sessionName: settings["role_session_name"], sts: sts
                ).credentials()
            }
            let sourceCredentials = try await sourceCredentials(for: profile, settings: settings, visited: visited)
            if settings["mfa_serial"] != nil {
                throw CredentialError(
                    source: "profile \(profile)",
                    reason: "roles that need MFA are not supported: run 'aws sts assume-role' and export the keys")
            }
            return try await AssumeRoleCredentialProvider(
                roleArn: roleArn, source: sourceCredentials, externalId: settings["external_id"],
                sessionName: settings["role_session_name"],
                durationSeconds: settings["duration_seconds"].flatMap(Int.init), sts: sts,
                label: "profile \(profile)"
            ).credentials()
        }
        if let configuration = try SSOCredentialProvider.configuration(of: profile, settings: settings, files: files) {
            return try await SSOCredentialProvider(
                profileName: profile, configuration: configuration, cache: SSOTokenCache(home: files.home), service: sso
            ).credentials()
        }
        if let accessKey = settings["aws_access_key_id"], !accessKey.isEmpty {
            guard let secretKey = settings["aws_secret_access_key"], !secretKey.isEmpty else {
                throw CredentialError(
                    source: "profile \(profile)", reason: "aws_access_key_id is set but aws_secret_access_key is not")
            }
            return AWSCredentials(
                accessKeyId: accessKey, secretAccessKey: secretKey, sessionToken: settings["aws_session_token"],
                source: "profile \(profile)")
        }
        if let command = settings["credential_process"], !command.isEmpty {
            return try await ProcessCredentialProvider(command: command, label: "profile \(profile)").credentials()
        }
        if !visited.isEmpty || explicit {
            throw CredentialError(
                source: "profile \(profile)",
                reason:
                    "the profile has no credentials (aws_access_key_id, role_arn, sso_account_id and sso_role_name, or credential_process)"
            )
        }
        return nil
    }

    private func sourceCredentials(for profile: String, settings: [String: String], visited: [String]) async throws
        -> AWSCredentials
    {
        if let source = settings["source_profile"], !source.isEmpty {
            // A source profile with its own keys is used as it is, even when it names a role (botocore).
            if source == profile, let keys = files.profile(source), let accessKey = keys["aws_access_key_id"],
                let secretKey = keys["aws_secret_access_key"]
            {
                return AWSCredentials(
                    accessKeyId: accessKey, secretAccessKey: secretKey, sessionToken: keys["aws_session_token"],
                    source: "profile \(source)")
            }
            guard let found = try await resolve(source, visited: visited + [profile]) else {
                throw CredentialError(source: "profile \(source)", reason: "the source profile has no credentials")
            }
            return found
        }
        if let source = settings["credential_source"] {
            let provider: any CredentialProvider
            switch source {
            case "Environment": provider = EnvironmentCredentialProvider(environment: environment)
            case "EcsContainer": provider = ContainerCredentialProvider(environment: environment)
            case "Ec2InstanceMetadata": provider = InstanceMetadataCredentialProvider(environment: environment)
            default:
                throw CredentialError(
                    source: "profile \(profile)",
                    reason: "credential_source must be Environment, EcsContainer or Ec2InstanceMetadata")
            }
            guard let found = try await provider.credentials() else {
                throw CredentialError(
                    source: "profile \(profile)", reason: "credential_source \(source) has no credentials")
            }
            return found
        }
        throw CredentialError(
            source: "profile \(profile)", reason: "role_arn needs source_profile or credential_source")
    }
}
