import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte stream with per-call deadlines: plaintext TCP, or TLS on top of it.
protocol ByteStream: AnyObject {
    func write(_ bytes: [UInt8], deadline: Deadline) throws
    func read(exactly count: Int, deadline: Deadline) throws -> [UInt8]
    func close()
}

/// One resolved address of a broker.
struct ResolvedAddress: Sendable {
    var family: Int32
    var storage: [UInt8]
    /// The numeric address, for reports.
    var text: String
}

/// A non-blocking TCP socket: connect and every read and write wait with poll(2) until the step's
/// deadline, so nothing hangs on a port that never answers.
final class TCPConnection: ByteStream {
    let descriptor: Int32
    /// The address connected to.
    let address: String

    private init(descriptor: Int32, address: String) {
        self.descriptor = descriptor
        self.address = address
    }

    deinit { close() }

    private var isClosed = false

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(descriptor)
    }

    /// ``resolve(host:port:)`` with a time limit: getaddrinfo cannot be interrupted, so it runs on a thread of
    /// its own, and a resolver that does not answer in time is reported as a DNS failure (the thread is left
    /// to finish on its own).
    static func resolve(host: String, port: Int, timeout: Double) throws -> [ResolvedAddress] {
        final class Outcome: @unchecked Sendable {
            let lock = NSLock()
            var value: Result<[ResolvedAddress], Error>?
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let result = Result { try TCPConnection.resolve(host: host, port: port) }
            outcome.lock.lock()
            outcome.value = result
            outcome.lock.unlock()
            done.signal()
        }
        thread.start()
        guard done.wait(timeout: .now() + max(timeout, 0)) == .success else {
            throw TransportError.dns("no answer from the resolver within \(timeout) s")
        }
        outcome.lock.lock()
        defer { outcome.lock.unlock() }
        return try outcome.value?.get() ?? []
    }

    /// getaddrinfo for TCP; the addresses in the resolver's order.
    static func resolve(host: String, port: Int) throws -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>? = nil
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw TransportError.dns(String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var result: [ResolvedAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                let storage = Array(UnsafeRawBufferPointer(start: address, count: Int(entry.pointee.ai_addrlen)))
                var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                getnameinfo(
                    address, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !result.contains(where: { $0.text == text }) {
                    result.append(ResolvedAddress(family: entry.pointee.ai_family, storage: storage, text: text))
                }
            }
            cursor = entry.pointee.ai_next
        }
        return result
    }

    /// Connects to `address` before `deadline`.
    static func connect(to address: ResolvedAddress, deadline: Deadline) throws -> TCPConnection {
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TransportError.connectFailed(String(cString: strerror(errno))) }
        let connection = TCPConnection(descriptor: descriptor, address: address.text)
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let result = address.storage.withUnsafeBytes { raw in
            Glibc.connect(
                descriptor, raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        if result != 0 {
            let code = errno
            guard code == EINPROGRESS else { throw connectError(code) }
            guard try connection.wait(for: Int16(POLLOUT), deadline: deadline) else {
                throw TransportError.connectTimeout
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
            if error != 0 { throw connectError(error) }
        }
        return connection
    }

    private static func connectError(_ code: Int32) -> TransportError {
        switch code {
        case ECONNREFUSED: .refused
        case ETIMEDOUT: .connectTimeout
        default: .connectFailed(String(cString: strerror(code)))
        }
    }

    /// Waits until the socket is ready for `events`; false when the deadline passed first.
    func wait(for events: Int16, deadline: Deadline) throws -> Bool {
        while true {
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, deadline.remainingMilliseconds)
            if ready > 0 { return true }
            if ready == 0 { return false }
            if errno != EINTR { throw TransportError.io(String(cString: strerror(errno))) }
        }
    }

    func write(_ bytes: [UInt8], deadline: Deadline) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count > 0 {
                sent += count
                continue
            }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                guard try wait(for: Int16(POLLOUT), deadline: deadline) else {
                    throw TransportError.timeout("sending")
                }
                continue
            }
            throw TransportError.io(String(cString: strerror(errno)))
        }
    }

    func read(exactly count: Int, deadline: Deadline) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let result = buffer[received...].withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if result > 0 {
                received += result
                continue
            }
            if result == 0 { throw TransportError.closed("the broker closed the connection") }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                guard try wait(for: Int16(POLLIN), deadline: deadline) else {
                    throw TransportError.timeout("waiting for the answer")
                }
                continue
            }
            if errno == ECONNRESET { throw TransportError.closed("the broker reset the connection") }
            throw TransportError.io(String(cString: strerror(errno)))
        }
        return buffer
    }
}
