import Foundation
import MSKESMCore
import Testing

/// Input that reads but is wrong (issue 13): every command that reads a snapshot refuses the same bad files
/// with exit 2 and one line naming what is wrong and where, and policy and request files are held to the
/// same rules.
struct BadSnapshotInputTests {
    /// Every command that reads a snapshot file, as the words before `--snapshot FILE`.
    static let readers: [[String]] = [
        ["doctor"], ["brokers", "explain"], ["policy", "check"], ["network", "check"], ["probe", "--timeout", "1"],
        ["doctor", "--probe", "--timeout", "1"],
    ]

    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        /// The file's bytes, made from the healthy example.
        var make: @Sendable (Data) -> Data
        /// What the error line must name.
        var names: String
        var testDescription: String { name }
    }

    static func replacing(_ key: String, with value: Any) -> @Sendable (Data) -> Data {
        nonisolated(unsafe) let value = value
        return { data in
            var object = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            object[key] = value
            return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        }
    }

    static let badFiles: [BadFile] = [
        BadFile(
            name: "not UTF-8",
            make: { data in
                var bytes = data
                let at = bytes.firstRange(of: Data("\"Region\"".utf8))!.lowerBound + 3
                bytes[at] = 0xFF
                return bytes
            }, names: "invalid byte at offset"),
        BadFile(
            name: "a repeated top-level key",
            make: { data in
                Data("{\"Region\": \"eu-west-1\", ".utf8) + data.drop(while: { $0 != UInt8(ascii: "{") }).dropFirst()
            }, names: "the key $.Region appears more than once"),
        BadFile(
            name: "a repeated key inside a policy",
            make: { data in
                let text = String(decoding: data, as: UTF8.self)
                let range = text.range(of: "\"Effect\"")!
                return Data(text.replacingCharacters(in: range, with: "\"Effect\": \"Deny\", \"Effect\"").utf8)
            }, names: "appears more than once"),
        BadFile(
            name: "SecurityGroups a string", make: replacing("SecurityGroups", with: "sg-1"), names: "SecurityGroups"),
        BadFile(name: "Subnets a number", make: replacing("Subnets", with: 7), names: "Subnets"),
        BadFile(name: "RouteTables a list of numbers", make: replacing("RouteTables", with: [1]), names: "RouteTables"),
        BadFile(name: "NatGateways a string", make: replacing("NatGateways", with: "x"), names: "NatGateways"),
        BadFile(name: "VpcEndpoints a number", make: replacing("VpcEndpoints", with: 1), names: "VpcEndpoints"),
        BadFile(name: "RolePolicies a number", make: replacing("RolePolicies", with: 5), names: "RolePolicies"),
        BadFile(
            name: "a policy document a number",
            make: replacing("RolePolicies", with: [["PolicyName": "p", "PolicyDocument": 5]]),
            names: "RolePolicies[0].PolicyDocument"),
        BadFile(
            name: "PermissionsBoundary a list", make: replacing("PermissionsBoundary", with: [1]),
            names: "PermissionsBoundary"),
        BadFile(name: "Function a string", make: replacing("Function", with: "f"), names: "Function"),
    ]

    static func write(_ bad: BadFile) throws -> String {
        let healthy = try Data(contentsOf: URL(fileURLWithPath: DoctorCommandTests.example("healthy-iam.json")))
        let path = NSTemporaryDirectory() + "msk-esm-bad-snapshot-" + UUID().uuidString + ".json"
        try bad.make(healthy).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("every snapshot reader refuses the file with exit 2, naming what is wrong", arguments: badFiles)
    func everyReaderRefuses(_ bad: BadFile) throws {
        let path = try Self.write(bad)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for reader in Self.readers {
            let result = try CommandRunner.runBinary(reader + ["--snapshot", path])
            #expect(result.exitCode == 2, "\(reader): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(reader)")
            #expect(result.stderr.hasPrefix("msk-esm: error: "), "\(reader)")
            #expect(result.stderr.contains(bad.names), "\(reader): \(result.stderr)")
            #expect(result.stderr.contains(path), "\(reader)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(reader)")
        }
    }

    @Test func theHealthyExampleStillReads() async {
        for reader in Self.readers.prefix(4) {
            let result = await CommandRunner.run(
                reader + ["--snapshot", DoctorCommandTests.example("healthy-iam.json")])
            #expect(result.exitCode == 0, "\(reader): \(result.stderr)")
        }
    }

    @Test func aPolicyFileWithARepeatedKeyNamesItsPath() async throws {
        let path = NSTemporaryDirectory() + "msk-esm-dup-policy-" + UUID().uuidString + ".json"
        try Data(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Effect":"Allow","Resource":"*"}]}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = await CommandRunner.run([
            "policy", "check", "--policy", path, "--action", "s3:GetObject", "--resource", "*",
        ])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "msk-esm: error: a key appears more than once (\(path) at $.Statement[0].Effect): keep one Effect member\n"
        )
    }

    @Test func aRequestFileWithARepeatedKeyNamesItsPath() async throws {
        let path = NSTemporaryDirectory() + "msk-esm-dup-request-" + UUID().uuidString + ".json"
        try Data(#"{"FunctionName": "a", "Topics": ["t"], "FunctionName": "b"}"#.utf8).write(
            to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = await CommandRunner.run(["create", "--cli-input-json", path, "--dry-run"])
        #expect(result.exitCode == 2)
        #expect(
            result.stderr
                == "msk-esm: error: the key $.FunctionName appears more than once (\(path)): keep one FunctionName member\n"
        )
    }

    @Test func aPolicyFileThatIsNotUTF8NamesTheOffset() async throws {
        let path = NSTemporaryDirectory() + "msk-esm-latin1-policy-" + UUID().uuidString + ".json"
        try
            (Data(#"{"Version":"2012-10-17","Statement":[{"Sid":"caf"#.utf8) + Data([0xE9])
            + Data(#"","Effect":"Allow","Action":"*","Resource":"*"}]}"#.utf8)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = await CommandRunner.run([
            "policy", "check", "--policy", path, "--action", "s3:GetObject", "--resource", "*",
        ])
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("msk-esm: error: not UTF-8 text: invalid byte at offset 48 (--policy \(path))"))
    }
}
