import Foundation
import MSKESMCore

/// The AWS settings a command line gives (the AWS CLI's global options). All optional: the rest comes
/// from the environment and the shared files.
public struct AWSSettings: Sendable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    public var connectTimeout: Double?
    public var readTimeout: Double?
    /// A PEM bundle of the CAs to trust for HTTPS (`--ca-bundle`); before `AWS_CA_BUNDLE` and the profile's.
    public var caBundle: String?
    /// Receives the `--debug` HTTP trace, already redacted. The core never prints.
    public var trace: (@Sendable (String) -> Void)?

    public init(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, connectTimeout: Double? = nil,
        readTimeout: Double? = nil, caBundle: String? = nil, trace: (@Sendable (String) -> Void)? = nil
    ) {
        self.caBundle = caBundle
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.trace = trace
    }
}

/// Everything an `AWSClient` needs, resolved once per command.
public struct AWSClientConfiguration: Sendable {
    public var region: String
    public var credentials: CredentialResolver
    public var endpoints: EndpointResolver
    public var http: any HTTPClient
    public var retry: RetryPolicy
    public var clock: @Sendable () -> Date
    public var trace: (@Sendable (String) -> Void)?
    /// The profile in use, if any.
    public var profileName: String?

    public init(
        region: String, credentials: CredentialResolver, endpoints: EndpointResolver = EndpointResolver(),
        http: any HTTPClient, retry: RetryPolicy = RetryPolicy(), clock: @escaping @Sendable () -> Date = { Date() },
        trace: (@Sendable (String) -> Void)? = nil, profileName: String? = nil
    ) {
        self.region = region
        self.credentials = credentials
        self.endpoints = endpoints
        self.http = http
        self.retry = retry
        self.clock = clock
        self.trace = trace
        self.profileName = profileName
    }

