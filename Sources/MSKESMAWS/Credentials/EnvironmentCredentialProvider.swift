/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let name = "environment variables (AWS_ACCESS_KEY_ID)"
    public var environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    public func credentials() async throws -> AWSCredentials? {
        let accessKey = environment["AWS_ACCESS_KEY_ID"] ?? ""
        let secretKey = environment["AWS_SECRET_ACCESS_KEY"] ?? ""
        if accessKey.isEmpty && secretKey.isEmpty { return nil }
        guard !accessKey.isEmpty, !secretKey.isEmpty else {
            throw CredentialError(
                source: name,
                reason: "set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither")
        }
        return AWSCredentials(
            accessKeyId: accessKey, secretAccessKey: secretKey, sessionToken: environment["AWS_SESSION_TOKEN"],
            source: "environment")
    }
}
