import Foundation

/// One HTTP request, fully formed: the URL as sent on the wire (path and query already encoded).
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data
    /// Overrides the client's connect timeout (seconds), e.g. 1 s for the instance metadata service.
    public var connectTimeout: Double?
    /// Overrides the client's read timeout (seconds).
    public var readTimeout: Double?
    /// Send on a new connection. For requests that must not be sent twice (creates): on a reused
    /// connection that the server closed, libcurl silently resends the request on a fresh one.
    public var freshConnection = false

    public init(
        method: String, url: String, headers: [(String, String)] = [], body: Data = Data(),
        connectTimeout: Double? = nil, readTimeout: Double? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// One HTTP response.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// A failure below HTTP: no connection, a timeout, a TLS error. Retryable.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `connect`: no connection, nothing sent. `reset`: the connection broke after the request may have been
        /// sent (no or partial answer): only an idempotent request may be sent again.
        case connect, reset, timeout, tls, other
    }

    public var kind: Kind
    public var message: String
    public var url: String

    public init(kind: Kind, message: String, url: String) {
        self.kind = kind
        self.message = message
        self.url = url
    }

    public var description: String { "\(message) (\(url))" }
}

/// Sends HTTP requests. The product's implementation is `CurlHTTPClient`; tests may use others.
public protocol HTTPClient: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
