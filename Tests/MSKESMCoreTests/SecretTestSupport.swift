import Foundation
import MSKESMCore
import MSKESMSystem

/// The certificate and key fixtures, generated once per test run by `Tests/Fixtures/secrets/generate.sh`
/// into a temporary directory (so no validity date goes stale), and the openssl CLI as the oracle.
enum SecretFixtures {
    static let password = "fixture-password"

    private static let generated: Swift.Result<URL, Error> = Swift.Result(catching: {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/secrets/generate.sh")
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("msk-esm-secret-fixtures-core-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        let result = try SecretShell.run("/bin/sh", [script.path, directory.path])
        guard result.status == 0 else {
            throw SecretFixtureError(message: "generate.sh failed: \(result.stderr)")
        }
        return directory
    })

    static func directory() throws -> URL { try generated.get() }

    static func path(_ name: String) throws -> String { try directory().appendingPathComponent(name).path }

    static func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// Concatenated PEM files.
    static func pem(_ names: [String]) throws -> String { try names.map(text).joined() }

    /// The JSON text of an mTLS secret built from fixture files.
    static func mtlsJSON(chain: [String], key: String, password: String? = nil) throws -> String {
        var members: [String: String] = ["certificate": try pem(chain), "privateKey": try text(key)]
        if let password { members["privateKeyPassword"] = password }
        return try json(members)
    }

    static func json(_ members: [String: String]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: members, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func chain(_ algorithm: String) -> [String] {
        ["\(algorithm)/leaf.pem", "\(algorithm)/inter.pem", "\(algorithm)/root.pem"]
    }
}

struct SecretFixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs a program and captures its output (tests only: the product never spawns processes).
enum SecretShell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ program: String, _ arguments: [String], stdin: String? = nil) throws -> Result {
        let outcome = try ChildProcess.run(program, arguments, input: .data(Data((stdin ?? "").utf8)))
        return Result(status: outcome.status, stdout: outcome.outputText, stderr: outcome.errorText)
    }

    /// The openssl CLI, the independent oracle.
    static func openssl(_ arguments: [String], stdin: String? = nil) throws -> Result {
        try run("/usr/bin/env", ["openssl"] + arguments, stdin: stdin)
    }

    /// Every OBJECT IDENTIFIER in a PEM file's first block, in DER order, decoded by a few lines of Python
    /// (an implementation independent of OpenSSL and of ours). For an EncryptedPrivateKeyInfo: the
    /// scheme first; for PBES2 then the KDF, (the PRF,) and the cipher last.
    static func objectIdentifiers(inPEMFile path: String) throws -> [String] {
        let script = """
            import base64, sys
            text = open(sys.argv[1]).read()
            body = text.split('-----')[2]
            lines = [l for l in body.strip().splitlines() if ':' not in l]
            der = base64.b64decode(''.join(lines))
            oids = []
            def walk(data):
                i = 0
                while i < len(data):
                    tag = data[i]; i += 1
                    length = data[i]; i += 1
                    if length & 0x80:
                        n = length & 0x7f
                        length = int.from_bytes(data[i:i + n], 'big'); i += n
                    value = data[i:i + length]; i += length
                    if tag == 0x06:
                        first = value[0]
                        parts = [min(first // 40, 2), first - 40 * min(first // 40, 2)]
                        n = 0
                        for b in value[1:]:
                            n = (n << 7) | (b & 0x7f)
                            if not b & 0x80:
                                parts.append(n); n = 0
                        oids.append('.'.join(map(str, parts)))
                    elif tag & 0x20:
                        walk(value)
            walk(der)
            print(' '.join(oids))
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, path])
        guard result.status == 0 else { throw SecretFixtureError(message: "python3 failed: \(result.stderr)") }
        return result.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
