import COpenSSL
import COpenSSLShims
import Foundation
import MSKESMCore

#if canImport(Glibc)
    import Glibc
#endif

/// What the TLS client trusts and presents: the system's roots and/or extra CA certificates, and for mTLS
/// a client certificate chain (leaf first) with its key. One context serves every broker of a probe.
final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Extra trust anchors come from `caFile` (a PEM file) and `extraCertificates` (e.g. the
    /// SERVER_ROOT_CA_CERTIFICATE secret). `clientChain`/`clientKey` configure mTLS.
    init(
        trustSystemRoots: Bool, caFile: String?, extraCertificates: [Certificate], clientChain: [Certificate],
        clientKey: PrivateKey?
    ) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw TransportError.tls(
                TLSFailure(kind: .handshake, reason: "cannot create a TLS context", verifyCode: nil))
        }
        pointer = context
        _ = mskesm_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        // Remember whether the server sent a CertificateRequest (handshake message 13), so that a connection it
        // then drops is reported as "Server failed to authenticate Lambda" even when no alert arrives first.
        SSL_CTX_set_msg_callback(context) { isWrite, _, contentType, buffer, length, ssl, _ in
            guard isWrite == 0, contentType == SSL3_RT_HANDSHAKE, length > 0, let buffer,
                buffer.load(as: UInt8.self) == 13, let box = SSL_get_ex_data(ssl, 0)
            else { return }
            Unmanaged<CertificateRequestFlag>.fromOpaque(box).takeUnretainedValue().requested = true
        }
        if trustSystemRoots { SSL_CTX_set_default_verify_paths(context) }
        if let caFile, SSL_CTX_load_verify_locations(context, caFile, nil) != 1 {
            ERR_clear_error()
            throw ProbeInputError("cannot read CA certificates from \(caFile)")
        }
        let store = SSL_CTX_get_cert_store(context)
        for certificate in extraCertificates {
            guard let x509 = Self.x509(certificate) else { continue }
            X509_STORE_add_cert(store, x509)
            X509_free(x509)
        }
        ERR_clear_error()
        if let leaf = clientChain.first, let clientKey {
            guard let x509 = Self.x509(leaf), let pem = clientKey.pkcs8PEM(), let key = Self.loadKey(pem) else {
                throw ProbeInputError("the client certificate or key cannot be loaded")
            }
            defer {
                X509_free(x509)
                EVP_PKEY_free(key)
            }
            let chain = mskesm_sk_X509_new_null()
            defer { mskesm_sk_X509_free(chain) }
            var intermediates: [OpaquePointer] = []
            for certificate in clientChain.dropFirst() {
                if let x509 = Self.x509(certificate) {
                    intermediates.append(x509)
                    _ = mskesm_sk_X509_push(chain, x509)
                }
            }
            defer { intermediates.forEach { X509_free($0) } }
            guard SSL_CTX_use_cert_and_key(context, x509, key, chain, 1) == 1 else {
                ERR_clear_error()
                throw ProbeInputError("the private key does not match the first certificate of the chain")
            }
        }
    }

    deinit { SSL_CTX_free(pointer) }

    static func x509(_ certificate: Certificate) -> OpaquePointer? {
        certificate.der.withUnsafeBytes { raw -> OpaquePointer? in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            return d2i_X509(nil, &cursor, raw.count)
        }
    }

    private static func loadKey(_ pem: String) -> OpaquePointer? {
        let bytes = Array(pem.utf8)
        return bytes.withUnsafeBytes { raw -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil)
        }
    }
}

/// What the handshake showed: protocol, cipher and the server's chain.
public struct TLSSessionInfo: Sendable, Equatable, Codable {
    public var version: String
    public var cipher: String
    /// Subjects of the server's chain as sent, leaf first.
    public var peerChain: [String]
    public var peerIssuers: [String]
}

/// TLS over a ``TCPConnection`` with the same deadlines: OpenSSL on the non-blocking socket, waiting with
/// poll(2) whenever it wants to read or write.
final class TLSStream: ByteStream {
    private let ssl: OpaquePointer
    private let connection: TCPConnection
    private(set) var info = TLSSessionInfo(version: "", cipher: "", peerChain: [], peerIssuers: [])
    private let certificateRequest = CertificateRequestFlag()

    /// Runs the handshake: SNI for host names, the server's chain verified against the context's roots and
    /// the host checked against its SAN (X509_VERIFY_PARAM_set1_host, or the IP address).
    init(connection: TCPConnection, context: TLSContext, host: String, deadline: Deadline) throws {
        guard let ssl = SSL_new(context.pointer) else {
            throw TransportError.tls(
                TLSFailure(kind: .handshake, reason: "cannot create a TLS session", verifyCode: nil))
        }
        self.ssl = ssl
        self.connection = connection
        SSL_set_fd(ssl, connection.descriptor)
        SSL_set_ex_data(ssl, 0, Unmanaged.passUnretained(certificateRequest).toOpaque())
        let isAddress = Self.isIPAddress(host)
        let parameters = SSL_get0_param(ssl)
        if isAddress {
            X509_VERIFY_PARAM_set1_ip_asc(parameters, host)
        } else {
            _ = mskesm_SSL_set_tlsext_host_name(ssl, host)
            X509_VERIFY_PARAM_set1_host(parameters, host, 0)
        }
        try perform(deadline: deadline, what: "the TLS handshake") { SSL_connect(ssl) }
        info = Self.sessionInfo(ssl)
    }

    deinit {
        SSL_free(ssl)
        connection.close()
    }

