import MSKESMAWS

/// Every environment variable msk-esm honours and what it does: the man page's ENVIRONMENT section.
/// `EnvironmentVariablesTests` reads the sources and fails when code reads a variable this list lacks, or the
/// list names one no code reads, so the page always says what the code does.
enum EnvironmentVariables {
    struct Variable: Equatable {
        var name: String
        var meaning: String
        /// Read by libcurl itself, not by msk-esm's code.
        var readByLibcurl = false
    }

    static var all: [Variable] { fixed + endpointVariables }

    static let fixed: [Variable] = [
        Variable(name: "AWS_PROFILE", meaning: "The profile of the shared files to use, when --profile is not given."),
        Variable(name: "AWS_REGION", meaning: "The Region to call, when --region is not given."),
        Variable(name: "AWS_DEFAULT_REGION", meaning: "The Region, when neither --region nor AWS_REGION is given."),
        Variable(
            name: "AWS_ACCESS_KEY_ID",
            meaning:
                "An access key id; with AWS_SECRET_ACCESS_KEY, the first credentials tried (unless --profile is given)."
        ),
        Variable(name: "AWS_SECRET_ACCESS_KEY", meaning: "The secret key of AWS_ACCESS_KEY_ID."),
        Variable(name: "AWS_SESSION_TOKEN", meaning: "The session token of temporary AWS_ACCESS_KEY_ID credentials."),
        Variable(name: "AWS_CONFIG_FILE", meaning: "The AWS CLI's config file (default ~/.aws/config)."),
        Variable(
            name: "AWS_SHARED_CREDENTIALS_FILE", meaning: "The AWS CLI's credentials file (default ~/.aws/credentials)."
        ),
        Variable(
            name: "HOME", meaning: "Where ~/.aws, the SSO token cache ~/.aws/sso/cache and the REPL history are found."),
        Variable(
            name: "AWS_WEB_IDENTITY_TOKEN_FILE",
            meaning: "With AWS_ROLE_ARN: a web identity token to assume the role with (EKS service accounts)."),
        Variable(name: "AWS_ROLE_ARN", meaning: "The role to assume with AWS_WEB_IDENTITY_TOKEN_FILE."),
        Variable(name: "AWS_ROLE_SESSION_NAME", meaning: "The session name for AWS_ROLE_ARN."),
        Variable(
            name: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            meaning: "Container credentials (ECS): the path on 169.254.170.2."),
        Variable(
            name: "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            meaning: "Container credentials: the full URL (EKS Pod Identity, ECS)."),
        Variable(
            name: "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            meaning: "The authorization header for AWS_CONTAINER_CREDENTIALS_FULL_URI."),
        Variable(name: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", meaning: "A file holding that authorization header."),
        Variable(
            name: "AWS_EC2_METADATA_DISABLED",
            meaning: "When true, credentials are never looked up from the EC2 instance metadata service."),
        Variable(
            name: "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            meaning: "The instance metadata service's address (default http://169.254.169.254)."),
        Variable(
            name: "AWS_ENDPOINT_URL",
            meaning: "Send every AWS call to this URL (after --endpoint-url and the per-service variables)."),
        Variable(
            name: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
            meaning: "When true, the AWS_ENDPOINT_URL variables and the profile's endpoint_url are ignored."),
        Variable(
            name: "AWS_CA_BUNDLE", meaning: "A PEM file of the CAs to trust for HTTPS to AWS (after --ca-bundle)."),
        Variable(
            name: "AWS_MAX_ATTEMPTS",
            meaning: "Attempts per AWS call, retries included (default 3; 5 in legacy retry mode)."),
        Variable(
            name: "AWS_RETRY_MODE",
            meaning:
                "standard (the default) or adaptive: up to 3 attempts with exponential backoff and jitter; legacy: up to 5."
        ),
        Variable(name: "NO_COLOR", meaning: "When set and not empty, output is never coloured (as --no-color)."),
        Variable(name: "TERM", meaning: "When dumb, output is not coloured."),
        Variable(name: "COLUMNS", meaning: "The width --help is wrapped to (default: the terminal's)."),
        Variable(name: "MSK_ESM_HISTORY", meaning: "The REPL's history file (default ~/.msk-esm_history)."),
        Variable(
            name: "HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
            meaning: "Proxies for the AWS calls, as libcurl reads them (also lower-case).",
            readByLibcurl: true),
    ]

    /// `AWS_ENDPOINT_URL_<SERVICE>` of each service msk-esm calls (the service id upper-cased, spaces as `_`).
    static var endpointVariables: [Variable] {
        (AWSService.all + [.sso, .ssoOIDC]).map { service in
            Variable(
                name: "AWS_ENDPOINT_URL_\(service.environmentId)",
                meaning: "Send the \(service.serviceId) calls to this URL (after --endpoint-url"
                    + (service == .sso || service == .ssoOIDC ? ", which does not move sign-in calls)." : ")."))
        }
    }
}
