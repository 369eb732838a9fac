import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback port that accepts connections and never answers them until `gate` of them are open at once; then
/// it closes them all. It records the most connections it saw open at once (one the client closed no longer
/// counts). Clients that connect one after another can never open the gate: each waits for its own timeout
/// instead. So "the gate opened" proves the connections were made at the same time, by events, not by a clock.
final class GatePort: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let gate: Int
    private let lock = NSLock()
    private var most = 0
    private var opened = false
    private var stopped = false

    init(gate: Int) throws {
        self.gate = gate
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw CocoaError(.fileWriteUnknown) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 && listen(listener, 16) == 0
            }
        }
        guard listening else {
            close(listener)
            throw CocoaError(.fileWriteUnknown)
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in serve() }.start()
    }

    /// The most connections open at once, and whether that reached the gate (they were then all closed).
    var mostOpenAtOnce: Int { lock.withLock { most } }
    var gateOpened: Bool { lock.withLock { opened } }

    /// Ends the serving thread (within its next poll) if the gate never opened.
    func stop() { lock.withLock { stopped = true } }

    /// Accepts until the gate opens, dropping connections the client closed; runs on its own thread.
    private func serve() {
        var open: [Int32] = []
        defer {
            for descriptor in open { close(descriptor) }
            close(listener)
        }
        while true {
            var polled = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            polled += open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&polled, nfds_t(polled.count), 200) >= 0 || errno == EINTR else { return }
            if lock.withLock({ stopped }) { return }
            // A client that closed (or sent bytes: a request never answered) is read; end of file drops it.
            var buffer = [UInt8](repeating: 0, count: 4096)
            for (index, entry) in polled.enumerated().dropFirst() where entry.revents != 0 {
                if read(entry.fd, &buffer, buffer.count) <= 0 {
                    close(entry.fd)
                    open.removeAll { $0 == polled[index].fd }
                }
            }
            if polled[0].revents != 0 {
                let accepted = accept(listener, nil, nil)
                if accepted >= 0 { open.append(accepted) }
            }
            let count = open.count
            let reached = lock.withLock {
                most = max(most, count)
                if count >= gate { opened = true }
                return opened
            }
            if reached { return }
        }
    }
}
