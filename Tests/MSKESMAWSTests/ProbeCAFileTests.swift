import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// `probe --ca-file` takes its trust anchors from a file or from a stream the shell hands over (`<(command)`,
/// a pipe read once), and the TLS handshake is verified against exactly those certificates.
@Suite(
    "probe --ca-file from a stream", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct ProbeCAFileTests {
    /// A test CA, a second unrelated CA, and a server certificate for 127.0.0.1 signed by the first.
    final class Certificates {
        let directory: String

        init() throws {
            directory = NSTemporaryDirectory() + "msk-esm-ca-file-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
            for name in ["ca", "other"] {
                try openssl(
                    ["req", "-x509"] + ec + [
                        "-keyout", path("\(name).key"), "-out", path("\(name).pem"),
                        "-subj", "/CN=\(name)-root", "-days", "2", "-addext", "basicConstraints=critical,CA:TRUE",
                        "-addext", "keyUsage=critical,keyCertSign",
                    ])
            }
            try openssl(
                ["req"] + ec + ["-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=localhost"])
            try Data("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n".utf8).write(
                to: URL(fileURLWithPath: path("ext")))
            try openssl(
                [
                    "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                    "-CAcreateserial", "-out", path("server.pem"), "-days", "2", "-extfile", path("ext"),
                ])
        }

        func path(_ name: String) -> String { directory + "/" + name }

        private func openssl(_ arguments: [String]) throws {
            let outcome = try ChildProcess.run("/usr/bin/env", ["openssl"] + arguments, output: .null, error: .pipe)
            guard outcome.status == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: ["openssl": outcome.errorText])
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Runs `probe … --ca-file <(cat CA)` through bash, as a user would type it.
    static func probe(port: Int, caFile: String) throws -> BinaryRunner.Result {
        let script =
            #"exec "$0" probe --bootstrap-servers "127.0.0.1:$1" --auth tls --ca-file <(cat "$2") --output json"#
        return try BinaryRunner.run(
            ["-c", script, BinaryRunner.binary.path, String(port), caFile], environment: [:],
            executable: "/bin/bash", hangWatchdog: HangWatchdog.seconds)
    }

    static func tlsFinding(_ result: BinaryRunner.Result) throws -> [String: Any]? {
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = document?["findings"] as? [[String: Any]] ?? []
        return findings.first { $0["code"] as? String == "PRB003" }
    }

    @Test("the CA given through <(cat ca.pem) verifies the broker; another CA through the same stream does not")
    func streamedCAIsTheTrustAnchor() throws {
        let certificates = try Certificates()
        let server = try PythonProcess(
            script: "tls_server.py", arguments: [certificates.path("server.pem"), certificates.path("server.key")])
        defer { server.stop() }

        let trusted = try Self.probe(port: server.port, caFile: certificates.path("ca.pem"))
        #expect(!trusted.hung)
        #expect(try Self.tlsFinding(trusted)?["severity"] as? String == "pass", "\(trusted.stdout) \(trusted.stderr)")

        let untrusted = try Self.probe(port: server.port, caFile: certificates.path("other.pem"))
        #expect(!untrusted.hung)
        let finding = try Self.tlsFinding(untrusted)
        #expect(finding?["severity"] as? String == "fail", "\(untrusted.stdout) \(untrusted.stderr)")
        #expect((finding?["title"] as? String ?? "").contains("not trusted"))
    }

    @Test("a --ca-file stream with no certificate is exit 2 before anything is contacted")
    func streamWithoutCertificate() throws {
        let certificates = try Certificates()
        try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: certificates.path("empty.pem")))
        let refusing = try RefusingPort()
        let result = try Self.probe(port: refusing.port, caFile: certificates.path("empty.pem"))
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: no PEM certificate in the file (--ca-file /dev/fd/"))
    }
}
