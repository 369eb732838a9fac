import ArgumentParser
import Foundation
import MSKESMCore

/// `msk-esm lint FILE…`: the doctor's checks over the Kafka mappings of CloudFormation and SAM templates,
/// before deployment (TemplateLinter); reading the files and printing are all this command does.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract:
            "Check the Kafka event source mappings of templates (CloudFormation, SAM, CDK) and Terraform plans before deployment.",
        discussion: """
            Reads each template (JSON or YAML, with the short-form tags !Ref, !GetAtt, !Sub, …; at most 64 MiB) \
            and runs the doctor's checks over every Kafka mapping it declares (AWS::Lambda::EventSourceMapping, \
            and the MSK and SelfManagedKafka events of SAM functions, expanded as the SAM transform does): the \
            mapping's parameters, topic, consumer group and on-failure destination, the broker choice from the \
            cluster's client authentication, the execution role's policies against what the mapping needs, \
            the security-group rules between the resources of the file, the function's timeout; and two \
            mappings for the same function, source and topic. Each finding names the resource (logical id), \
            the property path and its line and column; in CDK output (cdk.out/*.template.json, or a cdk.out \
            directory: every *.template.json in it) also the construct path (Metadata aws:cdk:path), where \
            the fix belongs. A Terraform plan (terraform show -json PLAN > plan.json) is read the same way: \
            aws_lambda_event_source_mapping, aws_lambda_function, aws_iam_role(_policy), \
            aws_iam_role_policy_attachment, aws_iam_policy_document data, aws_security_group(_rule), \
            aws_vpc_security_group_*_rule, aws_msk_cluster and aws_msk_serverless_cluster; locations are \
            resource addresses and attribute paths, fixes HCL edits, a value known after apply is followed \
            through the configuration's references or skips its checks, and a replaced Kafka mapping is LNT002 \
            (its consumer restarts at StartingPosition unless it keeps its consumer group id). \
            A check whose input the template does not determine \
            (an imported value, a parameter without a default, a resource another stack declares) is \
            'skipped' with the reason, never passed or failed.

            With several files, --output json prints one document, {"verdict", "files": [{"file", "format", \
            "verdict", "mappings": [...], "findings": [...]}]} (docs/output.md#lint); --output jsonl one line \
            per file. For CI: --output sarif (SARIF 2.1.0, for code scanning), --output github (GitHub Actions \
            annotations, one ::error/::warning/::notice line per finding), --output markdown (a report for a pull \
            request comment, with a Mermaid diagram of each mapping's path). --query works with json and sarif only.

            Exit codes: 0 no problem; 1 a check failed (or warned / was skipped, with --strict); 2 a file cannot \
            be read (not a template, not JSON or YAML, larger than 64 MiB) or a --parameter is malformed.

            Examples:
              msk-esm lint template.yaml
              msk-esm lint template.yaml --parameter Environment=prod --parameter AWS::Region=eu-west-1
              msk-esm lint stacks/*.json --parameters-file params.json --output json
              msk-esm lint template.yaml --output sarif > msk-esm.sarif
              msk-esm lint cdk.out
              msk-esm lint plan.json --output github
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: ArgumentHelp(
            "CloudFormation/SAM templates (JSON, YAML), a cdk.out directory, Terraform plans (show -json), or - for stdin.",
            valueName: "file"))
    var files: [String] = []

    @Option(
        name: .customLong("parameter"),
        help: ArgumentHelp(
            "A template parameter's value (also pseudo parameters such as AWS::Region); repeat for several.",
            valueName: "key=value"))
    var parameterAssignments: [String] = []

    @Option(
        help: ArgumentHelp(
            "Parameter values: [{\"ParameterKey\", \"ParameterValue\"}] or {\"Parameters\": {KEY: VALUE}}.",
            valueName: "file"))
    var parametersFile: String?

    func validate() throws {
        try global.validate(allowsJSONLines: true, printsCIReports: true)
        if files.isEmpty { throw ValidationError("give at least one template file") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read once") }
    }

    func run() throws {
        var parameters = TemplateParameterValues()
        if let parametersFile {
            let data = try InputReader.data(from: parametersFile, label: "--parameters-file")
            let document = try JSONParser.parseDocument(
                data, source: parametersFile, fix: "give the parameters as JSON")
            try parameters.add(file: document, source: parametersFile)
        }
        for assignment in parameterAssignments { try parameters.add(assignment: assignment) }
        let linter = TemplateLinter(parameters: parameters, now: global.now, drawsDiagrams: global.output == .markdown)
        var reports: [LintFileReport] = []
        for file in try files.flatMap(LintCommand.templates) {
            let root = try TemplateReader.read(path: file)
            reports.append(try linter.lint(root: root, file: file == "-" ? "standard input" : file))
        }
        let report = LintReport(files: reports)
        let console = CommandContext.console
        switch global.output {
        case .json, .reportJSON:
            console.write(try JSONOutput.document(report))
        case .jsonl:
            for file in report.files { console.write(try JSONOutput.documentLine(file)) }
        case .sarif:
            let directory = FileManager.default.currentDirectoryPath
            console.write(try JSONOutput.document(SARIFRenderer(baseDirectory: directory).log(report)))
        case .github:
            console.write(GitHubAnnotationRenderer().lines(report))
        case .markdown:
            console.write(MarkdownReportRenderer().document(report))
        case .text, .table:
            console.write(LintCommand.text(report, color: console.colorEnabled(global), quiet: global.quiet))
        }
        if report.isFailing(strict: global.strict) { throw ExitCode(1) }
    }

    /// The templates an argument names: the file itself, or for a directory (a CDK `cdk.out`) every
    /// `*.template.json` in it, in name order.
    static func templates(in argument: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return [argument] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
        let templates = names.filter { $0.hasSuffix(".template.json") }.sorted()
        guard !templates.isEmpty else {
            throw ToolError.usage(
                "a directory without *.template.json files", input: argument,
                fix: "give a template file, or a cdk.out directory after cdk synth")
        }
        return templates.map { URL(fileURLWithPath: argument).appendingPathComponent($0).path }
    }

    /// Text for people: per file and mapping, the doctor's report with each finding's place
    /// (`file:line:column Resource.Property`).
    static func text(_ report: LintReport, color: Bool, quiet: Bool) -> String {
        let renderer = ReportRenderer(color: color, quiet: quiet)
        var output = ""
        for file in report.files {
            let place = { (finding: LintFinding) -> Finding in
                guard let location = finding.location else { return finding.finding }
                var located = finding.finding
                let position = location.line.map { ":\($0):\(location.column ?? 1)" } ?? ""
                let construct = location.constructPath.map { " (construct \($0))" } ?? ""
                let place = location.path.isEmpty ? location.resource : "\(location.resource).\(location.path)"
                located.title += " [\(location.file)\(position) \(place)\(construct)]"
                return located
            }
            for mapping in file.mappings {
                let checks = mapping.summary["checks"]?.arrayValue?.compactMap(\.stringValue) ?? []
                output += renderer.text(
                    CheckReport(findings: mapping.findings.map(place)),
                    summaryLines: [
                        "\(file.file): mapping \(mapping.mapping) (\(file.format))",
                        "checks run: " + checks.joined(separator: ", "),
                    ])
            }
            if !file.findings.isEmpty || file.mappings.isEmpty {
                output += renderer.text(
                    CheckReport(findings: file.findings.map(place)), summaryLines: ["\(file.file) (\(file.format))"])
            }
        }
        return output
    }
}

extension LintCommand: CommandWithGlobalOptions {}

extension LintCommand: AcceptsOutputFormats {
    static var outputFormats: [OutputFormat] { [.text, .json, .jsonl, .sarif, .github, .markdown] }
}
