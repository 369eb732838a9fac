import Foundation
import MSKESMAWS
import MSKESMCore

/// The test bed of Tests/TestBed/start_for_accounts.py: an organization in moto (management account 123456789012
/// and 22 members, so ListAccounts takes two pages), the role MskEsmReader in each member, the caller fleet-admin
/// denied sts:AssumeRole on the first member's role, and two self-managed Kafka mappings per account in the test
/// server. Its own moto, test server and proxy: the proxy's counts belong to the (serialized) suite alone.
final class AccountsTestBed: ProxiedTestBed, @unchecked Sendable {
    let process: PythonProcess
    let info: JSONValue

    private init() throws {
        process = try PythonProcess(script: "start_for_accounts.py", arguments: ["--members", "22"])
        info = try JSONDecoder().decode(JSONValue.self, from: Data(process.readyLine.utf8))
    }

    private static let starting = Task { try await NiceRunner.offThePool { try AccountsTestBed() } }
    static func shared() async throws -> AccountsTestBed { try await starting.value }

    var proxyURL: String { "http://127.0.0.1:\(info["proxyPort"]?.intValue ?? 0)" }
    var management: String { info["management"]?.stringValue ?? "" }
    var members: [String] { (info["members"]?.arrayValue ?? []).compactMap(\.stringValue) }
    var denied: String { info["denied"]?.stringValue ?? "" }
    var roleName: String { info["roleName"]?.stringValue ?? "" }
    var secret: String { info["secretAccessKey"]?.stringValue ?? "" }
    var mappingsPerAccount: Int { info["mappingsPerAccount"]?.intValue ?? 0 }

    func environment(secret: String? = nil) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": info["accessKeyId"]?.stringValue ?? "",
            "AWS_SECRET_ACCESS_KEY": secret ?? self.secret, "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": proxyURL, "HOME": "/nonexistent-msk-esm-home",
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
    }
}
