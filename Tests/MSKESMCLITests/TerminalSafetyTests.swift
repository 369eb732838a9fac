import Foundation
import MSKESMCore
import Testing

@testable import MSKESMCLI

/// Control characters that come from data (a snapshot's `LastProcessingResult`, function and topic names,
/// AWS error messages, file names, a record's bytes) never reach a terminal raw: text output and error lines
/// show them escaped, whether or not stdout is a terminal, and the report's layout holds. JSON keeps the
/// values exactly, JSON-escaped.
struct TerminalSafetyTests {
    static let clearScreen = "\u{1B}[2J"
    static let retitle = "\u{1B}]0;owned\u{07}"
    static let functionName = "orders\nconsumer"

    /// The bytes of `text` that a terminal would act on: every C0 control but the line feed, DEL, the C1
    /// controls. With `colour`, the renderer's own SGR sequences (ESC [ digits m) are removed first.
    static func rawControls(_ text: String, colour: Bool = false) -> [Unicode.Scalar] {
        var text = text
        if colour {
            text = text.replacing(#/\x1B\[[0-9;]*m/#, with: "")
        }
        return text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    /// An example snapshot whose data carries escape sequences and a newline.
    static func hostileSnapshot() throws -> String {
        let example = DoctorCommandTests.example("broken-role-without-kafka-cluster.json")
        var document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: example))) as? [String: Any])
        var mapping = try #require(document["EventSourceMapping"] as? [String: Any])
        mapping["LastProcessingResult"] = "PROBLEM: SASL authentication failed.\(clearScreen)\(retitle)\nfake line"
        mapping["FunctionArn"] = "arn:aws:lambda:us-east-1:123456789012:function:\(functionName)"
        mapping["Topics"] = ["orders\u{1B}[31m.v1"]
        document["EventSourceMapping"] = mapping
        var function = try #require(document["Function"] as? [String: Any])
        function["FunctionName"] = functionName
        document["Function"] = function
        document["Errors"] = ["ec2.DescribeVpcEndpoints": "AccessDenied: \(clearScreen)denied\r\nforged"]
        let path = NSTemporaryDirectory() + "msk-esm-hostile-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("doctor's text report shows the data's escape sequences and newlines escaped, with colour off and on")
    func doctorTextReport() async throws {
        let path = try Self.hostileSnapshot()
        defer { try? FileManager.default.removeItem(atPath: path) }
        for colour in [false, true] {
            let output = Captured()
            let errors = Captured()
            let console = Console(
                output: { output.append($0) }, error: { errors.append($0) }, outputIsTerminal: colour)
            let code = await CommandLineEntry.run(["doctor", "--snapshot", path], console: console)
            let text = output.text
            #expect(code == 1, "\(errors.text)")
            #expect(Self.rawControls(text, colour: colour).isEmpty, "raw controls in: \(text.debugDescription)")
            #expect(text.contains(#"failed.\x1b[2J\x1b]0;owned\x07\nfake line"#), "\(text)")
            #expect(text.contains(#"function orders\nconsumer"#), "\(text)")
            #expect(text.contains(#"orders\x1b[31m.v1"#), "\(text)")
            #expect(text.contains(#"AccessDenied: \x1b[2Jdenied\r\nforged"#), "\(text)")
            // The layout holds: no line starts with what followed a newline in the data.
            let lines = text.split(separator: "\n").map(String.init)
            #expect(!lines.contains { $0.hasPrefix("fake line") || $0.hasPrefix("consumer") || $0.hasPrefix("forged") })
            if colour, ProcessInfo.processInfo.environment["NO_COLOR"] == nil {
                #expect(text.contains("\u{1B}[31m✗ "), "colour is on, so the renderer's own codes are there")
            }
        }
    }

    @Test("JSON keeps the data's exact values, JSON-escaped")
    func jsonKeepsTheValues() async throws {
        let path = try Self.hostileSnapshot()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = await CommandRunner.run(["doctor", "--snapshot", path, "--output", "json"])
        #expect(result.exitCode == 1)
        #expect(Self.rawControls(result.stdout).isEmpty)
        #expect(result.stdout.contains(#"\u001b[2J"#))
        let findings = try #require(try result.json()["findings"] as? [[String: Any]])
        let details = findings.compactMap { $0["detail"] as? String } + findings.compactMap { $0["title"] as? String }
        #expect(details.contains { $0.contains("\(Self.clearScreen)\(Self.retitle)\nfake line") })
    }

    @Test("an error line names a file with control characters escaped, on one line")
    func errorLineEscapesTheFileName() async throws {
        let name = NSTemporaryDirectory() + "no-such-\(UUID().uuidString)\(Self.retitle)\n\(Self.clearScreen).json"
        let result = await CommandRunner.run(["doctor", "--snapshot", name])
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasSuffix(#"\x1b]0;owned\x07\n\x1b[2J.json): check the path"# + "\n"), "\(result.stderr)")
        #expect(Self.rawControls(result.stderr).isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("list, get and update's diff show names and results escaped; the table stays aligned")
    func mappingTexts() {
        let mapping: JSONValue = [
            "UUID": "9c2e4a6b-1d3f-4e8a-b5c7-0f2d4b6e8a13",
            "FunctionArn": .string("arn:aws:lambda:us-east-1:123456789012:function:\(Self.functionName)"),
            "Topics": [.string("t\u{1B}[2J")], "State": "Enabled",
            "LastProcessingResult": .string("PROBLEM: \(Self.retitle)"),
            "Tags": ["team": .string("a\u{1B}[5mb")],
        ]
        let table = ListCommand.table([mapping])
        #expect(Self.rawControls(table).isEmpty, "\(table.debugDescription)")
        let rows = table.split(separator: "\n")
        #expect(rows.count == 2)
        // The STATE column starts at the same place in the header and in the row.
        #expect(
            rows[0].firstRange(of: "STATE")?.lowerBound.utf16Offset(in: rows[0])
                == rows[1].firstRange(of: "Enabled")?.lowerBound.utf16Offset(in: rows[1]))
        #expect(table.contains(#"orders\nconsumer"#))
        let text = MappingCommandSupport.text(mapping)
        #expect(Self.rawControls(text).isEmpty, "\(text.debugDescription)")
        #expect(text.contains(#"PROBLEM: \x1b]0;owned\x07"#))
        let diff = MappingCommandSupport.diff([
            MappingChange(field: "FunctionName", from: .string(Self.functionName), to: "b\u{1B}[2J")
        ])
        #expect(diff == "- FunctionName: orders\\nconsumer\n+ FunctionName: b\\x1b[2J\n")
    }

    @Test("event decode shows topic names and header names from the event with control characters escaped")
    func eventDecode() async throws {
        let eventFile = NSTemporaryDirectory() + "msk-esm-event-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: eventFile) }
        let sample = await CommandRunner.run(["event", "sample", "--topic", "orders", "--records", "1"])
        #expect(sample.exitCode == 0, "\(sample.stderr)")
        // JSON's \u001b is ESC in the decoded names.
        let hostile = sample.stdout.replacingOccurrences(of: "\"orders", with: #""ord\u001b[2Jers"#)
            .replacingOccurrences(of: "\"content-type\"", with: #""content\u001b]0;owned\u0007-type""#)
        try Data(hostile.utf8).write(to: URL(fileURLWithPath: eventFile))
        let decoded = await CommandRunner.run(["event", "decode", eventFile])
        #expect(decoded.exitCode == 0, "\(decoded.stderr)")
        #expect(Self.rawControls(decoded.stdout).isEmpty, "\(decoded.stdout.debugDescription)")
        #expect(decoded.stdout.contains(#"ord\x1b[2Jers-0 offset"#), "\(decoded.stdout)")
        #expect(decoded.stdout.contains(#"header content\x1b]0;owned\x07-type:"#), "\(decoded.stdout)")
    }
}