    func close() {
        SSL_shutdown(ssl)
        ERR_clear_error()
        connection.close()
    }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    func write(_ bytes: [UInt8], deadline: Deadline) throws {
        var sent = 0
        while sent < bytes.count {
            var written = 0
            try perform(deadline: deadline, what: "sending") {
                bytes[sent...].withUnsafeBytes { raw in
                    SSL_write_ex(ssl, raw.baseAddress, raw.count, &written) == 1 ? 1 : 0
                }
            }
            sent += written
        }
    }

    func read(exactly count: Int, deadline: Deadline) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            var got = 0
            try perform(deadline: deadline, what: "waiting for the answer") {
                buffer[received...].withUnsafeMutableBytes { raw in
                    SSL_read_ex(ssl, raw.baseAddress, raw.count, &got) == 1 ? 1 : 0
                }
            }
            received += got
        }
        return buffer
    }

    /// Repeats an OpenSSL call until it succeeds, waiting on the socket when OpenSSL asks to; turns its
    /// errors into ``TransportError``s.
    private func perform(deadline: Deadline, what: String, _ call: () -> Int32) throws {
        while true {
            ERR_clear_error()
            let result = call()
            if result == 1 { return }
            let error = SSL_get_error(ssl, result)
            switch error {
            case SSL_ERROR_WANT_READ:
                guard try connection.wait(for: Int16(POLLIN), deadline: deadline) else {
                    throw TransportError.timeout(what)
                }
            case SSL_ERROR_WANT_WRITE:
                guard try connection.wait(for: Int16(POLLOUT), deadline: deadline) else {
                    throw TransportError.timeout(what)
                }
            case SSL_ERROR_ZERO_RETURN:
                throw rejectedIfAsked(.closed("the broker closed the TLS session"))
            default:
                throw rejectedIfAsked(classify(error))
            }
        }
    }

    /// A server that asked for a client certificate and then failed the connection rejected the certificate
    /// (or its absence).
    private func rejectedIfAsked(_ error: TransportError) -> TransportError {
        guard certificateRequest.requested else { return error }
        switch error {
        case .tls(let failure) where failure.kind == .serverUntrusted || failure.kind == .hostnameMismatch:
            return error
        case .tls(let failure):
            return .tls(
                TLSFailure(
                    kind: .clientRejected,
                    reason: "the broker asked for a client certificate, then failed the handshake (\(failure.reason))",
                    verifyCode: nil))
        case .closed(let reason), .io(let reason):
            return .tls(
                TLSFailure(
                    kind: .clientRejected,
                    reason: "the broker asked for a client certificate, then closed the connection (\(reason))",
                    verifyCode: nil))
        default:
            return error
        }
    }

    private func classify(_ sslError: Int32) -> TransportError {
        let verify = Int(SSL_get_verify_result(ssl))
        if verify != Int(X509_V_OK) {
            let reason = String(cString: X509_verify_cert_error_string(CLong(verify)))
            let kind: TLSFailure.Kind =
                verify == Int(X509_V_ERR_HOSTNAME_MISMATCH) || verify == Int(X509_V_ERR_IP_ADDRESS_MISMATCH)
                ? .hostnameMismatch : .serverUntrusted
            ERR_clear_error()
            return .tls(TLSFailure(kind: kind, reason: reason, verifyCode: verify))
        }
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            if let text = ERR_reason_error_string(code) { reasons.append(String(cString: text)) }
        }
        if reasons.isEmpty {
            if sslError == SSL_ERROR_SYSCALL {
                let text = errno == 0 ? "the broker closed the connection during TLS" : String(cString: strerror(errno))
                return .closed(text)
            }
            reasons.append("TLS error \(sslError)")
        }
        let joined = reasons.joined(separator: "; ")
        let clientSide = [
            "certificate required", "bad certificate", "unknown ca", "certificate unknown", "access denied",
            "unsupported certificate", "certificate revoked", "certificate expired", "decrypt error",
        ]
        let kind: TLSFailure.Kind =
            joined.contains("alert") && clientSide.contains(where: joined.contains) ? .clientRejected : .handshake
        return .tls(TLSFailure(kind: kind, reason: joined, verifyCode: nil))
    }

    private static func sessionInfo(_ ssl: OpaquePointer) -> TLSSessionInfo {
        let version = SSL_get_version(ssl).map { String(cString: $0) } ?? ""
        let cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) } ?? ""
        var subjects: [String] = []
        var issuers: [String] = []
        if let chain = SSL_get_peer_cert_chain(ssl) {
            for index in 0..<mskesm_sk_X509_num(chain) {
                guard let x509 = mskesm_sk_X509_value(chain, index) else { continue }
                let length = i2d_X509(x509, nil)
                guard length > 0 else { continue }
                var der = [UInt8](repeating: 0, count: Int(length))
                der.withUnsafeMutableBufferPointer { buffer in
                    var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
                    _ = i2d_X509(x509, &cursor)
                }
                if let certificate = Certificate(der: Data(der)) {
                    subjects.append(certificate.subject)
                    issuers.append(certificate.issuer)
                }
            }
        }
        return TLSSessionInfo(version: version, cipher: cipher, peerChain: subjects, peerIssuers: issuers)
    }
}

/// Set by OpenSSL's client-certificate callback (through the session's ex-data slot 0).
final class CertificateRequestFlag: @unchecked Sendable {
    var requested = false
}

/// Input the probe cannot use (a CA file that does not read, a key that does not match).
public struct ProbeInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
