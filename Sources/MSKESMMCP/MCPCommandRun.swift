import Foundation
import MSKESMCore

/// What running one msk-esm command line in-process gave: its exit code and what it wrote to stdout and stderr.
public struct MCPCommandRun: Sendable {
    public var exitCode: Int32
    public var output: String
    public var errorOutput: String

    public init(exitCode: Int32, output: String, errorOutput: String) {
        self.exitCode = exitCode
        self.output = output
        self.errorOutput = errorOutput
    }

    /// A run that never reached a command: the call's arguments were wrong (exit code 2, as a usage error).
    public static func usageError(_ message: String) -> MCPCommandRun {
        MCPCommandRun(exitCode: 2, output: "", errorOutput: "msk-esm: error: \(message)\n")
    }

    /// The run as a tool result: the JSON document (as `--output json` prints it) as the structured result
    /// with a short summary, or, for exit codes other than 0 and 1 (docs/output.md#exit-codes), a tool error
    /// carrying the command's one-line error message. Exit code 1 means the checks found problems: a result.
    func toolResult(planned: Bool) -> MCPToolResult {
        guard exitCode == 0 || exitCode == 1 else {
            let line =
                errorOutput.split(separator: "\n").last { $0.hasPrefix("msk-esm: error: ") }.map(String.init)
                ?? "msk-esm: error: the command failed (exit code \(exitCode))"
            return MCPToolResult(text: [line], structured: nil, isError: true)
        }
        let document = try? JSONParser.parse(Data(output.utf8))
        guard let document else {
            return MCPToolResult(
                text: [output.isEmpty ? "done (exit code \(exitCode))" : output], structured: nil, isError: false)
        }
        // structuredContent must be an object; every msk-esm document is one.
        let structured: JSONValue = document.objectValue != nil ? document : ["result": document]
        return MCPToolResult(
            text: [MCPToolResult.summary(of: document, exitCode: exitCode, planned: planned), output],
            structured: structured,
            isError: false)
    }
}

/// A tool call's answer before it becomes the SDK's type.
struct MCPToolResult: Sendable {
    var text: [String]
    var structured: JSONValue?
    var isError: Bool

    /// A few lines for the assistant: the verdict and the problems (code and title) of a findings document, the
    /// mappings of a listing, the state of a mapping.
    static func summary(of document: JSONValue, exitCode: Int32, planned: Bool) -> String {
        var lines: [String] = []
        if let verdict = document["verdict"]?.stringValue {
            let findings = document["findings"]?.arrayValue ?? []
            var counts: [String: Int] = [:]
            for finding in findings { counts[finding["severity"]?.stringValue ?? "?", default: 0] += 1 }
            let tally = ["fail", "warn", "skipped", "info", "pass"].compactMap { severity in
                counts[severity].map { "\($0) \(severity)" }
            }
            lines.append("verdict: \(verdict)" + (tally.isEmpty ? "" : " (" + tally.joined(separator: ", ") + ")"))
            for finding in findings where ["fail", "warn", "skipped"].contains(finding["severity"]?.stringValue ?? "") {
                lines.append(
                    "\(finding["severity"]?.stringValue ?? "") \(finding["code"]?.stringValue ?? ""): "
                        + (finding["title"]?.stringValue ?? ""))
            }
            if let mappings = document["mappings"]?.arrayValue { lines.append("\(mappings.count) mappings diagnosed") }
        } else if let mappings = document["EventSourceMappings"]?.arrayValue {
            lines.append("\(mappings.count) event source mappings")
            for mapping in mappings.prefix(50) {
                lines.append(
                    "\(mapping["UUID"]?.stringValue ?? "?") \(mapping["State"]?.stringValue ?? "?") "
                        + (mapping["FunctionArn"]?.stringValue ?? ""))
            }
        } else if let uuid = document["UUID"]?.stringValue {
            lines.append("mapping \(uuid): \(document["State"]?.stringValue ?? "?")")
        } else if exitCode == 0 {
            lines.append("done")
        }
        if planned {
            lines.append("plan only: nothing was changed (call again with confirm: true to make the change)")
        }
        return lines.joined(separator: "\n")
    }
}
