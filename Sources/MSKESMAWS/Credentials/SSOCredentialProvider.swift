import Foundation
import MSKESMCore

/// The credentials of an IAM Identity Center (SSO) profile, in both shapes `aws configure sso` writes: a
/// profile naming an `[sso-session NAME]` section (`sso_start_url`, `sso_region`), or the legacy profile
/// holding `sso_start_url` and `sso_region` itself; both with `sso_account_id` and `sso_role_name`.
///
/// As botocore does: the access token `aws sso login` cached is exchanged for the role's credentials
/// (GetRoleCredentials). For an `sso-session`, a token that expires within 15 minutes is first refreshed
/// with the cached refresh token and client registration (CreateToken), and the new token is written back
/// to the cache; a refresh that fails leaves a still-valid token in use. A legacy token is never refreshed.
/// When no valid token is left, the fix is `aws sso login --profile NAME`.
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html
public struct SSOCredentialProvider: CredentialProvider {
    /// The profile that holds the SSO settings (named in errors and in the `aws sso login` fix).
    public var profileName: String
    public var configuration: Configuration
    public var cache: SSOTokenCache
    /// The SSO services in a region (the `sso_region`).
    public var service: @Sendable (String) -> any SingleSignOnService
    public var clock: @Sendable () -> Date

    /// botocore refreshes an `sso-session` token this long before it expires.
    static let refreshWindow: TimeInterval = 15 * 60

    public var name: String { "SSO profile \(profileName)" }

    /// A profile's SSO settings, with those of its `sso-session` merged in.
    public struct Configuration: Sendable, Equatable {
        public var startURL: String
        public var region: String
        public var accountId: String
        public var roleName: String
        /// The `sso-session` name; nil for a legacy profile.
        public var sessionName: String?
    }

    public init(
        profileName: String, configuration: Configuration, cache: SSOTokenCache,
        service: @escaping @Sendable (String) -> any SingleSignOnService,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.profileName = profileName
        self.configuration = configuration
        self.cache = cache
        self.service = service
        self.clock = clock
    }

    /// The SSO configuration of `profile`, nil when the profile names neither `sso_account_id` nor
    /// `sso_role_name` (it is then no SSO credential profile). Throws for what botocore calls an invalid
    /// configuration: a missing `sso-session` section, a setting missing, or one the profile and its session
    /// give different values.
    public static func configuration(of profileName: String, settings: [String: String], files: SharedConfigFiles)
        throws -> Configuration?
    {
        guard settings["sso_account_id"] != nil || settings["sso_role_name"] != nil else { return nil }
        var resolved = settings
        var required = ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"]
        let sessionName = settings["sso_session"]
        if let sessionName {
            guard let session = files.ssoSessions[sessionName] else {
                throw CredentialError(
                    source: "profile \(profileName)",
                    reason:
                        "its sso_session '\(sessionName)' has no [sso-session \(sessionName)] section in \(files.configPath): add it (aws configure sso-session)"
                )
            }
            for (key, value) in session.sorted(by: { $0.key < $1.key }) {
                if let own = resolved[key], own != value {
                    throw CredentialError(
                        source: "profile \(profileName)",
                        reason:
                            "\(key) is '\(own)' in the profile but '\(value)' in [sso-session \(sessionName)]: keep one"
                    )
                }
                resolved[key] = value
            }
            required.append("sso_session")
        }
        let missing = required.filter { (resolved[$0] ?? "").isEmpty }
        guard missing.isEmpty, let startURL = resolved["sso_start_url"], let region = resolved["sso_region"],
            let accountId = resolved["sso_account_id"], let roleName = resolved["sso_role_name"]
        else {
            throw CredentialError(
                source: "profile \(profileName)",
                reason:
                    "the profile is configured for SSO but lacks \(missing.joined(separator: ", ")): run 'aws configure sso --profile \(profileName)'"
            )
        }
        return Configuration(
            startURL: startURL, region: region, accountId: accountId, roleName: roleName, sessionName: sessionName)
    }

    public func credentials() async throws -> AWSCredentials? {
        let portal = service(configuration.region)
        let accessToken = try await validAccessToken(portal)
        do {
            var found = try await portal.roleCredentials(
                roleName: configuration.roleName, accountId: configuration.accountId, accessToken: accessToken)
            found.source = "SSO profile \(profileName) (role \(configuration.roleName) in \(configuration.accountId))"
            return found
        } catch let error as AWSError where error.code == "UnauthorizedException" {
            throw signInAgain("the SSO portal refused the cached access token")
        }
    }

    /// The cached access token, refreshed first when it is an `sso-session`'s and expires within the window.
    func validAccessToken(_ portal: any SingleSignOnService) async throws -> String {
        let startURL = configuration.startURL
        let sessionName = configuration.sessionName
        guard var token = cache.token(startURL: startURL, sessionName: sessionName),
            let accessToken = token.accessToken,
            var expiresAt = token.expiresAt
        else {
            throw signInAgain(
                "there is no SSO token for \(sessionName.map { "sso-session \($0)" } ?? startURL) in \(cache.directory)"
            )
        }
        let now = clock()
        guard sessionName != nil else {
            // A legacy profile's token is never refreshed: botocore does not call GetRoleCredentials with an
            // expired one either.
            if expiresAt <= now { throw signInAgain("the SSO token expired at \(ISO8601Instant.format(expiresAt))") }
            return accessToken
        }
        if expiresAt.timeIntervalSince(now) < Self.refreshWindow,
            let refreshed = try await refreshed(token, portal: portal, now: now)
        {
            token = refreshed
            expiresAt = refreshed.expiresAt ?? expiresAt
            try cache.save(token, startURL: startURL, sessionName: sessionName)
        }
        guard expiresAt > now, let current = token.accessToken else {
            throw signInAgain("the SSO token expired at \(ISO8601Instant.format(expiresAt)) and could not be refreshed")
        }
        return current
    }

    /// The token CreateToken gives for the cached refresh token, as botocore caches it; nil when the cache has
    /// no refresh token or client registration, the registration has expired, or the service refuses.
    func refreshed(_ token: SSOTokenCache.Token, portal: any SingleSignOnService, now: Date) async throws
        -> SSOTokenCache.Token?
    {
        guard let refreshToken = token["refreshToken"], let clientId = token["clientId"],
            let clientSecret = token["clientSecret"], let registration = token["registrationExpiresAt"],
            let registrationExpiry = SSOTokenCache.instant(registration), registrationExpiry > now
        else { return nil }
        let answer: SSORefreshedToken
        do {
            answer = try await portal.refreshedToken(
                clientId: clientId, clientSecret: clientSecret, refreshToken: refreshToken)
        } catch is AWSError {
            // An answer that refuses (an expired or revoked refresh token) is "not refreshed", as in botocore;
            // no answer at all (a network failure) is the error it is.
            return nil
        }
        var members: [String: JSONValue] = [
            "startUrl": .string(configuration.startURL), "region": .string(configuration.region),
            "accessToken": .string(answer.accessToken),
            "expiresAt": .string(ISO8601Instant.format(now.addingTimeInterval(TimeInterval(answer.expiresIn)))),
            "clientId": .string(clientId), "clientSecret": .string(clientSecret),
            "registrationExpiresAt": token.members["registrationExpiresAt"] ?? .string(registration),
        ]
        if let rotated = answer.refreshToken { members["refreshToken"] = .string(rotated) }
        return SSOTokenCache.Token(members: members)
    }

    private func signInAgain(_ reason: String) -> CredentialError {
        CredentialError(
            source: "profile \(profileName)", reason: "\(reason): run 'aws sso login --profile \(profileName)'")
    }
}
