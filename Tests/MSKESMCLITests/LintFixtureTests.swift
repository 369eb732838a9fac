import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMCLI

/// `msk-esm lint` over the fixtures of Tests/Fixtures/lint: the table expected.json says, per template, the
/// verdict and problems msk-esm must report and the rule ids cfn-lint reports; aws-sam-translator's committed
/// expansions (sam-expected/) are the oracle of msk-esm's SAM expansion.
struct LintFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lint")

    struct Row: Decodable, Sendable, CustomTestStringConvertible {
        var fixture: String
        var fault: String
        var verdict: String
        var problems: [String]
        var skipped: [String]
        var cfnLint: [String]
        var testDescription: String { fixture }
    }

    struct Table: Decodable { var fixtures: [Row] }

    static let rows: [Row] = {
        let url = directory.appendingPathComponent("expected.json")
        guard let data = try? Data(contentsOf: url), let table = try? JSONDecoder().decode(Table.self, from: data)
        else { return [] }
        return table.fixtures
    }()

    static func path(_ fixture: String) -> String { directory.appendingPathComponent(fixture).path }

    @Test func theTableCoversEveryFixtureAndForty() throws {
        let files = try ["cfn", "sam", "terraform"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: Self.directory.appendingPathComponent(folder).path)
                .map { "\(folder)/\($0)" }
        }
        #expect(Set(files) == Set(Self.rows.map(\.fixture)))
        #expect(Self.rows.count >= 40)
    }

    @Test(arguments: rows)
    func mskESMFindsWhatTheTableSays(_ row: Row) async throws {
        let result = await CommandRunner.run(["lint", Self.path(row.fixture), "--output", "json"])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.exitCode == (row.verdict == "fail" ? 1 : 0))
        let document = try JSONParser.parse(Data(result.stdout.utf8))
        #expect(document["verdict"]?.stringValue == row.verdict)
        var problems = Set<String>()
        var skipped = Set<String>()
        for file in document["files"]?.arrayValue ?? [] {
            let mappingFindings = (file["mappings"]?.arrayValue ?? []).flatMap { $0["findings"]?.arrayValue ?? [] }
            for finding in mappingFindings + (file["findings"]?.arrayValue ?? []) {
                let code = finding["code"]?.stringValue ?? "?"
                let severity = finding["severity"]?.stringValue ?? "?"
                if ["fail", "warn"].contains(severity) || code.hasPrefix("LNT") || code == "MAP009" {
                    problems.insert("\(code)/\(severity)")
                }
                if severity == "skipped" { skipped.insert(code) }
                // Fixes are edits of the template: a stack changed with the AWS CLI drifts from it.
                if ["fail", "warn"].contains(severity) {
                    let fix = finding["fix"]?.stringValue ?? ""
                    #expect(fix.hasPrefix("aws ") == false, "\(code): \(fix)")
                }
                // Every finding of a mapping says where it is.
                #expect(finding["location"]?["resource"]?.stringValue != nil || code.hasPrefix("LNT"))
            }
        }
        #expect(problems == Set(row.problems), "\(row.fault)")
        #expect(Set(row.skipped).isSubset(of: skipped), "\(row.fault)")
    }

    @Test func findingsPointAtTheLineOfTheProperty() async throws {
        let path = Self.path("cfn/batch-size-over-10000.yaml")
        let result = await CommandRunner.run(["lint", path, "--output", "json"])
        let document = try JSONParser.parse(Data(result.stdout.utf8))
        let file = document["files"]?.arrayValue?.first
        let findings = file?["mappings"]?.arrayValue?.first?["findings"]?.arrayValue ?? []
        let batch = try #require(findings.first { $0["code"] == "MAP002" && $0["severity"] == "fail" })
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(batch["location"]?["line"]?.intValue)
        #expect(lines[line - 1].trimmingCharacters(in: .whitespaces) == "BatchSize: 20000")
        #expect(batch["location"]?["resource"] == "OrdersMapping")
        #expect(batch["location"]?["path"] == "Properties.BatchSize")
        #expect(batch["location"]?["column"] == 7)
    }

    /// The filter and schema registry rules (the doctor's checks, run by lint as they are) point at the filter's
    /// Pattern, the SchemaRegistryConfig and, for a missing Glue permission, the role's Policies, with fixes that
    /// edit the template.
    @Test(arguments: [
        (
            "cfn/filter-on-key.yaml", "FLT002", "OrdersMapping", "Properties.FilterCriteria.Filters.0.Pattern",
            #"- Pattern: "{\"key\": [\"orders\"]}""#, "in OrdersMapping.Properties.FilterCriteria"
        ),
        (
            "cfn/schema-registry-on-demand.yaml", "REG001", "OrdersMapping",
            "Properties.AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig", "SchemaRegistryConfig:",
            "give OrdersMapping.Properties a ProvisionedPollerConfig"
        ),
        (
            "cfn/schema-registry-on-demand.yaml", "REG005", "ConsumerRole", "Properties.Policies", "Policies:",
            "add to ConsumerRole.Properties.Policies a statement {Effect: Allow, Action: [glue:GetRegistry]"
        ),
        (
            // An edit in words, not the doctor's update-event-source-mapping command (a template has no UUID).
            "cfn/self-managed-iam-oauthbearer-with-scope.yaml", "MAP018", "OrdersMapping", "Properties",
            "Properties:", "in OrdersMapping.Properties.SourceAccessConfigurations: add OAUTHBEARER_AUTH"
        ),
    ])
    func filterAndRegistryFindingsPointAtTheirProperty(
        fixture: String, code: String, resource: String, propertyPath: String, lineText: String, fix: String
    ) async throws {
        let path = Self.path(fixture)
        let result = await CommandRunner.run(["lint", path, "--output", "json"])
        let document = try JSONParser.parse(Data(result.stdout.utf8))
        let findings = document["files"]?.arrayValue?.first?["mappings"]?.arrayValue?.first?["findings"]?.arrayValue
        let finding = try #require(findings?.first { $0["code"]?.stringValue == code && $0["severity"] == "fail" })
        #expect(finding["location"]?["resource"]?.stringValue == resource)
        #expect(finding["location"]?["path"]?.stringValue == propertyPath)
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let line = try #require(finding["location"]?["line"]?.intValue)
        #expect(lines[line - 1].trimmingCharacters(in: .whitespaces) == lineText)
        #expect(finding["fix"]?.stringValue?.hasPrefix(fix) == true, "\(finding["fix"] ?? .null)")
    }

    /// The document printed from each finding's and mapping's `jsonValue` (`JSONValueRepresentable`, no
    /// `Encoder` walk) is the one `JSONEncoder` writes from their `encode(to:)`.
    @Test(arguments: rows)
    func theJSONDocumentIsWhatJSONEncoderWrites(_ row: Row) throws {
        let file = Self.path(row.fixture)
        let linter = TemplateLinter(now: Date(timeIntervalSince1970: 1_800_000_000))
        let report = LintReport(files: [try linter.lint(root: TemplateReader.read(path: file), file: file)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        #expect(report.allFindings.count > 0)
        #expect(JSONOutput.encode(report) == expected)
    }

    /// A template with more mappings than `concurrentMap` and `JSONWriter` take on several cores: the healthy
    /// IAM fixture's consumer forty times, every third with BatchSize 20000. Each mapping's report must be its
    /// own (MAP002 exactly where the batch size is wrong, located at that mapping), in the template's order, and
    /// the document the one `JSONEncoder` writes.
    @Test func manyMappingsAreLintedAndPrintedEachAsItsOwn() throws {
        let healthy = try String(contentsOfFile: Self.path("cfn/healthy-iam.yaml"), encoding: .utf8)
        let consumerStart = try #require(healthy.range(of: "  ConsumerRole:"))
        let consumer = String(healthy[consumerStart.lowerBound...])
        let count = JSONWriter.forkingCount + 8
        var template = String(healthy[..<consumerStart.lowerBound])
        for index in 0..<count {
            var copy = consumer.replacingOccurrences(of: "ConsumerRole", with: "Role\(index)")
                .replacingOccurrences(of: "  Consumer:", with: "  Function\(index):")
                .replacingOccurrences(of: "!Ref Consumer\n", with: "!Ref Function\(index)\n")
                .replacingOccurrences(of: "OrdersMapping", with: "Mapping\(index)")
                .replacingOccurrences(of: "orders-consumer", with: "consumer-\(index)")
            if index.isMultiple(of: 3) {
                copy = copy.replacingOccurrences(of: "BatchSize: 100\n", with: "BatchSize: 20000\n")
            }
            template += copy
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lint-many-\(UUID()).yaml").path
        try template.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }

        let linter = TemplateLinter(now: Date(timeIntervalSince1970: 1_800_000_000))
        let report = LintReport(files: [try linter.lint(root: TemplateReader.read(path: file), file: file)])
        let mappings = try #require(report.files.first?.mappings)
        #expect(mappings.map(\.mapping) == (0..<count).map { "Mapping\($0)" })
        for (index, mapping) in mappings.enumerated() {
            let batchSize = mapping.findings.filter { $0.finding.code == "MAP002" && $0.finding.severity == .fail }
            #expect(batchSize.count == (index.isMultiple(of: 3) ? 1 : 0), "Mapping\(index)")
            #expect(batchSize.allSatisfy { $0.location?.resource == "Mapping\(index)" })
            #expect(mapping.verdict == (index.isMultiple(of: 3) ? .fail : .pass), "Mapping\(index)")
        }
        let document = try JSONValueEncoder().encode(report)
        #expect(JSONWriter.forks(try #require(document["files"]?.arrayValue?.first?["mappings"]?.arrayValue)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(JSONOutput.encode(report) == String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
    }

    @Test func severalFilesMakeOneDocumentWithTheWorstVerdict() async throws {
        let result = await CommandRunner.run([
            "lint", Self.path("cfn/healthy-iam.yaml"), Self.path("cfn/starting-position-latest.yaml"),
            Self.path("sam/msk-iam-healthy.yaml"), "--output", "json",
        ])
        #expect(result.exitCode == 0)
        let document = try JSONParser.parse(Data(result.stdout.utf8))
        #expect(document["verdict"] == "warn")
        let files = document["files"]?.arrayValue ?? []
        #expect(files.map { $0["verdict"]?.stringValue } == ["pass", "warn", "pass"])
        #expect(files.map { $0["format"]?.stringValue } == ["cloudformation", "cloudformation", "sam"])
    }

    @Test func parametersResolveReferences() async throws {
        let path = Self.path("cfn/parameter-without-default.yaml")
        let high = await CommandRunner.run(["lint", path, "--parameter", "BatchSize=20000", "--output", "json"])
        #expect(high.exitCode == 1)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lint-params-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"[{"ParameterKey": "BatchSize", "ParameterValue": "500"}]"#.utf8).write(to: file)
        let fine = await CommandRunner.run(["lint", path, "--parameters-file", file.path, "--output", "json"])
        #expect(fine.exitCode == 0, "\(fine.stdout)")
        let bad = await CommandRunner.run(["lint", path, "--parameter", "BatchSize"])
        #expect(bad.exitCode == 2)
    }

    @Test func anUnresolvableInputSkipsTheCheckWithTheReason() async throws {
        let result = await CommandRunner.run([
            "lint", Self.path("cfn/parameter-without-default.yaml"), "--output", "json",
        ])
        let document = try JSONParser.parse(Data(result.stdout.utf8))
        let mapping = document["files"]?.arrayValue?.first?["mappings"]?.arrayValue?.first
        let findings = mapping?["findings"]?.arrayValue ?? []
        let skipped = try #require(findings.first { $0["code"] == "MAP002" })
        #expect(skipped["severity"] == "skipped")
        #expect(skipped["detail"]?.stringValue?.contains("parameter BatchSize has no default") == true)
        #expect(skipped["location"]?["path"] == "Properties.BatchSize")
        // Never a pass for what was not judged.
        #expect(!findings.contains { $0["code"] == "MAP002" && $0["severity"] == "pass" })
        let strict = await CommandRunner.run(["lint", Self.path("cfn/parameter-without-default.yaml"), "--strict"])
        #expect(strict.exitCode == 1)
    }

    @Test func aGeneratedRoleThatLacksAPermissionIsTheSAMFunctionsToFix() async throws {
        let result = await CommandRunner.run([
            "lint", Self.path("sam/self-managed-root-ca-not-granted.yaml"), "--output", "json",
        ])
        let document = try JSONParser.parse(Data(result.stdout.utf8))
        let mapping = document["files"]?.arrayValue?.first?["mappings"]?.arrayValue?.first
        let denied = try #require(
            mapping?["findings"]?.arrayValue?.first { $0["code"] == "IAM001" && $0["severity"] == "fail" })
        #expect(denied["evidence"]?["generatedRole"] == "Consumer")
        #expect(denied["evidence"]?["resource"]?.stringValue?.hasSuffix(":secret:orders-root-ca-AbCdEf") == true)
        #expect(denied["fix"]?.stringValue?.hasPrefix("add to Consumer.Properties.Policies") == true)
        #expect(denied["location"]?["resource"] == "ConsumerRole")
        #expect(denied["location"]?["generatedFrom"] == "Consumer")
    }

    @Test func templatesMayExceedOneMebibyteButNotSixtyFour() async throws {
        let base = try String(contentsOfFile: Self.path("cfn/healthy-iam.yaml"), encoding: .utf8)
        let directory = FileManager.default.temporaryDirectory
        let large = directory.appendingPathComponent("lint-large-\(UUID()).yaml")
        let huge = directory.appendingPathComponent("lint-huge-\(UUID()).yaml")
        defer {
            try? FileManager.default.removeItem(at: large)
            try? FileManager.default.removeItem(at: huge)
        }
        let comment = "# " + String(repeating: "x", count: 1022) + "\n"
        try Data((base + String(repeating: comment, count: 2048)).utf8).write(to: large)
        let fine = await CommandRunner.run(["lint", large.path])
        #expect(fine.exitCode == 0, "\(fine.stderr)")
        try Data((base + String(repeating: comment, count: 65 * 1024)).utf8).write(to: huge)
        let refused = await CommandRunner.run(["lint", huge.path])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("larger than 64 MiB"), "\(refused.stderr)")
    }

    // MARK: cfn-lint

    /// The rows cfn-lint reads: every fixture but the Terraform plans.
    static let cloudFormationRows = rows.filter { !$0.fixture.hasPrefix("terraform/") }

    static var cfnLintAvailable: Bool {
        (try? ChildProcess.run("/usr/bin/env", ["cfn-lint", "--version"], output: .null, error: .null).status) == 0
    }

    @Test(
        "cfn-lint, run once over every fixture, reports the rule ids of the table's cfnLint column",
        .enabled(if: cfnLintAvailable, "cfn-lint is not installed (pip install -r Tests/requirements.txt)"))
    func cfnLintAgreesWithTheTable() throws {
        let run = try ChildProcess.run(
            "/usr/bin/env", ["cfn-lint", "--format", "json", "--"] + Self.cloudFormationRows.map(\.fixture),
            directory: Self.directory.path, error: .null)
        let reports = try JSONParser.parse(run.output).arrayValue ?? []
        var ids: [String: Set<String>] = [:]
        for report in reports {
            guard let file = report["Filename"]?.stringValue, let id = report["Rule"]?["Id"]?.stringValue else {
                continue
            }
            ids[file, default: []].insert(id)
        }
        for row in Self.cloudFormationRows {
            #expect(ids[row.fixture, default: []] == Set(row.cfnLint), "\(row.fixture): \(row.fault)")
        }
    }

    // MARK: The SAM expansion against aws-sam-translator

    static let samFixtures = rows.map(\.fixture).filter { $0.hasPrefix("sam/") }

    @Test(arguments: samFixtures)
    func samExpansionMatchesTheTranslator(_ fixture: String) throws {
        let name = URL(fileURLWithPath: fixture).deletingPathExtension().lastPathComponent
        let expectedData = try Data(
            contentsOf: Self.directory.appendingPathComponent("sam-expected/\(name).json"))
        let expected = try JSONParser.parse(expectedData)["Resources"]?.objectValue ?? [:]
        let root = try TemplateReader.read(path: Self.path(fixture))
        let template = try CloudFormationTemplate(root: root, source: fixture)
        let expanded = SAMExpansion().expand(template)
        let types: Set<String> = ["AWS::Lambda::EventSourceMapping", "AWS::IAM::Role"]
        let translated = expected.filter { types.contains($0.value["Type"]?.stringValue ?? "") }
        let ours = expanded.resources.filter { types.contains($0.type) }
        #expect(Set(ours.map(\.logicalId)) == Set(translated.keys))
        for resource in ours {
            var theirs = Self.withoutTags(translated[resource.logicalId]?["Properties"] ?? .null)
            var mine = Self.withoutTags(resource.properties.json)
            // A SAM policy template msk-esm does not expand (its checks are skipped instead): compared by name.
            let unexpanded = (mine["Policies"]?.arrayValue ?? []).filter {
                $0["PolicyDocument"]?[SAMExpansion.unsupported] != nil
            }.compactMap { $0["PolicyName"] }
            if !unexpanded.isEmpty {
                mine = Self.dropping(unexpanded, from: mine)
                theirs = Self.dropping(unexpanded, from: theirs)
            }
            #expect(mine == theirs, "\(fixture) \(resource.logicalId)")
        }
        // The function: its role and timeout as the translator wrote them.
        for (id, resource) in expected where resource["Type"] == "AWS::Lambda::Function" {
            let function = try #require(expanded.resource(id))
            for key in ["Role", "Timeout", "VpcConfig"] {
                #expect(function.properties[key]?.json == resource["Properties"]?[key], "\(fixture) \(id).\(key)")
            }
        }
    }

    /// A role's properties without the inline policies named `names`.
    static func dropping(_ names: [JSONValue], from properties: JSONValue) -> JSONValue {
        guard var members = properties.objectValue else { return properties }
        members["Policies"] = members["Policies"].map { policies in
            .array((policies.arrayValue ?? []).filter { !names.contains($0["PolicyName"] ?? .null) })
        }
        return .object(members)
    }

    /// The translator tags what it makes (`lambda:createdBy`); msk-esm has no use for tags.
    static func withoutTags(_ value: JSONValue) -> JSONValue {
        guard var members = value.objectValue else { return value }
        members["Tags"] = nil
        return .object(members)
    }
}

