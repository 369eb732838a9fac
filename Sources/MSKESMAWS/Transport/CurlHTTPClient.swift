import CCurl
import CCurlShims
import COpenSSLShims
import Foundation
import MSKESMCore

/// HTTPS through libcurl: certificate verification (the system bundle, or `AWS_CA_BUNDLE`), connect and
/// read timeouts, proxies from the environment (libcurl reads `HTTPS_PROXY` / `NO_PROXY` itself), and
/// connection reuse: each easy handle keeps its connections, and finished handles return to a pool, so one
/// handle serves one request at a time and parallel requests each get their own.
///
/// The blocking `curl_easy_perform` runs on a thread of its own, never on Swift's cooperative pool, so
/// parallel `send` calls really run in parallel. (A concurrent dispatch queue is not enough: libdispatch
/// runs about one blocking item per core on it, which on 2 cores serialises the gatherer's calls.)
public final class CurlHTTPClient: HTTPClient, @unchecked Sendable {
    public struct Options: Sendable {
        /// Seconds to establish a connection (AWS CLI `--cli-connect-timeout`, default 60).
        public var connectTimeout: Double = 60
        /// Seconds without receiving data before giving up (AWS CLI `--cli-read-timeout`, default 60).
        public var readTimeout: Double = 60
        /// A PEM bundle of trusted CAs (`AWS_CA_BUNDLE`); nil uses the system's.
        public var caBundle: String?
        /// Receives the HTTP trace (`--debug`), already redacted.
        public var trace: (@Sendable (String) -> Void)?
        public var userAgent = "msk-esm"
        /// The largest response body read (16 MiB). AWS's answers to the calls msk-esm makes are kilobytes;
        /// a larger body (a broken proxy, a hostile endpoint) is refused instead of being held in memory whole.
        public var maxResponseBytes = 16 << 20
        /// Seconds a kept-alive connection may sit idle and still be reused (libcurl's `CURLOPT_MAXAGE_CONN`,
        /// default 118, https://curl.se/libcurl/c/CURLOPT_MAXAGE_CONN.html); an older one is closed and a new
        /// one opened.
        public var maximumIdleSeconds = 118

        public init(
            connectTimeout: Double = 60, readTimeout: Double = 60, caBundle: String? = nil,
            trace: (@Sendable (String) -> Void)? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.caBundle = caBundle
            self.trace = trace
        }
    }

    public let options: Options
    private let lock = NSLock()
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private var created = 0

    public init(options: Options = Options()) {
        self.options = options
    }

    deinit {
        for handle in idleHandles { mskesm_curl_easy_cleanup(handle) }
    }

