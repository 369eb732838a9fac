import Foundation
import Testing

@testable import MSKESMCore

/// The Markdown report's diagram (`MappingPathDiagram`): which nodes and edges the example snapshots give,
/// where their findings are marked, and that no name from data can break out of a Mermaid label.
/// Tests/MSKESMCLITests/MarkdownReportTests.swift renders the same diagrams with Mermaid itself.
struct MappingPathDiagramTests {
    static func diagram(_ example: String) throws -> (MappingPathDiagram, CheckReport<DoctorSummary>) {
        let snapshot = try Snapshot.load(
            path: SnapshotTestSupport.examples.appendingPathComponent(example).path, checkingRawParts: false)
        let report = try Doctor().run(snapshot, at: Date(timeIntervalSince1970: 1_796_000_000))
        return (MappingPathDiagram(snapshot: snapshot, findings: report.findings), report)
    }

    static func node(_ diagram: MappingPathDiagram, _ id: String) -> MappingPathDiagram.Node? {
        diagram.nodes.first { $0.id == id }
    }

    @Test func aHealthySnapshotDrawsThePathWithNothingMarked() throws {
        let (diagram, _) = try Self.diagram("healthy-scram.json")
        let kinds = Set(diagram.nodes.map(\.kind))
        #expect(
            kinds.isSuperset(of: [.function, .mapping, .subnet, .securityGroup, .broker, .role, .secret, .kmsKey]))
        #expect(diagram.nodes.allSatisfy { $0.severity == nil && $0.problems.isEmpty })
        #expect(diagram.edges.allSatisfy { $0.severity == nil })
        #expect(diagram.edges.contains { $0.from == "fn" && $0.to == "esm" })
        #expect(diagram.edges.contains { $0.from == "esm" && $0.to == "net" })
        #expect(diagram.edges.contains { $0.from == "net" && $0.to == "brk" && $0.label.contains("9096") })
        #expect(diagram.edges.contains { $0.from == "secret0" && $0.to == "key0" })
        #expect(Self.node(diagram, "key0")?.lines.last?.hasPrefix("arn:aws:kms:") == true)
        #expect(!diagram.nodes.contains { $0.kind == .missingPermission })
        let mermaid = diagram.mermaid
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(!mermaid.contains("\n    class "))
        #expect(!mermaid.contains("linkStyle"))
    }

    @Test func aMissingSelfReferenceMarksTheGroupAndTheHopToTheBrokers() throws {
        let (diagram, _) = try Self.diagram("broken-sg-no-self-reference.json")
        let groups = diagram.nodes.filter { $0.kind == .securityGroup }
        #expect(groups.count == 1)
        #expect(groups.first?.problems == ["NET001"])
        #expect(groups.first?.severity == .fail)
        let hop = diagram.edges.first { $0.to == "brk" }
        #expect(hop?.problems == ["NET001"])
        #expect(Self.node(diagram, "esm")?.problems == ["MAP011"])
        #expect(diagram.nodes.filter { $0.kind == .subnet }.allSatisfy { $0.severity == nil })
        let mermaid = diagram.mermaid
        #expect(mermaid.contains("class esm,sg0 fail"))
        #expect(mermaid.contains("net ==>|\"iam on port 9098<br/>NET001\"| brk"))
        let hopNumber = diagram.edges.firstIndex { $0.to == "brk" } ?? -1
        #expect(mermaid.contains("linkStyle \(hopNumber) stroke:#d1242f"))
    }

    @Test func aRoleWithoutTheDataPlaneShowsEachMissingPermission() throws {
        let (diagram, report) = try Self.diagram("broken-role-without-kafka-cluster.json")
        let missing = diagram.nodes.filter { $0.kind == .missingPermission }
        let failing = report.findings.filter {
            ["IAM001", "IAM005"].contains($0.code) && $0.severity == .fail
        }
        #expect(missing.count == failing.count)
        #expect(missing.map { $0.problems.first ?? "" }.sorted() == failing.map(\.code).sorted())
        #expect(missing.allSatisfy { $0.severity == .fail && $0.lines.contains { $0.hasPrefix("kafka-cluster:") } })
        #expect(diagram.edges.filter { $0.from == "role" && $0.label == "lacks" }.count == missing.count)
        // What the role does grant is there too, in one node.
        #expect(Self.node(diagram, "granted")?.lines.contains("kafka:GetBootstrapBrokers") == true)
    }

    @Test func aBrokenSecretIsMarkedOnTheSecret() throws {
        let (diagram, _) = try Self.diagram("broken-mtls-pbes2-key.json")
        let secrets = diagram.nodes.filter { $0.kind == .secret }
        #expect(secrets.count == 1)
        #expect(secrets.first?.problems == ["SEC009"])
        #expect(!diagram.nodes.contains { $0.kind == .broker && $0.severity != nil })
    }

    @Test func aSelfManagedClusterWithoutSubnetsGoesStraightToItsBrokers() throws {
        let snapshot = try Snapshot.decode(
            SnapshotTestSupport.document(mapping: [
                "EventSourceArn": NSNull(),
                "SelfManagedEventSource": ["Endpoints": ["KAFKA_BOOTSTRAP_SERVERS": ["kafka.example.com:9092"]]],
            ]), source: "test")
        let diagram = MappingPathDiagram(snapshot: snapshot, findings: [])
        #expect(!diagram.groups.contains { $0.id == "net" })
        #expect(diagram.edges.contains { $0.from == "esm" && $0.to == "brk" })
        #expect(Self.node(diagram, "broker0")?.lines == ["broker", "kafka.example.com:9092"])
    }

    static let hostile = [
        "x\"] --> evil[\"owned", "a|b", "<img src=x onerror=alert(1)>", "50% %% comment", "line\nbreak\r\u{2028}",
        "#quot; & #35;", "`code` ```", "end; flowchart TD", "{curly}", "back\\slash",
    ]

    @Test(arguments: hostile)
    func labelsCannotLeaveTheirQuotes(_ text: String) {
        let escaped = MermaidText.escape(text)
        for forbidden in ["\"", "|", "<", ">", "`", "%", ";", "\n", "\r", "\u{2028}", "{", "}", "\\"] {
            // `;` is only ever the end of an entity code written here (`#34;`).
            let withoutEntities = escaped.replacingOccurrences(
                of: "#(quot|[0-9]+);", with: "", options: .regularExpression)
            #expect(!withoutEntities.contains(forbidden), "\(forbidden) in \(escaped)")
        }
        #expect(
            !escaped.replacingOccurrences(of: "#(quot|[0-9]+);", with: "", options: .regularExpression).contains("#"))
    }

    @Test func hostileNamesStayInsideOneLabelEach() throws {
        let name = Self.hostile.joined(separator: " ")
        let snapshot = try Snapshot.decode(
            SnapshotTestSupport.document(
                mapping: ["Topics": [name], "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f"],
                extra: ["Function": ["FunctionName": name, "Role": "arn:aws:iam::123456789012:role/r"]]),
            source: "test")
        let finding = Finding(code: .map001, severity: .fail, title: name, evidence: ["x": .string(name)])
        let diagram = MappingPathDiagram(snapshot: snapshot, findings: [finding])
        let lines = diagram.mermaid.split(separator: "\n", omittingEmptySubsequences: false)
        // Every statement is one line of the diagram; the quotes of each label are the ones written here.
        #expect(lines.count == diagram.mermaid.components(separatedBy: "\n").count)
        for line in lines where line.contains("[\"") {
            #expect(line.filter { $0 == "\"" }.count == 2, "\(line)")
        }
        #expect(Self.node(diagram, "esm")?.problems == ["MAP001"])
    }
}
