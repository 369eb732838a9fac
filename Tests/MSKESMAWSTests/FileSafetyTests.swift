import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

/// Every command that writes a file: atomically (temporary file + rename), private material with mode 0600,
/// no overwrite without --force, and no temporary file left behind — also when the write fails (over the file
/// size limit) or is interrupted (SIGINT, SIGTERM or SIGHUP while the temporary file exists).
@Suite(
    "file safety of the commands that write", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct FileSafetyTests {
    struct Writer: CustomStringConvertible, Sendable {
        /// The command line; `OUT` is the file to write.
        var arguments: @Sendable (_ bed: TestBed, _ inputs: SecretHygieneTests.Inputs) -> [String]
        var mode: Int
        var needsBed = false
        var name: String
        var description: String { name }
    }

    /// The table: add every command that writes a file here.
    static let writers: [Writer] = [
        Writer(
            arguments: { _, inputs in ["secret", "fix", inputs.directory + "/mtls-pbes2.json", "--write", "OUT"] },
            mode: 0o600, name: "secret fix --write"),
        Writer(
            arguments: { bed, _ in ["snapshot", bed.mappingUUID, "--write", "OUT"] }, mode: 0o644, needsBed: true,
            name: "snapshot --write"),
        Writer(
            arguments: { bed, _ in ["snapshot", bed.mappingUUID, "--write", "OUT", "--include-secrets"] }, mode: 0o600,
            needsBed: true, name: "snapshot --write --include-secrets"),
    ]

    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "msk-esm-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func environment(_ bed: TestBed) -> [String: String] { bed.environment() }

    static func arguments(_ writer: Writer, _ bed: TestBed, _ inputs: SecretHygieneTests.Inputs, out: String)
        -> [String]
    {
        writer.arguments(bed, inputs).map { $0 == "OUT" ? out : $0 }
    }

    @Test(
        "mode, no overwrite without --force (the old file intact), overwrite with it, no temporary file",
        arguments: writers)
    func modeAndOverwrite(_ writer: Writer) async throws {
        let bed = try await TestBed.shared()
        let inputs = try await SecretHygieneTests.Inputs.shared()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/out.json"
        let first = try BinaryRunner.run(
            Self.arguments(writer, bed, inputs, out: out), environment: Self.environment(bed))
        #expect(first.exitCode == 0 || first.exitCode == 1, "\(first.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int) == writer.mode)

        try Data("old\n".utf8).write(to: URL(fileURLWithPath: out))
        let refused = try BinaryRunner.run(
            Self.arguments(writer, bed, inputs, out: out), environment: Self.environment(bed))
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old\n")

        let forced = try BinaryRunner.run(
            Self.arguments(writer, bed, inputs, out: out) + ["--force"], environment: Self.environment(bed))
        #expect(forced.exitCode == 0 || forced.exitCode == 1, "\(forced.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) is [String: Any])
        #expect((try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int) == writer.mode)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.json"])
    }

    @Test(
        "a write over the file size limit fails with exit 2 and leaves neither the file nor a temporary one",
        arguments: writers)
    func failingWrite(_ writer: Writer) async throws {
        let bed = try await TestBed.shared()
        let inputs = try await SecretHygieneTests.Inputs.shared()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/out.json"
        // ulimit -f 1: at most 1 KiB per file; every output here is larger.
        let quoted = Self.arguments(writer, bed, inputs, out: out).map { "'\($0)'" }.joined(separator: " ")
        let result = try BinaryRunner.run(
            ["-c", "ulimit -f 1; exec '\(BinaryRunner.binary.path)' \(quoted)"], environment: Self.environment(bed),
            executable: "/bin/sh")
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write the file"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test(
        "a signal while the temporary file exists: afterwards the file is complete or absent, never a temporary one",
        arguments: writers, ["INT", "TERM", "HUP"])
    func interruptedWrite(_ writer: Writer, _ signal: String) async throws {
        let bed = try await TestBed.shared()
        let inputs = try await SecretHygieneTests.Inputs.shared()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The harness watches the directory; the moment the temporary file appears it stops the process
        // (SIGSTOP), sends the signal, and lets it continue: the signal surely lands inside the write.
        let script = """
            import json, os, signal, subprocess, sys, time
            binary, directory, arguments, signame = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
            caught = 0
            for attempt in range(60):
                out = os.path.join(directory, f"out-{attempt}.json")
                child = subprocess.Popen([binary] + [out if a == "OUT" else a for a in arguments],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                hit = False
                while child.poll() is None:
                    if any(".tmp-" in name for name in os.listdir(directory)):
                        os.kill(child.pid, signal.SIGSTOP)
                        os.kill(child.pid, getattr(signal, "SIG" + signame))
                        os.kill(child.pid, signal.SIGCONT)
                        hit = True
                        break
                status = child.wait()
                caught += hit
                left = [name for name in os.listdir(directory) if ".tmp-" in name]
                if left:
                    print(json.dumps({"error": f"temporary file left: {left}", "status": status}))
                    sys.exit(0)
                if os.path.exists(out):
                    json.load(open(out))  # complete, or this raises
                if caught >= 3:
                    break
            print(json.dumps({"caught": caught}))
            """
        let arguments = writer.arguments(bed, inputs)
        var environment = Self.environment(bed)
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let python = try ChildProcess.run(
            "/usr/bin/env",
            [
                "python3", "-c", script, BinaryRunner.binary.path, directory,
                String(decoding: try JSONSerialization.data(withJSONObject: arguments), as: UTF8.self), signal,
            ], environment: environment, input: .inherit, error: .inherit)
        let text = python.outputText
        let result = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(result?["error"] == nil, "\(text)")
        // The watcher must really have struck inside the write at least once, or the test proved nothing.
        #expect((result?["caught"] as? Int ?? 0) >= 1, "\(text)")
    }
}