    /// How many easy handles this client has created (a measure of connection reuse, for tests).
    public var handlesCreated: Int { lock.withLock { created } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let trace = options.trace { trace(HTTPTraceFormatter.request(request)) }
        let started = Date()
        let response: HTTPResponse = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let result = Result { try self.perform(request) }
                // This thread's OpenSSL state (libcurl's error queue) is freed here, not by the thread's exit
                // destructor, which may still be running when the process exits right after the last
                // response (LeakSanitizer then reports the queue as leaked).
                mskesm_openssl_thread_stop()
                continuation.resume(with: result)
            }
            thread.name = "msk-esm.curl"
            thread.start()
        }
        if let trace = options.trace {
            trace(HTTPTraceFormatter.response(response, url: request.url, seconds: Date().timeIntervalSince(started)))
        }
        return response
    }

    /// Starts loading libcurl (about 30 shared libraries: 4 ms of dynamic linking) on a thread of its own, so
    /// that a command about to call AWS does that while it parses its arguments and resolves credentials instead
    /// of before its first request. The first request waits for it if it is not done yet (`pthread_once`);
    /// calling this more than once is harmless. A process that called it must call
    /// ``finishBackgroundPreparation()`` before it exits.
    public static func prepareInBackground() {
        mskesm_curl_prepare_start()
    }

    /// Waits until the thread ``prepareInBackground()`` started has ended. Exiting while it still runs lets
    /// `exit()` tear down libcurl's TLS libraries under it, which ended early exits by SIGSEGV or SIGABRT.
    public static func finishBackgroundPreparation() {
        mskesm_curl_prepare_join()
    }

    private func acquire() throws -> UnsafeMutableRawPointer {
        if let handle = lock.withLock({ idleHandles.popLast() }) { return handle }
        // libcurl is loaded (dlopen, curl_global_init) on the first request, so commands that never call AWS
        // do not pay for it and its dependencies.
        guard mskesm_curl_load() != 0 else {
            throw TransportError(
                kind: .other, message: "libcurl cannot be loaded: install it (Debian: apt-get install libcurl4)",
                url: "")
        }
        guard let handle = mskesm_curl_easy_init() else {
            throw TransportError(kind: .other, message: "cannot create a libcurl handle", url: "")
        }
        lock.withLock { created += 1 }
        return handle
    }

    private func release(_ handle: UnsafeMutableRawPointer) {
        lock.withLock { idleHandles.append(handle) }
    }

    /// Collects the response of one transfer; handed to libcurl's callbacks as user data.
    private final class Sink {
        var body = Data()
        var headers: [(String, String)] = []
        let limit: Int
        var exceeded = false
        init(limit: Int) { self.limit = limit }
    }

    private func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        let handle = try acquire()
        // curl_easy_reset keeps the handle's open connections and caches, and clears every option.
        mskesm_curl_easy_reset(handle)
        let sink = Sink(limit: options.maxResponseBytes)
        let sinkPointer = Unmanaged.passRetained(sink)
        defer { sinkPointer.release() }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { mskesm_curl_slist_free_all(headerList) }

        mskesm_curl_setopt_string(handle, CURLOPT_URL, request.url)
        mskesm_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        mskesm_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        if request.freshConnection { mskesm_curl_setopt_long(handle, CURLOPT_FRESH_CONNECT, 1) }
        mskesm_curl_setopt_long(handle, CURLOPT_MAXAGE_CONN, options.maximumIdleSeconds)
        mskesm_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        mskesm_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundle = options.caBundle { mskesm_curl_setopt_string(handle, CURLOPT_CAINFO, caBundle) }
        let connectTimeout = request.connectTimeout ?? options.connectTimeout
        let readTimeout = request.readTimeout ?? options.readTimeout
        if connectTimeout > 0 {
            mskesm_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        }
        if readTimeout > 0 {
            // libcurl has no socket read timeout; "less than 1 byte/s for N seconds" is the same thing.
            mskesm_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1)
            mskesm_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(readTimeout.rounded(.up))))
        }
        mskesm_curl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent)
        // Refuses a too-large body before reading it when the server announces its length.
        mskesm_curl_setopt_long(handle, CURLOPT_MAXFILESIZE, options.maxResponseBytes)
        mskesm_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")

        let method = request.method.uppercased()
        switch method {
        case "GET": mskesm_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case "HEAD": mskesm_curl_setopt_long(handle, CURLOPT_NOBODY, 1)
        default: mskesm_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        }
        for (name, value) in request.headers {
            headerList = mskesm_curl_slist_append(headerList, "\(name): \(value)")
        }
        // No "Expect: 100-continue" round trip for bodies over 1 KiB.
        headerList = mskesm_curl_slist_append(headerList, "Expect:")
        if !request.headers.contains(where: { $0.0.caseInsensitiveCompare("Accept") == .orderedSame }) {
            headerList = mskesm_curl_slist_append(headerList, "Accept:")
        }
        mskesm_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        mskesm_curl_setopt_write_function(handle) { data, size, count, user in
            guard let data, let user else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            guard sink.body.count + size * count <= sink.limit else {
                sink.exceeded = true
                return 0  // libcurl stops the transfer with CURLE_WRITE_ERROR
            }
            sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        }
        mskesm_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer.toOpaque())
        mskesm_curl_setopt_header_function(handle) { data, size, count, user in
            guard let data, let user else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
                .trimmingWhitespaceAndNewlines()
            if line.hasPrefix("HTTP/") {
                sink.headers.removeAll()  // a new response (after 100 Continue, or a proxy's CONNECT)
            } else if let colon = line.firstIndex(of: ":") {
                sink.headers.append(
                    (
                        String(line[..<colon]),
                        line[line.index(after: colon)...].trimmingSpaces()
                    ))
            }
            return size * count
        }
        mskesm_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer.toOpaque())

        let code: CURLcode = request.body.withUnsafeBytes { body in
            if method != "GET" && method != "HEAD" {
                // COPYPOSTFIELDS copies the bytes, so they need not outlive this call; an empty body still
                // sends "Content-Length: 0".
                mskesm_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
                if let base = body.baseAddress, body.count > 0 {
                    mskesm_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                } else {
                    mskesm_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                }
            }
            return mskesm_curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            // A failed handle may hold a half-broken connection: drop it rather than pool it.
            mskesm_curl_easy_cleanup(handle)
            if sink.exceeded || code == CURLE_FILESIZE_EXCEEDED {
                throw TransportError(
                    kind: .other,
                    message: "the response is larger than \(options.maxResponseBytes >> 20) MiB, more than any AWS "
                        + "answer msk-esm reads; check the endpoint (AWS_ENDPOINT_URL) and any proxy in between",
                    url: Self.redactedURL(request.url))
            }
            let message = String(cString: mskesm_curl_easy_strerror(code))
            throw TransportError(kind: Self.kind(of: code), message: message, url: Self.redactedURL(request.url))
        }
        var status = 0
        mskesm_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        release(handle)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            .connect
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE:
            .reset
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CERTPROBLEM:
            .tls
        default: .other
        }
    }

    /// The URL without its query (which may carry values) for error messages.
    static func redactedURL(_ url: String) -> String {
        String(url.prefix { $0 != "?" })
    }
}
