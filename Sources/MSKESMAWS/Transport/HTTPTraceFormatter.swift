import Foundation
import MSKESMCore

/// The `--debug` HTTP trace, with every secret redacted: the `Authorization` and `X-Amz-Security-Token`
/// headers, and secret values in bodies (`SecretString`, `SecretBinary`, `SecretAccessKey`, `SessionToken`,
/// `Token`, `privateKey`, `password`, `WebIdentityToken`, the SSO tokens and client secret) in JSON, XML and
/// form encodings, and the SSO portal's bearer token header.
public enum HTTPTraceFormatter {
    static let secretHeaders: Set<String> = [
        "authorization", "x-amz-security-token", "x-aws-ec2-metadata-token", "x-amz-sso_bearer_token",
    ]
    static let secretFields = [
        "SecretString", "SecretBinary", "SecretAccessKey", "SessionToken", "Token", "privateKey", "password",
        "WebIdentityToken", "secretAccessKey", "sessionToken",
        // IAM Identity Center: the OIDC CreateToken call and its answer.
        "accessToken", "refreshToken", "clientSecret", "idToken",
    ]
    /// Bodies longer than this are cut in the trace.
    static let bodyLimit = 4096

    public static func request(_ request: HTTPRequest) -> String {
        var lines = ["> \(request.method) \(request.url)"]
        for (name, value) in request.headers {
            lines.append("> \(name): \(redactHeader(name, value))")
        }
        if !request.body.isEmpty { lines.append("> " + redactBody(request.body)) }
        return traceText(lines)
    }

    public static func response(_ response: HTTPResponse, url: String, seconds: Double) -> String {
        var lines = ["< \(response.status) \(url) (\(Int(seconds * 1000)) ms)"]
        for (name, value) in response.headers {
            lines.append("< \(name): \(redactHeader(name, value))")
        }
        if !response.body.isEmpty { lines.append("< " + redactBody(response.body)) }
        return traceText(lines)
    }

    /// One trace line per header or body, with control characters escaped: an endpoint's answer (or a proxy's)
    /// must not drive the terminal that reads the trace, then or later from a log.
    static func traceText(_ lines: [String]) -> String {
        lines.map { $0.escapingControlCharacters() }.joined(separator: "\n") + "\n"
    }

    static func redactHeader(_ name: String, _ value: String) -> String {
        guard secretHeaders.contains(name.lowercased()) else { return value }
        if name.lowercased() == "authorization", let range = value.range(of: "Credential=") {
            // Keep the key id and scope (useful, not secret); drop the signature.
            let credential = value[range.upperBound...].prefix { $0 != "," }
            return "AWS4-HMAC-SHA256 Credential=\(credential), <signature redacted>"
        }
        return "<redacted>"
    }

    /// Redacts secret values in a JSON, XML or form body.
    public static func redactBody(_ body: Data) -> String {
        var text = String(decoding: body.prefix(bodyLimit * 4), as: UTF8.self)
        let names = secretFields.joined(separator: "|")
        let patterns = [
            // JSON: "Name": "value with \" escapes"
            ("(\"(?:\(names))\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", "$1\"<redacted>\""),
            // XML: <Name>value</Name>
            ("(<(\(names))>)[^<]*(</\\2>)", "$1<redacted>$3"),
            // Form (query protocol): Name=value
            ("((?:^|&)(?:\(names))=)[^&]*", "$1<redacted>"),
        ]
        for (pattern, template) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            text = regex.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        // A PEM private key anywhere (e.g. inside a value we do not know the name of).
        if let regex = try? NSRegularExpression(
            pattern: "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----",
            options: [.dotMatchesLineSeparators])
        {
            text = regex.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<private key redacted>")
        }
        if text.count > bodyLimit { text = String(text.prefix(bodyLimit)) + "… (\(body.count) bytes)" }
        return text
    }
}
