import ArgumentParser
import Foundation
import MSKESMCore

/// `msk-esm filter test`: FilterCriteria patterns over Kafka records, each record kept or dropped with the filter
/// and clause that decided, and the FLT findings (FilterTest in the core).
struct FilterTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract:
            "Evaluate filter patterns against Kafka records as Lambda does: each record kept or dropped, and why.",
        discussion: """
            Lambda base64-decodes each record's value and matches it as JSON when it parses as JSON, otherwise \
            as a plain string; only value can be filtered (keys and headers cannot); filters are ORed and \
            decide record by record. The patterns use Lambda's filter rule syntax (null, empty, equals, \
            equals-ignore-case, and, or, $or, anything-but, numeric, exists, prefix, suffix); any other operator \
            is an FLT001 finding, never evaluated.

            Patterns: --pattern JSON or --pattern-file FILE (repeat them, in filter order; a file may also hold \
            a FilterCriteria object {"Filters": [{"Pattern": …}]}), or the mapping's own FilterCriteria from \
            --snapshot FILE or --mapping UUID (read from AWS). Records: an EVENT file as Lambda delivers it \
            (msk-esm event sample prints one; a recorded batch; up to 64 MiB), or --value TEXT for one record \
            (repeat it for several).

            The findings are the filter rules of doctor and the create/update preflight (FLT001–FLT006), plus \
            FLT003 when every record is a plain string but a filter needs JSON. With --output json: \
            {"verdict", "findings", "summary": {"filters", "records": [{"topic", "partition", "offset", \
            "kept", "filter", "clause"}], "kept", "dropped"}}, "filter" being the index of the filter that kept \
            the record (null when dropped). Exit 1 when a filter rule fails (not when records are dropped).

            Examples:
              msk-esm filter test --pattern '{"value": {"amount": [{"numeric": [">", 10]}]}}' event.json
              msk-esm filter test --pattern '{"value": [{"prefix": "ERROR"}]}' --value 'ERROR disk full'
              msk-esm filter test --snapshot snapshot.json event.json --output json
              msk-esm filter test --mapping 14e0db71-5d35-4eb5-b481-8945cf9d10c2 event.json
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: ArgumentHelp(
            "A Kafka event as Lambda delivers it (JSON, up to 64 MiB), or - for standard input.", valueName: "file"))
    var event: String?

    @Option(help: ArgumentHelp("A filter pattern (JSON); repeat for several filters.", valueName: "json"))
    var pattern: [String] = []

    @Option(
        help: ArgumentHelp(
            "A file holding a filter pattern, or a FilterCriteria object; repeatable.", valueName: "file"))
    var patternFile: [String] = []

    @Option(help: ArgumentHelp("A record's value as text; repeat for several records.", valueName: "text"))
    var value: [String] = []

    @Option(help: ArgumentHelp("Test the filters of this snapshot's mapping.", valueName: "file"))
    var snapshot: String?

    @Option(help: ArgumentHelp("Test the filters of this mapping, read from AWS.", valueName: "uuid"))
    var mapping: String?

    func validate() throws {
        try global.validate()
        let patternSources = [!pattern.isEmpty || !patternFile.isEmpty, snapshot != nil, mapping != nil]
        if patternSources.filter({ $0 }).count != 1 {
            throw ValidationError("give the filters with --pattern/--pattern-file, --snapshot FILE or --mapping UUID")
        }
        if event != nil && !value.isEmpty {
            throw ValidationError("give records as an EVENT file or --value, not both")
        }
        if event == nil && value.isEmpty { throw ValidationError("give the records: an EVENT file or --value TEXT") }
        if let mapping { try MappingCommandSupport.validateUUID(mapping) }
    }

    func run() async throws {
        let input = try await filterInput()
        let records = try readRecords()
        let report = FilterTest.run(input, records: records)
        switch global.output {
        case .json, .reportJSON, .jsonl:
            // The same document as global.finish prints, written without the Encodable round trip.
            let document = try Self.document(report)
            let console = CommandContext.console
            console.write(
                global.output == .jsonl ? try JSONOutput.documentLine(document) : try JSONOutput.document(document))
            if report.isFailing(strict: global.strict) { throw ExitCode(1) }
        case .text, .table, .sarif, .github, .markdown:
            try global.finish(report, summaryLines: Self.summaryLines(report.summary))
        }
    }

    /// The report as its JSON document: `{verdict, findings, summary}`.
    static func document(_ report: CheckReport<FilterTestSummary>) throws -> JSONValue {
        .object([
            "verdict": .string(report.verdict.rawValue), "findings": try JSONValue(encoding: report.findings),
            "summary": report.summary.document(skipped: report.skippedFindings.count),
        ])
    }

    func filterInput() async throws -> FilterCriteriaRules.Input {
        if let snapshot {
            return FilterCriteriaRules.Input(snapshot: try Snapshot.load(path: snapshot))
        }
        if let mapping {
            let client = try LiveDecoding.client(global)
            let document = try await LiveDecoding.mapping(mapping, client: client)
            let configuration = try LiveDecoding.decode(
                document, as: EventSourceMappingConfiguration.self, what: "GetEventSourceMapping output")
            return FilterCriteriaRules.Input(mapping: configuration)
        }
        var patterns: [String?] = pattern
        for file in patternFile {
            let text = try InputReader.text(from: file, label: "--pattern-file")
            patterns += Self.patterns(inFile: text)
        }
        return FilterCriteriaRules.Input(patterns: patterns)
    }

    /// A pattern file's patterns: a FilterCriteria object's `Filters[].Pattern`, or the file as one pattern.
    static func patterns(inFile text: String) -> [String?] {
        if let (value, _) = try? JSONParser.parse(text), let filters = value["Filters"]?.arrayValue {
            return filters.map { $0["Pattern"]?.stringValue }
        }
        return [text.trimmingWhitespaceAndNewlines()]
    }

    func readRecords() throws -> [FilterTestRecord] {
        if let event {
            let source = event == "-" ? "standard input" : event
            let data = try InputReader.data(from: event, label: "EVENT", limit: .event)
            return try FilterTestRecord.records(inEventData: data, source: source)
        }
        return value.map { FilterTestRecord(value: FilterRecordValue(text: $0)) }
    }

    static func summaryLines(_ summary: FilterTestSummary) -> [String] {
        var lines = ["\(summary.records.count) record(s): \(summary.kept) kept, \(summary.dropped) dropped"]
        for (index, filter) in summary.filters.enumerated() {
            lines.append("filter \(index): \(filter.count > 200 ? String(filter.prefix(199)) + "…" : filter)")
        }
        for (index, record) in summary.records.enumerated() {
            let place =
                record.topic == nil && record.partition == nil && record.offset == nil
                ? "record \(index)"
                : "\(record.topic ?? "?")-\(record.partition.map(String.init) ?? "?")@\(record.offset.map(String.init) ?? "?")"
            lines.append("\(record.kept ? "kept   " : "dropped") \(place): \(record.clause)")
        }
        return lines
    }
}

extension FilterTestCommand: CommandWithGlobalOptions {}
