import Foundation
import Testing

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
    func portsOutOfRange(command: [String], value: String) async {
        let result = await CommandRunner.run(command + [value])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        let bad = value.split(separator: ",").last.map(String.init) ?? value
        #expect(result.stderr.contains("'\(bad)' is not host:port with a port from 1 to 65535"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
