import Foundation
import MSKESMCore
import MSKESMSystem

/// Fixtures for the `secret` command tests: `Tests/Fixtures/secrets/generate.sh` run once per test run into a
/// temporary directory, plus small helpers to write secret files.
enum SecretCLIFixtures {
    static let password = "fixture-password"

    private static let generated: Swift.Result<URL, Error> = Swift.Result(catching: {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/secrets/generate.sh")
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("msk-esm-secret-fixtures-cli-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        let result = try SecretCLIShell.run("/bin/sh", [script.path, directory.path])
        guard result.status == 0 else { throw SecretCLIFixtureError(message: "generate.sh failed: \(result.stderr)") }
        return directory
    })

    static func directory() throws -> URL { try generated.get() }
    static func path(_ name: String) throws -> String { try directory().appendingPathComponent(name).path }
    static func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    static func pem(_ names: [String]) throws -> String { try names.map(text).joined() }
    static var ecChain: [String] { ["ec/leaf.pem", "ec/inter.pem", "ec/root.pem"] }

    /// A fresh path in a fresh temporary directory (nothing exists there yet).
    static func scratchPath(_ name: String) throws -> String {
        let directory = try directory().appendingPathComponent("scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    /// Writes `contents` to a fresh file and returns its path.
    static func file(_ contents: String, name: String = "secret.json") throws -> String {
        let path = try scratchPath(name)
        try contents.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static func json(_ members: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: members, options: [.sortedKeys]), as: UTF8.self)
    }

    static func mtlsFile(chain: [String], key: String, password: String? = nil) throws -> String {
        var members = ["certificate": try pem(chain), "privateKey": try text(key)]
        if let password { members["privateKeyPassword"] = password }
        return try file(json(members))
    }
}

struct SecretCLIFixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs the openssl CLI and the generator (tests only).
enum SecretCLIShell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ program: String, _ arguments: [String]) throws -> Result {
        let outcome = try ChildProcess.run(program, arguments, input: .inherit)
        return Result(status: outcome.status, stdout: outcome.outputText, stderr: outcome.errorText)
    }

    static func openssl(_ arguments: [String]) throws -> Result { try run("/usr/bin/env", ["openssl"] + arguments) }
}
