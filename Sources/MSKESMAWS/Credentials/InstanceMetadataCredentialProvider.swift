import Foundation
import MSKESMCore

/// EC2 instance metadata (IMDSv2): a session token from `PUT /latest/api/token`, then the role's
/// credentials from `/latest/meta-data/iam/security-credentials/<role>`. Timeouts of 1 s and a single
/// attempt, so it never hangs off EC2. `AWS_EC2_METADATA_DISABLED=true` turns it off;
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it (tests point it at a loopback server).
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    public var environment: [String: String]
    public var http: any HTTPClient
    public let name = "EC2 instance metadata"

    public init(environment: [String: String], http: any HTTPClient = CurlHTTPClient()) {
        self.environment = environment
        self.http = http
    }

    public var isDisabled: Bool { environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" }

    public func credentials() async throws -> AWSCredentials? {
        if isDisabled { return nil }
        var endpoint = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        func get(_ path: String, token: String) async throws -> HTTPResponse? {
            let response = try await http.send(
                HTTPRequest(
                    method: "GET", url: endpoint + path, headers: [("X-aws-ec2-metadata-token", token)],
                    connectTimeout: 1, readTimeout: 1))
            return response.status == 200 ? response : nil
        }
        do {
            let tokenResponse = try await http.send(
                HTTPRequest(
                    method: "PUT", url: endpoint + "/latest/api/token",
                    headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], connectTimeout: 1, readTimeout: 1))
            guard tokenResponse.status == 200 else { return nil }
            let token = String(decoding: tokenResponse.body, as: UTF8.self)
            guard let roles = try await get("/latest/meta-data/iam/security-credentials/", token: token),
                let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
            else { return nil }
            guard let document = try await get("/latest/meta-data/iam/security-credentials/\(role)", token: token),
                let object = try? JSONValue.parse(document.body),
                let accessKey = object["AccessKeyId"]?.stringValue,
                let secretKey = object["SecretAccessKey"]?.stringValue
            else { return nil }
            return AWSCredentials(
                accessKeyId: accessKey, secretAccessKey: secretKey, sessionToken: object["Token"]?.stringValue,
                expiration: object["Expiration"]?.stringValue.flatMap(ISO8601Instant.parse),
                source: "instance metadata (role \(role))")
        } catch is TransportError {
            return nil  // not on EC2
        }
    }
}
