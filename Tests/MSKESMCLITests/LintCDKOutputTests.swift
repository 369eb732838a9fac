import Foundation
import MSKESMCore
import Testing

@testable import MSKESMCLI

/// `msk-esm lint` over CDK output (Tests/Fixtures/lint/cdk, written by make_cdk_fixtures.py): a cdk.out directory
/// lints every `*.template.json`, the format is `cdk`, and every located finding names the construct path
/// (`Metadata["aws:cdk:path"]`) where the fix belongs, since the template itself is synthesised.
struct LintCDKOutputTests {
    static let directory = LintFixtureTests.directory.appendingPathComponent("cdk").path

    static func lint(_ arguments: [String]) async throws -> (exitCode: Int32, document: JSONValue) {
        let result = await CommandRunner.run(["lint"] + arguments + ["--output", "json"])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        return (result.exitCode, try JSONParser.parse(Data(result.stdout.utf8)))
    }

    @Test func aCDKOutDirectoryLintsEveryTemplateInNameOrder() async throws {
        let (exitCode, document) = try await Self.lint([Self.directory])
        #expect(exitCode == 1)
        let files = document["files"]?.arrayValue ?? []
        #expect(
            files.map { URL(fileURLWithPath: $0["file"]?.stringValue ?? "").lastPathComponent } == [
                "HealthyStack.template.json", "OrdersStack.template.json",
            ])
        #expect(files.map { $0["format"]?.stringValue } == ["cdk", "cdk"])
        #expect(files.map { $0["verdict"]?.stringValue } == ["pass", "fail"])
    }

    /// ManagedKafkaEventSource with IAM authentication grants no kafka-cluster:* action: the role's construct is
    /// named, and the fix says to change the CDK app, not the synthesised template.
    @Test func managedKafkaEventSourceWithoutDataPlaneActionsIsNamedByItsConstruct() async throws {
        let (exitCode, document) = try await Self.lint(["\(Self.directory)/OrdersStack.template.json"])
        #expect(exitCode == 1)
        let mapping = try #require(document["files"]?.arrayValue?.first?["mappings"]?.arrayValue?.first)
        #expect(mapping["mapping"] == "ConsumerFnKafkaEventSource838c4d5ff3c99c1a617120adfca83e5bordersv1E3E4A2F8")
        let findings = mapping["findings"]?.arrayValue ?? []
        let problems = Set(findings.filter { $0["severity"] == "fail" }.compactMap { $0["code"]?.stringValue })
        #expect(problems == ["IAM001", "IAM005"])
        let connect = try #require(
            findings.first {
                $0["code"] == "IAM001"
                    && ($0["evidence"]?["actions"]?.arrayValue ?? []).contains("kafka-cluster:Connect")
            })
        #expect(connect["location"]?["constructPath"] == "OrdersStack/ConsumerFn/ServiceRole/Resource")
        #expect(connect["location"]?["resource"] == "ConsumerFnServiceRoleF1D2E3A4")
        #expect(connect["location"]?["path"] == "Properties.Policies")
        let fix = connect["fix"]?.stringValue ?? ""
        #expect(fix.hasPrefix("in the CDK app's construct OrdersStack/ConsumerFn/ServiceRole/Resource"), "\(fix)")
        // Every finding of every mapping carries the construct path of the resource it is about.
        for finding in findings {
            #expect(finding["location"]?["constructPath"]?.stringValue?.hasPrefix("OrdersStack/") == true)
        }
    }

    @Test func aHandWrittenTemplateHasNoConstructPath() async throws {
        let (_, document) = try await Self.lint([LintFixtureTests.path("cfn/batch-size-over-10000.yaml")])
        let file = try #require(document["files"]?.arrayValue?.first)
        #expect(file["format"] == "cloudformation")
        for finding in file["mappings"]?.arrayValue?.first?["findings"]?.arrayValue ?? [] {
            #expect(finding["location"]?["constructPath"] == nil)
        }
    }

    @Test func aDirectoryWithoutTemplatesIsAUsageError() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("lint-empty-\(UUID())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = await CommandRunner.run(["lint", empty.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("*.template.json"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
