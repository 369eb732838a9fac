import MSKESMAWS
import MSKESMCore

/// What the end of a `doctor --all` text table or Markdown summary shows of one diagnosed mapping: a few short
/// strings and the code and title of its most severe finding. Kept for every mapping until the report ends, so
/// it holds nothing else of the diagnosis (a 10,000-mapping run keeps 10,000 of them).
struct FleetReportRow: Sendable {
    var uuid: String
    var accountId: String?
    var region: String
    var function: String
    var topic: String?
    var verdict: Verdict
    /// The code and title of the most severe finding that is neither a pass nor information.
    var topFinding: (code: String, title: String)?

    init(_ result: MappingFleet.Result) {
        uuid = result.diagnosis.uuid
        accountId = result.accountId
        region = result.region
        function = result.function
        topic = result.topic
        verdict = result.diagnosis.report.verdict
        topFinding = FleetReportWriter.top(result.diagnosis.report).map { ($0.code, $0.title) }
    }
}
