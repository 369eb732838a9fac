import Foundation
import MSKESMAWS
import MSKESMCore

/// The `AWS_MSK_IAM` SASL payload (the mechanism of aws-msk-iam-auth, which Lambda uses for MSK IAM
/// authentication): a JSON document holding a Signature V4 *query* (presigned-URL style) signature of
/// `GET /?Action=kafka-cluster%3AConnect` on the broker host, for the service `kafka-cluster`, with
/// the empty body's hash and `host` as the only signed header.
///
/// The query signing is composed from the `MSKESMAWS` signer's parts (``SignatureV4/canonicalQuery(_:)``,
/// ``SignatureV4/timestamp(_:)``) and the core's `Digest`, because ``SignatureV4/sign(_:credentials:date:)``
/// signs headers; it is checked against botocore's `SigV4QueryAuth` as used by
/// `aws-msk-iam-sasl-signer-python`.
public struct MSKIAMAuthPayload: Sendable {
    public static let version = "2020_10_22"
    public static let action = "kafka-cluster:Connect"
    public static let service = "kafka-cluster"
    public static let expiresSeconds = 900

    public var host: String
    public var region: String
    public var date: Date
    public var userAgent: String

    public init(host: String, region: String, date: Date, userAgent: String = "msk-esm/0.1.0") {
        self.host = host
        self.region = region
        self.date = date
        self.userAgent = userAgent
    }

    /// The signed query parameters (without `User-Agent`, which is not signed), ending with `X-Amz-Signature`.
    func signedQuery(credentials: AWSCredentials) -> [(String, String)] {
        let stamp = SignatureV4.timestamp(date)
        let day = String(stamp.prefix(8))
        let scope = "\(day)/\(region)/\(Self.service)/aws4_request"
        var query: [(String, String)] = [
            ("Action", Self.action),
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope)"),
            ("X-Amz-Date", stamp),
            ("X-Amz-Expires", String(Self.expiresSeconds)),
            ("X-Amz-SignedHeaders", "host"),
        ]
        if let token = credentials.sessionToken { query.append(("X-Amz-Security-Token", token)) }
        // The hash of the empty body (not UNSIGNED-PAYLOAD): what AWS4Signer's presign and botocore's
        // SigV4QueryAuth put there for a GET without a body.
        let canonicalRequest = [
            "GET", "/", SignatureV4.canonicalQuery(query), "host:\(host.lowercased())\n", "host",
            Digest.hex(Digest.sha256("")),
        ].joined(separator: "\n")
        let stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, Digest.hex(Digest.sha256(canonicalRequest))]
            .joined(separator: "\n")
        var key = Digest.hmacSHA256(key: Array("AWS4\(credentials.secretAccessKey)".utf8), day)
        for part in [region, Self.service, "aws4_request"] { key = Digest.hmacSHA256(key: key, part) }
        query.append(("X-Amz-Signature", Digest.hex(Digest.hmacSHA256(key: key, stringToSign))))
        return query
    }

    /// The JSON document sent as the SaslAuthenticate bytes (keys as aws-msk-iam-auth writes them).
    public func document(credentials: AWSCredentials) -> [UInt8] {
        let query = Dictionary(signedQuery(credentials: credentials), uniquingKeysWith: { first, _ in first })
        var members: [String: String] = [
            "version": Self.version,
            "host": host,
            "user-agent": userAgent,
            "action": Self.action,
            "x-amz-algorithm": query["X-Amz-Algorithm"] ?? "",
            "x-amz-credential": query["X-Amz-Credential"] ?? "",
            "x-amz-date": query["X-Amz-Date"] ?? "",
            "x-amz-signedheaders": "host",
            "x-amz-expires": query["X-Amz-Expires"] ?? "",
            "x-amz-signature": query["X-Amz-Signature"] ?? "",
        ]
        if let token = credentials.sessionToken { members["x-amz-security-token"] = token }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(members)) ?? Data())
    }
}
