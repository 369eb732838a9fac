import Foundation
import MSKESMCore
import Testing

@testable import MSKESMCLI

/// `update` takes the mapping from its request file's `UUID` when the command line names none, as
/// `aws lambda update-event-source-mapping --cli-input-json` does; a file naming another mapping is refused.
@Suite("update --cli-input-json|yaml and the mapping's UUID")
struct UpdateRequestFileTests {
    static let named = "14e0db71-5d35-4eb5-b481-8945cf9d10c2"
    static let other = "0a1b2c3d-5d35-4eb5-b481-8945cf9d10c2"

    static func argument(_ words: [String]) throws -> MappingUUIDArgument {
        try MappingUUIDArgument.parse(words)
    }

    @Test(
        "the file's UUID when none is given; the given one when both agree; refused when they differ or neither names one"
    )
    func resolution() throws {
        let none = try CommandContext.$mappingMayComeFromFile.withValue(true) { try Self.argument([]) }
        #expect(try UpdateCommand.mappingUUID(given: none, file: .string(Self.named), source: "f.json") == Self.named)
        let given = try Self.argument([Self.named])
        #expect(try UpdateCommand.mappingUUID(given: given, file: .string(Self.named), source: "f.json") == Self.named)
        #expect(try UpdateCommand.mappingUUID(given: given, file: nil, source: nil) == Self.named)
        #expect(throws: ToolError.self) {
            try UpdateCommand.mappingUUID(given: given, file: .string(Self.other), source: "f.json")
        }
        #expect(throws: ToolError.self) { try UpdateCommand.mappingUUID(given: none, file: nil, source: "f.json") }
        #expect(throws: ToolError.self) {
            try UpdateCommand.mappingUUID(given: none, file: .string("not-a-uuid"), source: "f.json")
        }
    }

    @Test("the command line parses without a UUID only with a request file, and only for update")
    func parsing() async throws {
        let file = NSTemporaryDirectory() + "update-request-\(UUID().uuidString).json"
        try #"{"BatchSize": 5}"#.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // No UUID anywhere: one line naming the file, before any call.
        let missing = await CommandRunner.run(["update", "--cli-input-json", file, "--region", "us-east-1"])
        #expect(missing.exitCode == 2)
        #expect(
            missing.stderr.contains("missing the mapping's UUID") && missing.stderr.contains(file), "\(missing.stderr)")
        // Without a request file the UUID is still required at parse time.
        let bare = await CommandRunner.run(["update", "--batch-size", "5"])
        #expect(bare.exitCode == 2 && bare.stderr.contains("missing the mapping's UUID"), "\(bare.stderr)")
        let get = await CommandRunner.run(["get", "--cli-input-json", file])
        #expect(get.exitCode == 2)
    }
}
