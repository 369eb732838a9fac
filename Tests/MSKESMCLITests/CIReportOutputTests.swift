import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMCLI

/// `lint --output sarif|github|markdown`: the renderers over hand-built reports (escaping, levels, locations),
/// and the command's SARIF validated against the published SARIF 2.1.0 schema with PyPI jsonschema.
struct CIReportOutputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let hostile = "50% done\r\nnext: a,b :: ::error::owned | `tick` <b>"

    /// A report with one finding of each severity; the failure's title and fix are hostile.
    static func report(file: String = "stacks/app.yaml") -> LintReport {
        let located = { (severity: Severity, code: FindingCode, line: Int?) -> LintFinding in
            LintFinding(
                Finding(code: code, severity: severity, title: hostile, fix: "set `BatchSize` | to 100\nthen deploy"),
                location: LintLocation(
                    file: file, resource: "OrdersMapping", path: "Properties.BatchSize",
                    position: line.map { TemplatePosition(line: $0, column: 7) }))
        }
        let mapping = LintMappingReport(
            mapping: "OrdersMapping",
            findings: [
                located(.fail, FindingCode.mappingCodes[0], 12), located(.warn, FindingCode.mappingCodes[1], nil),
                located(.info, FindingCode.mappingCodes[2], 3), located(.pass, FindingCode.mappingCodes[3], 4),
                located(.skipped, FindingCode.mappingCodes[4], 5),
            ], summary: [:])
        let fileFinding = LintFinding(
            Finding(code: FindingCode.lnt001, severity: .warn, title: "no mapping"), location: nil)
        return LintReport(files: [
            LintFileReport(file: file, format: "cloudformation", mappings: [mapping], findings: [fileFinding])
        ])
    }

    // MARK: GitHub annotations

    @Test func githubEscapesMessagesAndProperties() {
        #expect(GitHubAnnotationRenderer.escapeData("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e")
        #expect(GitHubAnnotationRenderer.escapeProperty("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce")
    }

    @Test func githubPrintsOneLinePerProblemWithItsLevel() {
        let lines = GitHubAnnotationRenderer().lines(Self.report(file: "dir,1/a:b.yaml")).split(separator: "\n")
        #expect(lines.count == 4)  // fail, warn, info, the file's warning; pass and skipped print nothing
        #expect(lines[0].hasPrefix("::error file=dir%2C1/a%3Ab.yaml,line=12,col=7,title=MAP"))
        #expect(lines[1].hasPrefix("::warning file=dir%2C1/a%3Ab.yaml,title=MAP"))
        #expect(lines[2].hasPrefix("::notice file="))
        #expect(lines[3] == "::warning title=LNT001::no mapping")
        // The hostile message cannot start a second command: no raw line break, no raw %.
        for line in lines {
            let message = line.split(separator: "::", maxSplits: 2, omittingEmptySubsequences: false)[2]
            #expect(!message.contains("\r") && !message.contains("\n"))
            #expect(
                message.replacingOccurrences(of: "%25", with: "").replacingOccurrences(of: "%0D", with: "")
                    .replacingOccurrences(of: "%0A", with: "").contains("%") == false)
        }
        #expect(lines[0].contains("50%25 done%0D%0Anext"))
    }

    // MARK: Markdown

    @Test func markdownCellsCannotBreakTheTable() {
        let document = MarkdownReportRenderer().document(Self.report())
        let rows = document.split(separator: "\n").filter { $0.hasPrefix("| MAP") || $0.hasPrefix("| LNT") }
        #expect(rows.count == 4)
        for row in rows {
            // Six cells: seven unescaped pipes.
            let unescaped = row.replacingOccurrences(of: "\\|", with: "")
            #expect(unescaped.filter { $0 == "|" }.count == 7, "\(row)")
        }
        #expect(document.contains("``set `BatchSize` \\| to 100 then deploy``"))
        #expect(document.contains("\\<b\\>"))
        #expect(document.hasPrefix("## msk-esm lint: fail\n"))
        #expect(document.contains("1 check(s) passed, 1 skipped (MAP"))
    }

    @Test(arguments: ["plain", "`a`", "a``b", "x|y"])
    func codeSpansAreFencedLongerThanTheirBackticks(_ text: String) {
        let span = MarkdownReportRenderer.codeSpan(text)
        let fence = span.prefix { $0 == "`" }
        #expect(!text.contains(String(fence)))
        #expect(!span.replacingOccurrences(of: "\\|", with: "").contains("|"))
    }

    // MARK: SARIF

    @Test func sarifLevelsLocationsAndRules() throws {
        let log = SARIFRenderer(baseDirectory: "/work/repo").log(Self.report(file: "/work/repo/stacks/my app.yaml"))
        let run = log["runs"]?.arrayValue?.first
        let results = run?["results"]?.arrayValue ?? []
        #expect(results.map { $0["level"]?.stringValue } == ["error", "warning", "note", "warning"])
        let first = results[0]["locations"]?.arrayValue?.first
        #expect(first?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue == "stacks/my%20app.yaml")
        #expect(first?["physicalLocation"]?["region"]?["startLine"] == 12)
        #expect(first?["physicalLocation"]?["region"]?["startColumn"] == 7)
        #expect(
            first?["logicalLocations"]?.arrayValue?.first?["fullyQualifiedName"]?.stringValue
                == "OrdersMapping.Properties.BatchSize")
        #expect(results[1]["locations"]?.arrayValue?.first?["physicalLocation"]?["region"] == nil)
        #expect(results[3]["locations"] == nil)
        let rules = run?["tool"]?["driver"]?["rules"]?.arrayValue ?? []
        #expect(
            Set(rules.compactMap { $0["id"]?.stringValue }) == Set(results.compactMap { $0["ruleId"]?.stringValue }))
        for result in results {
            let index = result["ruleIndex"]?.intValue ?? -1
            #expect(rules[index]["id"] == result["ruleId"])
        }
        #expect(run?["properties"]?["skippedChecks"] == [.string(FindingCode.mappingCodes[4].code)])
        #expect(try Self.schemaErrors(JSONWriter.write(log, pretty: false)) == [])
    }

    @Test func aFileOutsideTheCurrentDirectoryIsAFileURI() {
        #expect(SARIFRenderer(baseDirectory: "/work/repo").artifactURI("/tmp/t.yaml") == "file:///tmp/t.yaml")
        #expect(SARIFRenderer(baseDirectory: "/work/repo").artifactURI("a/../t.yaml") == "t.yaml")
        #expect(SARIFRenderer(baseDirectory: "/work/repo").artifactURI("standard input") == nil)
    }

    static let lintFixtures: [String] = {
        let table = (try? Data(contentsOf: fixtures.appendingPathComponent("lint/expected.json")))
            .flatMap { try? JSONParser.parse($0) }
        return (table?["fixtures"]?.arrayValue ?? []).compactMap { $0["fixture"]?.stringValue }
    }()

    static var validatorAvailable: Bool {
        (try? ChildProcess.run("/usr/bin/env", ["python3", "-c", "import jsonschema"], output: .null, error: .null)
            .status) == 0
    }

    /// The schema's violations of `sarif`, one line each (validate_sarif.py with jsonschema).
    static func schemaErrors(_ sarif: String) throws -> [String] {
        let script = fixtures.appendingPathComponent("sarif/validate_sarif.py").path
        let run = try ChildProcess.run("/usr/bin/env", ["python3", script], input: .data(Data(sarif.utf8)))
        let output = String(decoding: run.output, as: UTF8.self)
        return output.split(separator: "\n").map(String.init) + (run.status == 0 ? [] : ["exit \(run.status)"])
    }

    @Test(
        "lint --output sarif over every lint fixture at once, and over single ones, is valid SARIF 2.1.0",
        .enabled(if: validatorAvailable, "jsonschema is not installed (pip install -r Tests/requirements.txt)"),
        arguments: [
            lintFixtures, ["cfn/role-without-data-plane.yaml"], ["sam/msk-iam-no-data-plane-policy.yaml"],
            ["terraform/replace-topics-new-consumer.json", "terraform/module-count-function-timeout.json"],
        ])
    func lintSARIFIsValid(_ names: [String]) async throws {
        #expect(!names.isEmpty)
        let paths = names.map { Self.fixtures.appendingPathComponent("lint/\($0)").path }
        let result = await CommandRunner.run(["lint", "--output", "sarif"] + paths)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let json = try JSONParser.parse(Data(result.stdout.utf8))
        // Exit codes as for --output json: from the verdict.
        let verdict = json["runs"]?.arrayValue?.first?["properties"]?["verdict"]?.stringValue
        #expect(result.exitCode == (verdict == "fail" ? 1 : 0))
        let results = json["runs"]?.arrayValue?.first?["results"]?.arrayValue ?? []
        #expect(!results.isEmpty)
        #expect(try Self.schemaErrors(result.stdout) == [])
    }

    // MARK: The command line

    @Test(arguments: ["sarif", "github", "markdown"])
    func otherCommandsRejectTheCIFormats(_ format: String) async {
        let result = await CommandRunner.run(["brokers", "explain", "--snapshot", "x.json", "--output", format])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--output \(format) is for lint"))
    }

    @Test(arguments: ["github", "markdown"])
    func queryIsRejectedWhereTheOutputIsNotJSON(_ format: String) async {
        let path = Self.fixtures.appendingPathComponent("lint/cfn/role-without-data-plane.yaml").path
        let result = await CommandRunner.run(["lint", path, "--output", format, "--query", "runs"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--query selects from a JSON document"))
        #expect(result.stdout.isEmpty)
    }

    @Test func queryWorksOnSARIF() async throws {
        let path = Self.fixtures.appendingPathComponent("lint/cfn/role-without-data-plane.yaml").path
        let result = await CommandRunner.run([
            "lint", path, "--output", "sarif", "--query", "runs[0].results[].ruleId",
        ])
        #expect(result.exitCode == 1)  // from the unfiltered verdict
        let codes = try JSONParser.parse(Data(result.stdout.utf8)).arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(codes).isSuperset(of: ["IAM001", "IAM005"]))
    }

    @Test func theReleaseBinaryPrintsAnnotationsAndMarkdown() throws {
        let path = Self.fixtures.appendingPathComponent("lint/cfn/role-without-data-plane.yaml").path
        let github = try CommandRunner.runBinary(["lint", path, "--output", "github"])
        #expect(github.exitCode == 1)
        let lines = github.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("::error file=") && $0.contains(",title=IAM001::") })
        #expect(lines.allSatisfy { $0.hasPrefix("::") })
        let markdown = try CommandRunner.runBinary(["lint", path, "--output", "markdown"])
        #expect(markdown.exitCode == 1)
        #expect(markdown.stdout.hasPrefix("## msk-esm lint: fail"))
        #expect(markdown.stdout.contains("| IAM001 | fail |"))
    }
}
