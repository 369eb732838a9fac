import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMCLI

/// `doctor --output markdown` and `lint --output markdown` (docs/output.md#markdown): the renderer over hand-built
/// reports (grouping by area, fixes, escaping, metrics), the release binary over every example snapshot and
/// the lint fixtures, and each diagram rendered by Mermaid itself (Tests/TestBed/mermaid_oracle.py: mermaid.js
/// 11.16.0 as PyPI's mermaidx ships it), which must accept it and draw the nodes, classes and edges expected.
struct MarkdownReportTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples = repository.appendingPathComponent("Examples/snapshots")
    static let exampleFiles: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []).filter { $0.hasSuffix(".json") }
        .sorted()

    static let hostile = "50% done\r\nnext | `tick` <b>x</b> # [link](http://e) ```"

    // MARK: The renderer

    static func finding(_ code: FindingCode, _ severity: Severity, fix: String = "") -> Finding {
        Finding(code: code, severity: severity, title: hostile, detail: "why: " + hostile, fix: fix)
    }

    @Test func findingsAreGroupedByAreaInTheCatalogueOrder() {
        let findings = [
            Self.finding(.net001, .fail, fix: "aws ec2 authorize-security-group-ingress"),
            Self.finding(.map001, .warn), Self.finding(.iam001, .pass), Self.finding(.sec009, .info),
            Self.finding(.map002, .skipped),
        ]
        let lines = MarkdownReportRenderer().mappingSection(
            findings, summary: DoctorSummary(uuid: "u"), diagram: nil, level: 3)
        let areas = lines.filter { $0.hasPrefix("**") && $0.hasSuffix(")**") }
        #expect(areas == ["**Mapping and function settings (MAP)**", "**Secrets (SEC)**", "**Network (NET)**"])
        // Counts by severity, in the table under the heading.
        #expect(lines.contains("| **fail** | 1 | 1 | 1 | 1 | 1 |"))
        // Within an area, the worst first; passes only in the closed details.
        let map = lines.firstIndex(of: "**Mapping and function settings (MAP)**") ?? 0
        #expect(lines[map + 2].hasPrefix("- ! **MAP001** warn:"))
        #expect(lines[map + 3].hasPrefix("- – **MAP002** skipped:"))
        #expect(lines.contains("<details><summary>1 check(s) passed</summary>"))
        #expect(lines.contains("  fix: `aws ec2 authorize-security-group-ingress`"))
        let quiet = MarkdownReportRenderer(quiet: true).mappingSection(
            findings, summary: DoctorSummary(uuid: "u"), diagram: nil, level: 3)
        #expect(!quiet.contains { $0.contains("<details>") })
    }

    @Test func hostileTextStaysOnItsLineAndAFixInItsFence() {
        let fix = "aws lambda update-event-source-mapping \\\n  --uuid x ```` still fix\n# not a heading"
        let item = MarkdownReportRenderer.item(Self.finding(.map001, .fail, fix: fix))
        // The title and detail: one line, line breaks as <br>, markup escaped.
        #expect(item[0].hasPrefix("- ✗ **MAP001** fail: 50% done<br>next \\| \\`tick\\` \\<b\\>x\\</b\\>"))
        #expect(!item[0].contains("\r"))
        #expect(item[0].contains("\\[link\\]"))
        // A fix of several lines: a fence longer than the fix's longest backtick run, every line indented.
        let fence = item.first { $0.hasPrefix("  ```") } ?? ""
        #expect(fence == "  `````")
        #expect(item.last == fence)
        #expect(item.contains("  # not a heading"))
    }

    @Test func metricsTrendsAreATableWithMinMaxLastAndASparkline() {
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        let points = [120.0, 400, 900, 650].enumerated().map { (start.addingTimeInterval(Double($0) * 60), $1) }
        let trends = MetricTrends(
            start: AWSTimestamp(start), end: AWSTimestamp(start.addingTimeInterval(240)),
            trends: [
                MetricTrend(
                    name: "lag", metrics: ["MaxOffsetLag"],
                    dimensions: [MetricDimension("EventSourceMappingUUID", "u|1")],
                    points: points.map { (date: $0.0, value: $0.1) }),
                MetricTrend(name: "dropped", metrics: ["DroppedEventCount"], dimensions: [], points: []),
            ])
        let table = MarkdownReportRenderer.metricsTable(trends)
        #expect(table.contains("| Metric | Source | Min | Max | Last | Trend |"))
        let lag = table.first { $0.hasPrefix("| lag |") } ?? ""
        #expect(lag.hasSuffix("| 120 | 900 | 650 | \(Sparkline.draw([120, 400, 900, 650])) |"))
        #expect(lag.contains("EventSourceMappingUUID=u\\|1"))
        #expect(table.contains { $0.hasPrefix("| dropped |") && $0.contains("no data") })
    }

    @Test func aSnapshotWithMetricDataGetsItsTrendsTable() throws {
        let source = Self.examples.appendingPathComponent("healthy-iam.json")
        var document = try JSONParser.parse(Data(contentsOf: source)).objectValue ?? [:]
        var mapping = document["EventSourceMapping"]?.objectValue ?? [:]
        let uuid = mapping["UUID"]?.stringValue ?? ""
        mapping["MetricsConfig"] = ["Metrics": ["KafkaMetrics"]]
        document["EventSourceMapping"] = .object(mapping)
        let lag: [Double] = [120, 400, 900, 650, 300]
        document["MetricData"] = [
            "StartTime": "2026-12-06T09:00:00Z", "EndTime": "2026-12-06T10:00:00Z",
            "Series": .array(
                ["MaxOffsetLag", "SumOffsetLag"].map { name in
                    [
                        "Namespace": "AWS/Lambda", "MetricName": .string(name), "Stat": "Maximum", "Period": 60,
                        "Dimensions": [["Name": "EventSourceMappingUUID", "Value": .string(uuid)]],
                        "Timestamps": .array(lag.indices.map { .string("2026-12-06T09:0\($0 + 1):00Z") }),
                        "Values": .array(lag.map(JSONValue.number)), "StatusCode": "Complete",
                    ]
                }),
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("md-metrics-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("snapshot.json").path
        try Data(JSONWriter.write(.object(document), pretty: true).utf8).write(to: URL(fileURLWithPath: path))
        let result = try CommandRunner.runBinary([
            "doctor", "--snapshot", path, "--output", "markdown", "--at", "2026-12-06T10:00:00Z",
        ])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let metrics = try #require(lines.firstIndex(of: "### Metrics"))
        #expect(lines[metrics + 2] == "From 2026-12-06T09:00:00Z to 2026-12-06T10:00:00Z.")
        let row = try #require(lines[metrics...].first { $0.hasPrefix("| lag |") })
        // min, max and last of the stored series, and the text report's sparkline of it.
        #expect(row.hasSuffix("| 120 | 900 | 300 | \(Sparkline.draw(lag)) |"), "\(row)")
        #expect(row.contains("MaxOffsetLag EventSourceMappingUUID=\(uuid)"))
    }

    // MARK: Mermaid itself

    static var mermaidAvailable: Bool {
        (try? ChildProcess.run("/usr/bin/env", ["python3", "-c", "import mermaidx"], output: .null, error: .null)
            .status) == 0
    }

    struct RenderedDiagram {
        var ok: Bool
        var error: String?
        var nodes: [(id: String, classes: [String], text: String)]
        var clusters: [String]
        var edges: [(label: String, thick: Bool)]
    }

    /// Every ```mermaid block of `markdown`, as Mermaid renders it.
    static func render(_ markdown: String) throws -> [RenderedDiagram] {
        let script = repository.appendingPathComponent("Tests/TestBed/mermaid_oracle.py").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", script], input: .data(Data(markdown.utf8)))
        #expect(run.status == 0, "\(String(decoding: run.error, as: UTF8.self))")
        return try String(decoding: run.output, as: UTF8.self).split(separator: "\n").map { line in
            let json = try JSONParser.parse(Data(line.utf8))
            return RenderedDiagram(
                ok: json["ok"]?.boolValue ?? false, error: json["error"]?.stringValue,
                nodes: (json["nodes"]?.arrayValue ?? []).map {
                    (
                        $0["id"]?.stringValue ?? "", ($0["classes"]?.arrayValue ?? []).compactMap(\.stringValue),
                        $0["text"]?.stringValue ?? ""
                    )
                },
                clusters: (json["clusters"]?.arrayValue ?? []).compactMap(\.stringValue),
                edges: (json["edges"]?.arrayValue ?? []).map {
                    ($0["label"]?.stringValue ?? "", $0["thick"]?.boolValue ?? false)
                })
        }
    }

    @Test(
        "doctor --output markdown (release binary) over every example snapshot: exit code as JSON's, a diagram Mermaid renders",
        .enabled(if: mermaidAvailable, "mermaidx is not installed (pip install -r Tests/requirements.txt)"),
        arguments: exampleFiles)
    func exampleSnapshotsRenderInMermaid(_ file: String) throws {
        let path = Self.examples.appendingPathComponent(file).path
        let at = ["--at", "2026-12-01T00:00:00Z"]
        let markdown = try CommandRunner.runBinary(["doctor", "--snapshot", path, "--output", "markdown"] + at)
        let json = try CommandRunner.runBinary(["doctor", "--snapshot", path, "--output", "json"] + at)
        #expect(markdown.exitCode == json.exitCode)
        #expect(markdown.stderr.isEmpty)
        let document = try JSONParser.parse(Data(json.stdout.utf8))
        let verdict = document["verdict"]?.stringValue ?? ""
        #expect(markdown.stdout.hasPrefix("## msk-esm doctor: \(verdict) — mapping `"))
        let problems = Set(
            (document["findings"]?.arrayValue ?? []).filter { ["fail", "warn"].contains($0["severity"]?.stringValue) }
                .compactMap { $0["code"]?.stringValue })
        // Every problem is in its area's list and on the diagram.
        for code in problems { #expect(markdown.stdout.contains("**\(code)** ")) }
        let diagrams = try Self.render(markdown.stdout)
        #expect(diagrams.count == 1)
        guard let diagram = diagrams.first else { return }
        #expect(diagram.ok, "\(diagram.error ?? "")")
        let ids = Set(diagram.nodes.map(\.id))
        #expect(ids.isSuperset(of: ["fn", "esm", "role", "broker0"]))
        #expect(diagram.clusters.contains { $0.hasSuffix("brk") })
        let drawn = diagram.nodes.map(\.text).joined(separator: " ") + diagram.edges.map(\.label).joined()
        for code in problems { #expect(drawn.contains(code), "\(code) not on the diagram") }
        let marked = diagram.nodes.filter { !$0.classes.isEmpty }.count + diagram.edges.filter(\.thick).count
        #expect((marked > 0) == !problems.isEmpty)
    }

    @Test(
        "the missing self-reference is drawn on the security group and the hop to the brokers",
        .enabled(if: mermaidAvailable, "mermaidx is not installed"))
    func theBrokenGroupIsRedInMermaid() async throws {
        let path = Self.examples.appendingPathComponent("broken-sg-no-self-reference.json").path
        let result = await CommandRunner.run(["doctor", "--snapshot", path, "--output", "markdown"])
        let diagram = try #require(try Self.render(result.stdout).first)
        let group = diagram.nodes.first { $0.id == "sg0" }
        #expect(group?.classes == ["fail"])
        #expect(group?.text == "security group sg-0c1d2e3f4a5b6c7d8 NET001")
        #expect(diagram.nodes.first { $0.id == "subnet0" }?.classes == [])
        #expect(diagram.edges.contains { $0.thick && $0.label == "iam on port 9098 NET001" })
        #expect(diagram.edges.filter(\.thick).count == 1)
    }

    @Test(
        "hostile names render as the text they are, inside their own node",
        .enabled(if: mermaidAvailable, "mermaidx is not installed"))
    func hostileNamesRenderAsText() throws {
        let name = "x\"] --> evil[\"owned | <b>bold</b> %% c; end # & #quot; `t`"
        let snapshot = try Snapshot.decode(
            Data(
                """
                {"SnapshotVersion": 1, "EventSourceMapping": {"UUID": "u-1", "Topics": ["t"],
                 "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/1"},
                 "Function": {"FunctionName": \(JSONWriter.write(.string(name), pretty: false)), "Timeout": 60}}
                """.utf8), source: "test")
        let finding = Finding(code: .map001, severity: .fail, title: name)
        let diagram = MappingPathDiagram(snapshot: snapshot, findings: [finding])
        let markdown = MarkdownReportRenderer().document(
            [finding], summary: DoctorSummary(uuid: "u-1"), diagram: diagram)
        let rendered = try #require(try Self.render(markdown).first)
        #expect(rendered.ok, "\(rendered.error ?? "")")
        #expect(!rendered.nodes.contains { $0.id.contains("evil") })
        #expect(rendered.nodes.first { $0.id == "fn" }?.text == "function " + name)
        #expect(rendered.nodes.count == diagram.nodes.count)
    }

    // MARK: lint

    @Test(
        "lint --output markdown over every lint fixture at once: one diagram per mapping, each rendered",
        .enabled(if: mermaidAvailable, "mermaidx is not installed"))
    func lintFixturesRenderInMermaid() async throws {
        let names = CIReportOutputTests.lintFixtures
        #expect(names.count >= 40)
        let paths = names.map { CIReportOutputTests.fixtures.appendingPathComponent("lint/\($0)").path }
        let markdown = await CommandRunner.run(["lint", "--output", "markdown"] + paths)
        let json = await CommandRunner.run(["lint", "--output", "json"] + paths)
        #expect(markdown.exitCode == json.exitCode)
        let files = try JSONParser.parse(Data(json.stdout.utf8))["files"]?.arrayValue ?? []
        let mappings = files.flatMap { $0["mappings"]?.arrayValue ?? [] }
        let sections = markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("#### Mapping `") }
        #expect(sections.count == mappings.count)
        let diagrams = try Self.render(markdown.stdout)
        #expect(diagrams.count == mappings.count)
        for (diagram, mapping) in zip(diagrams, mappings) {
            #expect(diagram.ok, "\(mapping["mapping"]?.stringValue ?? ""): \(diagram.error ?? "")")
            let problems = (mapping["findings"]?.arrayValue ?? []).filter {
                ["fail", "warn"].contains($0["severity"]?.stringValue)
            }.compactMap { $0["code"]?.stringValue }
            let drawn = diagram.nodes.map(\.text).joined(separator: " ") + diagram.edges.map(\.label).joined()
            for code in problems { #expect(drawn.contains(code), "\(code) of \(mapping["mapping"] ?? .null)") }
        }
    }

    @Test func lintGroupsEachMappingsFindingsByArea() throws {
        let path = CIReportOutputTests.fixtures.appendingPathComponent("lint/cfn/role-without-data-plane.yaml").path
        let result = try CommandRunner.runBinary(["lint", path, "--output", "markdown"])
        #expect(result.exitCode == 1)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let mapping = try #require(lines.firstIndex(of: "#### Mapping `OrdersMapping`: fail"))
        #expect(lines[mapping + 2] == "```mermaid")
        let iam = try #require(lines.firstIndex(of: "##### Permissions of the execution role (IAM)"))
        #expect(iam > mapping)
        #expect(lines[iam + 2] == "| Code | Severity | Resource | Line | Finding | Fix |")
        #expect(lines[(iam + 4)...].prefix { !$0.isEmpty }.allSatisfy { $0.hasPrefix("| IAM") })
    }

    // MARK: Secret material

    @Test func noSecretValueReachesTheMarkdown() throws {
        let canary = "CANARY-markdown-scram-pw-K3j9"
        let source = Self.examples.appendingPathComponent("healthy-scram.json")
        var document = try JSONParser.parse(Data(contentsOf: source)).objectValue ?? [:]
        var secrets = document["Secrets"]?.objectValue ?? [:]
        for (arn, secret) in secrets {
            var entry = secret.objectValue ?? [:]
            entry["SecretString"] = .string(#"{"username": "CANARY-user", "password": "\#(canary)"}"#)
            secrets[arn] = .object(entry)
        }
        document["Secrets"] = .object(secrets)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("md-canary-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("snapshot.json").path
        try Data(JSONWriter.write(.object(document), pretty: true).utf8).write(to: URL(fileURLWithPath: path))
        let result = try CommandRunner.runBinary(["doctor", "--snapshot", path, "--output", "markdown"])
        #expect(result.stdout.contains("```mermaid"))
        #expect(result.stdout.contains("AmazonMSK_payments-consumer"))
        #expect(!result.stdout.contains(canary) && !result.stderr.contains(canary))
        #expect(!result.stdout.contains("CANARY-user"))
    }

    // MARK: The command line

    @Test(arguments: ["sarif", "github"])
    func doctorStillRejectsTheOtherCIFormats(_ format: String) async {
        let result = await CommandRunner.run(["doctor", "--snapshot", "x.json", "--output", format])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--output \(format) is for lint"))
    }

    @Test func markdownTakesNoQuery() async {
        let path = Self.examples.appendingPathComponent("healthy-iam.json").path
        let result = await CommandRunner.run(["doctor", "--snapshot", path, "--output", "markdown", "--query", "a"])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
    }
}
