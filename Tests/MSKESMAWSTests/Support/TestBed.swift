import Foundation
import MSKESMAWS
import MSKESMCore

/// The local AWS of Tests/TestBed/testbed.py: moto (signatures checked), the project's Lambda/kafka test server
/// and the fault proxy in front of both, seeded with boto3. One per test process (starting it takes seconds);
/// it stops when the test process ends (its standard input closes).
final class TestBed: @unchecked Sendable {
    let process: PythonProcess
    let info: JSONValue

    private init() throws {
        process = try PythonProcess(script: "testbed.py")
        info = try JSONDecoder().decode(JSONValue.self, from: Data(process.readyLine.utf8))
    }

    private static let starting = Task { try TestBed() }
    static func shared() async throws -> TestBed { try await starting.value }

    var proxyURL: String { "http://127.0.0.1:\(info["proxyPort"]?.intValue ?? 0)" }
    var testbedURL: String { "http://127.0.0.1:\(info["testbedPort"]?.intValue ?? 0)" }
    var motoURL: String { "http://127.0.0.1:\(info["motoPort"]?.intValue ?? 0)" }
    var mappingUUID: String { info["mappingUUID"]?.stringValue ?? "" }
    var region: String { info["region"]?.stringValue ?? "us-east-1" }

    /// The access key pair of a seeded IAM user ("msk-esm-reader" may do everything; "msk-esm-limited" no IAM).
    func keys(_ user: String) -> (String, String) {
        let entry = info["users"]?[user]
        return (entry?["AccessKeyId"]?.stringValue ?? "", entry?["SecretAccessKey"]?.stringValue ?? "")
    }

    /// An environment that points every service at the test bed, through the proxy.
    func environment(user: String = "msk-esm-reader", through url: String? = nil) -> [String: String] {
        let (key, secret) = keys(user)
        return [
            "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": region,
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": url ?? proxyURL,
            "HOME": "/nonexistent-msk-esm-home", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
    }

    /// A client configuration for the test bed.
    func configuration(user: String = "msk-esm-reader", extra: [String: String] = [:]) throws -> AWSClientConfiguration
    {
        try AWSClientConfiguration.resolve(
            AWSSettings(), environment: environment(user: user).merging(extra) { _, new in new })
    }

    /// A side-door call (seed, proxy config, stats) as JSON.
    func sideDoor(_ url: String, body: JSONValue? = nil) async throws -> JSONValue {
        let client = CurlHTTPClient()
        let data = try body.map { try JSONEncoder().encode($0) } ?? Data()
        let response = try await client.send(
            HTTPRequest(
                method: body == nil ? "GET" : "POST", url: url, headers: [("Content-Type", "application/json")],
                body: data))
        return try JSONDecoder().decode(JSONValue.self, from: response.body)
    }
}
