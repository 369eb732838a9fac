import Foundation
import MSKESMSystem
import MSKESMTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `ChildProcess`, the posix_spawn runner behind `credential_process` and the tests' helpers.
struct ChildProcessTests {
    @Test(
        "exit status and signal are reported as Foundation's Process did",
        arguments: [
            ("exit 0", Int32(0), false), ("exit 3", Int32(3), false), ("kill -TERM $$", SIGTERM, true),
            ("kill -KILL $$", SIGKILL, true),
        ])
    func termination(script: String, status: Int32, bySignal: Bool) throws {
        let outcome = try ChildProcess.run("/bin/sh", ["-c", script])
        #expect(outcome.termination == ChildProcess.Termination(status: status, bySignal: bySignal))
    }

    @Test("input and output larger than a pipe's buffer pass through without a dead-lock")
    func largeRoundTrip() throws {
        let payload = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        // cat writes as it reads, so the child blocks on a full stdout pipe unless both sides are served at once.
        let outcome = try ChildProcess.run("/bin/cat", [], input: .data(payload))
        #expect(outcome.status == 0)
        #expect(outcome.output == payload)
    }

    @Test("standard output and standard error are collected apart")
    func separateStreams() throws {
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "printf out; printf err >&2"])
        #expect(outcome.outputText == "out")
        #expect(outcome.errorText == "err")
    }

    @Test("a child that exits without reading its input neither fails nor kills this process (SIGPIPE)")
    func unreadInput() throws {
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "exit 4"], input: .data(Data(count: 1 << 20)))
        #expect(outcome.status == 4)
    }

    @Test("the environment is exactly the given one, and the working directory is the given one")
    func environmentAndDirectory() throws {
        let outcome = try ChildProcess.run(
            "/usr/bin/env", [], environment: ["ONLY": "this"], directory: "/")
        #expect(outcome.outputText == "ONLY=this\n")
        let directory = try ChildProcess.run("/bin/pwd", [], directory: "/usr")
        #expect(directory.outputText == "/usr\n")
    }

    @Test("the child gets only descriptors 0, 1 and 2, even when this process holds others open")
    func noInheritedDescriptors() throws {
        let held = open("/dev/null", O_RDONLY)  // without O_CLOEXEC, as a library might
        defer { close(held) }
        // ls itself opens one more descriptor for /proc/self/fd: the oracle is the kernel's list minus that one.
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "ls /proc/$$/fd"])
        let descriptors = outcome.outputText.split(separator: "\n").compactMap { Int($0) }.sorted()
        #expect(descriptors == [0, 1, 2], "\(descriptors)")
    }

    @Test("output to a file, input from a file")
    func files() throws {
        let directory = NSTemporaryDirectory() + "msk-esm-child-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = directory + "/in", target = directory + "/out"
        try Data("from a file\n".utf8).write(to: URL(fileURLWithPath: source))
        let outcome = try ChildProcess.run("/bin/cat", [], input: .file(source), output: .file(target))
        #expect(outcome.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("from a file\n".utf8))
    }

    /// A line that must come may take up to the hang watchdog; the 0.3 s waits expect nothing to come, so no
    /// delay can fail them.
    @Test("readLine returns each line, nil at the end, and nil when nothing arrives in time")
    func lines() throws {
        let child = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "printf 'one\\n\\ntwo'; exec sleep 600"], output: .pipe)
        #expect(child.readLine(timeout: HangWatchdog.seconds) == "one")
        #expect(child.readLine(timeout: HangWatchdog.seconds) == "")
        #expect(child.readLine(timeout: 0.3) == nil)  // "two" has no newline yet and the child is asleep
        #expect(child.isRunning)
        child.send(SIGTERM)
        #expect(child.wait() == ChildProcess.Termination(status: SIGTERM, bySignal: true))
        #expect(!child.isRunning)
        let ended = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "printf 'last'"], output: .pipe)
        #expect(ended.readLine(timeout: HangWatchdog.seconds) == "last")
        #expect(ended.readLine(timeout: HangWatchdog.seconds) == nil)
        ended.wait()
    }

    @Test("a piped input stays open until closeInput")
    func pipedInput() throws {
        let child = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "echo ready; cat >/dev/null; echo closed"], input: .pipe,
            output: .pipe)
        #expect(child.readLine(timeout: HangWatchdog.seconds) == "ready")
        #expect(child.readLine(timeout: 0.3) == nil)
        child.closeInput()
        #expect(child.readLine(timeout: HangWatchdog.seconds) == "closed")
        #expect(child.wait().status == 0)
    }

    @Test("a missing executable is an error naming it")
    func missingExecutable() {
        #expect {
            _ = try ChildProcess.run("/no/such/program")
        } throws: { error in
            "\(error)".contains("/no/such/program")
        }
    }
}
