import Foundation
import MSKESMCore

/// One API call, before endpoint, signing and retries.
public struct AWSCall: Sendable {
    public var service: AWSService
    /// The operation name, e.g. "GetEventSourceMapping".
    public var operation: String
    public var method: String
    /// The path as sent (labels already encoded, see `URIEncoding.path`).
    public var path: String
    public var query: [(String, String)]
    public var headers: [(String, String)]
    public var body: Data
    /// Whether sending it twice is harmless (reads, and puts of the same state). Creates are not.
    public var idempotent: Bool
    /// Sent without a signature (STS AssumeRoleWithWebIdentity).
    public var unsigned: Bool

    public init(
        service: AWSService, operation: String, method: String = "GET", path: String = "/",
        query: [(String, String)] = [], headers: [(String, String)] = [], body: Data = Data(),
        idempotent: Bool = true, unsigned: Bool = false
    ) {
        self.service = service
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.idempotent = idempotent
        self.unsigned = unsigned
    }

    /// "<endpoint prefix>.<Operation>", the key of the Snapshot's `Errors`.
    public var label: String { "\(service.endpointPrefix).\(operation)" }

    /// A json-1.1 call (Secrets Manager, KMS): `POST /` with `X-Amz-Target`.
    public static func json(_ service: AWSService, _ operation: String, _ body: JSONValue) -> AWSCall {
        let data = (try? JSONEncoder().encode(body)) ?? Data("{}".utf8)
        return AWSCall(
            service: service, operation: operation, method: "POST", path: "/",
            headers: [
                ("Content-Type", "application/x-amz-json-\(service.jsonVersion ?? "1.1")"),
                ("X-Amz-Target", "\(service.targetPrefix ?? service.endpointPrefix).\(operation)"),
            ], body: data)
    }

    /// A query or ec2 protocol call: a form body with `Action` and `Version`.
    public static func query(
        _ service: AWSService, _ operation: String, _ parameters: [(String, String)], idempotent: Bool = true
    ) -> AWSCall {
        let form = URIEncoding.query([("Action", operation), ("Version", service.apiVersion)] + parameters)
        return AWSCall(
            service: service, operation: operation, method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Data(form.utf8),
            idempotent: idempotent)
    }
}

/// Sends `AWSCall`s: resolves the endpoint, signs with Signature V4, retries per the policy, and turns
/// error responses into `AWSError`s. One client serves all services and may be shared across tasks.
public struct AWSClient: Sendable {
    public var configuration: AWSClientConfiguration

    public init(configuration: AWSClientConfiguration) {
        self.configuration = configuration
    }

    /// Sends `call` and returns the successful (2xx) response.
    /// - Throws: `AWSError` for an error response, `TransportError` when no response came,
    ///   `CredentialError` when no credentials could be found.
    public func send(_ call: AWSCall) async throws -> HTTPResponse {
        let endpoint = configuration.endpoints.endpoint(for: call.service, region: configuration.region)
        let signer = SignatureV4(service: call.service.signingName, region: endpoint.signingRegion)
        let query = call.query
        let base = endpoint.url
        // An endpoint URL may carry a base path (e.g. a proxy's prefix); the call's path goes after it.
        let (origin, basePath) = Self.split(base)
        let path = basePath + (call.path.isEmpty ? "/" : call.path)
        let url = origin + path + (query.isEmpty ? "" : "?" + URIEncoding.query(query))
        var attempt = 0
        while true {
            attempt += 1
            var headers = call.headers
            headers.append(("Host", SignatureV4.host(of: origin)))
            if !call.unsigned {
                let credentials = try await configuration.credentials.credentials()
                let signed = signer.sign(
                    SignatureV4.Request(
                        method: call.method, endpoint: origin, path: path, query: query, headers: headers,
                        body: Array(call.body)),
                    credentials: credentials, date: configuration.clock())
                headers.append(contentsOf: signed.headers)
            }
            var request = HTTPRequest(method: call.method, url: url, headers: headers, body: call.body)
            request.freshConnection = !call.idempotent
            let outcome: RetryPolicy.Outcome
            let failure: Error
            do {
                let response = try await configuration.http.send(request)
                if (200..<300).contains(response.status) { return response }
                let error = AWSError.parse(response, protocolKind: call.service.protocolKind, operation: call.label)
                failure = error
                if error.kind == .throttling {
                    outcome = .throttled(retryAfter: RetryPolicy.retryAfter(response))
                } else if error.isRetryable {
                    outcome = .serverError(retryAfter: RetryPolicy.retryAfter(response))
                } else {
                    outcome = .final
                }
            } catch let error as TransportError {
                failure = error
                switch error.kind {
                case .connect: outcome = .connectFailed
                // The request may have been processed: resend only what is harmless to send twice.
                case .reset: outcome = call.idempotent ? .connectFailed : .final
                case .timeout: outcome = .timedOut
                case .tls, .other: outcome = .final
                }
            }
            guard let delay = configuration.retry.delay(after: outcome, attempt: attempt, idempotent: call.idempotent)
            else { throw failure }
            configuration.trace?(
                "retrying \(call.label) in \(Int(delay * 1000)) ms (attempt \(attempt + 1)) after: \(failure)\n")
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
        }
    }

    /// Sends `call` and parses the body as JSON (an empty body is an empty object).
    public func sendJSON(_ call: AWSCall) async throws -> JSONValue {
        let response = try await send(call)
        if response.body.isEmpty { return .object([:]) }
        do {
            return try JSONValue.parse(response.body)
        } catch {
            throw AWSError(
                code: "InvalidResponse", message: "the response is not JSON", status: response.status,
                operation: call.label)
        }
    }

    /// Splits `scheme://authority/base` into `scheme://authority` and `/base` (without a trailing slash).
    static func split(_ url: String) -> (String, String) {
        guard let schemeEnd = url.range(of: "://") else { return (url, "") }
        guard let slash = url[schemeEnd.upperBound...].firstIndex(of: "/") else { return (url, "") }
        var basePath = String(url[slash...])
        while basePath.hasSuffix("/") { basePath.removeLast() }
        return (String(url[..<slash]), basePath)
    }
}

extension AWSClient {
    /// Sends `call` and converts the response into the AWS CLI's JSON for that operation (`ServiceShapes`).
    public func sendShaped(_ call: AWSCall, timestamps: ServiceShapes.TimestampStyle = .iso8601) async throws
        -> JSONValue
    {
        let operation = "\(Self.modelName(call.service)).\(call.operation)"
        switch call.service.protocolKind {
        case .restJSON, .json:
            return ServiceShapes.fromJSON(try await sendJSON(call), operation: operation, timestamps: timestamps)
        case .query, .ec2:
            let response = try await send(call)
            do {
                return try ServiceShapes.fromXML(response.body, operation: operation)
            } catch {
                throw AWSError(
                    code: "InvalidResponse", message: "the response is not XML", status: response.status,
                    operation: call.label)
            }
        }
    }

    /// The botocore model name of a service (the shape table's prefix).
    static func modelName(_ service: AWSService) -> String {
        service == .cloudWatch ? "cloudwatch" : service.endpointPrefix
    }
}
