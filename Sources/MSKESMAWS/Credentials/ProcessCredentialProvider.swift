import Foundation
import MSKESMCore
import MSKESMSystem

/// A profile's `credential_process`: runs the command and reads its JSON
/// (`Version: 1`, `AccessKeyId`, `SecretAccessKey`, `SessionToken`, `Expiration`).
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html
/// The command runs through `/bin/sh -c`, so quoting works as in a shell.
public struct ProcessCredentialProvider: CredentialProvider {
    public var command: String
    public var label: String
    public var name: String { "\(label) (credential_process)" }

    public init(command: String, label: String = "credential_process") {
        self.command = command
        self.label = label
    }

    public func credentials() async throws -> AWSCredentials? {
        // ChildProcess, not Foundation's Process (which leaks on Linux; see ChildProcess).
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run("/bin/sh", ["-c", command], input: .null, output: .pipe, error: .null)
        } catch {
            throw CredentialError(source: name, reason: "cannot run the command: check credential_process")
        }
        let data = outcome.output
        guard outcome.status == 0 else {
            throw CredentialError(
                source: name, reason: "the command exited with status \(outcome.status): run it yourself to see why")
        }
        guard let object = try? JSONValue.parse(data),
            object["Version"]?.intValue == 1,
            let accessKey = object["AccessKeyId"]?.stringValue, let secretKey = object["SecretAccessKey"]?.stringValue
        else {
            throw CredentialError(
                source: name,
                reason: "the command must print JSON with Version 1, AccessKeyId and SecretAccessKey")
        }
        return AWSCredentials(
            accessKeyId: accessKey, secretAccessKey: secretKey, sessionToken: object["SessionToken"]?.stringValue,
            expiration: object["Expiration"]?.stringValue.flatMap(ISO8601Instant.parse), source: name)
    }
}
