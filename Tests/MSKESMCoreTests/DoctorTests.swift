import Foundation
import Testing

@testable import MSKESMCore

/// The doctor engine: skipped checks, ACC findings, secret analyses, and the examples against their README.
struct DoctorTests {
    typealias Support = SnapshotTestSupport
    static let now = Date(timeIntervalSince1970: 1_795_694_400)

    /// The README's table rows: file, verdict, codes.
    static func readmeRows() throws -> [(file: String, verdict: String, codes: [String])] {
        try Support.tableRows(Support.examples.appendingPathComponent("README.md"), verdictColumn: 3, codesColumn: 4)
    }

    @Test func everyExampleIsListedInTheReadmeAndThereAreAtLeastTen() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Support.examples.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 10)
        #expect(try Self.readmeRows().map(\.file).sorted() == files)
    }

    @Test(arguments: try readmeRows().map(\.file))
    func exampleDiagnosesAsTheReadmeSays(file: String) throws {
        let row = try #require(try Self.readmeRows().first { $0.file == file })
        try Support.expectDiagnosis(
            Support.examples.appendingPathComponent(file).path, verdict: row.verdict, codes: row.codes, at: Self.now)
    }

    @Test func examplesUseBothTimestampForms() throws {
        var epoch = 0
        var iso = 0
        for row in try Self.readmeRows() {
            let data = try Data(contentsOf: Support.examples.appendingPathComponent(row.file))
            let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            let esm = object["EventSourceMapping"] as! [String: Any]
            if esm["LastModified"] is String { iso += 1 } else { epoch += 1 }
        }
        #expect(epoch >= 2 && iso >= 2)
    }

    @Test(arguments: [
        ("Function", ["function-state", "function-timeout"]), ("Cluster", ["broker-choice", "network"]),
        ("RolePolicies", ["execution-role"]),
        ("Metrics", ["offset-lag"]),
    ])
    func aMissingPartSkipsTheChecksThatNeedIt(part: String, checks: [String]) throws {
        var object =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Support.examples.appendingPathComponent("healthy-iam.json"))) as! [String: Any]
        object[part] = nil
        let snapshot = try Snapshot.decode(JSONSerialization.data(withJSONObject: object), source: "t.json")
        let report = try Doctor().run(snapshot, at: Self.now)
        let skipped = report.findings.filter { $0.severity == .skipped }
        #expect(Set(skipped.compactMap { $0.evidence["check"]?.stringValue }) == Set(checks))
        #expect(report.summaryDocument["skipped"]?.intValue == checks.count)
        #expect(report.verdict == .pass)
        #expect(report.isFailing(strict: true))
        let ran = report.summary.checks
        #expect(Set(ran).isDisjoint(with: checks))
    }

    @Test func aMinimalSnapshotNeverCrashesAndSkipsWhatItCannotCheck() throws {
        let snapshot = try Snapshot.decode(Data(#"{"SnapshotVersion":1,"EventSourceMapping":{}}"#.utf8), source: "m")
        let report = try Doctor().run(snapshot, at: Self.now)
        #expect(report.summaryDocument["skipped"]?.intValue ?? 0 >= 3)
        #expect(report.findings.contains { $0.code == "MAP003" && $0.severity == .fail })
    }

    @Test(
        arguments: [
            ("AccessDenied: not authorized to perform iam:GetRole", "ACC001", "iam:GetRole"),
            ("An error occurred (UnauthorizedOperation) when calling DescribeSecurityGroups", "ACC001", "iam:GetRole"),
            ("ThrottlingException: Rate exceeded", "ACC002", nil),
        ] as [(String, String, String?)])
    func snapshotErrorsBecomeAccessFindings(message: String, code: String, permission: String?) throws {
        let data = Support.document(extra: ["Errors": ["iam.GetRole": message]])
        let report = try Doctor().run(try Snapshot.decode(data, source: "t"), at: Self.now)
        let finding = try #require(report.findings.first { $0.code.hasPrefix("ACC") })
        #expect(finding.code == code)
        #expect(finding.evidence["permission"]?.stringValue == permission)
        #expect(finding.evidence["call"] == "iam.GetRole")
    }

    @Test func noErrorsNoAccessFindings() throws {
        let report = try Doctor().run(try Snapshot.decode(Support.document(), source: "t"), at: Self.now)
        #expect(!report.findings.contains { $0.code.hasPrefix("ACC") })
    }

    @Test func aFunctionThatDoesNotExistFailsInsteadOfBeingSkipped() throws {
        let data = Support.document(extra: [
            "Errors": ["lambda.GetFunctionConfiguration": "ResourceNotFoundException: Function not found: orders"]
        ])
        let report = try Doctor().run(try Snapshot.decode(data, source: "t"), at: Self.now)
        #expect(report.findings.contains { $0.code == "MAP014" && $0.severity == .fail })
    }

    @Test func aSecretWithoutAnalysisIsSkippedAndOneWithAnalysisContributesItsFindings() throws {
        let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_x-AbCdEf"
        let sacs = [["Type": "SASL_SCRAM_512_AUTH", "URI": arn]]
        let without = try Doctor().run(
            try Snapshot.decode(Support.document(mapping: ["SourceAccessConfigurations": sacs]), source: "t"),
            at: Self.now)
        #expect(without.findings.contains { $0.evidence["check"] == "secret-analysis" && $0.severity == .skipped })
        let analysis: [String: Any] = [
            "verdict": "fail", "summary": ["skipped": 0],
            "findings": [
                [
                    "code": "SEC016", "severity": "fail", "title": "no prefix", "detail": "", "fix": "rename",
                    "evidence": [:] as [String: Any],
                ]
            ],
        ]
        let with = try Doctor().run(
            try Snapshot.decode(
                Support.document(
                    mapping: ["SourceAccessConfigurations": sacs],
                    extra: ["Secrets": [arn: ["Analysis": analysis]]]), source: "t"), at: Self.now)
        #expect(with.findings.contains { $0.code == "SEC016" && $0.evidence["secret"] == .string(arn) })
    }

    @Test func addingACheckIsOneConformance() throws {
        struct AlwaysWarns: DoctorCheck {
            let name = "always-warns"
            var codes: [FindingCode] { [FindingCode("TST001", "test")] }
            func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.securityGroups] }
            func run(_ context: DoctorContext) throws -> [Finding] {
                [Finding(code: codes[0], severity: .warn, title: "w", fix: "f")]
            }
        }
        let snapshot = try Snapshot.load(path: Support.examples.appendingPathComponent("healthy-iam.json").path)
        let report = try Doctor(checks: DoctorCatalogue.checks + [AlwaysWarns()]).run(snapshot, at: Self.now)
        #expect(report.findings.contains { $0.code == "TST001" })
        #expect(report.summary.checks.last == "always-warns")
    }

    @Test func multiMappingDocumentAddsUuid() throws {
        let snapshot = try Snapshot.load(
            path: Support.examples.appendingPathComponent("broken-function-timeout-900.json").path)
        let report = try Doctor().run(snapshot, at: Self.now)
        let multi = DoctorMultiReport(mappings: [MappingDiagnosis(uuid: "u1", report: report)])
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(multi))
        #expect(json["verdict"] == "fail")
        #expect(json["mappings"]?.arrayValue?.first?["uuid"] == "u1")
        #expect(json["mappings"]?.arrayValue?.first?["summary"]?["uuid"] != nil)
        #expect(multi.isFailing(strict: false))
    }
}

/// The shared facts the IAM and network checks read from the context.
struct DoctorContextFactsTests {
    @Test(
        arguments: [
            ("healthy-iam.json", ["sg-0c1d2e3f4a5b6c7d8"], 3, 9098),
            ("healthy-self-managed.json", ["sg-0c1d2e3f4a5b6c7d8"], 2, 9096),
            ("broken-serverless-with-secret.json", ["sg-0c1d2e3f4a5b6c7d8"], 3, nil),
        ] as [(String, [String], Int, Int?)])
    func groupsSubnetsAndPortComeFromTheRightPart(file: String, groups: [String], subnets: Int, port: Int?) throws {
        let snapshot = try Snapshot.load(path: SnapshotTestSupport.examples.appendingPathComponent(file).path)
        let context = DoctorContext(snapshot: snapshot, now: DoctorTests.now)
        #expect(context.mappingSecurityGroupIds == groups)
        #expect(context.mappingSubnetIds.count == subnets)
        #expect(context.mappingSubnetIds.allSatisfy { $0.hasPrefix("subnet-") })
        #expect(context.brokerChoice?.port == port)
    }
}
