import Foundation

/// An error response from an AWS service, with the service's own code and message kept.
public struct AWSError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case accessDenied, notFound, throttling, invalidCredentials, validation, server, other
    }

    public var kind: Kind
    /// The service's error code, e.g. "AccessDenied", "ResourceNotFoundException", "NoSuchEntity".
    public var code: String
    public var message: String
    public var status: Int
    /// "<service>.<Operation>", e.g. "iam.GetRole".
    public var operation: String
    /// The ID AWS gave the failed request (the `x-amzn-RequestId` header, or the XML body's
    /// `RequestId`): what AWS support asks for. Nil when the answer carried none.
    public var requestID: String?

    public init(code: String, message: String, status: Int, operation: String, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.operation = operation
        self.requestID = requestID
        self.kind = Self.classify(code: code, status: status)
    }

    /// "Code: message", the form the Snapshot's `Errors` records.
    public var description: String { message.isEmpty ? code : "\(code): \(message)" }

    /// "Code (request ID …): message", for error lines: the ID stands before the message, so that cutting a long
    /// message keeps it.
    public var descriptionWithRequestID: String {
        guard let requestID else { return description }
        let head = "\(code) (request ID \(requestID))"
        return message.isEmpty ? head : "\(head): \(message)"
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "InternalServiceError", "InternalServiceErrorException", "ServiceUnavailable", "ServiceException",
    ]
    static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
        "ForbiddenException", "AuthorizationError",
    ]
    static let credentialCodes: Set<String> = [
        "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch", "InvalidSignatureException",
        "ExpiredToken", "ExpiredTokenException", "AuthFailure", "IncompleteSignature", "InvalidAccessKeyId",
        "MissingAuthenticationToken", "RequestExpired",
    ]

    static func classify(code: String, status: Int) -> Kind {
        if throttlingCodes.contains(code) || status == 429 { return .throttling }
        if credentialCodes.contains(code) { return .invalidCredentials }
        if accessDeniedCodes.contains(code) { return .accessDenied }
        if status == 404 || code.hasSuffix("NotFoundException") || code.hasSuffix("NotFound")
            || code == "NoSuchEntity" || code.hasSuffix(".NotFound") || code == "NotFoundException"
        {
            return .notFound
        }
        if status >= 500 || transientCodes.contains(code) { return .server }
        if status == 403 { return .accessDenied }
        if status >= 400 { return .validation }
        return .other
    }

    /// Whether a retry may help: throttling, or a transient server error.
    public var isRetryable: Bool {
        kind == .throttling || kind == .server || [500, 502, 503, 504].contains(status)
            || Self.transientCodes.contains(code)
    }

    /// Reads the code and message from an error response of any of the protocols.
    public static func parse(_ response: HTTPResponse, protocolKind: AWSProtocol, operation: String) -> AWSError {
        var code = ""
        var message = ""
        let body = response.body
        // As botocore reads it for these protocols (S3's x-amz-request-id is not one of them).
        var requestID = response.header("x-amzn-RequestId")
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            code =
                (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
                ?? (object["Type"] as? String) ?? ""
            message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
            if let error = object["Error"] as? [String: Any] {  // query protocol as JSON (rare)
                code = (error["Code"] as? String) ?? code
                message = (error["Message"] as? String) ?? message
            }
        } else {
            let text = String(decoding: body, as: UTF8.self)
            code = firstElement("Code", in: text) ?? ""
            message = firstElement("Message", in: text) ?? ""
            // Query services put it in the body: IAM and STS as RequestId, EC2 as RequestID.
            requestID = requestID ?? firstElement("RequestId", in: text) ?? firstElement("RequestID", in: text)
        }
        // rest-json: the code may be (only) in x-amzn-ErrorType; botocore prefers it.
        if let header = response.header("x-amzn-ErrorType"), !header.isEmpty {
            code = header
        }
        // "com.amazon.coral.service#ResourceNotFoundException:http://…" → "ResourceNotFoundException"
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if code.isEmpty { code = "HTTP\(response.status)" }
        let id = requestID.map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : String($0.prefix(128)) }
        return AWSError(code: code, message: message, status: response.status, operation: operation, requestID: id)
    }

    static func firstElement(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"),
            let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex)
        else { return nil }
        return XMLText.unescape(String(xml[start.upperBound..<end.lowerBound]))
    }
}

enum XMLText {
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
