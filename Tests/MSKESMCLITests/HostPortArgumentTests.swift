import Foundation
import Testing

@testable import MSKESMCLI

/// `host:port` arguments are read by one parser (``BrokerAddress``) in every command that takes brokers.
struct HostPortArgumentTests {
    @Test(
        "a port outside 1–65535 is a usage error naming the value, in every command that takes brokers",
        arguments: [
            ["brokers", "explain", "--auth", "none", "--bootstrap-servers"],
            ["probe", "--auth", "plaintext", "--bootstrap-servers"],
            ["create", "--function", "f", "--topic", "t", "--starting-position", "LATEST", "--bootstrap-servers"],
            ["update", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--bootstrap-servers"],
        ], ["h1:99999", "127.0.0.1:0", "h1:-5", "ok:9092,h2:65536", ":9092", "h1"])
    func portsOutOfRange(command: [String], value: String) throws {
        let result = try CommandRunner.runBinary(command + [value])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        let bad = value.split(separator: ",").last.map(String.init) ?? value
        #expect(result.stderr.contains("'\(bad)' is not host:port with a port from 1 to 65535"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        "http://127.0.0.1:99999", "http://127.0.0.1:0/", "https://[::1]:70000", "http://h:", "http://u@h:-1",
    ])
    func anEndpointURLWithABadPortIsAUsageError(url: String) async {
        let result = await CommandRunner.run(["list", "--region", "us-east-1", "--endpoint-url", url])
        #expect(result.exitCode == 2)
        #expect(
            result.stderr.hasPrefix("msk-esm: error: --endpoint-url '\(url)' needs a host and a port from 1 to 65535"),
            "\(result.stderr)")
    }

    @Test func endpointURLsNameTheirPortOnlyWhenTheyHaveOne() {
        #expect(AWSOptions.portedAuthority("http://127.0.0.1:5000/x?y") == "127.0.0.1:5000")
        #expect(AWSOptions.portedAuthority("https://[::1]:443") == "[::1]:443")
        #expect(AWSOptions.portedAuthority("https://lambda.us-east-1.amazonaws.com/") == nil)
        #expect(AWSOptions.portedAuthority("https://[::1]/") == nil)
    }

    @Test func aRequestFileWithABadBrokerNamesItsPath() async throws {
        let path = NSTemporaryDirectory() + "msk-esm-request-" + UUID().uuidString + ".json"
        try Data(#"{"SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["a:9092", "b:99999"]}}}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = await CommandRunner.run(["create", "--cli-input-json", path, "--function", "f", "--dry-run"])
        #expect(result.exitCode == 2)
        #expect(
            result.stderr
                == "msk-esm: error: 'b:99999' is not host:port with a port from 1 to 65535 (\(path) at $.SelfManagedEventSource.Endpoints.KAFKA_BOOTSTRAP_SERVERS[1]): write each broker as host:port, e.g. kafka1.example.com:9096\n"
        )
    }
}
