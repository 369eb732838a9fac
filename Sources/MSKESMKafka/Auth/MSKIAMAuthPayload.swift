import Foundation

/// AWS credentials for the `AWS_MSK_IAM` mechanism. The secret key and session token never leave this value
/// except inside the signed payload sent to the broker.
public struct IAMCredentials: Sendable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// From `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> IAMCredentials?
    {
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else { return nil }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return IAMCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
    }
}

/// The `AWS_MSK_IAM` SASL payload (the mechanism of aws-msk-iam-auth, which Lambda uses for MSK IAM
/// authentication): a JSON document holding a Signature V4 *query* (presigned-URL style) signature of
/// `GET /?Action=kafka-cluster%3AConnect` on the broker host, for the service `kafka-cluster`, with
/// the empty body's hash and `host` as the only signed header.
///
/// The signing is a minimal SigV4 query signer of this module's own (the `MSKESMAWS` signer signs headers);
/// it is checked against botocore's `SigV4QueryAuth` as used by `aws-msk-iam-sasl-signer-python`.
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

    /// `YYYYMMDD'T'HHMMSS'Z'`.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
    }

    /// RFC 3986 encoding of everything but unreserved characters, as SigV4 requires.
    static func uriEncode(_ text: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)
        var result = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                result.append(Character(UnicodeScalar(byte)))
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    /// The signed query parameters (without `User-Agent`, which is not signed), ending with `X-Amz-Signature`.
    func signedQuery(credentials: IAMCredentials) -> [(String, String)] {
        let stamp = Self.timestamp(date)
        let day = String(stamp.prefix(8))
        let scope = "\(day)/\(region)/\(Self.service)/aws4_request"
        var query: [(String, String)] = [
            ("Action", Self.action),
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"),
            ("X-Amz-Date", stamp),
            ("X-Amz-Expires", String(Self.expiresSeconds)),
            ("X-Amz-SignedHeaders", "host"),
        ]
        if let token = credentials.sessionToken { query.append(("X-Amz-Security-Token", token)) }
        let encoded: [(name: String, value: String)] = query.map { pair in
            (name: Self.uriEncode(pair.0), value: Self.uriEncode(pair.1))
        }
        let sortedPairs = encoded.sorted { lhs, rhs in
            lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name
        }
        let canonicalQuery: String = sortedPairs.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
        let canonicalHeaders: String = "host:" + host.lowercased() + "\n"
        // The hash of the empty body (not UNSIGNED-PAYLOAD): what AWS4Signer's presign and botocore's
        // SigV4QueryAuth put there for a GET without a body.
        let emptyBodyHash = HashFunction.sha256.digest([]).lowerHex
        let canonicalRequest: String = ["GET", "/", canonicalQuery, canonicalHeaders, "host", emptyBodyHash]
            .joined(separator: "\n")
        let requestHash: String = HashFunction.sha256.digest(Array(canonicalRequest.utf8)).lowerHex
        let stringToSign: String = ["AWS4-HMAC-SHA256", stamp, scope, requestHash].joined(separator: "\n")
        let sha = HashFunction.sha256
        var key = sha.hmac(key: Array("AWS4\(credentials.secretAccessKey)".utf8), Array(day.utf8))
        for part in [region, Self.service, "aws4_request"] { key = sha.hmac(key: key, Array(part.utf8)) }
        let signature = sha.hmac(key: key, Array(stringToSign.utf8)).lowerHex
        query.append(("X-Amz-Signature", signature))
        return query
    }

    /// The JSON document sent as the SaslAuthenticate bytes (keys as aws-msk-iam-auth writes them).
    public func document(credentials: IAMCredentials) -> [UInt8] {
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
