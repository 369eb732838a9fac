import Foundation
import MSKESMCore

/// `--output sarif`: a lint report as one SARIF 2.1.0 log (docs/output.md#sarif), the format code-scanning tools
/// such as GitHub's read (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
///
/// One run; `tool.driver.rules` holds each code that has a result, described from `FindingCatalogue`. Failures
/// are `error`, warnings `warning`, info findings `note`. Passed and skipped checks are not results (a result is
/// something to look at in the code); the codes of skipped checks are listed in the run's
/// `properties.skippedChecks`, so that a skip is still visible.
struct SARIFRenderer {
    /// The directory artifact URIs are made relative to (the current directory).
    var baseDirectory: String

    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    func log(_ report: LintReport) -> JSONValue {
        let located = report.allFindings
        let results = located.filter { Self.level($0.finding.severity) != nil }
        let codes = Array(Set(results.map(\.finding.code))).sorted()
        let rules: [JSONValue] = codes.map(Self.rule)
        let skipped = Array(Set(located.filter { $0.finding.severity == .skipped }.map(\.finding.code))).sorted()
        let driver: JSONValue = [
            "name": "msk-esm",
            "version": .string(MSKESM.version),
            "informationUri": "https://github.com/msk-esm/msk-esm",
            "rules": .array(rules),
        ]
        let run: JSONValue = [
            "tool": ["driver": driver],
            "results": .array(results.map { result($0, ruleIndex: codes.firstIndex(of: $0.finding.code) ?? 0) }),
            "properties": [
                "verdict": .string(report.verdict.rawValue), "skippedChecks": .array(skipped.map { .string($0) }),
            ],
        ]
        return ["$schema": .string(Self.schemaURI), "version": "2.1.0", "runs": [run]]
    }

    /// SARIF's level for a severity; nil for what is not a result (passed and skipped checks).
    static func level(_ severity: Severity) -> String? {
        switch severity {
        case .fail: "error"
        case .warn: "warning"
        case .info: "note"
        case .pass, .skipped: nil
        }
    }

    static func rule(_ code: String) -> JSONValue {
        let meaning = FindingCatalogue.code(code)?.meaning ?? code
        return [
            "id": .string(code),
            "shortDescription": ["text": .string(meaning)],
            "help": ["text": .string("\(code): \(meaning). See docs/findings.md for the rule and its AWS source.")],
        ]
    }

    func result(_ located: LintFinding, ruleIndex: Int) -> JSONValue {
        let finding = located.finding
        var message = finding.title
        if !finding.detail.isEmpty { message += "\n" + finding.detail }
        if !finding.fix.isEmpty { message += "\nFix: " + finding.fix }
        var result: [String: JSONValue] = [
            "ruleId": .string(finding.code),
            "ruleIndex": .number(Double(ruleIndex)),
            "level": .string(Self.level(finding.severity) ?? "none"),
            "message": ["text": .string(message)],
        ]
        var properties: [String: JSONValue] = ["severity": .string(finding.severity.rawValue)]
        if !finding.fix.isEmpty { properties["fix"] = .string(finding.fix) }
        result["properties"] = .object(properties)
        if let location = located.location { result["locations"] = [self.location(location)] }
        return .object(result)
    }

    func location(_ location: LintLocation) -> JSONValue {
        var sarifLocation: [String: JSONValue] = [:]
        if let uri = artifactURI(location.file) {
            var physical: [String: JSONValue] = ["artifactLocation": ["uri": .string(uri)]]
            if let line = location.line, line > 0 {
                var region: [String: JSONValue] = ["startLine": .number(Double(line))]
                if let column = location.column, column > 0 { region["startColumn"] = .number(Double(column)) }
                physical["region"] = .object(region)
            }
            sarifLocation["physicalLocation"] = .object(physical)
        }
        let logical = location.logicalName
        var logicalLocation: [String: JSONValue] = [
            "name": .string(logical), "kind": "resource",
            "fullyQualifiedName": .string(location.path.isEmpty ? logical : "\(logical).\(location.path)"),
        ]
        if let generatedFrom = location.generatedFrom { logicalLocation["decoratedName"] = .string(generatedFrom) }
        sarifLocation["logicalLocations"] = [.object(logicalLocation)]
        return .object(sarifLocation)
    }

    /// The file as a URI reference relative to `baseDirectory` where it lies under it; nil for standard input.
    func artifactURI(_ file: String) -> String? {
        guard file != "standard input" else { return nil }
        let absolute = file.hasPrefix("/") ? file : baseDirectory + "/" + file
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let base = URL(fileURLWithPath: baseDirectory).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if standardized.hasPrefix(prefix) {
            let relative = String(standardized.dropFirst(prefix.count))
            return relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
        }
        return URL(fileURLWithPath: standardized).absoluteString
    }
}

extension LintLocation {
    /// The name a finding's resource goes by, for SARIF's logical locations, GitHub titles and Markdown tables:
    /// the CDK construct path where the template is CDK output (the generated file's logical id is not what
    /// its author wrote), otherwise the logical id.
    var logicalName: String {
        constructPath ?? resource
    }
}
