import Foundation

/// Where a lint finding points: the file, the resource's logical id, the property path under it
/// (`Properties.Topics`), and for hand-written templates the line and column of that property
/// (docs/output.md#lint).
public struct LintLocation: Codable, Sendable, Equatable {
    /// The template file as given on the command line.
    public var file: String
    /// The logical id of the resource the finding is about.
    public var resource: String
    /// The property path under the resource, dot-separated (`Properties.SourceAccessConfigurations.0.URI`).
    public var path: String
    /// 1-based line and column of the property (or of the nearest enclosing node that exists in the file).
    public var line: Int?
    /// 1-based column of the property.
    public var column: Int?
    /// For a resource the SAM transform generates: the SAM resource (and event) it comes from.
    public var generatedFrom: String?
    /// For CDK output (`cdk.out/*.template.json`): the resource's construct path, its
    /// `Metadata["aws:cdk:path"]` (`OrdersStack/Consumer/KafkaEventSource:…/Resource`). The template is generated,
    /// so this, not the line, is where to edit: in the CDK app's construct of that path.
    public var constructPath: String?

    /// A location; `position` nil for what the file does not hold (a generated resource without source).
    public init(
        file: String, resource: String, path: String, position: TemplatePosition?, generatedFrom: String? = nil,
        constructPath: String? = nil
    ) {
        self.file = file
        self.resource = resource
        self.path = path
        self.line = position?.line
        self.column = position?.column
        self.generatedFrom = generatedFrom
        self.constructPath = constructPath
    }
}

/// A doctor finding with where it is in the template: the finding's own members plus `location`.
public struct LintFinding: Encodable, Sendable, Equatable {
    /// The doctor's finding.
    public var finding: Finding
    /// Where it is; nil for a finding about the whole file.
    public var location: LintLocation?

    /// Pairs a finding with its place.
    public init(_ finding: Finding, location: LintLocation?) {
        self.finding = finding
        self.location = location
    }

    enum CodingKeys: String, CodingKey { case location }

    public func encode(to encoder: Encoder) throws {
        try finding.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(location, forKey: .location)
    }
}

/// One mapping's document: `{mapping, verdict, findings, summary}`; the summary is the doctor's.
public struct LintMappingReport: Encodable, Sendable {
    /// The mapping's logical id.
    public var mapping: String
    /// The worst severity of the mapping's findings.
    public var verdict: Verdict
    /// The mapping's findings, located.
    public var findings: [LintFinding]
    /// The doctor's summary (`function`, `topic`, `cluster`, `method`, `port`, `checks`, `skipped`).
    public var summary: JSONValue
    /// The mapping's path with its problems marked, for the Markdown report; not part of the JSON document.
    public var diagram: MappingPathDiagram?

    enum CodingKeys: String, CodingKey { case mapping, verdict, findings, summary }

    /// A mapping's report; the verdict is computed from `findings`.
    public init(mapping: String, findings: [LintFinding], summary: JSONValue) {
        self.mapping = mapping
        self.findings = findings
        self.summary = summary
        self.verdict = Verdict(findings: findings.map(\.finding))
    }
}

/// One file's document: `{file, format, verdict, mappings, findings}`; `findings` holds what concerns several
/// mappings or the file itself (two mappings for the same function and topic, no Kafka mapping).
public struct LintFileReport: Encodable, Sendable {
    /// The file as given on the command line.
    public var file: String
    /// `cloudformation`, `sam` or `cdk` (a template the CDK synthesised: its resources carry construct paths).
    public var format: String
    /// The worst of the mappings' verdicts and of the file's own findings.
    public var verdict: Verdict
    /// One report per Kafka mapping of the file.
    public var mappings: [LintMappingReport]
    /// Findings about the file or several mappings.
    public var findings: [LintFinding]

    /// A file's report; the verdict is computed.
    public init(file: String, format: String, mappings: [LintMappingReport], findings: [LintFinding]) {
        self.file = file
        self.format = format
        self.mappings = mappings
        self.findings = findings
        self.verdict = Verdict.worst(mappings.map(\.verdict) + [Verdict(findings: findings.map(\.finding))])
    }
}

/// `msk-esm lint`'s document: `{verdict, files}`, the verdict the worst of all files (docs/output.md#lint).
public struct LintReport: Encodable, Sendable {
    /// The worst verdict of all files.
    public var verdict: Verdict
    /// One report per file, in the order given.
    public var files: [LintFileReport]

    /// The report over `files`.
    public init(files: [LintFileReport]) {
        self.files = files
        self.verdict = Verdict.worst(files.map(\.verdict))
    }

    /// Every finding of every file, in report order.
    public var allFindings: [LintFinding] {
        files.flatMap { file in file.mappings.flatMap(\.findings) + file.findings }
    }

    /// Whether the report counts as failed: a `fail`, or with `strict` also a `warn` or a skipped check.
    public func isFailing(strict: Bool) -> Bool {
        if verdict == .fail { return true }
        guard strict else { return false }
        // Looked for in place: `allFindings` copies every finding (1 % of linting a 500-resource template).
        let skipped = { (finding: LintFinding) in finding.finding.severity == .skipped }
        return verdict == .warn
            || files.contains {
                $0.findings.contains(where: skipped) || $0.mappings.contains { $0.findings.contains(where: skipped) }
            }
    }
}

extension LintLocation: JSONValueRepresentable {
    /// The members the synthesised `encode(to:)` writes: the optional ones only when present.
    package var jsonValue: JSONValue {
        var members = [String: JSONValue](minimumCapacity: 7)
        members["file"] = .string(file)
        members["resource"] = .string(resource)
        members["path"] = .string(path)
        if let line { members["line"] = .number(Double(line)) }
        if let column { members["column"] = .number(Double(column)) }
        if let generatedFrom { members["generatedFrom"] = .string(generatedFrom) }
        if let constructPath { members["constructPath"] = .string(constructPath) }
        return .object(members)
    }
}

extension LintFinding: JSONValueRepresentable {
    /// The finding's members plus `location`, as `encode(to:)` writes them.
    package var jsonValue: JSONValue {
        var members = finding.jsonMembers(reserving: 1)
        if let location { members["location"] = location.jsonValue }
        return .object(members)
    }
}

extension LintMappingReport: JSONValueRepresentable {
    /// The members `encode(to:)` writes (not the diagram).
    package var jsonValue: JSONValue {
        .object([
            "mapping": .string(mapping), "verdict": .string(verdict.rawValue),
            "findings": .array(findings.map(\.jsonValue)), "summary": summary,
        ])
    }
}

extension LintFileReport: JSONValueRepresentable {
    /// The members the synthesised `encode(to:)` writes; the mappings' documents are made on every core, as they
    /// are independent of each other (a 500-resource template has 124 of them, 4.4 MB printed).
    package var jsonValue: JSONValue {
        .object([
            "file": .string(file), "format": .string(format), "verdict": .string(verdict.rawValue),
            "mappings": .array(mappings.concurrentMap(\.jsonValue)), "findings": .array(findings.map(\.jsonValue)),
        ])
    }
}
