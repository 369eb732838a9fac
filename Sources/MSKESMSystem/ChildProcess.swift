import CPOSIXShims
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`, for `credential_process` and for the tests' helpers.
///
/// Not Foundation's `Process`: on Linux every `Process.run()` leaves a weak-reference side table that
/// LeakSanitizer reports, and its children may inherit descriptors that other threads opened meanwhile.
/// Here the child gets only its three standard streams (every pipe end this object creates is
/// close-on-exec, and the child closes descriptors from 3 up), default signal dispositions and an empty
/// signal mask. The caller reaps the child with `wait()`.
public final class ChildProcess: @unchecked Sendable {
    /// Where the child's standard input comes from.
    public enum Input: Sendable {
        /// `/dev/null`: the child reads end of file at once.
        case null
        /// This process's own standard input.
        case inherit
        /// A file, opened for reading.
        case file(String)
        /// A pipe holding these bytes, written by `communicate()` (or `run`) and then closed.
        case data(Data)
        /// A pipe left open: the child sees end of file after `closeInput()`.
        case pipe
    }

    /// Where the child's standard output or standard error goes.
    public enum Output: Sendable {
        /// `/dev/null`.
        case null
        /// This process's own stream.
        case inherit
        /// A file, created or truncated (mode 0644).
        case file(String)
        /// A pipe read by `communicate()` (or `run`, or `readLine` for standard output).
        case pipe
    }

    /// How the child ended.
    public struct Termination: Sendable, Equatable {
        /// The exit status, or the number of the signal that ended the child (as Foundation's
        /// `Process.terminationStatus`); -1 when the status could not be collected.
        public var status: Int32
        /// Whether a signal ended the child.
        public var bySignal: Bool

        init(waitStatus: Int32) {
            let signal = waitStatus & 0x7f
            if signal == 0 {
                self.status = (waitStatus >> 8) & 0xff
                self.bySignal = false
            } else {
                self.status = signal
                self.bySignal = true
            }
        }

        /// The status as a shell reports it (`$?`): 128 plus the signal number when a signal ended the child.
        public var shellStatus: Int32 { bySignal ? 128 + status : status }

        /// A termination as `wait()` would report it.
        public init(status: Int32, bySignal: Bool) {
            self.status = status
            self.bySignal = bySignal
        }
    }

    /// What `run` collected.
    public struct Outcome: Sendable {
        /// How the child ended.
        public var termination: Termination
        /// Standard output, when it was `.pipe`.
        public var output: Data
        /// Standard error, when it was `.pipe`.
        public var error: Data

        /// The exit status (or the signal number), as `Termination.status`.
        public var status: Int32 { termination.status }
        /// Standard output as UTF-8 text (invalid bytes replaced).
        public var outputText: String { String(decoding: output, as: UTF8.self) }
        /// Standard error as UTF-8 text (invalid bytes replaced).
        public var errorText: String { String(decoding: error, as: UTF8.self) }
    }

    /// A system call that failed while starting the child.
    public struct Failure: Error, CustomStringConvertible {
        /// What was being done, e.g. "posix_spawn /bin/sh".
        public var operation: String
        /// The `errno` value.
        public var code: Int32
        public var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    /// The child's process id.
    public let pid: pid_t

    private let lock = NSLock()
    private var inputDescriptor: Int32
    private var outputDescriptor: Int32
    private var errorDescriptor: Int32
    private var pendingInput: Data?
    private var termination: Termination?

    /// Starts `executable` (an absolute path; no `PATH` search) with `arguments`.
    /// - Parameters:
    ///   - executable: the program's absolute path.
    ///   - arguments: the arguments after the program name.
    ///   - environment: the child's whole environment; nil passes this process's.
    ///   - directory: the child's working directory; nil keeps this process's.
    ///   - input: where the child's standard input comes from.
    ///   - output: where the child's standard output goes.
    ///   - error: where the child's standard error goes.
    public init(
        executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        directory: String? = nil, input: Input = .null, output: Output = .pipe, error: Output = .null
    ) throws {
        var opened: [Int32] = []  // the child's ends (and files), closed here once the child has them
        var parentEnds: [Int32] = []
        defer { for descriptor in opened { close(descriptor) } }
        func pipeEnds() throws -> (read: Int32, write: Int32) {
            var ends: [Int32] = [-1, -1]
            let result = ends.withUnsafeMutableBufferPointer { mskesm_pipe_cloexec($0.baseAddress) }
            guard result == 0 else { throw Failure(operation: "pipe", code: result) }
            return (ends[0], ends[1])
        }
        func openFile(_ path: String, _ flags: Int32) throws -> Int32 {
            let descriptor = open(path, flags | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Failure(operation: "open \(path)", code: errno) }
            return descriptor
        }
        do {
            var childInput: Int32 = -1
            var parentInput: Int32 = -1
            switch input {
            case .null: childInput = try openFile("/dev/null", O_RDONLY)
            case .inherit: break
            case .file(let path): childInput = try openFile(path, O_RDONLY)
            case .data, .pipe:
                let ends = try pipeEnds()
                (childInput, parentInput) = (ends.read, ends.write)
                parentEnds.append(parentInput)
            }
            if childInput >= 0 { opened.append(childInput) }
            func route(_ output: Output) throws -> (child: Int32, parent: Int32) {
                switch output {
                case .null: return (try openFile("/dev/null", O_WRONLY), -1)
                case .inherit: return (-1, -1)
                case .file(let path): return (try openFile(path, O_WRONLY | O_CREAT | O_TRUNC), -1)
                case .pipe:
                    let ends = try pipeEnds()
                    parentEnds.append(ends.read)
                    return (ends.write, ends.read)
                }
            }
            let standardOutput = try route(output)
            if standardOutput.child >= 0 { opened.append(standardOutput.child) }
            let standardError = try route(error)
            if standardError.child >= 0 { opened.append(standardError.child) }

            let argv = [executable] + arguments
            let envp = environment.map { $0.map { "\($0.key)=\($0.value)" } }
            var spawned: pid_t = 0
            let result = Self.withCStrings(argv) { argvPointer in
                Self.withOptionalCStrings(envp) { envpPointer in
                    mskesm_spawn(
                        executable, argvPointer, envpPointer, directory, childInput, standardOutput.child,
                        standardError.child, &spawned)
                }
            }
            guard result == 0 else { throw Failure(operation: "posix_spawn \(executable)", code: result) }
            pid = spawned
            inputDescriptor = parentInput
            outputDescriptor = standardOutput.parent
            errorDescriptor = standardError.parent
            if case .data(let bytes) = input { pendingInput = bytes }
        } catch {
            for descriptor in parentEnds { close(descriptor) }
            throw error
        }
    }

    deinit {
        for descriptor in [inputDescriptor, outputDescriptor, errorDescriptor] where descriptor >= 0 {
            close(descriptor)
        }
    }

    /// Starts the child, feeds it `input`, collects its piped output and error, and waits for it to end.
    public static func run(
        _ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil,
        directory: String? = nil, input: Input = .null, output: Output = .pipe, error: Output = .pipe
    ) throws -> Outcome {
        let child = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment, directory: directory,
            input: input, output: output, error: error)
        let (stdout, stderr) = child.communicate()
        return Outcome(termination: child.wait(), output: stdout, error: stderr)
    }

    /// Writes the `.data` input while reading piped standard output and error to their end, all at once,
    /// so that neither side can block the other on a full pipe; a piped input is closed once written (or
    /// at once when there is nothing to write). Does not wait for the child to exit. A child that stops
    /// reading its input early is not an error (the rest is dropped).
    public func communicate() -> (output: Data, error: Data) {
        let (input, bytes, output, error) = lock.withLock {
            let taken = (inputDescriptor, pendingInput ?? Data(), outputDescriptor, errorDescriptor)
            (inputDescriptor, pendingInput, outputDescriptor, errorDescriptor) = (-1, nil, -1, -1)
            return taken
        }
        var writing = input
        if writing >= 0 && bytes.isEmpty {
            close(writing)
            writing = -1
        }
        var reading = [output, error]
        var collected = [Data(), Data()]
        var written = 0
        let payload = bytes
        if writing >= 0 { _ = fcntl(writing, F_SETFL, fcntl(writing, F_GETFL) | O_NONBLOCK) }
        // A write to a child that has exited raises SIGPIPE for this thread: keep it blocked and discard it.
        var pipeSignal = sigset_t()
        var previousMask = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        let blocksPipeSignal = writing >= 0
        if blocksPipeSignal { pthread_sigmask(SIG_BLOCK, &pipeSignal, &previousMask) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while writing >= 0 || reading.contains(where: { $0 >= 0 }) {
            var descriptors = [pollfd(fd: writing, events: Int16(POLLOUT), revents: 0)]
            descriptors += reading.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            if writing >= 0 && descriptors[0].revents != 0 {
                let result = payload.withUnsafeBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return Glibc.write(writing, base + written, raw.count - written)
                }
                if result > 0 { written += result }
                if (result < 0 && errno != EAGAIN && errno != EINTR) || written == payload.count {
                    close(writing)
                    writing = -1
                }
            }
            for index in reading.indices where reading[index] >= 0 && descriptors[index + 1].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(reading[index], $0.baseAddress, $0.count) }
                if count > 0 {
                    collected[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(reading[index])
                    reading[index] = -1
                }
            }
        }
        if blocksPipeSignal {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 && sigismember(&previousMask, SIGPIPE) == 0 {
                var immediately = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipeSignal, nil, &immediately)
            }
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        }
        return (collected[0], collected[1])
    }

    /// Reads piped standard output up to the next newline (not included), or to its end.
    /// Returns nil at the end of the output, or when no whole line arrived within `timeout` seconds (the
    /// child keeps running).
    public func readLine(timeout: Double) -> String? {
        let descriptor = lock.withLock { outputDescriptor }
        guard descriptor >= 0 else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var polled = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&polled, 1, Int32(min(remaining * 1000, 60_000)) + 1)
            if ready < 0 && errno != EINTR { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            guard ready > 0 else { continue }
            let count = read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                if line.isEmpty { return nil }
                break
            }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// Closes the child's piped standard input, so that it reads end of file.
    public func closeInput() {
        let descriptor = lock.withLock {
            let taken = inputDescriptor
            inputDescriptor = -1
            pendingInput = nil
            return taken
        }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Sends `signal` to the child, unless it has already been reaped (its pid may belong to another
    /// process by then).
    public func send(_ signal: Int32) {
        lock.withLock {
            if termination == nil { _ = kill(pid, signal) }
        }
    }

    /// Whether the child is still running (reaps it when it has ended).
    public var isRunning: Bool {
        if lock.withLock({ termination != nil }) { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == 0 { return true }
        record(result == pid ? Termination(waitStatus: status) : Termination(status: -1, bySignal: false))
        return false
    }

    /// Waits for the child to end and reaps it; later calls return the same termination.
    @discardableResult
    public func wait() -> Termination {
        if let known = lock.withLock({ termination }) { return known }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, 0) } while result < 0 && errno == EINTR
        return record(result == pid ? Termination(waitStatus: status) : Termination(status: -1, bySignal: false))
    }

    @discardableResult
    private func record(_ ended: Termination) -> Termination {
        lock.withLock {
            if termination == nil { termination = ended }
            return termination ?? ended
        }
    }

    private static func withCStrings<R>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>?) throws -> R
    ) rethrows -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        pointers.append(nil)
        return try pointers.withUnsafeBufferPointer { try body($0.baseAddress) }
    }

    private static func withOptionalCStrings<R>(
        _ strings: [String]?, _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>?) throws -> R
    ) rethrows -> R {
        guard let strings else { return try body(nil) }
        return try withCStrings(strings) { try body($0) }
    }
}