/// The template reader: short-form tags become the long form, positions are 1-based, JSON with tabs reads.
struct TemplateReaderTests {
    static func parse(_ text: String) throws -> TemplateNode {
        try TemplateReader.parse(Data(text.utf8), source: "test")
    }

    @Test func shortFormTagsBecomeTheLongForm() throws {
        let root = try Self.parse(
            """
            A: !GetAtt Cluster.Arn
            B: !Sub ["${X}-y", {X: !Ref Env}]
            C: !If [IsProd, !Join ["-", [a, b]], !Ref "AWS::NoValue"]
            D: !Select [0, !GetAZs ""]
            E: !ImportValue shared
            F: !Equals [!Ref Env, prod]
            G: !Cidr [10.0.0.0/16, 4, 8]
            """)
        #expect(root["A"]?.json == ["Fn::GetAtt": ["Cluster", "Arn"]])
        #expect(root["B"]?.json == ["Fn::Sub": ["${X}-y", ["X": ["Ref": "Env"]]]])
        #expect(
            root["C"]?.json == ["Fn::If": ["IsProd", ["Fn::Join": ["-", ["a", "b"]]], ["Ref": "AWS::NoValue"]]])
        #expect(root["D"]?.json == ["Fn::Select": [0, ["Fn::GetAZs": ""]]])
        #expect(root["E"]?.json == ["Fn::ImportValue": "shared"])
        #expect(root["F"]?.json == ["Fn::Equals": [["Ref": "Env"], "prod"]])
        #expect(root["G"]?.json == ["Fn::Cidr": ["10.0.0.0/16", 4, 8]])
    }

    /// The values resolve by the YAML 1.2 core schema, as `--cli-input-yaml` reads them: `YAMLInput.parse`
    /// composes with the core schema's resolver, the template reader with none and resolves each value itself.
    @Test func scalarsResolveAsTheCoreSchemaReadsThem() throws {
        let text = """
            a: 9098
            b: true
            c: "9098"
            d: ! 123
            e: !!str 12
            f: 0x1F
            g: ~
            h: null
            i: 1e3
            j: abc
            k: -0.5
            l: 'true'
            m: [1, yes, False, "", 0o17]
            n: {On: off, 2: two}
            """
        let expected = try YAMLInput.parse(Data(text.utf8), source: "test", fix: "")
        #expect(try Self.parse(text).json == expected)
        #expect(expected["a"] == 9098 && expected["b"] == true && expected["d"] == "123" && expected["h"] == .null)
    }

    /// Keys of the same text are duplicates only when the core schema gives them the same type: `1` (an integer)
    /// and `"1"` (a string) are two keys, as before the reader composed without the core schema's rules.
    @Test func aKeyIsADuplicateByTheCoreSchema() throws {
        let root = try Self.parse("1: a\n\"1\": b\n")
        guard case .object(let members) = root.value else { throw CancellationError() }
        #expect(members.map(\.key) == ["1", "1"])
        #expect(throws: ToolError.self) { try Self.parse("a: 1\nb: 2\na: 3\n") }
    }

    @Test func positionsAreWhereTheKeyIs() throws {
        let root = try Self.parse("Resources:\n  M:\n    Properties:\n      BatchSize: 5\n")
        let node = try #require(root.node(at: ["Resources", "M", "Properties", "BatchSize"]))
        #expect(node.position == TemplatePosition(line: 4, column: 7))
        #expect(root.node(at: ["Resources", "M"])?.position == TemplatePosition(line: 2, column: 3))
    }

    @Test func jsonIndentedWithTabsIsRead() throws {
        let root = try Self.parse("{\n\t\"Resources\": {\n\t\t\"M\": {\"Type\": \"X\"}\n\t}\n}\n")
        #expect(root.node(at: ["Resources", "M", "Type"])?.stringValue == "X")
        #expect(root.node(at: ["Resources", "M"])?.position == TemplatePosition(line: 3, column: 3))
    }

    @Test func notATemplateIsAUsageError() async throws {
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("lint-not-template-\(UUID()).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("just: [a, list\n".utf8).write(to: file)
        let broken = await CommandRunner.run(["lint", file.path])
        #expect(broken.exitCode == 2)
        #expect(broken.stderr.hasPrefix("msk-esm: error: not JSON or YAML"), "\(broken.stderr)")
        try Data("Parameters: {}\n".utf8).write(to: file)
        let noResources = await CommandRunner.run(["lint", file.path])
        #expect(noResources.exitCode == 2)
        #expect(noResources.stderr.contains("no Resources object"), "\(noResources.stderr)")
    }
}
