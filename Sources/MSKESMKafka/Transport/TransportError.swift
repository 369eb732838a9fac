/// Why a connection step failed, in the terms the probe reports.
public enum TransportError: Error, Sendable, Equatable {
    /// The host name did not resolve.
    case dns(String)
    /// The broker port refused the connection (RST).
    case refused
    /// Connecting did not finish in time (SYN unanswered: a security group or NACL dropping it).
    case connectTimeout
    /// Another connect error (unreachable network or host), with the system's text.
    case connectFailed(String)
    /// The peer did not answer in time after the connection was up.
    case timeout(String)
    /// The peer closed the connection.
    case closed(String)
    /// A read or write failed.
    case io(String)
    /// The TLS handshake or a TLS record failed.
    case tls(TLSFailure)
}

/// What went wrong in TLS, split the way Lambda's messages split it.
public struct TLSFailure: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Our verification of the server's chain failed (untrusted CA, expired, …).
        case serverUntrusted
        /// The server's certificate does not name the host (SAN).
        case hostnameMismatch
        /// The server rejected our client certificate, or demanded one we did not send (an alert).
        case clientRejected
        /// Anything else: the port does not speak TLS, no common protocol version or cipher.
        case handshake
    }

    public var kind: Kind
    /// OpenSSL's explanation (verify result text, alert or reason), never key material.
    public var reason: String
    /// X509_V_ERR_* when verification failed.
    public var verifyCode: Int?
}