    /// Resolves region, credentials, endpoints, timeouts and retries like the AWS CLI:
    /// - region: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`;
    /// - credentials: environment (skipped when `--profile` is given, as in botocore), the profile
    ///   (`--profile` / `AWS_PROFILE` / `default`), web identity, container, instance metadata;
    /// - retries: `AWS_MAX_ATTEMPTS`, the profile's `max_attempts`, else 3;
    /// - CA bundle: `--ca-bundle`, `AWS_CA_BUNDLE`, the profile's `ca_bundle`.
    /// Nothing is contacted here: credentials are fetched on the first call.
    /// - Throws: `ToolError` (exit 2) when no region is set or a setting is malformed.
    public static func resolve(
        _ settings: AWSSettings, environment: [String: String] = ProcessInfo.processInfo.environment,
        files: SharedConfigFiles? = nil, http: (any HTTPClient)? = nil
    ) throws -> AWSClientConfiguration {
        let files = files ?? SharedConfigFiles.load(environment: environment)
        let explicitProfile = settings.profile.flatMap { $0.isEmpty ? nil : $0 }
        let environmentProfile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        let profileName = explicitProfile ?? environmentProfile ?? "default"
        let profile = files.profile(profileName) ?? [:]
        if (explicitProfile != nil || environmentProfile != nil) && files.profile(profileName) == nil {
            throw ToolError.usage(
                "the AWS profile does not exist",
                input: explicitProfile != nil ? "--profile \(profileName)" : "AWS_PROFILE=\(profileName)",
                fix:
                    "name a profile from \(files.configPath) or \(files.credentialsPath) ('aws configure list-profiles')"
            )
        }
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        guard
            let region = nonEmpty(settings.region) ?? nonEmpty(environment["AWS_REGION"])
                ?? nonEmpty(environment["AWS_DEFAULT_REGION"]) ?? nonEmpty(profile["region"])
        else {
            throw ToolError.usage(
                "no AWS region set", input: "--region",
                fix: "add --region us-east-1, set AWS_REGION, or put region = … in the profile")
        }
        // The SDKs' retry modes: standard (the default) and adaptive retry the same way here (msk-esm's fleet
        // runs pace themselves); legacy allows 5 attempts by default instead of 3.
        // https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
        // A setting the environment variable overrides; a bad value is reported under the name it was given by.
        // (The variable is read where it is named: the man page's ENVIRONMENT is generated from those reads.)
        func setting(_ variable: String, _ fromEnvironment: String?, orProfileKey key: String) -> (
            value: String, input: String
        )? {
            if let value = nonEmpty(fromEnvironment) { return (value, "\(variable)=\(value)") }
            if let value = nonEmpty(profile[key]) { return (value, "\(key) = \(value) in profile \(profileName)") }
            return nil
        }
        let retryMode = setting("AWS_RETRY_MODE", environment["AWS_RETRY_MODE"], orProfileKey: "retry_mode")
        if let retryMode, !["standard", "adaptive", "legacy"].contains(retryMode.value) {
            throw ToolError.usage("unknown retry mode", input: retryMode.input, fix: "use standard, adaptive or legacy")
        }
        var maxAttempts = retryMode?.value == "legacy" ? 5 : 3
        if let attempts = setting("AWS_MAX_ATTEMPTS", environment["AWS_MAX_ATTEMPTS"], orProfileKey: "max_attempts") {
            guard let value = Int(attempts.value), value >= 1 else {
                throw ToolError.usage(
                    "max attempts must be a whole number ≥ 1", input: attempts.input, fix: "set it to e.g. 3")
            }
            maxAttempts = value
        }
        let caBundle =
            nonEmpty(settings.caBundle) ?? nonEmpty(environment["AWS_CA_BUNDLE"]) ?? nonEmpty(profile["ca_bundle"])
        let httpClient =
            http
            ?? CurlHTTPClient(
                options: CurlHTTPClient.Options(
                    connectTimeout: settings.connectTimeout ?? 60, readTimeout: settings.readTimeout ?? 60,
                    caBundle: caBundle, trace: settings.trace))
        let endpoints = EndpointResolver(endpointURL: settings.endpointURL, environment: environment, profile: profile)

        // STS for role profiles: signs with the source credentials it is handed.
        let bootstrap = AWSClientConfiguration(
            region: region, credentials: CredentialResolver(provider: CredentialProviderChain([])),
            endpoints: endpoints, http: httpClient, retry: RetryPolicy(maxAttempts: maxAttempts),
            trace: settings.trace)
        let sts = STSClient(client: AWSClient(configuration: bootstrap))
        // IAM Identity Center in the profile's sso_region. As in the AWS CLI, --endpoint-url is the command's
        // and not the credential provider's: only AWS_ENDPOINT_URL_SSO(_OIDC), AWS_ENDPOINT_URL and the
        // profile's endpoint_url move these calls.
        let ssoEndpoints = EndpointResolver(endpointURL: nil, environment: environment, profile: profile)
        let sso: @Sendable (String) -> any SingleSignOnService = { ssoRegion in
            var configuration = bootstrap
            configuration.region = ssoRegion
            configuration.endpoints = ssoEndpoints
            return SSOClient(client: AWSClient(configuration: configuration))
        }

        var providers: [any CredentialProvider] = []
        if explicitProfile == nil { providers.append(EnvironmentCredentialProvider(environment: environment)) }
        providers.append(
            ProfileCredentialProvider(
                profileName: profileName, files: files, environment: environment, sts: sts,
                explicit: explicitProfile != nil || environmentProfile != nil, sso: sso))
        if explicitProfile == nil,
            let webIdentity = WebIdentityCredentialProvider.fromEnvironment(environment, sts: sts)
        {
            providers.append(webIdentity)
        }
        providers.append(ContainerCredentialProvider(environment: environment, http: httpClient))
        let metadata = InstanceMetadataCredentialProvider(environment: environment, http: httpClient)
        if !metadata.isDisabled { providers.append(metadata) }

        return AWSClientConfiguration(
            region: region, credentials: CredentialResolver(provider: CredentialProviderChain(providers)),
            endpoints: endpoints, http: httpClient, retry: RetryPolicy(maxAttempts: maxAttempts),
            trace: settings.trace, profileName: explicitProfile ?? environmentProfile)
    }
}
