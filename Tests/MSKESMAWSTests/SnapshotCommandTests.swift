import Foundation
import MSKESMCore
import Testing

/// `msk-esm snapshot` end to end: the built binary against the test bed.
@Suite(
    "msk-esm snapshot", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct SnapshotCommandTests {
    let canaryPassword = "CANARY-scram-password-93f1"

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "msk-esm-snapshot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("prints the snapshot on stdout, secrets reduced")
    func stdout() async throws {
        let bed = try await TestBed.shared()
        let result = try BinaryRunner.run(["snapshot", bed.mappingUUID], environment: bed.environment())
        #expect(result.exitCode == 0, "\(result.stderr)")
        let snapshot = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(snapshot["SnapshotVersion"]?.intValue == 1)
        #expect(snapshot["EventSourceMapping"]?["UUID"]?.stringValue == bed.mappingUUID)
        #expect(snapshot["Cluster"]?["ClusterInfo"] != nil)
        #expect(!result.stdout.contains(canaryPassword))
        #expect(result.stderr.isEmpty)
    }

    @Test(
        "--write writes the file atomically (0644), 0600 with --include-secrets, and refuses to overwrite without --force"
    )
    func writeFile() async throws {
        let bed = try await TestBed.shared()
        let directory = try temporaryDirectory()
        let plain = directory + "/snapshot.json"
        let result = try BinaryRunner.run(
            ["snapshot", bed.mappingUUID, "--write", plain, "--output", "json"], environment: bed.environment())
        #expect(result.exitCode == 0, "\(result.stderr)")
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(summary["file"]?.stringValue == plain)
        #expect(summary["parts"]?.arrayValue?.contains("Role") == true)
        let attributes = try FileManager.default.attributesOfItem(atPath: plain)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect(!(try String(contentsOfFile: plain, encoding: .utf8)).contains(canaryPassword))

        let again = try BinaryRunner.run(
            ["snapshot", bed.mappingUUID, "--write", plain], environment: bed.environment())
        #expect(again.exitCode == 2)
        #expect(again.stdout.isEmpty)

        let secret = directory + "/with-secrets.json"
        let kept = try BinaryRunner.run(
            ["snapshot", bed.mappingUUID, "--write", secret, "--include-secrets"], environment: bed.environment())
        #expect(kept.exitCode == 0, "\(kept.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: secret)[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: secret, encoding: .utf8).contains(canaryPassword))
        #expect(!kept.stdout.contains(canaryPassword))
    }

    @Test(
        "errors: unknown mapping exit 2, bad UUID exit 2, no region exit 2, unreachable endpoint exit 3; nothing on stdout",
        arguments: [
            ErrorCase(arguments: ["snapshot", "00000000-1111-2222-3333-444444444444"], overrides: [:], code: 2),
            ErrorCase(arguments: ["snapshot", "not-a-uuid"], overrides: [:], code: 2),
            ErrorCase(
                arguments: ["snapshot", "00000000-1111-2222-3333-444444444444"], overrides: ["AWS_REGION": ""], code: 2),
            ErrorCase(
                arguments: [
                    "snapshot", "00000000-1111-2222-3333-444444444444", "--endpoint-url", "http://127.0.0.1:9",
                    "--cli-connect-timeout", "1",
                ], overrides: ["AWS_MAX_ATTEMPTS": "1"], code: 3),
        ])
    func errors(_ errorCase: ErrorCase) async throws {
        let bed = try await TestBed.shared()
        let result = try BinaryRunner.run(
            errorCase.arguments, environment: bed.environment().merging(errorCase.overrides) { _, new in new })
        #expect(result.exitCode == errorCase.code, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("msk-esm: error: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(
        "the secret access key and session token never appear in stdout or stderr, even with --debug",
        arguments: [[String](), ["--debug"], ["--debug", "--include-secrets"], ["--debug", "--output", "json"]])
    func canary(extra: [String]) async throws {
        let bed = try await TestBed.shared()
        let (key, secret) = bed.keys("msk-esm-reader")
        var environment = bed.environment()
        environment["AWS_SESSION_TOKEN"] = "CANARY-SESSION-TOKEN-5c1e"
        let result = try BinaryRunner.run(["snapshot", bed.mappingUUID] + extra, environment: environment)
        #expect(result.exitCode == 0, "\(result.stderr.suffix(500))")
        for text in [result.stdout, result.stderr] {
            #expect(!text.contains(secret))
            #expect(!text.contains("CANARY-SESSION-TOKEN-5c1e"))
        }
        if extra.contains("--debug") {
            #expect(result.stderr.contains("> GET"))
            #expect(result.stderr.contains(key))  // the key id is not secret, and useful
            #expect(!result.stderr.contains(canaryPassword))
        }
        // A wrong key: the error names the failure, never the secret.
        environment["AWS_SECRET_ACCESS_KEY"] = "CANARY-WRONG-SECRET-77"
        let failed = try BinaryRunner.run(["snapshot", bed.mappingUUID] + extra, environment: environment)
        #expect(failed.exitCode == 3)
        #expect(!(failed.stdout + failed.stderr).contains("CANARY-WRONG-SECRET-77"))
        #expect(!(failed.stdout + failed.stderr).contains("CANARY-SESSION-TOKEN-5c1e"))
    }

    @Test("doctor reads the snapshot that snapshot writes (the two sides of the Snapshot format agree)")
    func doctorReadsIt() async throws {
        let bed = try await TestBed.shared()
        let file = try temporaryDirectory() + "/live.json"
        let written = try BinaryRunner.run(
            ["snapshot", bed.mappingUUID, "--write", file], environment: bed.environment())
        #expect(written.exitCode == 0, "\(written.stderr)")
        let doctor = try BinaryRunner.run(
            ["doctor", "--snapshot", file, "--output", "json"], environment: bed.environment())
        #expect(doctor.exitCode == 0 || doctor.exitCode == 1, "\(doctor.stderr)")
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(doctor.stdout.utf8))
        let codes = report["findings"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes.contains("MAP011"))  // the seeded "PROBLEM: SASL authentication failed."
    }

    @Test("--profile and --region from the shared files reach the calls")
    func profileAndRegion() async throws {
        let bed = try await TestBed.shared()
        let (key, secret) = bed.keys("msk-esm-reader")
        let home = try TemporaryHome(
            credentials: "[bed]\naws_access_key_id = \(key)\naws_secret_access_key = \(secret)\n",
            config: "[profile bed]\nregion = \(bed.region)\nendpoint_url = \(bed.proxyURL)\n")
        let result = try BinaryRunner.run(
            ["snapshot", bed.mappingUUID, "--profile", "bed"],
            environment: ["HOME": home.path, "AWS_ACCESS_KEY_ID": "AKIDIGNORED", "AWS_SECRET_ACCESS_KEY": "ignored"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let snapshot = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(snapshot["Region"]?.stringValue == bed.region)
    }
}

struct ErrorCase: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var overrides: [String: String]
    var code: Int32
    var testDescription: String { arguments.joined(separator: " ") + " " + overrides.description }
}
