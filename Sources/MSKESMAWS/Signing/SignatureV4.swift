import Foundation
import MSKESMCore

/// AWS Signature Version 4 (header signing), written to agree byte for byte with botocore's
/// `botocore.auth.SigV4Auth`: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
///
/// It knows nothing of HTTP clients: it takes the parts of a request and returns the headers to add.
/// libcurl's own `CURLOPT_AWS_SIGV4` is not used: it disagrees with botocore on unsorted query strings and
/// on paths that need double encoding (docs/platform.md#libcurls-own-aws-signing-is-not-used).
public struct SignatureV4: Sendable {
    /// The signing name of the service (`lambda`, `kafka`, `iam`, `ec2`, `sts`, `secretsmanager`, `kms`,
    /// `monitoring`).
    public var service: String
    public var region: String

    public init(service: String, region: String) {
        self.service = service
        self.region = region
    }

    /// The parts of a request that the signature covers.
    public struct Request: Sendable {
        public var method: String
        /// `scheme://host[:port]`; the host header is derived from it unless `headers` holds one.
        public var endpoint: String
        /// The path as sent on the wire (already percent-encoded), e.g.
        /// `/2015-03-31/functions/arn%3Aaws%3Alambda%3A…/configuration`.
        public var path: String
        /// Query parameters, not encoded; repeated names allowed.
        public var query: [(String, String)]
        public var headers: [(String, String)]
        /// The lower-case hex SHA-256 of the body.
        public var payloadHash: String

        public init(
            method: String, endpoint: String, path: String, query: [(String, String)] = [],
            headers: [(String, String)] = [], payloadHash: String
        ) {
            self.method = method
            self.endpoint = endpoint
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }

        public init(
            method: String, endpoint: String, path: String, query: [(String, String)] = [],
            headers: [(String, String)] = [], body: [UInt8]
        ) {
            self.init(
                method: method, endpoint: endpoint, path: path, query: query, headers: headers,
                payloadHash: Digest.hex(Digest.sha256(body)))
        }
    }

    /// What signing produced. `headers` are the ones to add to the request.
    public struct Result: Sendable {
        public var headers: [(String, String)]
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var authorization: String
    }

    /// Headers never signed, as botocore's `SIGNED_HEADERS_BLACKLIST` (proxies and clients may change them).
    static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "authorization",
    ]

    /// Signs `request`: returns `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials) and
    /// `Authorization`. A `Date`, `X-Amz-Date` or `X-Amz-Security-Token` already in `request.headers` is
    /// replaced, as botocore does.
    public func sign(_ request: Request, credentials: AWSCredentials, date: Date) -> Result {
        let timestamp = Self.timestamp(date)
        var headers = request.headers.filter { name, _ in
            let lower = name.lowercased()
            return lower != "authorization" && lower != "x-amz-date"
                && !(credentials.sessionToken != nil && lower == "x-amz-security-token")
        }
        var added: [(String, String)] = [("X-Amz-Date", timestamp)]
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        headers.append(contentsOf: added)

        // Group by lower-case name; repeated headers join with commas in order (botocore's get_all).
        var grouped: [String: [String]] = [:]
        for (name, value) in headers {
            let lower = name.lowercased()
            if Self.unsignedHeaders.contains(lower) { continue }
            grouped[lower, default: []].append(value)
        }
        if grouped["host"] == nil { grouped["host"] = [Self.host(of: request.endpoint)] }
        let names = grouped.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let canonicalHeaders = names.map { name in
            name + ":" + grouped[name, default: []].map(Self.trimAll).joined(separator: ",")
        }.joined(separator: "\n")
        let signedHeaders = names.joined(separator: ";")

        let canonicalRequest = [
            request.method.uppercased(),
            canonicalURI(request.path),
            Self.canonicalQuery(request.query),
            canonicalHeaders + "\n",
            signedHeaders,
            request.payloadHash,
        ].joined(separator: "\n")

        let day = String(timestamp.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", timestamp, scope, Digest.hex(Digest.sha256(canonicalRequest)),
        ].joined(separator: "\n")

        let dateKey = Digest.hmacSHA256(key: Array("AWS4\(credentials.secretAccessKey)".utf8), day)
        let regionKey = Digest.hmacSHA256(key: dateKey, region)
        let serviceKey = Digest.hmacSHA256(key: regionKey, service)
        let signingKey = Digest.hmacSHA256(key: serviceKey, "aws4_request")
        let signature = Digest.hex(Digest.hmacSHA256(key: signingKey, stringToSign))

        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        added.append(("Authorization", authorization))
        return Result(
            headers: added, canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization)
    }

    /// The canonical URI: dot segments and empty segments removed (botocore's `remove_dot_segments`), then
    /// every character but unreserved ones and `/` percent-encoded once more. S3 alone signs the path as sent.
    public func canonicalURI(_ path: String) -> String {
        if service == "s3" { return path.isEmpty ? "/" : path }
        let normalized = Self.removeDotSegments(path.isEmpty ? "/" : path)
        return URIEncoding.encode(normalized, keeping: "/")
    }

    /// RFC 3986 §5.2.4 dot-segment removal, plus the removal of empty segments AWS requires.
    static func removeDotSegments(_ path: String) -> String {
        guard !path.isEmpty else { return "" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let first = path.hasPrefix("/") ? "/" : ""
        let last = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return first + output.joined(separator: "/") + last
    }

    /// Query parameters encoded (RFC 3986) and sorted by encoded name, then encoded value.
    public static func canonicalQuery(_ query: [(String, String)]) -> String {
        let encoded = query.map { (URIEncoding.encode($0.0), URIEncoding.encode($0.1)) }
        let sorted = encoded.sorted { left, right in
            if left.0 != right.0 { return Array(left.0.utf8).lexicographicallyPrecedes(Array(right.0.utf8)) }
            return Array(left.1.utf8).lexicographicallyPrecedes(Array(right.1.utf8))
        }
        return sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Trims and collapses runs of whitespace to one space (SigV4's "Trimall").
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: {
            $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}"
        })
        .joined(separator: " ")
    }

    /// The host header for an endpoint: lower-case host name, with the port unless it is the scheme's default.
    public static func host(of endpoint: String) -> String {
        var rest = Substring(endpoint)
        var scheme = "https"
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        var host = String(rest)
        var port: String?
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()) }
            host = String(host[...close])
        } else if let colon = host.lastIndex(of: ":") {
            port = String(host[host.index(after: colon)...])
            host = String(host[..<colon])
        }
        host = host.lowercased()
        let defaultPort = scheme == "http" ? "80" : scheme == "https" ? "443" : nil
        if let port, !port.isEmpty, port != defaultPort { host += ":\(port)" }
        return host
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func timestamp(_ date: Date) -> String {
        // The ISO 8601 basic form of the extended `2026-03-01T12:00:00Z`, without a `Calendar`: on Linux that
        // loads ICU's calendar and time-zone data on first use, a few milliseconds of every command.
        String(ISO8601Instant.format(date).unicodeScalars.filter { $0 != "-" && $0 != ":" })
    }
}
