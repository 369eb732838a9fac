import Foundation
import MSKESMCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("input files")
struct InputReaderTests {
    /// Runs `body` on a thread of its own and waits at most `watchdog` seconds for it: a read that blocks
    /// forever fails the test instead of hanging the run (the blocked thread is abandoned).
    static func finishes<T: Sendable>(within watchdog: Double = 60, _ body: @escaping @Sendable () -> T) -> T? {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Thread.detachNewThread {
            box.set(body())
            done.signal()
        }
        return done.wait(timeout: .now() + watchdog) == .success ? box.get() : nil
    }

    final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: T?
        func set(_ new: T) { lock.withLock { value = new } }
        func get() -> T? { lock.withLock { value } }
    }

    @Test("an optional file (the AWS config) that is a FIFO with no writer counts as absent instead of blocking")
    func optionalTextSkipsANamedPipe() throws {
        let path = NSTemporaryDirectory() + "msk-esm-config-\(UUID().uuidString)"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let text = Self.finishes { InputReader.optionalText(atPath: path) ?? "absent" }
        #expect(text == "absent", "the read blocked on the FIFO until the watchdog")
    }

    @Test("a named FIFO is refused by data(from:) before it is opened for a blocking read")
    func dataRefusesANamedPipe() throws {
        let path = NSTemporaryDirectory() + "msk-esm-input-\(UUID().uuidString)"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let message = Self.finishes { () -> String in
            do {
                _ = try InputReader.data(from: path, label: "--policy")
                return "read"
            } catch {
                return "\(error)"
            }
        }
        #expect(
            message?.hasPrefix("is a named pipe (FIFO), not a regular file (--policy \(path))") == true,
            "\(message ?? "blocked")")
    }
}
