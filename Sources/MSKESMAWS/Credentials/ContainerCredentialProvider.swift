import Foundation
import MSKESMCore

/// ECS / EKS Pod Identity container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on
/// 169.254.170.2) or `AWS_CONTAINER_CREDENTIALS_FULL_URI` (loopback, or the ECS/EKS link-local hosts),
/// with `AWS_CONTAINER_AUTHORIZATION_TOKEN` or `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
public struct ContainerCredentialProvider: CredentialProvider {
    public var environment: [String: String]
    public var http: any HTTPClient
    public let name = "container credentials (AWS_CONTAINER_CREDENTIALS_*_URI)"

    public init(environment: [String: String], http: any HTTPClient = CurlHTTPClient()) {
        self.environment = environment
        self.http = http
    }

    static let allowedHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]", "localhost"]

    public func credentials() async throws -> AWSCredentials? {
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = "http://169.254.170.2" + relative
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            let host = SignatureV4.host(of: full).split(separator: ":").first.map(String.init) ?? ""
            let bracketed = SignatureV4.host(of: full)
            guard
                full.hasPrefix("https://") || host.hasPrefix("127.") || Self.allowedHosts.contains(host)
                    || bracketed.hasPrefix("[::1]") || Self.allowedHosts.contains(bracketed)
            else {
                throw CredentialError(
                    source: name, reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https or a loopback address")
            }
            url = full
        } else {
            return nil
        }
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
            guard let token = InputReader.optionalText(atPath: file) else {
                throw CredentialError(source: name, reason: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
            }
            headers.append(("Authorization", token.trimmingWhitespaceAndNewlines()))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            headers.append(("Authorization", token))
        }
        let response = try await http.send(
            HTTPRequest(method: "GET", url: url, headers: headers, connectTimeout: 2, readTimeout: 2))
        guard response.status == 200, let object = try? JSONValue.parse(response.body),
            let accessKey = object["AccessKeyId"]?.stringValue, let secretKey = object["SecretAccessKey"]?.stringValue
        else {
            throw CredentialError(
                source: name, reason: "the endpoint answered HTTP \(response.status) without credentials")
        }
        return AWSCredentials(
            accessKeyId: accessKey, secretAccessKey: secretKey, sessionToken: object["Token"]?.stringValue,
            expiration: object["Expiration"]?.stringValue.flatMap(ISO8601Instant.parse), source: "container")
    }
}
