import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import Testing

/// HTTPS against a loopback server with a certificate made here by the openssl CLI.
@Suite("TLS verification", .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct TLSTests {
    static func makeCertificate() throws -> (directory: String, cert: String, key: String) {
        let directory = NSTemporaryDirectory() + "msk-esm-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try ChildProcess.run(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory + "/key.pem", "-out",
                directory + "/cert.pem",
            ], output: .null, error: .null)
        return (directory, directory + "/cert.pem", directory + "/key.pem")
    }

    @Test("an unknown certificate is refused; the same server is trusted through AWS_CA_BUNDLE")
    func caBundle() async throws {
        let (_, cert, key) = try Self.makeCertificate()
        let server = try PythonProcess(script: "stub_server.py", arguments: [cert, key])
        let url = "https://127.0.0.1:\(server.port)/ok"
        do {
            _ = try await CurlHTTPClient().send(HTTPRequest(method: "GET", url: url))
            Issue.record("an untrusted certificate was accepted")
        } catch let error as TransportError {
            #expect(error.kind == .tls)
        }
        let configuration = try AWSClientConfiguration.resolve(
            AWSSettings(region: "us-east-1"),
            environment: ["AWS_CA_BUNDLE": cert, "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"])
        let response = try await configuration.http.send(HTTPRequest(method: "GET", url: url))
        #expect(response.status == 404)  // the stub's answer to an unscripted path: TLS worked
        // --ca-bundle (AWSSettings.caBundle) trusts it too, and comes before AWS_CA_BUNDLE.
        let flagged = try AWSClientConfiguration.resolve(
            AWSSettings(region: "us-east-1", caBundle: cert),
            environment: [
                "AWS_CA_BUNDLE": "/nonexistent/ca.pem", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            ])
        #expect(try await flagged.http.send(HTTPRequest(method: "GET", url: url)).status == 404)
    }
}
