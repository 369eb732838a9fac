import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMCLI

#if canImport(Glibc)
    import Glibc
#endif

/// What the commands accept as input files and as `--write` targets: regular files, and streams handed
/// over as `-` or `/dev/fd/N`; never a named FIFO, socket or device by path (a FIFO with no writer would
/// block forever). `--force` replaces only regular files.
struct FilesAndStreamsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let snapshot = repository.appendingPathComponent("Examples/snapshots/healthy-mtls.json").path
    static let secret = repository.appendingPathComponent("Examples/secrets/mtls-good.json").path

    /// A fresh directory for one test.
    static func scratchDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "msk-esm-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs the binary (or `executable`) with no standard input. A child still running after `watchdog`
    /// seconds is killed: the result then reports `hung`. The watchdog only ends a hang; no test asserts
    /// on how long anything took.
    static func runWatched(
        _ arguments: [String], executable: String = CommandRunner.binary.path, watchdog: Double = 90
    ) throws -> (result: CommandResult, hung: Bool) {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        let child = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment, input: .null, output: .pipe,
            error: .pipe)
        let kill = DispatchWorkItem { child.send(SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + watchdog, execute: kill)
        let (output, error) = child.communicate()
        let termination = child.wait()
        kill.cancel()
        let hung = termination.bySignal && termination.status == SIGKILL
        return (
            CommandResult(
                exitCode: termination.bySignal ? 128 + termination.status : termination.status,
                stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: error, as: UTF8.self)),
            hung
        )
    }

    // MARK: - Input files

    /// One command line per file-reading flag; `INPUT` is replaced by the path under test. The other inputs
    /// are good, so that the flag under test is the one read and refused.
    struct Reader: CustomStringConvertible, Sendable {
        var command: String
        /// The flag, or `FILE` for the positional argument.
        var flag: String
        var arguments: [String]
        var description: String { "\(command) \(flag)" }
    }

    static let readers: [Reader] = {
        let snapshot = FilesAndStreamsTests.snapshot
        let secret = FilesAndStreamsTests.secret
        let cluster = FilesAndStreamsTests.clusterJSON
        let uuid = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"
        let action = ["--action", "kafka:DescribeClusterV2", "--resource", "*"]
        let network = ["network", "check", "--group-id", "sg-1", "--subnet-id", "subnet-1", "--port", "9098"]
        let out = NSTemporaryDirectory() + "msk-esm-never-written-\(UUID().uuidString).json"
        let template = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/lint/cfn/healthy-iam.yaml").path
        func reader(_ command: String, _ flag: String, _ arguments: [String]) -> Reader {
            Reader(command: command, flag: flag, arguments: arguments)
        }
        return [
            reader("doctor", "--snapshot", ["doctor", "--snapshot", "INPUT"]),
            reader("doctor", "--baseline", ["doctor", "--all", "--region", "us-east-1", "--baseline", "INPUT"]),
            reader(
                "doctor", "--accounts",
                ["doctor", "--all", "--region", "us-east-1", "--accounts", "INPUT", "--assume-role-name", "audit"]),
            reader("doctor", "--ca-file", ["doctor", "--snapshot", snapshot, "--probe", "--ca-file", "INPUT"]),
            reader(
                "doctor", "--token-endpoint-ca-file",
                ["doctor", "--snapshot", snapshot, "--probe", "--token-endpoint-ca-file", "INPUT"]),
            reader("brokers explain", "--snapshot", ["brokers", "explain", "--snapshot", "INPUT"]),
            reader(
                "brokers explain", "--cluster-json",
                ["brokers", "explain", "--cluster-json", "INPUT", "--auth", "none"]),
            reader(
                "brokers explain", "--bootstrap-brokers-json",
                [
                    "brokers", "explain", "--cluster-json", cluster, "--bootstrap-brokers-json", "INPUT", "--auth",
                    "none",
                ]),
            reader(
                "brokers explain", "--mapping-json",
                ["brokers", "explain", "--cluster-json", cluster, "--mapping-json", "INPUT"]),
            reader("policy check", "--snapshot", ["policy", "check", "--snapshot", "INPUT"]),
            reader("policy check", "--policy", ["policy", "check", "--policy", "INPUT"] + action),
            reader(
                "policy check", "--boundary",
                ["policy", "check", "--policy", "aws:AWSLambdaMSKExecutionRole", "--boundary", "INPUT"] + action),
            reader("network check", "--snapshot", ["network", "check", "--snapshot", "INPUT"]),
            reader("network check", "--security-groups-json", network + ["--security-groups-json", "INPUT"]),
            reader("network check", "--subnets-json", network + ["--subnets-json", "INPUT"]),
            reader("network check", "--route-tables-json", network + ["--route-tables-json", "INPUT"]),
            reader("network check", "--nat-gateways-json", network + ["--nat-gateways-json", "INPUT"]),
            reader("network check", "--vpc-endpoints-json", network + ["--vpc-endpoints-json", "INPUT"]),
            reader("probe", "--snapshot", ["probe", "--snapshot", "INPUT"]),
            reader(
                "probe", "--secret-file",
                ["probe", "--bootstrap-servers", "127.0.0.1:9092", "--auth", "mtls", "--secret-file", "INPUT"]),
            reader(
                "probe", "--ca-file",
                ["probe", "--bootstrap-servers", "127.0.0.1:9092", "--auth", "tls", "--ca-file", "INPUT"]),
            reader(
                "probe", "--token-endpoint-ca-file",
                [
                    "probe", "--bootstrap-servers", "127.0.0.1:9092", "--auth", "oauthbearer", "--secret-file", secret,
                    "--token-endpoint-ca-file", "INPUT",
                ]),
            reader("event sample", "--value-file", ["event", "sample", "--value-file", "INPUT"]),
            reader("lint", "FILE", ["lint", "INPUT"]),
            reader("lint", "--parameters-file", ["lint", template, "--parameters-file", "INPUT"]),
            reader("event decode", "FILE", ["event", "decode", "INPUT"]),
            reader("filter test", "FILE", ["filter", "test", "--pattern", #"{"value":["x"]}"#, "INPUT"]),
            reader("filter test", "--pattern-file", ["filter", "test", "--pattern-file", "INPUT", "--value", "x"]),
            reader("filter test", "--snapshot", ["filter", "test", "--snapshot", "INPUT", "--value", "x"]),
            // The event is read first and parsed last, so any readable file serves as FILE here.
            reader("event decode", "--schema", ["event", "decode", snapshot, "--schema", "INPUT"]),
            reader("secret validate", "FILE", ["secret", "validate", "INPUT"]),
            reader("secret validate", "--certificate", ["secret", "validate", "--certificate", "INPUT"]),
            reader(
                "secret validate", "--private-key",
                ["secret", "validate", "--certificate", secret, "--private-key", "INPUT"]),
            reader("secret validate", "--password-file", ["secret", "validate", secret, "--password-file", "INPUT"]),
            reader("secret validate", "--trust-anchor", ["secret", "validate", secret, "--trust-anchor", "INPUT"]),
            reader("secret fix", "FILE", ["secret", "fix", "INPUT", "--write", out]),
            reader("secret fix", "--certificate", ["secret", "fix", "--certificate", "INPUT", "--write", out]),
            reader(
                "secret fix", "--private-key",
                ["secret", "fix", "--certificate", secret, "--private-key", "INPUT", "--write", out]),
            reader(
                "secret fix", "--password-file", ["secret", "fix", secret, "--password-file", "INPUT", "--write", out]),
            reader(
                "create", "--cli-input-json",
                ["create", "--cli-input-json", "INPUT", "--dry-run", "--region", "us-east-1"]),
            reader(
                "update", "--cli-input-json",
                ["update", uuid, "--cli-input-json", "INPUT", "--dry-run", "--region", "us-east-1"]),
            reader(
                "create", "--cli-input-yaml",
                ["create", "--cli-input-yaml", "INPUT", "--dry-run", "--region", "us-east-1"]),
            reader(
                "update", "--cli-input-yaml",
                ["update", uuid, "--cli-input-yaml", "INPUT", "--dry-run", "--region", "us-east-1"]),
        ]
    }()

    /// The example snapshot's `Cluster` part as its own file (`aws kafka describe-cluster-v2` output).
    static let clusterJSON: String = {
        let path = NSTemporaryDirectory() + "msk-esm-cluster-\(UUID().uuidString).json"
        let document =
            (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: snapshot))))
            as? [String: Any]
        let cluster = (document?["Cluster"]).flatMap { try? JSONSerialization.data(withJSONObject: $0) } ?? Data()
        _ = FileManager.default.createFile(atPath: path, contents: cluster)
        return path
    }()

    @Test("the table names every option and argument of the command tree that reads a file")
    func readersCoverTheCommandTree() throws {
        let tree = try #require(CommandTreeDescription.of(MSKESM.self))
        var named: Set<String> = []
        func walk(_ command: CommandTreeDescription.Command, _ path: [String]) {
            for argument in command.arguments ?? [] where argument.valueName?.lowercased() == "file" {
                let flag = argument.kind == .positional ? "FILE" : argument.preferredName?.spelled ?? ""
                if flag != "--write" { named.insert("\(path.joined(separator: " ")) \(flag)") }
            }
            for subcommand in command.subcommands ?? [] { walk(subcommand, path + [subcommand.commandName]) }
        }
        walk(tree.command, [])
        #expect(named.count >= 30)
        #expect(named == Set(Self.readers.map(\.description)))
    }

    @Test(
        "a named FIFO with no writer is refused at once (exit 2, naming the flag and the path), never waited on",
        arguments: readers)
    func namedPipeIsRefused(_ reader: Reader) throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/input.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let (result, hung) = try Self.runWatched(reader.arguments.map { $0 == "INPUT" ? fifo : $0 })
        #expect(!hung, "\(reader) waited on the FIFO until the watchdog killed it")
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix("msk-esm: error: is a named pipe (FIFO), not a regular file ("), "\(result.stderr)")
        #expect(
            result.stderr.contains(reader.flag == "FILE" ? "\(fifo))" : "(\(reader.flag) \(fifo))"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("a device or a socket named by path is refused (exit 2), a directory too")
    func otherKindsAreRefused() async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let socketPath = directory + "/socket"
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in socketPath.utf8.enumerated() { bytes[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        for (path, what) in [
            ("/dev/zero", "is a device, not a regular file"), (socketPath, "is a socket, not a regular file"),
            (directory, "is a directory"),
        ] {
            let result = await CommandRunner.run([
                "policy", "check", "--policy", path, "--action", "kafka:Get", "--resource", "*",
            ])
            #expect(result.exitCode == 2)
            #expect(
                result.stderr == "msk-esm: error: \(what) (--policy \(path)): "
                    + (what == "is a directory"
                        ? "name a file\n"
                        : "give a regular file; to read a stream, use - (standard input) or <(command), which passes /dev/fd/N\n")
            )
        }
    }

    @Test("streams keep working: - and /dev/stdin from a pipe, and /dev/fd/N from the shell's <(command)")
    func streamsAreRead() throws {
        let document = try Data(contentsOf: URL(fileURLWithPath: Self.snapshot))
        for path in ["-", "/dev/stdin"] {
            let result = try CommandRunner.runBinary(
                ["doctor", "--snapshot", path, "--output", "json"], stdin: document)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(try result.json()["verdict"] as? String == "pass")
        }
        // bash passes <(cat FILE) as /dev/fd/63, a pipe: the reader must read it as a stream.
        let script = #"exec "$0" doctor --snapshot <(cat "$1") --output json; "#
        let (result, hung) = try Self.runWatched(
            ["-c", script, CommandRunner.binary.path, Self.snapshot], executable: "/bin/bash")
        #expect(!hung)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try result.json()["verdict"] as? String == "pass")
        let secret = try Self.runWatched(
            ["-c", #"exec "$0" secret validate <(cat "$1") --output json"#, CommandRunner.binary.path, Self.secret],
            executable: "/bin/bash")
        #expect(secret.result.exitCode == 0, "\(secret.result.stderr)")
    }

    // MARK: - --write targets

    enum Target: String, CaseIterable, CustomStringConvertible, Sendable {
        case namedPipe, directory, device, symbolicLink, danglingSymbolicLink
        var description: String { rawValue }
    }

    /// Makes `target` at `path`; false when this machine does not allow it (a device needs CAP_MKNOD).
    static func make(_ target: Target, at path: String, linkedFile: String) -> Bool {
        switch target {
        case .namedPipe: return mkfifo(path, 0o600) == 0
        case .directory: return mkdir(path, 0o700) == 0
        case .device: return mknod(path, S_IFCHR | 0o600, dev_t(1 << 8 | 3)) == 0  // makedev(1, 3): what /dev/null is
        case .symbolicLink: return symlink(linkedFile, path) == 0
        case .danglingSymbolicLink: return symlink(linkedFile + ".missing", path) == 0
        }
    }

    static func kind(at path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    @Test(
        "secret fix --write … --force replaces only a regular file: a FIFO, directory, device or symbolic link stays",
        arguments: Target.allCases)
    func forceNeverReplacesWhatIsNotARegularFile(_ target: Target) async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let linked = directory + "/linked.json"
        try Data("the link's target\n".utf8).write(to: URL(fileURLWithPath: linked))
        let path = directory + "/fixed.json"
        guard Self.make(target, at: path, linkedFile: linked) else {
            #expect(target == .device, "cannot make \(target): \(String(cString: strerror(errno)))")
            return
        }
        let kindBefore = Self.kind(at: path)
        for force in [true, false] {
            let result = await CommandRunner.run(
                ["secret", "fix", Self.secret, "--write", path] + (force ? ["--force"] : []))
            #expect(result.exitCode == 2, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.isEmpty)
            let expected =
                switch target {
                case .namedPipe: "is a named pipe (FIFO), not a regular file"
                case .directory: "is a directory"
                case .device: "is a device, not a regular file"
                case .symbolicLink, .danglingSymbolicLink: "is a symbolic link"
                }
            #expect(result.stderr.hasPrefix("msk-esm: error: \(expected) (--write \(path)): "), "\(result.stderr)")
            #expect(Self.kind(at: path) == kindBefore)
        }
        #expect(try String(contentsOfFile: linked, encoding: .utf8) == "the link's target\n")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory)) == ["linked.json", "fixed.json"])
    }

    @Test("--write '' is a usage error naming the flag, before the secret is read")
    func emptyWriteTarget() async throws {
        let result = await CommandRunner.run(["secret", "fix", Self.secret, "--write", ""])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "msk-esm: error: no file named (--write ''): name the file to write, or - for standard output\n")
        // The writer itself refuses it too (snapshot --write goes through it).
        let error = #expect(throws: ToolError.self) {
            try AtomicFileWriter.write(Data("x".utf8), to: "", overwrite: true)
        }
        #expect(error?.description.hasPrefix("no file named (--write '')") == true)
    }

    @Test("a regular file is still replaced with --force, through the same checks")
    func forceReplacesARegularFile() async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/fixed.json"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = await CommandRunner.run(["secret", "fix", Self.secret, "--write", path, "--force"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) is [String: Any])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["fixed.json"])
    }

    // MARK: - repl on endless or binary input

    /// `PRODUCER | msk-esm repl` in bash. `result.exitCode` is the REPL's; `producerStatus` the first
    /// producer's (141 when SIGPIPE killed it: the REPL had stopped reading).
    static func pipedIntoRepl(_ producer: String) throws -> (result: CommandResult, hung: Bool, producerStatus: Int32?)
    {
        let script = producer + #" | "$0" repl; echo "statuses ${PIPESTATUS[0]} ${PIPESTATUS[-1]}""#
        var (result, hung) = try runWatched(["-c", script, CommandRunner.binary.path], executable: "/bin/bash")
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        let statuses = (lines.popLast() ?? "").split(separator: " ").dropFirst().compactMap { Int32($0) }
        result.stdout = lines.map { $0 + "\n" }.joined()
        result.exitCode = statuses.count == 2 ? statuses[1] : -1
        return (result, hung, statuses.first)
    }

    @Test("repl < binary input ends at the first chunk with a NUL byte: exit 2, and the rest is never read")
    func replStopsOnBinaryInput() throws {
        // 64 MiB of NUL bytes: the REPL stops after the first read, so head is killed by SIGPIPE (141)
        // instead of writing it all.
        let (result, hung, producer) = try Self.pipedIntoRepl("head -c 67108864 /dev/zero")
        #expect(!hung)
        #expect(result.exitCode == 2)
        #expect(
            result.stderr
                == "msk-esm: error: the line holds a NUL byte (standard input, line 1): give the commands as UTF-8 text, one per line, not a binary file\n"
        )
        #expect(producer == 141, "the REPL read the whole input: \(result.stdout)")
    }

    @Test("repl with a line longer than 1 MiB ends with exit 2 after reading at most about 1 MiB of it")
    func replBoundsTheLineLength() throws {
        // 16 MiB of 'a' without a newline.
        let (result, hung, producer) = try Self.pipedIntoRepl("head -c 16777216 /dev/zero | tr '\\0' a")
        #expect(!hung)
        #expect(result.exitCode == 2)
        #expect(
            result.stderr
                == "msk-esm: error: a line longer than 1 MiB (standard input, line 1): give the commands as text, one per line, not a binary or endless stream\n"
        )
        // tr was killed by SIGPIPE: the REPL stopped reading long before the end.
        #expect(producer == 141, "the REPL read the whole input: \(result.stdout)")
        // The lines before the long one ran.
        let (counted, _, _) = try Self.pipedIntoRepl(
            #"{ printf 'status\nbogus\nstatus\n'; head -c 3000000 /dev/zero | tr '\0' a; }"#)
        #expect(counted.stdout == "0\n2\n", "\(counted.stdout)")
        #expect(
            counted.stderr.hasSuffix(
                "msk-esm: error: a line longer than 1 MiB (standard input, line 4): give the commands as text, one per line, not a binary or endless stream\n"
            ), "\(counted.stderr)")
        #expect(counted.exitCode == 2)
    }
}
