import Foundation
import MSKESMSystem

/// The only time bound a test may set: a watchdog that catches hangs, minutes past anything a working run needs,
/// so that a busy machine never trips it. What a test proves, it proves by events and counts; the watchdog only
/// turns a hang into a failure instead of a CI run that never ends.
public enum HangWatchdog {
    /// Two minutes: far beyond any run that works, even under AddressSanitizer on a loaded machine.
    public static let seconds: Double = 120

    /// The value of `operation`, or nil when it has not finished within `seconds` (it is left running).
    public static func value<T: Sendable>(
        within seconds: Double = HangWatchdog.seconds, _ operation: @escaping @Sendable () async -> T
    ) async -> T? {
        let first = FirstResult<T?>()
        return await withCheckedContinuation { continuation in
            first.arm(continuation)
            let work = Task { first.resolve(await operation()) }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                if first.resolve(nil) { work.cancel() }
            }
        }
    }

    /// Kills `child` (SIGKILL) if it is still running after `seconds`; `fired` tells whether it did.
    public final class ProcessKiller: @unchecked Sendable {
        private let lock = NSLock()
        private var disarmed = false
        private var killed = false

        public init(_ child: ChildProcess, seconds: Double = HangWatchdog.seconds) {
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
                let kill = lock.withLock {
                    if !disarmed { killed = true }
                    return !disarmed
                }
                if kill { child.send(SIGKILL) }
            }
        }

        /// Called once the child has ended: the watchdog does nothing any more.
        public func disarm() { lock.withLock { disarmed = true } }

        public var fired: Bool { lock.withLock { killed } }
    }
}

/// Resumes a continuation with the first of several results (armed before any result can come).
private final class FirstResult<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    func arm(_ continuation: CheckedContinuation<T, Never>) { lock.withLock { self.continuation = continuation } }

    /// True when `value` was the first result.
    @discardableResult
    func resolve(_ value: T) -> Bool {
        let waiting: CheckedContinuation<T, Never>? = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: value)
        return waiting != nil
    }
}
