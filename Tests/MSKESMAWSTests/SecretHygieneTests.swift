import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

@testable import MSKESMCLI

/// Canary secrets — a private key, its password, a SCRAM password, a secret access key and a session token —
/// go through every command line of every command, in text, JSON and --debug modes and on error paths; none
/// may appear on stdout, stderr, in any file written or in the REPL history, except in the outputs whose
/// purpose is to carry them (`secret fix --write`, `snapshot --include-secrets`; docs/output.md#secret-material).
///
/// The table must name every leaf command of the command tree: a new subcommand fails `tableCoversTree`
/// until a line for it is added here.
@Suite(
    "secret hygiene", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct SecretHygieneTests {
    static let keyPassword = "CANARY-keypass-Q7x9w"
    static let scramPassword = "CANARY-scram-pw-R4t2v"
    /// The test bed's Secrets Manager secret holds this (Tests/TestBed/testbed.py).
    static let bedScramPassword = "CANARY-scram-password-93f1"
    static let localSecretAccessKey = "CANARYsecretAccessKey0123456789abcdefgh"
    static let sessionToken = "CANARY-session-token-Z8k3m"

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Where a command line may legitimately carry secrets.
    enum Carrier: Sendable, Equatable {
        case stdout
        case file(String)
    }

    struct Line: CustomStringConvertible, Sendable {
        var arguments: [String]
        var stdin: String?
        var needsBed = false
        var carriers: [Carrier] = []
        /// Also run with --output json, --debug and both.
        var modes = true
        var description: String { arguments.joined(separator: " ") }
    }

    /// Every command line of every command. `IN` is the inputs' directory (canaries inside), `OUT` the
    /// working directory whose every file is checked afterwards.
    static let lines: [Line] = [
        // secret validate: JSON secrets, PEM parts, stdin, wrong password, PBES2 key, no password, types, rules.
        Line(arguments: ["secret", "validate", "IN/mtls.json"]),
        Line(arguments: ["secret", "validate", "IN/mtls-pbes2.json"]),
        Line(arguments: ["secret", "validate", "IN/mtls-wrong-password.json"]),
        Line(arguments: ["secret", "validate", "IN/mtls-plain-key.json", "--for", "self-managed"]),
        Line(arguments: ["secret", "validate", "-"], stdin: "IN/mtls.json"),
        Line(arguments: [
            "secret", "validate", "--certificate", "IN/chain.pem", "--private-key", "IN/key.pem",
            "--password-file", "IN/password.txt",
        ]),
        Line(arguments: ["secret", "validate", "--certificate", "IN/chain.pem", "--private-key", "IN/key.pem"]),
        Line(arguments: ["secret", "validate", "IN/key.pem", "--password-file", "IN/wrong-password.txt"]),
        Line(arguments: ["secret", "validate", "IN/scram.json", "--secret-name", "AmazonMSK_x"]),
        Line(arguments: ["secret", "validate", "IN/scram.json", "--type", "basic"]),
        Line(arguments: ["secret", "validate", "IN/scram.json", "--type", "mtls"]),
        Line(arguments: ["secret", "validate", "IN/not-json.json"]),
        Line(arguments: ["secret", "validate", "IN/mtls.json", "--trust-anchor", "IN/key.pem"]),
        // secret fix: the written file (or stdout with --write -) carries the key; nothing else may.
        Line(
            arguments: ["secret", "fix", "IN/mtls-pbes2.json", "--write", "fixed.json"], carriers: [.file("fixed.json")]
        ),
        Line(arguments: ["secret", "fix", "IN/mtls-pbes2.json", "--write", "-"], carriers: [.stdout]),
        // A wrong password: the repair it can do is still written (and carries the key), exit 1.
        Line(
            arguments: ["secret", "fix", "IN/mtls-wrong-password.json", "--write", "unverified.json"],
            carriers: [.file("unverified.json")]),
        Line(arguments: ["secret", "fix", "IN/key.pem", "--write", "unreadable.json"]),
        Line(arguments: ["secret", "fix", "IN/mtls.json", "--write", "IN/mtls.json"]),
        // Commands that read no secrets still must not echo the environment's credentials.
        Line(arguments: [
            "policy", "check", "--policy", "aws:AWSLambdaMSKExecutionRole", "--action", "kafka-cluster:Connect",
            "--resource", "arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b", "--suggest",
        ]),
        Line(arguments: [
            "policy", "check", "--policy", "IN/mtls.json", "--action", "kafka:DescribeClusterV2", "--resource", "*",
        ]),
        Line(arguments: ["network", "check", "--snapshot", "IN/snapshot-with-secrets.json"]),
        Line(arguments: ["brokers", "explain", "--bootstrap-servers", "b-1.example:9096", "--auth", "scram-512"]),
        Line(arguments: ["brokers", "explain", "--snapshot", "IN/snapshot-with-secrets.json"]),
        Line(arguments: ["doctor", "--snapshot", "IN/snapshot-with-secrets.json"]),
        Line(arguments: ["doctor", "--snapshot", "IN/mtls.json"]),
        // The Markdown report: names, ARNs and the diagram, never a value (docs/output.md#markdown).
        Line(
            arguments: ["doctor", "--snapshot", "IN/snapshot-with-secrets.json", "--output", "markdown"], modes: false),
        Line(arguments: ["doctor", "BED_UUID", "--output", "markdown"], needsBed: true, modes: false),
        Line(arguments: ["doctor", "--all", "--output", "markdown"], needsBed: true, modes: false),
        // Kafka: the probe reads the secret (brokers refuse the connection: nothing leaves loopback), events.
        Line(arguments: [
            "probe", "--bootstrap-servers", "127.0.0.1:1", "--auth", "scram-512", "--secret-file", "IN/scram.json",
            "--timeout", "1",
        ]),
        Line(arguments: [
            "probe", "--bootstrap-servers", "127.0.0.1:1", "--auth", "mtls", "--secret-file", "IN/mtls.json",
            "--timeout", "1",
        ]),
        Line(arguments: ["probe", "--bootstrap-servers", "127.0.0.1:1", "--auth", "iam", "--timeout", "1"]),
        Line(arguments: ["event", "sample", "--value-file", "IN/password.txt"]),
        Line(arguments: ["event", "decode", "IN/scram.json"]),
        // A secret file given where an event, a pattern or a template belongs: refused or read without echoing it.
        Line(arguments: ["filter", "test", "--pattern", #"{"value": [{"prefix": "x"}]}"#, "IN/scram.json"]),
        Line(arguments: ["filter", "test", "--pattern-file", "IN/scram.json", "--value", "x"]),
        Line(arguments: ["filter", "test", "--pattern-file", "IN/password.txt", "--value", "x"]),
        Line(arguments: ["lint", "IN/scram.json"]),
        Line(arguments: ["lint", "-"], stdin: "IN/mtls.json"),
        // AWS: the signed requests (--debug traces them), the secret's value, credentials with a session token.
        Line(arguments: ["snapshot", "BED_UUID"], needsBed: true),
        Line(arguments: ["snapshot", "BED_UUID", "--write", "snap.json"], needsBed: true),
        Line(
            arguments: ["snapshot", "BED_UUID", "--write", "with-secrets.json", "--include-secrets"], needsBed: true,
            carriers: [.file("with-secrets.json")]),
        Line(arguments: ["snapshot", "BED_UUID", "--include-secrets"], needsBed: true, carriers: [.stdout]),
        Line(arguments: ["snapshot", "00000000-1111-2222-3333-444444444444"], needsBed: true),
        // Live reads: the secret's value comes from Secrets Manager (the bed's holds a SCRAM canary).
        Line(arguments: ["secret", "validate", "--secret-id", "BED_SECRET"], needsBed: true),
        Line(
            arguments: ["secret", "fix", "--secret-id", "BED_SECRET", "--write", "live-fixed.json"], needsBed: true,
            carriers: [.file("live-fixed.json")]),
        Line(arguments: ["brokers", "explain", "--cluster", "BED_CLUSTER", "--auth", "iam"], needsBed: true),
        Line(arguments: ["policy", "check", "--mapping", "BED_UUID", "--role", "msk-esm-exec"], needsBed: true),
        Line(arguments: ["network", "check", "--cluster", "BED_CLUSTER", "--auth", "iam"], needsBed: true),
        // Mappings: reads, a dry-run create and update carrying a secret's ARN, and changes to a mapping that
        // does not exist (error paths; the bed's own mapping is left alone for the other suites).
        Line(arguments: ["get", "BED_UUID"], needsBed: true),
        Line(arguments: ["list"], needsBed: true),
        Line(
            arguments: [
                "create", "--function", "hygiene-fn", "--cluster", "BED_CLUSTER", "--topic", "orders",
                "--starting-position", "LATEST", "--auth", "scram-512", "--secret-id", "BED_SECRET", "--no-preflight",
                "--dry-run",
            ], needsBed: true),
        Line(arguments: ["update", "BED_UUID", "--batch-size", "77", "--dry-run"], needsBed: true),
        Line(arguments: ["enable", "00000000-1111-2222-3333-444444444444"], needsBed: true),
        Line(arguments: ["disable", "00000000-1111-2222-3333-444444444444"], needsBed: true),
        Line(arguments: ["delete", "00000000-1111-2222-3333-444444444444", "--yes"], needsBed: true),
        Line(
            arguments: ["wait", "00000000-1111-2222-3333-444444444444", "--for", "deleted", "--timeout", "5"],
            needsBed: true),
        // The MCP server, piped: every tool with the same inputs (files, snapshots, the bed's secret, writes'
        // plans and error paths); stdout carries the protocol's answers.
        Line(
            arguments: ["mcp"],
            stdin: mcpSession([
                ("secret_validate", #"{"file": "IN/mtls.json"}"#),
                ("secret_validate", #"{"file": "IN/mtls-wrong-password.json"}"#),
                ("secret_validate", #"{"file": "IN/mtls-pbes2.json", "for": "self-managed"}"#),
                (
                    "secret_validate",
                    #"{"certificate": "IN/chain.pem", "private_key": "IN/key.pem", "password_file": "IN/password.txt"}"#
                ),
                ("secret_validate", #"{"file": "IN/scram.json", "type": "basic"}"#),
                ("doctor", #"{"snapshot": "IN/snapshot-with-secrets.json"}"#),
                ("doctor", #"{"snapshot": "IN/mtls.json"}"#),
                ("brokers_explain", #"{"snapshot": "IN/snapshot-with-secrets.json"}"#),
                ("network_check", #"{"snapshot": "IN/snapshot-with-secrets.json"}"#),
                (
                    "policy_check",
                    #"{"policy": ["IN/mtls.json"], "action": ["kafka:DescribeClusterV2"], "resource": ["*"]}"#
                ),
            ]), modes: false),
        Line(
            arguments: ["mcp", "--allow-writes"],
            stdin: mcpSession([
                ("secret_validate", #"{"secret_id": "BED_SECRET"}"#),
                ("doctor", #"{"uuid": "BED_UUID"}"#),
                ("get_mapping", #"{"uuid": "BED_UUID"}"#),
                ("list_mappings", "{}"),
                ("brokers_explain", #"{"cluster": "BED_CLUSTER", "auth": "iam"}"#),
                ("network_check", #"{"cluster": "BED_CLUSTER", "auth": "iam"}"#),
                ("policy_check", #"{"mapping": "BED_UUID", "role": "msk-esm-exec"}"#),
                (
                    "create",
                    #"{"function": "hygiene-fn", "cluster": "BED_CLUSTER", "topic": "orders", "starting_position": "LATEST", "auth": "scram-512", "secret_id": "BED_SECRET", "no_preflight": true}"#
                ),
                ("update", #"{"uuid": "BED_UUID", "batch_size": "77"}"#),
                ("enable", #"{"uuid": "00000000-1111-2222-3333-444444444444", "confirm": true}"#),
                ("disable", #"{"uuid": "00000000-1111-2222-3333-444444444444"}"#),
                ("delete", #"{"uuid": "00000000-1111-2222-3333-444444444444", "confirm": true}"#),
            ]), needsBed: true, modes: false),
        // The REPL, piped: the same commands inside it.
        Line(
            arguments: ["repl"],
            stdin: "secret validate IN/mtls.json\nsecret validate IN/mtls-wrong-password.json --output json\n"
                + "secret fix IN/mtls-pbes2.json --write repl-fixed.json\nstatus\nexit\n",
            carriers: [.file("repl-fixed.json")], modes: false),
    ]

    /// A piped MCP session: initialize, then one tools/call per (tool, JSON arguments).
    static func mcpSession(_ calls: [(String, String)]) -> String {
        var lines = [
            #"{"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "#
                + #""capabilities": {}, "clientInfo": {"name": "hygiene", "version": "0"}}}"#,
            #"{"jsonrpc": "2.0", "method": "notifications/initialized"}"#,
        ]
        for (index, (tool, arguments)) in calls.enumerated() {
            lines.append(
                #"{"jsonrpc": "2.0", "id": \#(index + 1), "method": "tools/call", "params": {"name": "\#(tool)", "#
                    + #""arguments": \#(arguments)}}"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let modes: [[String]] = [[], ["--output", "json"], ["--debug"], ["--debug", "--output", "json"]]

    /// The leaf command paths of the tree ("secret validate", "doctor", ...).
    static func leafCommands() -> [String] {
        guard let tree = CommandTreeDescription.of(MSKESM.self) else { return [] }
        func walk(_ command: CommandTreeDescription.Command, _ path: [String]) -> [String] {
            let subcommands = (command.subcommands ?? []).filter { $0.commandName != "help" }
            if subcommands.isEmpty { return [path.joined(separator: " ")] }
            return subcommands.flatMap { walk($0, path + [$0.commandName]) }
        }
        return walk(tree.command, [])
    }

    @Test("the table has a command line for every leaf command of the tree")
    func tableCoversTree() {
        let leaves = Self.leafCommands()
        #expect(leaves.count >= 8)
        for leaf in leaves {
            let covered = Self.lines.contains { $0.arguments.joined(separator: " ").hasPrefix(leaf) }
            #expect(covered, "no secret-hygiene line for `msk-esm \(leaf)`: add it to SecretHygieneTests.lines")
        }
    }

    /// The inputs, made with the openssl CLI: a chain and an EC key whose PKCS#8 forms are the key canaries.
    final class Inputs: @unchecked Sendable {
        let directory: String
        /// Base64 lines of the key in every form the inputs hold it (any one of them in an output is a leak).
        let keyLines: [String]

        private static let making = Task { try Inputs() }
        static func shared() async throws -> Inputs { try await making.value }

        private init() throws {
            let directory = NSTemporaryDirectory() + "msk-esm-hygiene-in-" + UUID().uuidString
            self.directory = directory
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let password = SecretHygieneTests.keyPassword
            let script = """
                set -e
                openssl ecparam -name prime256v1 -genkey -noout -out root.key 2>/dev/null
                openssl req -x509 -new -key root.key -sha256 -days 3650 -subj /CN=Hygiene-CA \
                  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign -out root.pem
                openssl ecparam -name prime256v1 -genkey -noout -out client.ec 2>/dev/null
                openssl req -new -key client.ec -subj /CN=hygiene -out client.csr
                printf 'basicConstraints=CA:FALSE\\nkeyUsage=critical,digitalSignature\\nextendedKeyUsage=clientAuth\\n' > ext
                openssl x509 -req -in client.csr -CA root.pem -CAkey root.key -CAcreateserial -days 3650 -sha256 \
                  -extfile ext -out client.pem 2>/dev/null
                cat client.pem root.pem > chain.pem
                openssl pkcs8 -topk8 -nocrypt -in client.ec -out plain.key
                openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES -in client.ec -passout 'pass:\(password)' -out key.pem
                openssl pkcs8 -topk8 -in client.ec -passout 'pass:\(password)' -out pbes2.key
                printf '%s\\n' '\(password)' > password.txt
                printf 'not-the-password\\n' > wrong-password.txt
                printf '{"certificate": ' > not-json.json
                rm root.key client.csr ext
                """
            let shell = try ChildProcess.run(
                "/bin/sh", ["-c", script], directory: directory, input: .inherit, output: .inherit, error: .inherit)
            guard shell.status == 0 else { throw CocoaError(.fileWriteUnknown) }
            let read = { (name: String) throws -> String in
                try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            }
            let chain = try read("chain.pem")
            let secret = { (key: String, password: String?) throws -> Data in
                var object: [String: String] = ["certificate": chain, "privateKey": try read(key)]
                object["privateKeyPassword"] = password
                return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            }
            try secret("key.pem", password).write(to: URL(fileURLWithPath: directory + "/mtls.json"))
            try secret("pbes2.key", password).write(to: URL(fileURLWithPath: directory + "/mtls-pbes2.json"))
            try secret("key.pem", "wrong-\(password.prefix(3))").write(
                to: URL(fileURLWithPath: directory + "/mtls-wrong-password.json"))
            try secret("plain.key", nil).write(to: URL(fileURLWithPath: directory + "/mtls-plain-key.json"))
            try JSONSerialization.data(withJSONObject: [
                "username": "hygiene", "password": SecretHygieneTests.scramPassword,
            ])
            .write(to: URL(fileURLWithPath: directory + "/scram.json"))
            // Every key form's base64 lines, but only full 64-character lines (the short last line could match by chance).
            var lines: [String] = []
            for name in ["plain.key", "key.pem", "pbes2.key", "client.ec"] {
                lines += try read(name).split(separator: "\n").map(String.init).filter { $0.count == 64 }
            }
            keyLines = lines
        }
    }

    struct Canaries {
        var values: [String]
        func leaks(in text: String) -> [String] {
            values.filter { text.contains($0) }.map { value in
                value.count > 24 ? String(value.prefix(12)) + "…" : value
            }
        }
    }

    static func substitute(_ word: String, inputs: String, uuid: String, bed: TestBed? = nil) -> String {
        word.replacingOccurrences(of: "IN/", with: inputs + "/").replacingOccurrences(of: "BED_UUID", with: uuid)
            .replacingOccurrences(of: "BED_SECRET", with: bed?.info["secretArn"]?.stringValue ?? "")
            .replacingOccurrences(of: "BED_CLUSTER", with: bed?.info["clusterArn"]?.stringValue ?? "")
    }

    /// Writes a snapshot with the test bed's secret values into the inputs (doctor and the others read it).
    static func snapshotWithSecrets(_ bed: TestBed, _ inputs: Inputs) throws {
        let path = inputs.directory + "/snapshot-with-secrets.json"
        if FileManager.default.fileExists(atPath: path) { return }
        let result = try BinaryRunner.run(
            ["snapshot", bed.mappingUUID, "--include-secrets", "--write", path], environment: bed.environment())
        guard result.exitCode == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test("no canary on stdout, stderr, in any file written or in a left-over temporary file", arguments: lines)
    func noCanary(_ line: Line) async throws {
        let inputs = try await Inputs.shared()
        let bed = try await TestBed.shared()
        try Self.snapshotWithSecrets(bed, inputs)
        let (_, bedSecretKey) = bed.keys("msk-esm-reader")
        let canaries = Canaries(
            values: inputs.keyLines + [
                Self.keyPassword, Self.scramPassword, Self.bedScramPassword, Self.localSecretAccessKey,
                Self.sessionToken,
                bedSecretKey,
            ])
        for mode in line.modes ? Self.modes : [[]] {
            // AWS lines run with the bed's keys, once with and once without a (canary) session token; the
            // others see canary credentials in their environment, which they must never echo either.
            let environments: [[String: String]] =
                line.needsBed
                // The token run goes to a closed port: the bed's own suites require every request it sees to be
                // validly signed, and the --debug trace shows the request (with its token header) before sending.
                ? [
                    bed.environment(),
                    bed.environment().merging([
                        "AWS_SESSION_TOKEN": Self.sessionToken, "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
                    ]) { $1 },
                ]
                : [
                    [
                        "AWS_ACCESS_KEY_ID": "AKIACANARY", "AWS_SECRET_ACCESS_KEY": Self.localSecretAccessKey,
                        "AWS_SESSION_TOKEN": Self.sessionToken, "AWS_REGION": "us-east-1",
                        "HOME": "/nonexistent-msk-esm-home",
                    ]
                ]
            for environment in environments {
                let output = NSTemporaryDirectory() + "msk-esm-hygiene-out-" + UUID().uuidString
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(atPath: output) }
                var env = environment
                env["MSK_ESM_HISTORY"] = output + "/history"
                let arguments = line.arguments.map {
                    Self.substitute($0, inputs: inputs.directory, uuid: bed.mappingUUID, bed: bed)
                }
                let result = try run(
                    arguments + mode,
                    stdin: line.stdin.map {
                        Self.substitute($0, inputs: inputs.directory, uuid: bed.mappingUUID, bed: bed)
                    },
                    environment: env, directory: output)
                let label = "`\((line.arguments + mode).joined(separator: " "))` (exit \(result.exitCode))"
                #expect(result.exitCode < 64, "\(label) crashed: \(result.stderr)")
                if !line.carriers.contains(.stdout) {
                    #expect(
                        canaries.leaks(in: result.stdout).isEmpty,
                        "\(label): stdout leaks \(canaries.leaks(in: result.stdout))")
                }
                #expect(
                    canaries.leaks(in: result.stderr).isEmpty,
                    "\(label): stderr leaks \(canaries.leaks(in: result.stderr))")
                for name in try FileManager.default.contentsOfDirectory(atPath: output) {
                    #expect(!name.contains(".tmp-"), "\(label) left a temporary file \(name)")
                    if line.carriers.contains(.file(name)) {
                        let mode =
                            try FileManager.default.attributesOfItem(atPath: output + "/" + name)[.posixPermissions]
                            as? Int
                        #expect(
                            mode == 0o600,
                            "\(label): \(name) carries secrets but has mode \(String(mode ?? 0, radix: 8))")
                        continue
                    }
                    let text = String(
                        decoding: try Data(contentsOf: URL(fileURLWithPath: output + "/" + name)), as: UTF8.self)
                    #expect(
                        canaries.leaks(in: text).isEmpty, "\(label): file \(name) leaks \(canaries.leaks(in: text))")
                }
            }
        }
    }

    @Test("the interactive REPL's history never holds a canary, also for lines that carry one inline")
    func replHistory() async throws {
        guard Self.pexpectAvailable else { return }
        let inputs = try await Inputs.shared()
        let output = NSTemporaryDirectory() + "msk-esm-hygiene-repl-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let history = output + "/history"
        let lines = [
            "secret validate \(inputs.directory)/mtls.json --output json",
            "secret validate \(inputs.directory)/key.pem --password \(Self.keyPassword)",
            "snapshot 00000000-1111-2222-3333-444444444444 --aws-secret-access-key \(Self.localSecretAccessKey)",
            "policy check --context aws:token=\(Self.sessionToken) --policy AWS_SESSION_TOKEN=\(Self.sessionToken)",
            "brokers explain --bootstrap-servers '{\"password\": \"\(Self.scramPassword)\"}' --auth none",
            "secret fix \(inputs.directory)/mtls-pbes2.json --write repl-fixed.json",
        ]
        let script = """
            import json, sys, pexpect
            lines = json.loads(sys.argv[2])
            child = pexpect.spawn(sys.argv[1], ["repl"], env={"MSK_ESM_HISTORY": sys.argv[3], "HOME": sys.argv[4],
                                  "TERM": "xterm", "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1",
                                  "AWS_SECRET_ACCESS_KEY": sys.argv[5]}, cwd=sys.argv[4], encoding="utf-8", timeout=\(Int(HangWatchdog.seconds)),
                                  dimensions=(40, 200))
            prompt = r"msk-esm(?: \\[[^\\]]*\\])?> "
            child.expect(prompt)
            for line in lines:
                child.sendline(line)
                child.expect(prompt)
            child.sendline("exit")
            child.expect(pexpect.EOF)
            sys.stdout.write(child.before or "")
            """
        let linesJSON = String(decoding: try JSONSerialization.data(withJSONObject: lines), as: UTF8.self)
        let python = try ChildProcess.run(
            "/usr/bin/env",
            ["python3", "-c", script, BinaryRunner.binary.path, linesJSON, history, output, Self.localSecretAccessKey],
            input: .inherit)
        let transcript = python.outputText + python.errorText
        #expect(python.status == 0, "\(transcript)")
        let saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
        #expect(saved.contains("secret\\040validate"), "the history holds the harmless lines: \(saved)")
        let canaries = Canaries(
            values: inputs.keyLines + [
                Self.keyPassword, Self.scramPassword, Self.localSecretAccessKey, Self.sessionToken,
            ])
        #expect(canaries.leaks(in: saved).isEmpty, "history leaks \(canaries.leaks(in: saved))")
        let mode = try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    static let pexpectAvailable: Bool = {
        let probe = try? ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", "import pexpect"], output: .null, error: .null)
        return probe?.status == 0
    }()

    /// Runs the binary with stdin from a file (`stdin` is a path) or, for the REPL, the given text.
    func run(_ arguments: [String], stdin: String?, environment: [String: String], directory: String) throws
        -> BinaryRunner.Result
    {
        guard let stdin else { return try BinaryRunner.run(arguments, environment: environment, directory: directory) }
        let file: String
        if FileManager.default.fileExists(atPath: stdin) {
            file = stdin
        } else {
            file = NSTemporaryDirectory() + "msk-esm-hygiene-stdin-" + UUID().uuidString
            try Data(stdin.utf8).write(to: URL(fileURLWithPath: file))
        }
        defer { if file != stdin { try? FileManager.default.removeItem(atPath: file) } }
        return try BinaryRunner.run(arguments, environment: environment, directory: directory, stdinFile: file)
    }
}
